"""Background work: a task round trip through the real Redis broker and a real worker.

CI provides PostgreSQL, Redis and this test's worker process; on a laptop without them the
round trip is skipped (and in CI, with CI=true, a missing service fails the test instead).
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from config.celery import app
from programme.tasks import ping
from specialties.models import Specialty
from tests.factories import SpecialtyFactory

ROOT = Path(settings.BASE_DIR)


@pytest.mark.parametrize(
    ("redis_url", "eager", "broker"),
    [
        ("", True, "memory://localhost/"),
        ("redis://127.0.0.1:6379/0", False, "redis://127.0.0.1:6379/0"),
    ],
)
def test_redis_url_decides_between_eager_tasks_and_a_broker(
    redis_url: str, eager: bool, broker: str
) -> None:
    """Nothing set: tasks run in-process, so a newcomer needs no service. REDIS_URL: a broker."""
    env = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
    if redis_url:
        env["REDIS_URL"] = redis_url
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings as s; "
            "print(s.CELERY_TASK_ALWAYS_EAGER, s.CELERY_BROKER_URL)",
        ],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "config.settings"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.split() == [str(eager), broker]


def test_eager_tasks_return_their_result(db: None) -> None:
    """The embedded default's path: the task runs in-process and its result comes back."""
    before = app.conf.task_always_eager
    app.conf.task_always_eager = True
    try:
        assert ping.delay().get(timeout=5) == {"pong": "ok", "specialties": 9}
    finally:
        app.conf.task_always_eager = before


def test_tasks_are_json_with_time_limits() -> None:
    assert app.conf.task_serializer == "json"
    assert app.conf.accept_content == ["json"]
    assert app.conf.task_acks_late is True
    assert app.conf.task_soft_time_limit < app.conf.task_time_limit


@pytest.mark.services
def test_a_task_round_trip_through_redis_and_a_worker(
    celery_worker_process: None, reference_data: None
) -> None:
    assert not settings.CELERY_TASK_ALWAYS_EAGER
    SpecialtyFactory(name="IM: Rundtur", slug="im-rundtur")
    result = ping.delay()
    # The worker counted the specialty this test just committed: same broker, same database.
    assert result.get(timeout=30) == {"pong": "ok", "specialties": Specialty.objects.count()}
    assert Specialty.objects.count() == 10


def test_the_worker_yields_the_cpu_to_page_requests(monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker lowers its priority as it starts (its pool processes inherit it), by
    WORKER_NICENESS; 0 leaves it alone."""
    from django.test import override_settings

    from config.celery import _yield_to_pages

    calls: list[int] = []
    monkeypatch.setattr(os, "nice", calls.append)
    with override_settings(WORKER_NICENESS=10):
        _yield_to_pages()
    with override_settings(WORKER_NICENESS=0):
        _yield_to_pages()
    assert calls == [10]
