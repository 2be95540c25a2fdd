"""The reminder digest through the real clock: `celery -A config beat` queues the task on the
real broker (Redis), the real worker (``celery_worker_process``) sends it, and the sent-log
in the database shows it, once. CI provides Redis and PostgreSQL; without them the test is
skipped on a laptop and fails in CI (``tests.conftest.require_service``).

A digest e-mail sent by another process cannot be read from this one's outbox, so the test
reads the sent-log (``ReminderDigest``), which the same transaction writes as it sends.
"""

from __future__ import annotations

import datetime
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from ambitions.models import Action, Milestone, ProfessionalAmbition
from rounds.models import ReminderDigest, ReminderItem
from tests.conftest import Cast


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_celery_beat_runs_the_reminders_for_real(
    reference_data: None,
    celery_worker_process: None,
    cast: Cast,
    professional: ProfessionalAmbition,
    tmp_path: Path,
) -> None:
    assert not settings.CELERY_TASK_ALWAYS_EAGER
    action = Action.objects.filter(focus_area__framework__ambition=professional).first()
    assert action is not None
    Milestone.objects.create(
        action=action,
        title="Ekkoskabelon klar",
        due_date=timezone.localdate() + datetime.timedelta(days=3),
    )
    db = settings.DATABASES["default"]
    env = {
        **os.environ,
        "DATABASE_URL": (
            f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
        ),
        "SECRET_KEY": os.environ.get("SECRET_KEY") or "pytest-celery-beat-only-not-a-secret",
        # Every second instead of every morning: the sent-log keeps it to one e-mail a day.
        "REMINDERS_EVERY_SECONDS": "1",
    }
    beat = subprocess.Popen(  # noqa: S603  (our own interpreter and arguments)
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "beat",
            "--loglevel=warning",
            f"--schedule={tmp_path / 'celerybeat-schedule'}",
        ],
        cwd=settings.BASE_DIR,
        env=env,
    )
    try:
        deadline = time.monotonic() + 60
        while not ReminderDigest.objects.filter(user=cast.core).exists():
            assert beat.poll() is None, "celery beat stopped"
            assert time.monotonic() < deadline, "beat and the worker sent no digest in 60 s"
            time.sleep(0.5)
        # Beat keeps queueing the task every second; the person still has one digest today.
        time.sleep(3)
    finally:
        beat.terminate()
        beat.wait(timeout=30)
    digest = ReminderDigest.objects.get(user=cast.core)
    assert digest.sent_on == timezone.localdate()
    keys = list(ReminderItem.objects.filter(digest=digest).values_list("key", flat=True))
    milestone = Milestone.objects.get(title="Ekkoskabelon klar")
    assert f"milestone:{milestone.pk}:{milestone.due_date.isoformat()}:soon" in keys
