"""What the professional ambition's pages and PDFs read: ``status`` (loading an ambition and
every computed figure of Status og fremdrift), ``tracing`` (traceability and loose ends),
``frameworks`` (the frameworks against the approved strategy), ``programme`` (every
specialty's figures, Mine opgaver) and ``history``."""
