"""gunicorn's settings file, read from the working directory (the image's /app) by default.

Only the start refusal lives here; the command line in docker-compose.yml says the rest."""

from typing import Any


def on_starting(server: Any) -> None:
    """Before gunicorn binds or forks: with DEBUG off, no development SECRET_KEY and no
    missing static files (bass.checks). Three lines per problem and exit code 1, instead of
    a traceback from every worker (issue 23, item 5)."""
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    from bass.startup import refuse_to_start

    refuse_to_start(pages=True)
