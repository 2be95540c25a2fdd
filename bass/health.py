"""The health URL (/health/): is every service the app needs answering?

Built on django-health-check: the database, the cache, the document storage (on disk or in
the object store), the Celery broker and a recent tick of celery beat. It answers 200 with
every check OK and 503 with the ones that failed named, as JSON, so a load balancer, the
compose health checks (docker-compose.yml) and a person with curl read the same thing.

The beat tick: beat queues ``beat_tick`` every minute (settings.CELERY_BEAT_SCHEDULE), the
worker runs it and records the time in the cache. No recent tick means beat, the worker or
the broker between them is stuck, whichever it is. Without REDIS_URL (a laptop, eager
Celery) there is no broker and no beat, and those two checks are left out.
"""

from __future__ import annotations

import dataclasses
import datetime
from typing import Any

import health_check
from celery import shared_task
from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from health_check.backends import HealthCheck
from health_check.exceptions import ServiceUnavailable
from redis import Redis
from redis.exceptions import RedisError

BEAT_TICK_KEY = "bass:health:beat-tick"
# beat ticks every 60 s; a few missed ticks (a worker busy with PDFs) are no failure yet.
BEAT_TICK_MAX_AGE = datetime.timedelta(minutes=5)


@shared_task(soft_time_limit=10, time_limit=20)
def beat_tick() -> None:
    """Record that a tick of beat reached a worker (kept longer than it is read)."""
    cache.set(BEAT_TICK_KEY, timezone.now().isoformat(), timeout=60 * 60)


@dataclasses.dataclass
class Broker(HealthCheck):
    """Celery's broker (REDIS_URL) answers a ping."""

    def __repr__(self) -> str:
        return "Broker"

    def check_status(self) -> None:
        client = Redis.from_url(settings.REDIS_URL, socket_connect_timeout=1, socket_timeout=2)
        try:
            client.ping()
        except (RedisError, OSError) as exc:
            raise ServiceUnavailable(f"the broker does not answer: {exc}") from exc
        finally:
            client.close()


@dataclasses.dataclass
class BeatTick(HealthCheck):
    """A tick of celery beat reached a worker within BEAT_TICK_MAX_AGE."""

    def __repr__(self) -> str:
        return "Beat"

    def check_status(self) -> None:
        raw = cache.get(BEAT_TICK_KEY)
        if raw is None:
            raise ServiceUnavailable("no tick of celery beat has reached a worker")
        age = timezone.now() - datetime.datetime.fromisoformat(raw)
        if age > BEAT_TICK_MAX_AGE:
            raise ServiceUnavailable(
                f"the last tick of celery beat is {int(age.total_seconds())} s old"
            )


@dataclasses.dataclass
class Cache(health_check.Cache):
    # The library's deprecated fixed key would warn on every check; a fresh key each time.
    cache_key: str | None = dataclasses.field(default=None, repr=False)

    def __repr__(self) -> str:
        return "Cache"


@dataclasses.dataclass
class Database(health_check.Database):
    def __repr__(self) -> str:
        return "Database"


@dataclasses.dataclass
class Storage(health_check.Storage):
    """The rendered documents' storage takes, returns and deletes a file."""

    alias: str = "documents"

    def __repr__(self) -> str:
        return "Storage"


def checks() -> dict[str, HealthCheck]:
    """The checks that apply to this configuration, by name."""
    found: list[HealthCheck] = [Database(), Cache(), Storage()]
    if settings.REDIS_URL:
        found += [Broker(), BeatTick()]
    return {repr(check): check for check in found}


def run(names: list[str] | None = None) -> dict[str, str]:
    """Run the checks (or the named ones): each name with "OK" or what failed."""
    results: dict[str, str] = {}
    for name, check in checks().items():
        if names and name.lower() not in {n.lower() for n in names}:
            continue
        check.run_check()
        results[name] = str(check.pretty_status())
    return results


@require_safe
@never_cache
def health(request: HttpRequest) -> JsonResponse:
    """200 with every check OK, 503 naming the checks that failed."""
    results: dict[str, Any] = run()
    failed = [name for name, status in results.items() if status != "OK"]
    return JsonResponse(
        {"status": "failed" if failed else "ok", "failed": failed, "checks": results},
        status=503 if failed else 200,
    )
