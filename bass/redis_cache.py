"""Django's Redis cache, made to do without Redis for a while.

The cache only keeps rendered fragments and computed summaries (``bass.cache.kept``) and a
copy of the sessions (``cached_db``): everything in it can be rebuilt from the database.
So when Redis cannot be reached, a read finds nothing and a write keeps nothing, and the
page is rendered from the database as if the cache were empty, instead of failing with a
500. The first failure after a working spell is logged, and then at most once a minute;
the next call after Redis is back uses it again.

Sessions are written through to the database and read from it when the cache has nothing;
the content versions and the login throttle are only in the database. ``tests/faults``
proves the whole app serves its pages with Redis stopped, paused or emptied.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)
_LOG_EVERY = 60.0
_last_logged = 0.0

T = TypeVar("T")


def _tolerate(call: Callable[[], T], fallback: T) -> T:
    global _last_logged  # one process-wide rate limit for the warning
    try:
        return call()
    except UNREACHABLE as exc:
        now = time.monotonic()
        if now - _last_logged > _LOG_EVERY:
            _last_logged = now
            logger.warning("The cache (Redis) cannot be reached; serving without it: %s", exc)
        return fallback


class TolerantRedisCacheClient(RedisCacheClient):
    """Every operation answers as an empty cache would while Redis is unreachable."""

    def add(self, key: Any, value: Any, timeout: Any) -> bool:
        return _tolerate(
            lambda: super(TolerantRedisCacheClient, self).add(key, value, timeout), False
        )

    def get(self, key: Any, default: Any) -> Any:
        return _tolerate(lambda: super(TolerantRedisCacheClient, self).get(key, default), default)

    def set(self, key: Any, value: Any, timeout: Any) -> None:
        _tolerate(lambda: super(TolerantRedisCacheClient, self).set(key, value, timeout), None)

    def touch(self, key: Any, timeout: Any) -> bool:
        return _tolerate(lambda: super(TolerantRedisCacheClient, self).touch(key, timeout), False)

    def delete(self, key: Any) -> bool:
        return _tolerate(lambda: super(TolerantRedisCacheClient, self).delete(key), False)

    def get_many(self, keys: Any) -> dict[Any, Any]:
        return _tolerate(lambda: super(TolerantRedisCacheClient, self).get_many(keys), {})

    def has_key(self, key: Any) -> bool:
        return _tolerate(lambda: super(TolerantRedisCacheClient, self).has_key(key), False)

    def incr(self, key: Any, delta: int) -> Any:
        try:
            return super().incr(key, delta)
        except UNREACHABLE:
            _tolerate(self._raise_unreachable, None)
            # As for a key that is not there.
            raise ValueError("the cache cannot be reached") from None

    def set_many(self, data: Any, timeout: Any) -> None:
        _tolerate(lambda: super(TolerantRedisCacheClient, self).set_many(data, timeout), None)

    def delete_many(self, keys: Any) -> None:
        _tolerate(lambda: super(TolerantRedisCacheClient, self).delete_many(keys), None)

    def clear(self) -> bool:
        return _tolerate(lambda: super(TolerantRedisCacheClient, self).clear(), False)

    @staticmethod
    def _raise_unreachable() -> None:
        raise RedisConnectionError("incr")


class TolerantRedisCache(RedisCache):
    """``django.core.cache.backends.redis.RedisCache`` that serves without Redis."""

    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = TolerantRedisCacheClient
