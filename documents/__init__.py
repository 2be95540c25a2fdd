"""PDF documents and status reports, rendered in the background with WeasyPrint.

A person asks for a document (``services.document_request``); a ``DocumentJob`` records the
request and a Celery task (``tasks.render_document``) builds the document's HTML from the
database (``builders``), turns it into a tagged PDF (``pdf``) and stores it where no public
URL reaches it (``storage``). The download view checks permission every time.
"""
