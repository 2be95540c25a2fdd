"""The Celery application. Configuration comes from Django settings (CELERY_* names)."""

import os
import sys
from typing import Any

from celery import Celery
from celery.signals import worker_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("bass")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_init.connect
def _refuse_development_key(**kwargs: Any) -> None:
    """A worker sends e-mails with links and writes documents: it starts only with a real
    SECRET_KEY while DEBUG is off, like the web process (bass/checks.py).

    Celery catches every ``Exception`` a signal handler raises, logs it and carries on, so
    the refusal leaves as ``SystemExit`` (which it lets through): the worker stops."""
    from django.core.exceptions import ImproperlyConfigured

    from bass.checks import refuse_development_key

    try:
        refuse_development_key()
    except ImproperlyConfigured as refusal:
        print(refusal, file=sys.stderr)  # the worker's log is not set up yet
        raise SystemExit(1) from refusal


@worker_init.connect
def _yield_to_pages(**kwargs: Any) -> None:
    """A PDF takes seconds of CPU, a page milliseconds: where web and worker share cores, the
    worker (and the pool processes it forks, which inherit it) runs at a lower priority, so
    page requests go first (WORKER_NICENESS, default 10; 0 leaves it alone). Measured by
    ``bin/benchmark pages`` ("Pages while a PDF renders")."""
    from django.conf import settings

    if settings.WORKER_NICENESS:
        os.nice(settings.WORKER_NICENESS)
