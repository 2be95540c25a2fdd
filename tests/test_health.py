"""The health URL (/health/) and `manage.py health`: 200 with every check up, 503 naming
the one that is down; the beat tick; and the one-line logging (issue #23, item 3)."""

from __future__ import annotations

import datetime
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client, override_settings
from django.utils import timezone

from bass import health

ROOT = Path(__file__).resolve().parent.parent


# Without a broker (REDIS_URL, which CI sets) the broker and beat checks are left out.
WITHOUT_BROKER = override_settings(REDIS_URL="")


@pytest.mark.django_db
@WITHOUT_BROKER
def test_health_answers_200_with_every_check_up() -> None:
    response = Client().get("/health/")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["failed"] == []
    assert body["checks"] == {"Database": "OK", "Cache": "OK", "Storage": "OK"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
@WITHOUT_BROKER
def test_health_answers_503_naming_the_database_when_it_is_down(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(health.Database, "check_status", lambda self: self.add_error("down"))
    response = Client().get("/health/")
    assert response.status_code == 503
    body = response.json()
    assert body["failed"] == ["Database"]
    assert body["checks"]["Cache"] == "OK"


@pytest.mark.django_db
@override_settings(REDIS_URL="redis://127.0.0.1:1/0")
def test_with_a_broker_configured_the_broker_and_beat_are_checked() -> None:
    """Nothing listens on port 1: the broker is named as down; beat has never ticked."""
    cache.delete(health.BEAT_TICK_KEY)
    response = Client().get("/health/")
    assert response.status_code == 503
    body = response.json()
    assert body["failed"] == ["Broker", "Beat"]
    assert "does not answer" in body["checks"]["Broker"]
    assert "no tick" in body["checks"]["Beat"]


@override_settings(REDIS_URL="redis://127.0.0.1:1/0")
def test_a_recent_beat_tick_is_healthy_and_an_old_one_is_not() -> None:
    health.beat_tick()
    assert health.run(["beat"]) == {"Beat": "OK"}
    old = timezone.now() - datetime.timedelta(minutes=6)
    cache.set(health.BEAT_TICK_KEY, old.isoformat())
    assert "s old" in health.run(["beat"])["Beat"]


@pytest.mark.django_db
@override_settings(REDIS_URL=os.environ.get("REDIS_URL", ""))
def test_with_the_broker_up_and_a_recent_tick_all_is_healthy() -> None:
    """Against CI's Redis: the broker answers and a fresh tick makes beat healthy."""
    from tests.conftest import require_service

    require_service(bool(os.environ.get("REDIS_URL")), "Redis (REDIS_URL)")
    health.beat_tick()
    response = Client().get("/health/")
    assert response.status_code == 200, response.json()
    assert set(response.json()["checks"]) == {"Database", "Cache", "Storage", "Broker", "Beat"}


def test_beat_queues_the_tick_every_minute() -> None:
    from django.conf import settings

    entry = settings.CELERY_BEAT_SCHEDULE["health-tick"]
    assert entry == {"task": "bass.health.beat_tick", "schedule": 60.0}
    assert "bass.health" in settings.CELERY_IMPORTS


@pytest.mark.django_db
@WITHOUT_BROKER
def test_the_command_prints_each_check_and_fails_on_one_down(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    call_command("health")
    assert capsys.readouterr().out.splitlines() == ["Database: OK", "Cache: OK", "Storage: OK"]
    monkeypatch.setattr(health.Storage, "check_status", lambda self: self.add_error("full"))
    with pytest.raises(CommandError, match="failed: Storage"):
        call_command("health", "storage")
    with pytest.raises(CommandError, match="no such check here: beat"):
        call_command("health", "beat")


@WITHOUT_BROKER
def test_the_probe_exits_0_only_on_200(live_server_url: str) -> None:
    from bass.probe import probe

    assert probe(f"{live_server_url}/health/") == 0
    assert probe(f"{live_server_url}/not-here/") == 1
    assert probe("http://127.0.0.1:1/health/") == 1


@pytest.fixture
def live_server_url(live_server: object) -> str:
    return str(live_server.url)  # type: ignore[attr-defined]


def test_one_log_line_per_event_with_debug_on() -> None:
    """Django's own loggers print through the root handler only: once, not twice."""
    code = (
        "import django, logging; django.setup();"
        "logging.getLogger('django.request').warning('one event')"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", "DEBUG": "true"}
    env.pop("LOG_LEVEL", None)
    result = subprocess.run(  # noqa: S603 - our own interpreter and a fixed snippet
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    lines = [line for line in result.stderr.splitlines() if "one event" in line]
    assert len(lines) == 1
    assert "WARNING django.request one event" in lines[0]


def test_log_level_sets_the_level() -> None:
    from django.conf import settings

    assert settings.LOGGING["root"]["level"] == settings.LOG_LEVEL
    assert logging.getLevelName(settings.LOG_LEVEL) != f"Level {settings.LOG_LEVEL}"
