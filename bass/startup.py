"""Checks made once when the app starts serving: gunicorn (gunicorn.conf.py, and
config.wsgi for any other WSGI server), runserver and migrate (manage.py), the Celery worker
and beat (config.celery)."""

import sys

from django.core.checks import CheckMessage, run_checks
from django.core.exceptions import ImproperlyConfigured

from bass.checks import PAGES, START, static_manifest


def start_errors(*, pages: bool) -> list[CheckMessage]:
    """What stops this process from serving (bass.checks): the development key (bass.E001)
    for every one, the uncollected static files (bass.E002) for those that serve ``pages``
    (the worker, beat and migrate render no page)."""
    tags = [START, PAGES] if pages else [START]
    found = run_checks(tags=tags, include_deployment_checks=True)
    return sorted((m for m in found if m.is_serious()), key=lambda m: str(m.id))


def refusal_lines(errors: list[CheckMessage]) -> list[str]:
    """Three lines per problem: what is wrong, what to do, and where to read more."""
    lines = []
    for error in errors:
        lines += [
            f"BASS Ambitions refuses to start: {error.msg}",
            f"  What to do: {error.hint}",
            f"  ({error.id}; `python manage.py check --deploy` lists every such problem, "
            "docs/operators/configuration.md explains them.)",
        ]
    return lines


def refuse_to_start(*, pages: bool) -> None:
    """Print the refusals on stderr and exit with code 1, without a traceback."""
    errors = start_errors(pages=pages)
    if not errors:
        return
    print("\n".join(refusal_lines(errors)), file=sys.stderr, flush=True)
    raise SystemExit(1)


def raise_start_errors() -> None:
    """The same refusal for a WSGI server that imports ``config.wsgi``: an exception, so that
    a server which restarts a worker that exits stops instead (gunicorn halts on it)."""
    errors = start_errors(pages=True)
    if errors:
        raise ImproperlyConfigured("\n".join(refusal_lines(errors)))


def require_collected_static() -> None:
    """Without DEBUG, static files are named through the manifest that `collectstatic`
    writes; a missing manifest would make every page a 500, so refuse to start instead."""
    manifest = static_manifest()
    if manifest is None:
        return
    raise ImproperlyConfigured(
        "DEBUG is off, so the pages need the static files collected, and they are not "
        f"({manifest} is missing). Run `python manage.py collectstatic --noinput` first, "
        "or start with DEBUG=true for development (bin/start does that)."
    )
