"""The home page ("Forside"), log in and log out."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.conftest import Cast
from tests.factories import PASSWORD


def test_log_in_with_the_danish_form_and_land_on_my_specialties(cast: Cast) -> None:
    client = Client()
    page = client.get(reverse("login"))
    assert page.status_code == 200
    assert "Log ind" in page.text
    assert '<html lang="da">' in page.text
    response = client.post(
        reverse("login"), {"username": "owner", "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("home")
    assert "<h1>Forside</h1>" in response.text


def test_a_wrong_password_is_refused_in_danish_and_keeps_the_username(cast: Cast) -> None:
    response = Client().post(reverse("login"), {"username": "owner", "password": "forkert"})
    assert response.status_code == 200
    assert "Indtast venligst korrekt brugernavn og adgangskode" in response.text
    assert 'value="owner"' in response.text


def test_log_out_is_a_post(cast: Cast) -> None:
    client = cast.client_for(cast.owner)
    assert client.get(reverse("logout")).status_code == 405
    assert client.post(reverse("logout")).status_code == 302
    assert client.get(reverse("home")).status_code == 302


def test_the_owner_sees_their_specialty_and_what_waits(cast: Cast) -> None:
    text = cast.client_for(cast.owner).get(reverse("home")).text
    assert "IM: Testkardiologi" in text
    assert "Specialeejer" in text
    assert "Kerneteamet mangler kliniske repræsentanter fra: SUH Køge, Slagelse" in text
    assert "IM: Testnefrologi" not in text


@pytest.mark.parametrize(
    ("persona", "role"), [("lead", "Implementeringsansvarlig"), ("core", "Kerneteammedlem")]
)
def test_members_see_their_specialty_and_role(cast: Cast, persona: str, role: str) -> None:
    text = cast.client_for(getattr(cast, persona)).get(reverse("home")).text
    assert "IM: Testkardiologi" in text
    assert role in text
    # Only the owner (and the secretariat) can act on the core team's gaps.
    assert "Kerneteamet mangler" not in text
    assert "Intet venter på dig lige nu." in text


def test_the_secretariat_sees_the_gaps_of_every_specialty(cast: Cast) -> None:
    # "Venter på dig" is Mine opgaver shortened (issue 12): every gap is on Mine opgaver,
    # the home page shows the first five and how many there are.
    client = cast.client_for(cast.secretariat)
    text = client.get(reverse("programme:my_tasks")).text
    assert "IM: Testkardiologi</strong>: Kerneteamet mangler" in text
    assert "IM: Testnefrologi</strong>: Kerneteamet mangler" in text
    home = client.get(reverse("home"))
    assert len(home.context["waiting"]) == 5
    assert f"Se alle dine opgaver ({home.context['waiting_count']})" in home.text


@pytest.mark.parametrize("persona", ["secretariat", "steering"])
def test_the_programme_finds_its_own_work_from_the_home_page(cast: Cast, persona: str) -> None:
    """The secretariat and the steering group reach the overview, the rounds, the plan, the
    programme's ambition and the register from their start (issue 30, item 10)."""
    text = cast.client_for(getattr(cast, persona)).get(reverse("home")).text
    assert "Programmets arbejde" in text
    for name in ["programme:overview", "rounds:list", "programme:plan", "programme:ambition"]:
        assert f'href="{reverse(name)}"' in text, name
    assert f'href="{reverse("decision_register")}"' in text
    # Only the secretariat opens and closes rounds.
    assert ("åbn en runde, følg den og luk den" in text) == (persona == "secretariat")
    assert "Bed BASS-sekretariatet om at tilføje dig." not in text


@pytest.mark.parametrize("persona", ["owner", "core", "outsider"])
def test_a_specialty_person_has_no_programme_section(cast: Cast, persona: str) -> None:
    text = cast.client_for(getattr(cast, persona)).get(reverse("home")).text
    assert "Programmets arbejde" not in text
    assert f'href="{reverse("rounds:list")}"' not in text.split("<main", 1)[1]


def test_an_outsider_is_told_whom_to_ask(cast: Cast) -> None:
    text = cast.client_for(cast.outsider).get(reverse("home")).text
    assert "Du er ikke tilknyttet et speciale endnu." in text
    assert "Bed BASS-sekretariatet om at tilføje dig." in text


def test_the_home_page_has_a_fixed_number_of_queries(
    cast: Cast, django_assert_max_num_queries: object
) -> None:
    client = cast.client_for(cast.secretariat)
    # Mine opgaver's sources (issue 12) added six: actions, milestones, status rows and
    # three for the comments waiting for an answer; issues 13 and 14 one each: the open
    # status rounds and the PDSA cycles whose Study is due; issue 27 one for the secretariat:
    # the open rounds whose key figures per site only are missing. (A kept home page costs
    # 5: test_the_home_page_is_kept_for_its_person_until_the_region_changes.)
    with django_assert_max_num_queries(19):  # type: ignore[operator]
        assert client.get(reverse("home")).status_code == 200


@pytest.mark.parametrize(
    ("persona", "allowed"),
    [("secretariat", True), ("owner", False), ("steering", False), ("outsider", False)],
)
def test_only_the_secretariat_reaches_the_reference_data(
    cast: Cast, persona: str, allowed: bool
) -> None:
    client = cast.client_for(getattr(cast, persona))
    response = client.get(reverse("admin:specialties_site_changelist"))
    assert (response.status_code == 200) is allowed
    if not allowed:
        assert response.status_code == 302  # to the admin's own log-in
    home = client.get(reverse("home")).text
    assert ("Referencedata" in home) is allowed


def test_the_secretariat_edits_a_site_in_the_admin(cast: Cast) -> None:
    from specialties.models import Site

    site = Site.objects.get(short_name="Holbæk")
    client = cast.client_for(cast.secretariat)
    url = reverse("admin:specialties_site_change", args=[site.pk])
    response = client.post(
        url,
        {
            "name": "Holbæk Sygehus",
            "short_name": "Holbæk",
            "hospital": "Holbæk Sygehus (ny)",
            "is_acute_hospital": "on",
            "order": 3,
        },
    )
    assert response.status_code == 302
    site.refresh_from_db()
    assert site.hospital == "Holbæk Sygehus (ny)"


def test_the_home_page_is_kept_for_its_person_until_the_region_changes(cast: Cast) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import SpecialtyFactory

    def main(client: object) -> str:
        html = client.get(reverse("home")).text  # type: ignore[attr-defined]
        return str(html[html.index("<main") : html.index("</main>")])

    secretariat = cast.client_for(cast.secretariat)
    first = main(secretariat)
    with CaptureQueriesContext(connection) as kept:
        assert main(secretariat) == first
    # Session, user, the specialties' ids and the menu's role check: nothing of the page.
    assert len(kept.captured_queries) <= 5
    # Personal: another person never gets the secretariat's kept page.
    assert "Velkommen, " + cast.owner.get_full_name() in (
        cast.client_for(cast.owner).get(reverse("home")).text
    )
    # A new specialty without an owner waits for the secretariat at once.
    SpecialtyFactory(name="IM: Testreumatologi")
    text = secretariat.get(reverse("programme:my_tasks")).text
    assert "IM: Testreumatologi" in text
    assert main(secretariat) != first
