"""Versions that commit with the data (``bass.cache``): what a second process with a cache of
its own sees, what a restored database shows under the same cache, one computation for a
crowd, and keys that only the cleaned parameters make."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.core.cache import cache as django_cache
from django.test import override_settings
from django.urls import reverse

from bass import cache
from bass.versions.models import ContentVersion
from sustainability.models import Challenge, Perspective
from tests.conftest import Cast

pytestmark = pytest.mark.django_db


@contextmanager
def process(name: str) -> Iterator[None]:
    """A process of its own: its own local-memory cache, no shared Redis."""
    caches = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    caches["default"]["LOCATION"] = name
    with override_settings(CACHES=caches):
        yield


def _challenge(cast: Cast, title: str) -> Challenge:
    perspective = Perspective.objects.order_by("order").first()
    assert perspective is not None
    return Challenge.objects.create(
        specialty=cast.specialty,
        title=title,
        primary_perspective=perspective,
        created_by=cast.owner,
    )


def _challenges_page(cast: Cast) -> str:
    response = cast.client_for(cast.owner).get(
        reverse("sustainability:challenges", args=[cast.specialty.slug])
    )
    assert response.status_code == 200
    return response.text


def test_a_write_in_one_process_is_seen_by_another_with_its_own_cache(cast: Cast) -> None:
    challenge = _challenge(cast, "Ventetid i ambulatoriet")
    with process("a"):
        assert "Ventetid i ambulatoriet" in _challenges_page(cast)  # kept in a's cache
    with process("b"):
        challenge.title = "Ventetid i sengeafsnittet"
        challenge.save()  # b's cache is never told
    with process("a"):
        page = _challenges_page(cast)
    assert "Ventetid i sengeafsnittet" in page
    assert "Ventetid i ambulatoriet" not in page


def test_a_restored_database_shows_only_its_own_content_under_the_same_cache(
    cast: Cast,
) -> None:
    """A restore loads rows without signals (``loaddata``) into a new database whose
    versions start again; under the same cache nothing of the old database is shown."""
    challenge = _challenge(cast, "Fra den gamle database")
    assert "Fra den gamle database" in _challenges_page(cast)
    # As a restore does: the content replaced without a tracked save, the versions table new.
    Challenge.objects.filter(pk=challenge.pk).update(title="Fra sikkerhedskopien")
    ContentVersion.objects.all().delete()
    page = _challenges_page(cast)
    assert "Fra sikkerhedskopien" in page
    assert "Fra den gamle database" not in page


def test_every_specialty_has_a_key_of_its_own_even_before_its_first_write() -> None:
    ContentVersion.objects.exclude(scope=0).delete()
    assert cache.version(1) != cache.version(2)
    assert cache.versions([1, 2]) == {1: cache.version(1), 2: cache.version(2)}


def test_the_release_changes_with_the_lock_file_or_is_the_builds_commit(
    settings: object,
) -> None:
    from pathlib import Path

    from django.conf import settings as django_settings

    cache.release.cache_clear()
    try:
        assert (Path(django_settings.BASE_DIR) / "uv.lock").is_file()
        seen: list[Path] = []
        original = cache._digest

        def record(root: Path, paths: list[Path]) -> str:
            seen.extend(paths)
            return original(root, paths)

        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(cache, "_digest", record)
            cache.release()
        assert Path(django_settings.BASE_DIR) / "uv.lock" in seen
        cache.release.cache_clear()
        settings.BASS_RELEASE = "3f2c1ab"  # type: ignore[attr-defined]
        assert cache.release() == "3f2c1ab"
    finally:
        cache.release.cache_clear()


def test_twenty_first_requests_at_once_compute_once() -> None:
    """After a write thirty people open Programoverblik: one computes it, the others wait for
    it (threads against the in-process cache; the same lock works across Redis clients)."""
    computed = []
    results = []
    start = threading.Barrier(20)

    def compute() -> str:
        computed.append(1)
        time.sleep(0.3)
        return "the overview"

    def reader() -> None:
        start.wait()
        results.append(cache.kept("overview", "v1", compute=compute))

    threads = [threading.Thread(target=reader) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(computed) == 1
    assert results == ["the overview"] * 20


def test_a_reader_whose_computer_died_computes_it_itself(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "WAIT_FOR", 0.2)
    key = cache._key("thing", ["v"])
    django_cache.add(f"{key}:computing", 1, 60)  # a lock nobody will release in time
    assert cache.kept("thing", "v", compute=lambda: "mine") == "mine"


def _kept_keys(part: str) -> set[str]:
    """The keys kept under ``part``, in local memory or in Redis (CI)."""
    store = django_cache._cache  # type: ignore[attr-defined]
    if hasattr(store, "get_client"):  # Redis
        keys = [k.decode() for k in store.get_client().scan_iter(match=f"*{part}*")]
    else:
        keys = list(store)
    return {key for key in keys if part in key and not key.endswith(":computing")}


def test_junk_query_strings_make_no_new_keys(cast: Cast) -> None:
    """Programoverblik is kept per cleaned filter, the register per page number: two hundred
    junk query strings are one key each, not two hundred."""
    client = cast.client_for(cast.steering)
    overview = reverse("programme:overview")
    for junk in ["", "?x=1", "?x=2&site=nowhere", "?sort=nonsense", "?utm=a&dir=sideways"]:
        assert client.get(overview + junk).status_code == 200
    assert len(_kept_keys("fragment:programme_overview")) == 1
    page = client.get(overview + "?x=1").text
    sort_links = re.findall(r'href="([^"]*sort=[^"]*)"', page)
    assert sort_links
    assert not [link for link in sort_links if "x=1" in link]  # only the cleaned filters
    register = reverse("decision_register")
    for junk in ["", "?side=abc", "?side=1", "?side=999999", "?side=-3"]:
        assert client.get(register + junk).status_code == 200
    assert len(_kept_keys("fragment:decision_register")) == 1
