"""Refuse to serve with the repository's development secret key, or without static files.

``config.settings`` falls back to a key that is published in the repository, so that a
laptop, the tests and the tools (mypy, makemessages) run with nothing configured. A process
that serves people must never use it: anyone could forge its sessions. So with DEBUG off,
every serving process stops at start-up with this message: gunicorn and runserver (both load
``config.wsgi``) and the Celery worker (``config.celery``). ``manage.py check --deploy`` reports
it too. The plain system checks do not: the tools that only read the code (makemigrations,
makemessages, check) must run on a laptop with nothing configured.

Both refusals are deployment checks, tagged ``START`` (bass.E001: every process that serves
or changes the installation) and ``PAGES`` (bass.E002: the processes that serve pages), and
those processes run exactly them at their start through ``bass.startup.refuse_to_start``:
three lines per problem on stderr and exit code 1, no traceback (issue 23, item 5).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, register
from django.core.exceptions import ImproperlyConfigured

# The checks a serving process runs at its start (bass.startup.refuse_to_start): START in
# every one, PAGES also in those that serve pages (gunicorn, runserver).
START = "bass_start"
PAGES = "bass_pages"

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


@register(START, deploy=True)
def check_secret_key(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    if uses_development_key():
        return [Error(MESSAGE, hint=HINT, id="bass.E001")]
    return []


def static_manifest() -> Path | None:
    """The manifest `collectstatic` writes, if the pages need it and it is missing: without
    DEBUG every page names its CSS through it, and would otherwise be a 500."""
    backend = settings.STORAGES["staticfiles"]["BACKEND"]
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if settings.DEBUG or "Manifest" not in backend or manifest.exists():
        return None
    return manifest


@register(PAGES, deploy=True)
def check_collected_static(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    manifest = static_manifest()
    if manifest is None:
        return []
    return [
        Error(
            f"DEBUG is off and the static files are not collected ({manifest} is missing).",
            hint="Run `python manage.py collectstatic --noinput` first (the image does it at "
            "build), or start with DEBUG=true for development (bin/start does).",
            id="bass.E002",
        )
    ]
