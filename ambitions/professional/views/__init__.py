"""The professional ambition's pages, one module per page: ``overview``, ``frameworks``,
``status``, ``traceability``, ``focus_areas`` (Konkretisering af handlinger) with its action
cards in ``action_cards`` and its writes in ``actions``."""
