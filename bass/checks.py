"""Refuse to serve with the repository's development secret key.

``config.settings`` falls back to a key that is published in the repository, so that a
laptop, the tests and the tools (mypy, makemessages) run with nothing configured. A process
that serves people must never use it: anyone could forge its sessions. So with DEBUG off,
every serving process stops at start-up with this message: gunicorn and runserver (both load
``config.wsgi``) and the Celery worker (``config.celery``). ``manage.py check --deploy`` reports
it too. The plain system checks do not: the tools that only read the code (makemigrations,
makemessages, check) must run on a laptop with nothing configured.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, register
from django.core.exceptions import ImproperlyConfigured

MESSAGE = "SECRET_KEY is not set (the repository's development key is in use) while DEBUG is off."
HINT = (
    "Give the app its own key, e.g. "
    "SECRET_KEY=\"$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))')\"; "
    "for development on a laptop set DEBUG=true (bin/start does)."
)


def uses_development_key() -> bool:
    return not settings.DEBUG and settings.SECRET_KEY == settings.DEVELOPMENT_SECRET_KEY


def refuse_development_key() -> None:
    """Raise at start-up of a serving process that would sign with the published key."""
    if uses_development_key():
        raise ImproperlyConfigured(f"{MESSAGE} {HINT}")


@register(deploy=True)
def check_secret_key(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    if uses_development_key():
        return [Error(MESSAGE, hint=HINT, id="bass.E001")]
    return []
