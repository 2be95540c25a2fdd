"""Prerequisites as items (issue 28, item 3): who may add, change, remove and move them on,
what the strategic ambition's page shows, and edits in place with HTMX."""

import datetime

import pytest
from django.utils import timezone
from django.utils.formats import date_format

from ambitions.models import Prerequisite, PrerequisiteState, StrategicAmbition
from ambitions.strategic import services
from tests.ambitions.strategic.conftest import submitted, url
from tests.conftest import Cast

LIST = {"HX-Request": "true", "HX-Target": "part-prerequisites"}
EDITORS = ["owner", "lead"]


def data(cast: Cast, prefix: str = "prerequisite", **extra: object) -> dict[str, object]:
    return {
        f"{prefix}-title": "Fælles vagtplan for kardiologerne",
        f"{prefix}-description": "Vagtlaget på tværs af Køge og Slagelse aftales.",
        f"{prefix}-responsible": str(cast.core.pk),
        f"{prefix}-deadline": "1.3.2027",
        f"{prefix}-revision": "0",
        **{f"{prefix}-{k}": v for k, v in extra.items()},
    }


def card(prerequisite: Prerequisite) -> dict[str, str]:
    return {"HX-Request": "true", "HX-Target": f"prerequisite-{prerequisite.pk}"}


def made(cast: Cast, *, deadline: datetime.date | None = None) -> Prerequisite:
    return services.prerequisite_save(
        specialty=cast.specialty,
        by=cast.owner,
        data=services.PrerequisiteInput(
            title="Fælles vagtplan for kardiologerne",
            description="",
            responsible=cast.core,
            deadline=deadline or datetime.date(2027, 3, 1),
        ),
    )


@pytest.mark.parametrize("persona", EDITORS)
def test_the_owner_and_leads_add_a_prerequisite_in_place(
    cast: Cast, ambition: StrategicAmbition, persona: str
) -> None:
    client = cast.client_for(getattr(cast, persona))
    response = client.post(url(cast, "prerequisite_add"), data(cast), headers=LIST)
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<div id="part-prerequisites"')
    prerequisite = Prerequisite.objects.get()
    assert prerequisite.specialty == cast.specialty
    assert prerequisite.responsible == cast.core
    assert prerequisite.deadline == datetime.date(2027, 3, 1)
    assert prerequisite.state == PrerequisiteState.NOT_STARTED
    assert prerequisite.history.count() == 1
    assert "Fælles vagtplan for kardiologerne" in response.text
    assert "Ikke startet" in response.text
    assert "Ansvarlig: Karen Kerne · frist 1. marts 2027" in response.text
    page = cast.client_for(cast.steering).get(url(cast, "detail")).text
    assert "Fælles vagtplan for kardiologerne" in page  # every reader sees them


def test_a_missing_field_is_named_in_danish_and_the_text_stays(
    cast: Cast, ambition: StrategicAmbition
) -> None:
    response = cast.client_for(cast.owner).post(
        url(cast, "prerequisite_add"), data(cast, deadline="", responsible=""), headers=LIST
    )
    assert response.status_code == 200
    assert "Angiv datoen, hvor den skal være på plads." in response.text
    assert "Vælg, hvem der er ansvarlig for at bringe den på plads." in response.text
    assert "Fælles vagtplan for kardiologerne" in response.text  # what was typed stays
    assert '<details class="prerequisite-add" open>' in response.text
    assert not Prerequisite.objects.exists()


def test_the_responsible_person_is_one_of_the_specialtys_people(
    cast: Cast, ambition: StrategicAmbition
) -> None:
    response = cast.client_for(cast.owner).post(
        url(cast, "prerequisite_add"), data(cast, responsible=str(cast.steering.pk)), headers=LIST
    )
    assert "Vælg en af specialets personer." in response.text
    assert not Prerequisite.objects.exists()


def test_editing_in_the_card_and_a_stale_edit_keeps_the_text(
    cast: Cast, ambition: StrategicAmbition
) -> None:
    prerequisite = made(cast)
    prefix = f"prerequisite-{prerequisite.pk}"
    edit = url(cast, "prerequisite", pk=prerequisite.pk)
    owner = cast.client_for(cast.owner)
    form = owner.get(edit + "?rediger=1", headers=card(prerequisite))
    assert form.text.lstrip().startswith(f'<li id="prerequisite-{prerequisite.pk}"')
    assert f'name="{prefix}-title"' in form.text
    assert "components" not in form.text
    saved = owner.post(
        edit, data(cast, prefix, title="Vagtplan aftalt"), headers=card(prerequisite)
    )
    assert "Vagtplan aftalt" in saved.text
    prerequisite.refresh_from_db()
    assert prerequisite.title == "Vagtplan aftalt"
    assert prerequisite.revision == 1
    late = cast.client_for(cast.lead).post(
        edit, data(cast, prefix, title="Lederens titel"), headers=card(prerequisite)
    )
    assert "Lederens titel" in late.text  # kept in the form
    assert "Vagtplan aftalt" in late.text  # the saved version beside it
    assert Prerequisite.objects.get().title == "Vagtplan aftalt"
    cancel = owner.get(edit, headers=card(prerequisite))
    assert f'name="{prefix}-title"' not in cancel.text


def test_removing_a_prerequisite(cast: Cast, ambition: StrategicAmbition) -> None:
    prerequisite = made(cast)
    response = cast.client_for(cast.lead).post(
        url(cast, "prerequisite_delete", pk=prerequisite.pk), headers=LIST
    )
    assert response.status_code == 200
    assert "Ingen forudsætninger endnu." in response.text
    assert not Prerequisite.objects.exists()
    assert Prerequisite.history.filter(history_type="-").count() == 1


def test_editors_keep_the_list_while_the_ambition_is_with_the_steering_group(
    cast: Cast, ambition: StrategicAmbition
) -> None:
    submitted(cast, ambition)
    response = cast.client_for(cast.owner).post(
        url(cast, "prerequisite_add"), data(cast), headers=LIST
    )
    assert response.status_code == 200
    assert Prerequisite.objects.count() == 1


def test_the_responsible_person_moves_the_state_on_with_a_dated_remark(
    cast: Cast, ambition: StrategicAmbition
) -> None:
    prerequisite = made(cast)
    core = cast.client_for(cast.core)
    page = core.get(url(cast, "detail")).text
    assert url(cast, "prerequisite_state", pk=prerequisite.pk) in page
    assert url(cast, "prerequisite", pk=prerequisite.pk) + "?rediger=1" not in page
    state = url(cast, "prerequisite_state", pk=prerequisite.pk)
    prefix = f"state-{prerequisite.pk}"
    missing = core.post(state, {f"{prefix}-state": "in_place"}, headers=card(prerequisite))
    assert "Skriv en kort bemærkning til tilstanden." in missing.text
    assert Prerequisite.objects.get().state == PrerequisiteState.NOT_STARTED
    response = core.post(
        state,
        {f"{prefix}-state": "in_place", f"{prefix}-remark": "Vagtplanen er underskrevet."},
        headers=card(prerequisite),
    )
    assert response.status_code == 200
    prerequisite.refresh_from_db()
    assert prerequisite.state == PrerequisiteState.IN_PLACE
    assert prerequisite.state_changed_by == cast.core
    assert prerequisite.state_remark == "Vagtplanen er underskrevet."
    assert "På plads" in response.text
    assert f"{date_format(timezone.localdate())}, Karen Kerne:" in response.text
    assert prerequisite.history.count() == 2
    assert prerequisite.revision == 0  # an editor's open form is not made stale


@pytest.mark.parametrize("persona", ["core", "steering", "secretariat"])
def test_readers_may_not_add_change_or_remove(
    cast: Cast, ambition: StrategicAmbition, persona: str
) -> None:
    prerequisite = made(cast)
    client = cast.client_for(getattr(cast, persona))
    assert client.post(url(cast, "prerequisite_add"), data(cast)).status_code == 403
    edit = url(cast, "prerequisite", pk=prerequisite.pk)
    assert client.get(edit + "?rediger=1").status_code == 403
    prefix = f"prerequisite-{prerequisite.pk}"
    assert client.post(edit, data(cast, prefix, title="Ændret")).status_code == 403
    assert client.post(url(cast, "prerequisite_delete", pk=prerequisite.pk)).status_code == 403
    assert client.get(edit).status_code == 200  # reading the card is for every reader
    assert Prerequisite.objects.get().title == "Fælles vagtplan for kardiologerne"


@pytest.mark.parametrize("persona", ["lead", "steering", "secretariat"])
def test_only_the_responsible_person_and_editors_move_the_state(
    cast: Cast, ambition: StrategicAmbition, persona: str
) -> None:
    prerequisite = services.prerequisite_save(
        specialty=cast.specialty,
        by=cast.owner,
        data=services.PrerequisiteInput(
            title="Budget til vagtlaget",
            description="",
            responsible=cast.owner,
            deadline=datetime.date(2027, 3, 1),
        ),
    )
    prefix = f"state-{prerequisite.pk}"
    response = cast.client_for(getattr(cast, persona)).post(
        url(cast, "prerequisite_state", pk=prerequisite.pk),
        {f"{prefix}-state": "abandoned", f"{prefix}-remark": "Opgivet."},
    )
    expected = 302 if persona == "lead" else 403
    assert response.status_code == expected
    changed = Prerequisite.objects.get().state == PrerequisiteState.ABANDONED
    assert changed is (persona == "lead")


def test_the_core_team_member_not_responsible_may_not_move_the_state(
    cast: Cast, ambition: StrategicAmbition
) -> None:
    prerequisite = made(cast)
    prerequisite.responsible = cast.lead
    prerequisite.save(update_fields=["responsible"])
    prefix = f"state-{prerequisite.pk}"
    response = cast.client_for(cast.core).post(
        url(cast, "prerequisite_state", pk=prerequisite.pk),
        {f"{prefix}-state": "in_place", f"{prefix}-remark": "Klar."},
    )
    assert response.status_code == 403
    assert Prerequisite.objects.get().state == PrerequisiteState.NOT_STARTED


@pytest.mark.parametrize("persona", ["outsider", "other_owner"])
def test_outsiders_find_nothing(cast: Cast, ambition: StrategicAmbition, persona: str) -> None:
    prerequisite = made(cast)
    client = cast.client_for(getattr(cast, persona))
    assert client.post(url(cast, "prerequisite_add"), data(cast)).status_code == 404
    assert client.get(url(cast, "prerequisite", pk=prerequisite.pk)).status_code == 404
    assert client.post(url(cast, "prerequisite_delete", pk=prerequisite.pk)).status_code == 404
    prefix = f"state-{prerequisite.pk}"
    state = client.post(
        url(cast, "prerequisite_state", pk=prerequisite.pk),
        {f"{prefix}-state": "in_place", f"{prefix}-remark": "Klar."},
    )
    assert state.status_code == 404
    assert Prerequisite.objects.count() == 1


def test_a_late_prerequisite_is_flagged(cast: Cast, ambition: StrategicAmbition) -> None:
    made(cast, deadline=timezone.localdate() - datetime.timedelta(days=3))
    page = cast.client_for(cast.owner).get(url(cast, "detail")).text
    assert "Over fristen" in page


def test_without_htmx_adding_redirects_to_the_part(cast: Cast, ambition: StrategicAmbition) -> None:
    response = cast.client_for(cast.owner).post(url(cast, "prerequisite_add"), data(cast))
    assert response.status_code == 302
    assert response["Location"].endswith("#part-section-forudsaetninger")
