"""The Redis cache answers as an empty cache while Redis cannot be reached (no server is
needed: the port is closed). The whole app without Redis: tests/faults/test_redis_stopped.py."""

from __future__ import annotations

import logging
import socket

import pytest

from bass import redis_cache
from bass.redis_cache import TolerantRedisCache


@pytest.fixture
def unreachable() -> TolerantRedisCache:
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return TolerantRedisCache(
        f"redis://127.0.0.1:{port}/0", {"OPTIONS": {"socket_connect_timeout": 0.5}}
    )


def test_every_operation_answers_as_an_empty_cache(
    unreachable: TolerantRedisCache, caplog: pytest.LogCaptureFixture
) -> None:
    redis_cache._last_logged = 0.0
    with caplog.at_level(logging.WARNING, logger="bass.redis_cache"):
        assert unreachable.get("k") is None
        assert unreachable.get("k", "default") == "default"
        assert unreachable.add("k", 1) is False
        unreachable.set("k", 1)
        assert unreachable.touch("k") is False
        assert unreachable.delete("k") is False
        assert unreachable.get_many(["a", "b"]) == {}
        assert unreachable.has_key("k") is False
        unreachable.set_many({"a": 1})
        unreachable.delete_many(["a"])
        assert unreachable.clear() is False
        # As for a missing key.
        with pytest.raises(ValueError, match="cannot be reached"):
            unreachable.incr("k")
    # Logged once, not once per call.
    warnings = [r for r in caplog.records if "cannot be reached" in r.getMessage()]
    assert len(warnings) == 1


@pytest.mark.django_db
def test_the_content_version_does_without_the_cache(
    unreachable: TolerantRedisCache, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The versions are in the database: a write with the cache away still changes them."""
    from bass import cache as content

    monkeypatch.setattr(content, "cache", unreachable)
    before = content.version(1)
    assert before.startswith(f"{content.release()}.")
    content.bump(1)
    assert content.version(1) != before
    assert content.kept("thing", before, compute=lambda: "computed") == "computed"
