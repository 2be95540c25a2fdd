"""The specialty pages through HTTP: who may see and change what, and what they show."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from specialties.models import Membership, Profession, Site
from tests.conftest import Cast
from tests.factories import MembershipFactory, SpecialtyFactory, UserFactory

HTMX = {"HX-Request": "true", "HX-Target": "part-core-team"}


def _add_url(cast: Cast) -> str:
    return reverse("specialties:core_team_add", args=[cast.specialty.slug])


def _remove_url(cast: Cast, membership: Membership) -> str:
    return reverse("specialties:core_team_remove", args=[cast.specialty.slug, membership.pk])


def _new_member_data(cast: Cast) -> dict[str, object]:
    newcomer = UserFactory(username="newcomer", first_name="Niels", last_name="Ny")
    return {
        "user": newcomer.pk,
        "site": Site.objects.get(short_name="Slagelse").pk,
        "profession": Profession.objects.get(name="Sygeplejerske").pk,
    }


@pytest.mark.parametrize(
    "url_name", ["home", "specialties:list", "specialties:detail"], ids=lambda n: n
)
def test_anonymous_is_sent_to_log_in(cast: Cast, url_name: str) -> None:
    args = [cast.specialty.slug] if url_name == "specialties:detail" else []
    response = Client().get(reverse(url_name, args=args))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(
    "persona", ["owner", "lead", "core", "steering", "secretariat", "outsider"]
)
def test_every_signed_in_person_sees_the_list_and_the_specialty(cast: Cast, persona: str) -> None:
    client = cast.client_for(getattr(cast, persona))
    listing = client.get(reverse("specialties:list"))
    assert listing.status_code == 200
    assert "IM: Testkardiologi" in listing.text
    detail = client.get(cast.specialty.get_absolute_url())
    assert detail.status_code == 200
    assert "Ole Ejer" in detail.text


def test_an_unknown_specialty_is_404(cast: Cast) -> None:
    response = cast.client_for(cast.owner).get(
        reverse("specialties:detail", args=["im-findes-ikke"])
    )
    assert response.status_code == 404


def test_the_list_shows_owner_sites_strength_positions_and_ambition_state(cast: Cast) -> None:
    text = cast.client_for(cast.outsider).get(reverse("specialties:list")).text
    assert "Specialeejer" in text
    assert "Ole Ejer" in text
    assert "SUH Køge, Slagelse" in text
    assert "Ikke startet" in text  # no strategic ambition yet
    assert "Mangler: SUH Køge, Slagelse" in text


def test_the_list_costs_the_same_queries_for_three_or_thirty_specialties(cast: Cast) -> None:
    client = cast.client_for(cast.outsider)
    client.get(reverse("specialties:list"))  # warm the session

    def count(*, kept: bool = False) -> int:
        if not kept:
            cache.clear()  # render the table again, not the kept one
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("specialties:list")).status_code == 200
        return len(ctx.captured_queries)

    before = count()
    koege = Site.objects.get(short_name="SUH Køge")
    for _ in range(27):
        specialty = SpecialtyFactory(sites=[koege])
        MembershipFactory(specialty=specialty, role=Membership.Role.OWNER, profession=None)
        MembershipFactory(specialty=specialty, site=koege)
    assert count() == before
    assert before <= 8
    # Kept until a specialty changes: the specialties and their people are not loaded.
    assert count(kept=True) <= before - 4


def test_the_kept_list_shows_a_new_owner_and_a_new_specialty(cast: Cast) -> None:
    client = cast.client_for(cast.outsider)
    assert "Ole Ejer" in client.get(reverse("specialties:list")).text
    owner = Membership.objects.get(specialty=cast.specialty, role=Membership.Role.OWNER)
    owner.user.first_name = "Olga"
    owner.user.save()
    SpecialtyFactory(name="IM: Testendokrinologi")
    text = client.get(reverse("specialties:list")).text
    assert "Olga Ejer" in text
    assert "IM: Testendokrinologi" in text


def test_the_detail_page_has_a_fixed_number_of_queries(
    cast: Cast, django_assert_max_num_queries: object
) -> None:
    client = cast.client_for(cast.owner)
    koege = Site.objects.get(short_name="SUH Køge")
    for _ in range(10):
        MembershipFactory(specialty=cast.specialty, site=koege)
    with django_assert_max_num_queries(12):  # type: ignore[operator]
        assert client.get(cast.specialty.get_absolute_url()).status_code == 200


def test_the_detail_page_names_the_sites_that_lack_core_team_members(cast: Cast) -> None:
    text = cast.client_for(cast.core).get(cast.specialty.get_absolute_url()).text
    assert "Kerneteamet er ikke komplet" in text
    assert "SUH Køge: mangler 1" in text
    assert "Slagelse: mangler 2" in text


def test_a_complete_core_team_is_confirmed(cast: Cast) -> None:
    koege = Site.objects.get(short_name="SUH Køge")
    slagelse = Site.objects.get(short_name="Slagelse")
    MembershipFactory(specialty=cast.specialty, site=koege)
    MembershipFactory(specialty=cast.specialty, site=slagelse)
    MembershipFactory(specialty=cast.specialty, site=slagelse)
    text = cast.client_for(cast.core).get(cast.specialty.get_absolute_url()).text
    assert "Kerneteamet opfylder reglen på alle matrikler" in text
    assert "ikke komplet" not in text


@pytest.mark.parametrize("persona", ["owner", "secretariat"])
def test_owner_and_secretariat_add_to_the_core_team_with_htmx(cast: Cast, persona: str) -> None:
    client = cast.client_for(getattr(cast, persona))
    assert "Tilføj til kerneteamet" in client.get(cast.specialty.get_absolute_url()).text
    response = client.post(_add_url(cast), _new_member_data(cast), headers=HTMX)
    assert response.status_code == 200
    assert "<html" not in response.text  # the fragment, not the page
    assert 'id="part-core-team"' in response.text
    assert "Niels Ny" in response.text
    assert Membership.objects.filter(
        specialty=cast.specialty, user__username="newcomer", role=Membership.Role.CORE_TEAM
    ).exists()


def test_the_form_that_lists_every_person_comes_when_asked_for(cast: Cast) -> None:
    UserFactory(first_name="Niels", last_name="Ny")
    page = cast.specialty.get_absolute_url()
    client = cast.client_for(cast.owner)
    assert f'action="{_add_url(cast)}"' not in client.get(page).text
    section = client.get(page + "?tilfoej=1", headers=HTMX)
    assert section.status_code == 200
    assert section.text.lstrip().startswith('<section id="part-core-team"')
    assert f'action="{_add_url(cast)}"' in section.text
    assert "Niels Ny" in section.text  # a person of the region, to choose
    # Without JavaScript, in the page.
    assert f'action="{_add_url(cast)}"' in client.get(page + "?tilfoej=1").text
    # Only for those who may add: the others are refused, or never see it.
    lead = cast.client_for(cast.lead)
    assert lead.get(page + "?tilfoej=1", headers=HTMX).status_code == 403
    assert f'action="{_add_url(cast)}"' not in lead.get(page + "?tilfoej=1").text


def test_without_htmx_adding_redirects_back_to_the_page(cast: Cast) -> None:
    response = cast.client_for(cast.owner).post(_add_url(cast), _new_member_data(cast))
    assert response.status_code == 302
    assert response["Location"] == cast.specialty.get_absolute_url() + "#part-core-team"


@pytest.mark.parametrize("persona", ["lead", "core", "steering", "outsider", "other_owner"])
def test_others_may_not_add_to_the_core_team(cast: Cast, persona: str) -> None:
    client = cast.client_for(getattr(cast, persona))
    assert "Tilføj til kerneteamet" not in client.get(cast.specialty.get_absolute_url()).text
    before = Membership.objects.count()
    response = client.post(_add_url(cast), _new_member_data(cast), headers=HTMX)
    assert response.status_code == 403
    assert Membership.objects.count() == before


def test_anonymous_may_not_add_to_the_core_team(cast: Cast) -> None:
    before = Membership.objects.count()
    response = Client().post(_add_url(cast), _new_member_data(cast))
    assert response.status_code == 302
    assert Membership.objects.count() == before


def test_adding_needs_post(cast: Cast) -> None:
    assert cast.client_for(cast.owner).get(_add_url(cast)).status_code == 405


def test_bad_input_gets_danish_errors_next_to_the_fields_and_keeps_the_rest(cast: Cast) -> None:
    data = _new_member_data(cast)
    data["site"] = ""  # a clinical representative without a site
    response = cast.client_for(cast.owner).post(_add_url(cast), data, headers=HTMX)
    assert response.status_code == 200
    assert "En klinisk repræsentant hører til en matrikel: vælg matriklen." in response.text
    # What the user chose is still chosen.
    assert f'<option value="{data["user"]}" selected>' in response.text
    assert f'<option value="{data["profession"]}" selected>' in response.text
    assert not Membership.objects.filter(user__username="newcomer").exists()


def test_missing_person_and_profession_are_named(cast: Cast) -> None:
    response = cast.client_for(cast.owner).post(_add_url(cast), {}, headers=HTMX)
    assert "Vælg den person, der skal tilføjes." in response.text
    assert "Vælg personens faggruppe." in response.text


def test_a_person_cannot_join_the_core_team_twice(cast: Cast) -> None:
    data = {
        "user": cast.core.pk,
        "site": Site.objects.get(short_name="SUH Køge").pk,
        "profession": Profession.objects.get(name="Læge").pk,
    }
    response = cast.client_for(cast.owner).post(_add_url(cast), data, headers=HTMX)
    assert response.status_code == 200
    assert "Personen kan ikke vælges: vedkommende er allerede med i kerneteamet" in response.text
    assert Membership.objects.filter(user=cast.core, role=Membership.Role.CORE_TEAM).count() == 1


def test_a_site_where_the_specialty_is_absent_is_refused(cast: Cast) -> None:
    data = _new_member_data(cast)
    data["site"] = Site.objects.get(short_name="Holbæk").pk
    response = cast.client_for(cast.owner).post(_add_url(cast), data, headers=HTMX)
    assert "Vælg en af specialets matrikler." in response.text
    assert not Membership.objects.filter(user__username="newcomer").exists()


def test_the_owner_removes_a_core_team_member(cast: Cast) -> None:
    membership = Membership.objects.get(user=cast.core, role=Membership.Role.CORE_TEAM)
    client = cast.client_for(cast.owner)
    assert '<th scope="row">Karen Kerne</th>' in client.get(cast.specialty.get_absolute_url()).text
    response = client.post(_remove_url(cast, membership), headers=HTMX)
    assert response.status_code == 200
    assert '<th scope="row">Karen Kerne</th>' not in response.text
    assert not Membership.objects.filter(pk=membership.pk).exists()


@pytest.mark.parametrize("persona", ["lead", "core", "steering", "outsider", "other_owner"])
def test_others_may_not_remove_core_team_members(cast: Cast, persona: str) -> None:
    membership = Membership.objects.get(user=cast.core, role=Membership.Role.CORE_TEAM)
    response = cast.client_for(getattr(cast, persona)).post(
        _remove_url(cast, membership), headers=HTMX
    )
    assert response.status_code == 403
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_only_core_team_memberships_are_removed_here(cast: Cast) -> None:
    ownership = Membership.objects.get(user=cast.owner, role=Membership.Role.OWNER)
    response = cast.client_for(cast.owner).post(_remove_url(cast, ownership), headers=HTMX)
    assert response.status_code == 404
    assert Membership.objects.filter(pk=ownership.pk).exists()


def test_a_membership_of_another_specialty_is_not_found(cast: Cast) -> None:
    elsewhere = MembershipFactory(specialty=cast.other_specialty)
    response = cast.client_for(cast.owner).post(
        reverse("specialties:core_team_remove", args=[cast.specialty.slug, elsewhere.pk])
    )
    assert response.status_code == 404
    assert Membership.objects.filter(pk=elsewhere.pk).exists()


def test_htmx_responses_vary_on_hx_request(cast: Cast) -> None:
    response = cast.client_for(cast.owner).get(cast.specialty.get_absolute_url())
    assert "HX-Request" in response["Vary"]


def test_role_changes_are_recorded_with_who_and_when_and_shown(cast: Cast) -> None:
    """Issue 25, item 6: memberships have a history, through the pages and the admin."""
    membership = Membership.objects.get(user=cast.core, role=Membership.Role.CORE_TEAM)
    owner = cast.client_for(cast.owner)
    owner.post(_add_url(cast), _new_member_data(cast), headers=HTMX)
    owner.post(_remove_url(cast, membership), headers=HTMX)

    removed = Membership.history.get(id=membership.pk, history_type="-")  # type: ignore[attr-defined]
    assert removed.history_user == cast.owner
    assert removed.user_id == cast.core.pk
    added = Membership.history.get(user__username="newcomer", history_type="+")  # type: ignore[attr-defined]
    assert added.history_user == cast.owner
    assert added.history_date is not None

    page = cast.client_for(cast.outsider).get(cast.specialty.get_absolute_url()).text
    assert "Ændringer i rollerne" in page
    assert f"Karen Kerne fjernet som kerneteammedlem af {cast.owner}" in page
    assert f"tilføjet som kerneteammedlem af {cast.owner}" in page
