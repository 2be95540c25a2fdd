"""The professional ambition's pages, one module per page: ``overview``, ``frameworks``,
``status``, ``traceability``, ``focus_areas`` (Konkretisering af handlinger) and its writes in
``actions``."""
