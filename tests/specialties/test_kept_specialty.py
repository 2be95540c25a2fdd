"""``specialties.access.get_specialty`` loads the specialty from the database on every
request, with its people and its content version in four queries: who may do what is never
read from a kept copy, and a change to anything the specialty carries shows at once."""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ambitions.models import StrategicAmbition
from ambitions.strategic import services as ambition_services
from bass import cache
from people.models import User
from specialties import access, services
from specialties.models import Membership, Profession, Site, Specialty
from tests.conftest import Cast
from tests.factories import SpecialtyFactory, UserFactory


def _queries(cast: Cast) -> list[str]:
    with CaptureQueriesContext(connection) as ctx:
        access.get_specialty(cast.owner, cast.specialty.slug)
    return [q["sql"] for q in ctx.captured_queries]


def test_a_specialty_is_loaded_with_its_people_and_versions_every_time(cast: Cast) -> None:
    cache.request_started()  # the cast's writes were another request's
    for _request in range(2):
        queries = _queries(cast)
        # It with its ambitions and both content versions, then memberships, sites, strengths.
        assert len(queries) == 4
        assert "bass_content_version" in queries[0]
    loaded = access.get_specialty(cast.owner, cast.specialty.slug)
    assert {m.user_id for m in loaded.memberships.all()} == set(
        cast.specialty.memberships.values_list("user_id", flat=True)
    )
    with CaptureQueriesContext(connection) as ctx:
        assert [s.short_name for s in loaded.sites.all()]  # prefetched
        assert cache.version(loaded) == cache.version(cast.specialty.pk)
    assert len(ctx.captured_queries) == 1  # only the second, asked by id


def test_the_specialty_page_reads_the_person_and_the_specialty_and_no_session(
    cast: Cast,
) -> None:
    client = cast.client_for(cast.core)
    url = reverse("specialties:detail", args=[cast.specialty.slug])
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    # The table of each query's outermost FROM (the person's has a subquery before it). The
    # session comes from the cache (cached_db).
    tables = [q["sql"].rsplit(" FROM ", 1)[1].split()[0] for q in ctx.captured_queries]
    assert tables[:2] == ['"people_user"', '"specialties_specialty"']
    assert len(tables) == 5


def test_each_request_gets_its_own_copy(cast: Cast) -> None:
    access.get_specialty(cast.owner, cast.specialty.slug)
    one = access.get_specialty(cast.owner, cast.specialty.slug)
    one.name = "Changed in memory only"
    other = access.get_specialty(cast.owner, cast.specialty.slug)
    assert other.name == cast.specialty.name


def _name(cast: Cast) -> str:
    return access.get_specialty(cast.owner, cast.specialty.slug).name


def _members(cast: Cast) -> set[str]:
    return {
        str(m.user) for m in access.get_specialty(cast.owner, cast.specialty.slug).memberships.all()
    }


def test_a_new_core_team_member_shows_at_once(cast: Cast) -> None:
    before = _members(cast)
    newcomer = UserFactory(first_name="Niels", last_name="Ny")
    services.core_team_add_member(
        specialty=cast.specialty,
        user=newcomer,
        site=Site.objects.get(short_name="Slagelse"),
        profession=Profession.objects.get(name="Sygeplejerske"),
    )
    assert _members(cast) == before | {"Niels Ny"}


def test_a_person_renamed_shows_at_once(cast: Cast) -> None:
    assert str(cast.core) in _members(cast)
    user = User.objects.get(pk=cast.core.pk)
    user.first_name = "Omdøbt"
    user.save()
    assert str(user) in _members(cast)


def test_a_site_renamed_shows_at_once(cast: Cast) -> None:
    def sites() -> set[str]:
        return {s.name for s in access.get_specialty(cast.owner, cast.specialty.slug).sites.all()}

    assert "Slagelse Sygehus, ny fløj" not in sites()  # and now kept
    site = Site.objects.get(short_name="Slagelse")
    site.name = "Slagelse Sygehus, ny fløj"
    site.save()
    assert "Slagelse Sygehus, ny fløj" in sites()


def test_the_strategic_ambitions_start_and_state_show_at_once(cast: Cast) -> None:
    def kept() -> StrategicAmbition | None:
        return access.strategic_ambition_of(access.get_specialty(cast.owner, cast.specialty.slug))

    assert kept() is None
    ambition = ambition_services.ambition_start(specialty=cast.specialty, by=cast.owner)
    assert kept() is not None
    ambition.submit()
    ambition.save()
    found = kept()
    assert found is not None
    assert found.status == StrategicAmbition.Status.SUBMITTED


def test_a_renamed_or_deleted_slug_is_not_found_and_the_new_one_is(cast: Cast) -> None:
    old = cast.specialty.slug
    assert _name(cast)
    specialty = Specialty.objects.get(pk=cast.specialty.pk)
    specialty.slug = "im-ny-kardiologi"
    specialty.save()
    with pytest.raises(Http404):
        access.get_specialty(cast.owner, old)
    assert access.get_specialty(cast.owner, "im-ny-kardiologi").pk == specialty.pk
    # Another specialty may take the old slug: it is found, not the kept one.
    taker = SpecialtyFactory(name="IM: Ny på den gamle adresse", slug=old)
    assert access.get_specialty(cast.owner, old).pk == taker.pk
    taker.delete()
    with pytest.raises(Http404):
        access.get_specialty(cast.owner, old)


@pytest.mark.django_db(transaction=True)
def test_what_a_transaction_read_is_not_seen_after_it_rolls_back() -> None:
    specialty = SpecialtyFactory(name="IM: Rul tilbage", slug="im-rul-tilbage")
    owner = UserFactory()
    access.get_specialty(owner, specialty.slug)  # kept, as committed
    seen = []

    def write_then_fail() -> None:
        with transaction.atomic():
            Specialty.objects.filter(pk=specialty.pk).update(name="Aldrig gemt")
            # A write that bumps the version inside the transaction, then a read of it.
            Membership.objects.create(specialty=specialty, user=owner, role=Membership.Role.OWNER)
            seen.append(access.get_specialty(owner, specialty.slug).name)
            raise RuntimeError

    with pytest.raises(RuntimeError):
        write_then_fail()
    assert seen == ["Aldrig gemt"]
    assert access.get_specialty(owner, specialty.slug).name == "IM: Rul tilbage"
    assert not access.get_specialty(owner, specialty.slug).memberships.all()


def test_the_person_is_loaded_with_whether_they_hold_a_role(cast: Cast) -> None:
    """The header's link to the programme overview costs no query of its own."""
    from specialties import permissions as specialty_permissions
    from specialties.auth import MemberBackend

    outsider = UserFactory()
    for user, expected in [(cast.core, True), (outsider, False)]:
        loaded = MemberBackend().get_user(user.pk)
        assert loaded is not None
        with CaptureQueriesContext(connection) as ctx:
            assert specialty_permissions.is_programme_member(loaded) is expected
        assert ctx.captured_queries == []
    inactive = UserFactory(is_active=False)
    assert MemberBackend().get_user(inactive.pk) is None
    assert MemberBackend().get_user(10**9) is None


def test_a_removed_member_is_refused_at_once_whatever_is_kept(cast: Cast) -> None:
    """The core-team member's pages are kept, then they are removed: the very next request
    decides from the database (the cache is not told of the removal)."""
    from specialties import permissions as specialty_permissions

    client = cast.client_for(cast.core)
    challenges = reverse("sustainability:challenges", args=[cast.specialty.slug])
    assert client.get(challenges).status_code == 200
    assert specialty_permissions.is_core_team_member(
        cast.core, access.get_specialty(cast.core, cast.specialty.slug)
    )
    Membership.objects.filter(specialty=cast.specialty, user=cast.core).delete()
    loaded = access.get_specialty(cast.core, cast.specialty.slug)
    assert cast.core.pk not in {m.user_id for m in loaded.memberships.all()}
    assert not specialty_permissions.is_core_team_member(cast.core, loaded)
