"""The professional ambition (faglig ambition): its frameworks, actions and status.

Models live in ``ambitions.models.professional``; this package holds what works on them:
``access`` (fetch or refuse), ``frameworks`` and ``actions`` (the pages, their forms and
services), ``progress`` (what "Status og fremdrift" computes) and ``urls``.
"""
