"""Redis stalled (``CLIENT PAUSE``) or emptied (``FLUSHALL``) at the worst moments: while a
member is removed, while content is written, while a specialty gets its first version.

Before the versions moved into the database, a stalled Redis swallowed the version bump of a
removal, the kept specialty with its old members answered every permission check for a day
(the removed person still created a challenge), and a version that could not be created
fell back to "0" for every specialty, so one specialty's page showed another's parts. Now
each scenario is followed by the pages of the people concerned: nobody sees or does more
than the database allows, and no page shows another specialty's content.

The app runs in this process against a Redis of the test's own (the cache and the cached
sessions); the test pauses or flushes it with a second connection.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from sustainability.models import Challenge, Perspective
from tests.conftest import Cast
from tests.factories import SpecialtyFactory
from tests.faults.conftest import RedisServer

pytestmark = [pytest.mark.services, pytest.mark.django_db]

PAUSE_MS = 1500


@pytest.fixture
def redis_cache(redis_server: RedisServer) -> Iterator[RedisServer]:
    caches = {
        "default": {
            "BACKEND": "bass.redis_cache.TolerantRedisCache",
            "LOCATION": redis_server.url,
            # Short, so a paused Redis costs a page little; the app's own are 1 and 2 s.
            "OPTIONS": {"socket_connect_timeout": 0.3, "socket_timeout": 0.3},
        }
    }
    with override_settings(CACHES=caches):
        yield redis_server


def _pause(redis: RedisServer) -> None:
    redis.client().execute_command("CLIENT", "PAUSE", PAUSE_MS, "ALL")


def _challenge(specialty: object, cast: Cast, title: str) -> Challenge:
    perspective = Perspective.objects.order_by("order").first()
    assert perspective is not None
    return Challenge.objects.create(
        specialty=specialty, title=title, primary_perspective=perspective, created_by=cast.owner
    )


def _page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url  # still signed in: the session is in the database
    return response.text


def _can_add(client: Client, slug: str) -> tuple[int, bool, int]:
    """What the challenges page answers, whether it offers to add one, and what posting one
    answers."""
    response = client.get(reverse("sustainability:challenges", args=[slug]))
    add = reverse("sustainability:challenge_add", args=[slug])
    status = client.post(add, {"title": "Indsat af en, der ikke er med"}).status_code
    return response.status_code, add in response.text, status


def _removed_member_is_an_outsider(cast: Cast, clients: dict[str, Client]) -> None:
    slug = cast.specialty.slug
    as_outsider = _can_add(clients["outsider"], slug)
    assert as_outsider[1] is False
    assert as_outsider[2] in {403, 404}
    count = Challenge.objects.filter(created_by=cast.core).count()
    assert _can_add(clients["core"], slug) == as_outsider
    assert Challenge.objects.filter(created_by=cast.core).count() == count


def _clients(cast: Cast) -> dict[str, Client]:
    return {
        "core": cast.client_for(cast.core),
        "owner": cast.client_for(cast.owner),
        "outsider": cast.client_for(cast.outsider),
        "steering": cast.client_for(cast.steering),
        "other_owner": cast.client_for(cast.other_owner),
    }


def test_paused_while_a_member_is_removed(cast: Cast, redis_cache: RedisServer) -> None:
    from specialties import services

    clients = _clients(cast)
    assert _can_add(clients["core"], cast.specialty.slug)[:2] == (200, True)  # pages kept
    membership = cast.specialty.memberships.get(user=cast.core)
    _pause(redis_cache)
    services.core_team_remove_member(membership=membership)
    _removed_member_is_an_outsider(cast, clients)  # during the pause
    redis_cache.client().execute_command("CLIENT", "UNPAUSE")
    _removed_member_is_an_outsider(cast, clients)  # and after it


def test_paused_during_a_write(cast: Cast, redis_cache: RedisServer) -> None:
    clients = _clients(cast)
    challenge = _challenge(cast.specialty, cast, "Før skrivningen")
    mine = reverse("sustainability:challenges", args=[cast.specialty.slug])
    other = reverse("sustainability:challenges", args=[cast.other_specialty.slug])
    assert "Før skrivningen" in _page(clients["owner"], mine)
    _page(clients["other_owner"], other)
    _pause(redis_cache)
    challenge.title = "Efter skrivningen"
    challenge.save()
    redis_cache.client().execute_command("CLIENT", "UNPAUSE")
    for who in ["owner", "core"]:
        page = _page(clients[who], mine)
        assert "Efter skrivningen" in page
        assert "Før skrivningen" not in page
    assert "skrivningen" not in _page(clients["other_owner"], other)


def test_paused_while_a_specialty_gets_its_first_version(
    cast: Cast, redis_cache: RedisServer
) -> None:
    clients = _clients(cast)
    _challenge(cast.specialty, cast, "Kardiologiens udfordring")
    mine = reverse("sustainability:challenges", args=[cast.specialty.slug])
    assert "Kardiologiens udfordring" in _page(clients["owner"], mine)
    _pause(redis_cache)
    new = SpecialtyFactory(name="IM: Helt ny", slug="im-helt-ny")
    _challenge(new, cast, "Den nyes udfordring")
    theirs = reverse("sustainability:challenges", args=[new.slug])
    during = _page(clients["steering"], theirs)
    redis_cache.client().execute_command("CLIENT", "UNPAUSE")
    for page in [during, _page(clients["steering"], theirs)]:
        assert "Den nyes udfordring" in page
        assert "Kardiologiens udfordring" not in page
    page = _page(clients["owner"], mine)
    assert "Kardiologiens udfordring" in page
    assert "Den nyes udfordring" not in page


def test_redis_emptied(cast: Cast, redis_cache: RedisServer) -> None:
    """Redis restarted empty (``FLUSHALL``): the sessions come from the database, the
    versions were never in Redis, and a removal made meanwhile holds."""
    clients = _clients(cast)
    assert _can_add(clients["core"], cast.specialty.slug)[:2] == (200, True)
    challenge = _challenge(cast.specialty, cast, "Før tømningen")
    mine = reverse("sustainability:challenges", args=[cast.specialty.slug])
    assert "Før tømningen" in _page(clients["owner"], mine)
    redis_cache.client().flushall()
    cast.specialty.memberships.filter(user=cast.core).delete()
    challenge.title = "Efter tømningen"
    challenge.save()
    _removed_member_is_an_outsider(cast, clients)
    assert "Efter tømningen" in _page(clients["owner"], mine)
    other = reverse("sustainability:challenges", args=[cast.other_specialty.slug])
    assert "tømningen" not in _page(clients["other_owner"], other)
