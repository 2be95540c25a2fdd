"""The kernel of BASS Ambitions: what every app builds on and that knows no domain (optimistic
editing, HTTP and HTMX helpers, history, text, the content-version cache, forms). The
project's wiring (settings, root URLconf, WSGI, the Celery app) is ``config``, on top."""
