"""Checks made once when the app starts serving: gunicorn (gunicorn.conf.py, and
config.wsgi for any other WSGI server), runserver and migrate (manage.py), the Celery worker
and beat (config.celery)."""

import sys

from django.core.checks import CheckMessage, run_checks
from django.core.exceptions import ImproperlyConfigured

from bass.checks import START, static_manifest

# The commands of manage.py that serve or change a database people use.
SERVING_COMMANDS = frozenset({"runserver", "migrate"})


def start_errors() -> list[CheckMessage]:
    """What stops this process from serving (bass.checks: bass.E001, bass.E002)."""
    found = run_checks(tags=[START], include_deployment_checks=True)
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


def refuse_to_start() -> None:
    """Print the refusals on stderr and exit with code 1, without a traceback."""
    errors = start_errors()
    if not errors:
        return
    print("\n".join(refusal_lines(errors)), file=sys.stderr, flush=True)
    raise SystemExit(1)


def raise_start_errors() -> None:
    """The same refusal for a WSGI server that imports ``config.wsgi``: an exception, so that
    a server which restarts a worker that exits stops instead (gunicorn halts on it)."""
    errors = start_errors()
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
