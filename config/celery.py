"""The Celery application. Configuration comes from Django settings (CELERY_* names)."""

import os
from typing import Any

from celery import Celery
from celery.signals import beat_init, worker_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("bass")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_init.connect
@beat_init.connect
def _refuse_to_start(**kwargs: Any) -> None:
    """A worker sends e-mails with links and writes documents, beat schedules them: with
    DEBUG off they start only with a real SECRET_KEY, like the web process (bass.checks):
    three lines and exit code 1 (bass.startup). They render no page, so they need no
    collected static files.

    Celery catches every ``Exception`` a signal handler raises, logs it and carries on, so
    the refusal leaves as ``SystemExit`` (which it lets through): the process stops."""
    from bass.startup import refuse_to_start

    refuse_to_start(pages=False)


@beat_init.connect
def _tick_at_start(**kwargs: Any) -> None:
    """The health URL needs a recent tick of beat (bass.health), and beat's first tick of a
    60-second interval comes a minute after it starts: tick once at start too, so a new or
    restarted deployment is healthy as soon as a worker runs the tick, not a minute later."""
    from bass.health import beat_tick

    beat_tick.delay()


@worker_init.connect
def _yield_to_pages(**kwargs: Any) -> None:
    """A PDF takes seconds of CPU, a page milliseconds: where web and worker share cores, the
    worker (and the pool processes it forks, which inherit it) runs at a lower priority, so
    page requests go first (WORKER_NICENESS, default 10; 0 leaves it alone). Measured by
    ``bin/benchmark pages`` ("Pages while a PDF renders")."""
    from django.conf import settings

    if settings.WORKER_NICENESS:
        os.nice(settings.WORKER_NICENESS)
