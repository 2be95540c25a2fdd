"""Refuse to serve with the repository's development secret key.

``bass.settings`` falls back to a key that is published in the repository, so that a
laptop, the tests and the tools (mypy, makemessages) run with nothing configured. A process
that serves people must never use it: anyone could forge its sessions. So with DEBUG off,
gunicorn (``bass.wsgi``), the Celery worker (``bass.celery``) and every management command
that runs the system checks (runserver, migrate, check) stop at start-up with this message.
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


@register()
def check_secret_key(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    if uses_development_key():
        return [Error(MESSAGE, hint=HINT, id="bass.E001")]
    return []
