"""Checks made once when the app starts serving (gunicorn or runserver load config.wsgi)."""

from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def require_collected_static() -> None:
    """Without DEBUG, static files are named through the manifest that `collectstatic`
    writes; a missing manifest would make every page a 500, so refuse to start instead."""
    backend = settings.STORAGES["staticfiles"]["BACKEND"]
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if settings.DEBUG or "Manifest" not in backend or manifest.exists():
        return
    raise ImproperlyConfigured(
        "DEBUG is off, so the pages need the static files collected, and they are not "
        f"({manifest} is missing). Run `python manage.py collectstatic --noinput` first, "
        "or start with DEBUG=true for development (bin/start does that)."
    )
