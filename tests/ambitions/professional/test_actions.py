"""Konkretisering af handlinger through HTTP: a focus area's actions, their assessments and
BASS principles, milestones, indicators and measurements, per role.

Strings that are not yet in the Danish catalogue are not asserted on; the tests look at ids,
numbers, names and URLs instead.
"""

import datetime
import re
from decimal import Decimal
from unittest import mock

import pytest
from django.db import DatabaseError, connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ambitions.models import (
    Action,
    ActionPrinciple,
    InterventionFocusArea,
    Measurement,
    Milestone,
    PerspectiveAssessment,
    Principle,
    ProfessionalAmbition,
    ProgressIndicator,
)
from ambitions.professional import services as professional_services
from ambitions.professional.services import (
    ActionInput,
    AssessmentInput,
    PrincipleInput,
)
from bass import cache as content_cache
from sustainability.models import Challenge, Perspective
from tests.conftest import Cast

HTMX = {"HX-Request": "true"}
EDITORS = ["core", "owner", "lead"]
PROGRAMME = ["steering", "secretariat"]
# Learning across specialties (issue 12): another specialty's owner reads the actions of
# an approved specialty but changes none (test_another_specialtys_people_read_but_do_not_edit).
STRANGERS = ["outsider"]
TODAY = timezone.localdate()


def days(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


@pytest.fixture
def focus_area(professional: ProfessionalAmbition) -> InterventionFocusArea:
    framework = professional.frameworks.order_by("order", "pk").first()
    assert framework is not None
    return InterventionFocusArea.objects.create(
        framework=framework, title="Visitation af henviste patienter", order=1
    )


def page_url(cast: Cast, focus_area: InterventionFocusArea) -> str:
    return reverse(
        "professional:focus_area", kwargs={"slug": cast.specialty.slug, "pk": focus_area.pk}
    )


def url(cast: Cast, name: str, **kwargs: object) -> str:
    return reverse(f"professional:{name}", kwargs={"slug": cast.specialty.slug, **kwargs})


def form_data(cast: Cast, **overrides: str) -> dict[str, str]:
    """A valid action: two perspectives rated and justified, one principle justified."""
    data = {
        "title": "Fælles visitationsteam",
        "purpose": "Ensartet visitation af henviste patienter på tværs af matriklerne.",
        "resource_hours": "120",
        "resource_fte": "0,5",
        "resource_dkk": "150.000",
        "resource_text": "Frikøb af en overlæge en dag om ugen.",
        "success_criteria": "Ventetiden til første samtale falder til 30 dage.",
        "process_goals": "Visitationsmøde hver uge fra marts.",
        "responsible": str(cast.core.pk),
        "contributors": "Lise Leder: leder møderne.",
        "start_date": days(-30).isoformat(),
        "end_date": days(300).isoformat(),
        "status": "in_progress",
        "perspective_faglig_rating": "2",
        "perspective_faglig_justification": "Samme kvalitet i visitationen overalt.",
        "perspective_personalemaessig_rating": "0",
        "perspective_personalemaessig_justification": "",
        "perspective_organisatorisk_rating": "-1",
        "perspective_organisatorisk_justification": "Flere møder at koordinere.",
        "principle_populationsansvar": "on",
        "principle_populationsansvar_justification": "Alle regionens patienter visiteres ens.",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def without(data: dict[str, str], *keys: str) -> dict[str, str]:
    return {k: v for k, v in data.items() if k not in keys}


def make_action(
    cast: Cast,
    focus_area: InterventionFocusArea,
    title: str = "Fælles visitationsteam",
    *,
    start: int = -30,
    end: int = 300,
    status: str = "in_progress",
) -> Action:
    perspectives = {p.code: p for p in Perspective.objects.all()}
    return professional_services.action_create(
        focus_area=InterventionFocusArea.objects.select_related("framework__ambition").get(
            pk=focus_area.pk
        ),
        by=cast.owner,
        data=ActionInput(
            title=title,
            purpose="Ensartet visitation.",
            responsible=cast.core,
            start_date=days(start),
            end_date=days(end),
            status=status,
            assessments=[
                AssessmentInput(perspective=perspectives["faglig"], rating=2, justification="Ja."),
                AssessmentInput(perspective=perspectives["personalemaessig"], rating=0),
                AssessmentInput(
                    perspective=perspectives["organisatorisk"], rating=-1, justification="Møder."
                ),
            ],
            principles=[
                PrincipleInput(
                    principle=Principle.objects.get(code="naerhed"),
                    justification="Behandling tæt på patienten.",
                )
            ],
        ),
    )


@pytest.fixture
def action(cast: Cast, focus_area: InterventionFocusArea) -> Action:
    return make_action(cast, focus_area)


def snapshot() -> tuple[int, ...]:
    """How many rows of everything this page writes exist."""
    return (
        Action.objects.count(),
        Action.history.count(),
        PerspectiveAssessment.objects.count(),
        ActionPrinciple.objects.count(),
        Milestone.objects.count(),
        ProgressIndicator.objects.count(),
        Measurement.objects.count(),
    )


def error_ids(html: str) -> set[str]:
    return set(re.findall(r'id="([^"]+_error)"', html))


# -- Who sees the page ------------------------------------------------------------------------


@pytest.mark.parametrize("persona", [*EDITORS, *PROGRAMME])
def test_the_specialtys_people_and_the_programme_read_the_page(
    cast: Cast, focus_area: InterventionFocusArea, action: Action, persona: str
) -> None:
    response = cast.client_for(getattr(cast, persona)).get(page_url(cast, focus_area))
    assert response.status_code == 200
    page = response.text
    assert "<h1>" in page
    assert cast.specialty.name in page
    assert TODAY.strftime("%Y-%m-%d") in page  # the document's date
    assert focus_area.framework.title in page
    assert f'id="action-{action.pk}"' in page
    assert "Fælles visitationsteam" in page
    assert 'data-principle="naerhed"' in page
    assert "Behandling tæt på patienten." in page
    assert 'data-perspective="faglig"' in page
    assert 'data-rating="2"' in page
    assert 'data-rating="-1"' in page
    assert 'data-responsible="core"' in page
    can_add = persona in EDITORS
    assert ('id="action-add"' in page) is can_add
    assert (url(cast, "action", pk=action.pk) + "?rediger=1" in page) is can_add
    assert (url(cast, "action", pk=action.pk) + "?opdater=1" in page) is can_add
    # The forms are built when asked for, not for every card on every request.
    assert f'"{url(cast, "milestone_add", pk=action.pk)}"' not in page
    assert f'"{url(cast, "action_add", pk=focus_area.pk)}"' not in page


@pytest.mark.parametrize(
    ("persona", "read", "write"),
    [*[(p, 404, 404) for p in STRANGERS], ("other_owner", 200, 403)],
)
def test_others_get_404_everywhere(
    cast: Cast,
    focus_area: InterventionFocusArea,
    action: Action,
    persona: str,
    read: int,
    write: int,
) -> None:
    """Outsiders get 404 everywhere; another specialty's people (learning across
    specialties) read the actions, get 403 on every change, and nothing changes."""
    milestone = professional_services.milestone_add(
        action=action, by=cast.owner, title="Start", due_date=days(10)
    )
    indicator = professional_services.indicator_add(
        action=action,
        by=cast.owner,
        name="Ventetid",
        unit="dage",
        baseline=Decimal(60),
        target=Decimal(30),
    )
    before = snapshot()
    client = cast.client_for(getattr(cast, persona))
    assert client.get(page_url(cast, focus_area)).status_code == read
    # An action's own URL, outside HTMX, sends a reader on to its focus area's page.
    assert client.get(url(cast, "action", pk=action.pk)).status_code == (
        302 if read == 200 else read
    )
    assert client.get(url(cast, "action", pk=action.pk) + "?rediger=1").status_code == write
    posts = [
        (url(cast, "action_add", pk=focus_area.pk), form_data(cast)),
        (url(cast, "action", pk=action.pk), form_data(cast, revision="0")),
        (url(cast, "milestone_add", pk=action.pk), {"title": "X", "due_date": "2026-05-01"}),
        (url(cast, "milestone_toggle", pk=action.pk, milestone=milestone.pk), {"done": "1"}),
        (
            url(cast, "indicator_add", pk=action.pk),
            {"name": "X", "unit": "%", "baseline": "1", "target": "2"},
        ),
        (
            url(cast, "measurement_add", pk=action.pk, indicator=indicator.pk),
            {"measured_on": TODAY.isoformat(), "value": "40"},
        ),
    ]
    for target, data in posts:
        assert client.post(target, data, headers=HTMX).status_code == write
    assert snapshot() == before


def test_anonymous_is_sent_to_log_in(
    cast: Cast, focus_area: InterventionFocusArea, action: Action
) -> None:
    before = snapshot()
    client = Client()
    for response in [
        client.get(page_url(cast, focus_area)),
        client.post(url(cast, "action_add", pk=focus_area.pk), form_data(cast)),
        client.post(url(cast, "action", pk=action.pk), form_data(cast, revision="0")),
    ]:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    assert snapshot() == before


@pytest.mark.parametrize("persona", PROGRAMME)
def test_the_programme_reads_but_may_not_write(
    cast: Cast, focus_area: InterventionFocusArea, action: Action, persona: str
) -> None:
    milestone = professional_services.milestone_add(
        action=action, by=cast.owner, title="Start", due_date=days(10)
    )
    indicator = professional_services.indicator_add(
        action=action,
        by=cast.owner,
        name="Ventetid",
        unit="dage",
        baseline=Decimal(60),
        target=Decimal(30),
    )
    before = snapshot()
    client = cast.client_for(getattr(cast, persona))
    assert client.get(url(cast, "action", pk=action.pk), headers=HTMX).status_code == 200
    assert client.get(url(cast, "action", pk=action.pk) + "?rediger=1").status_code == 403
    posts = [
        (url(cast, "action_add", pk=focus_area.pk), form_data(cast)),
        (url(cast, "action", pk=action.pk), form_data(cast, title="Overskrevet", revision="0")),
        (url(cast, "milestone_add", pk=action.pk), {"title": "X", "due_date": "2026-05-01"}),
        (url(cast, "milestone_toggle", pk=action.pk, milestone=milestone.pk), {"done": "1"}),
        (
            url(cast, "indicator_add", pk=action.pk),
            {"name": "X", "unit": "%", "baseline": "1", "target": "2"},
        ),
        (
            url(cast, "measurement_add", pk=action.pk, indicator=indicator.pk),
            {"measured_on": TODAY.isoformat(), "value": "40"},
        ),
    ]
    for target, data in posts:
        assert client.post(target, data, headers=HTMX).status_code == 403
    assert snapshot() == before
    action.refresh_from_db()
    assert action.title == "Fælles visitationsteam"
    assert Milestone.objects.get(pk=milestone.pk).done_on is None


# -- Adding an action -------------------------------------------------------------------------


@pytest.mark.parametrize("persona", EDITORS)
def test_the_specialtys_people_add_an_action_in_one_go(
    cast: Cast, focus_area: InterventionFocusArea, persona: str
) -> None:
    person = getattr(cast, persona)
    waiting = Challenge.objects.get(specialty=cast.specialty, title="Ventelister")
    data = form_data(cast, challenges=str(waiting.pk))
    response = cast.client_for(person).post(
        url(cast, "action_add", pk=focus_area.pk), data, headers=HTMX
    )

    assert response.status_code == 200
    assert "<html" not in response.text
    action = Action.objects.get(focus_area=focus_area)
    assert 'id="part-actions"' in response.text
    assert f'id="action-{action.pk}"' in response.text
    assert action.title == "Fælles visitationsteam"
    assert action.responsible == cast.core
    assert action.status == "in_progress"
    assert (action.resource_hours, action.resource_fte, action.resource_dkk) == (
        Decimal(120),
        Decimal("0.5"),
        Decimal(150_000),
    )
    assert action.updated_by == person
    assert list(action.challenges.all()) == [waiting]
    assessments = {
        a.perspective.code: (a.rating, a.justification) for a in action.assessments.all()
    }
    assert assessments == {
        "faglig": (2, "Samme kvalitet i visitationen overalt."),
        "personalemaessig": (0, ""),
        "organisatorisk": (-1, "Flere møder at koordinere."),
    }
    assert [(p.principle.code, p.justification) for p in action.principles.all()] == [
        ("populationsansvar", "Alle regionens patienter visiteres ens.")
    ]
    assert {h.history_user for h in action.history.all()} == {person}
    assert action.history.earliest("history_date").history_type == "+"
    assert {h.history_user for h in PerspectiveAssessment.history.all()} == {person}
    assert ActionPrinciple.history.get().history_user == person


def test_without_htmx_adding_redirects_to_the_new_action(
    cast: Cast, focus_area: InterventionFocusArea
) -> None:
    response = cast.client_for(cast.core).post(
        url(cast, "action_add", pk=focus_area.pk), form_data(cast)
    )
    action = Action.objects.get()
    assert response.status_code == 302
    assert response["Location"] == page_url(cast, focus_area) + f"#action-{action.pk}"


def test_an_action_without_a_principle_is_refused(
    cast: Cast, focus_area: InterventionFocusArea
) -> None:
    data = without(
        form_data(cast), "principle_populationsansvar", "principle_populationsansvar_justification"
    )
    response = cast.client_for(cast.core).post(
        url(cast, "action_add", pk=focus_area.pk), data, headers=HTMX
    )
    assert response.status_code == 200
    assert Action.objects.count() == 0
    assert PerspectiveAssessment.objects.count() == 0
    match = re.search(
        r'<ul class="errorlist" id="add-principles_error">(.*?)</ul>', response.text, re.S
    )
    assert match is not None
    # the message names every principle
    for name in ["Nærhed", "Populationsansvar", "Styrkepositioner"]:
        assert name in match.group(1)
    assert 'aria-describedby="add-principles_error"' in response.text
    # everything typed is still there
    assert 'value="Fælles visitationsteam"' in response.text
    assert "Ensartet visitation af henviste patienter på tværs af matriklerne." in response.text
    assert "Samme kvalitet i visitationen overalt." in response.text


def test_the_message_names_the_principles_in_english_too(
    cast: Cast, focus_area: InterventionFocusArea
) -> None:
    client = cast.client_for(cast.core)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    data = without(form_data(cast), "principle_populationsansvar")
    response = client.post(url(cast, "action_add", pk=focus_area.pk), data, headers=HTMX)
    assert (
        "Every action must be traceable to at least one BASS principle "
        "(Nærhed, Populationsansvar, Styrkepositioner)"
    ) in response.text


def test_a_principle_without_justification_is_refused(
    cast: Cast, focus_area: InterventionFocusArea
) -> None:
    data = form_data(cast, principle_naerhed="on", principle_naerhed_justification="  ")
    response = cast.client_for(cast.core).post(
        url(cast, "action_add", pk=focus_area.pk), data, headers=HTMX
    )
    assert response.status_code == 200
    assert error_ids(response.text) == {"add-principle_naerhed_justification_error"}
    assert Action.objects.count() == 0


def test_a_rating_other_than_0_needs_a_justification(
    cast: Cast, focus_area: InterventionFocusArea
) -> None:
    data = form_data(
        cast,
        perspective_personalemaessig_rating="-2",
        perspective_personalemaessig_justification="",
    )
    response = cast.client_for(cast.core).post(
        url(cast, "action_add", pk=focus_area.pk), data, headers=HTMX
    )
    assert error_ids(response.text) == {"add-perspective_personalemaessig_justification_error"}
    assert 'aria-invalid="true"' in response.text
    assert Action.objects.count() == 0


def test_a_rating_outside_the_scale_is_refused(
    cast: Cast, focus_area: InterventionFocusArea
) -> None:
    data = form_data(cast, perspective_faglig_rating="3")
    response = cast.client_for(cast.core).post(
        url(cast, "action_add", pk=focus_area.pk), data, headers=HTMX
    )
    assert error_ids(response.text) == {"add-perspective_faglig_rating_error"}
    assert Action.objects.count() == 0


def test_the_end_cannot_be_before_the_start(cast: Cast, focus_area: InterventionFocusArea) -> None:
    data = form_data(cast, start_date="2026-06-01", end_date="2026-05-31")
    response = cast.client_for(cast.core).post(
        url(cast, "action_add", pk=focus_area.pk), data, headers=HTMX
    )
    assert error_ids(response.text) == {"add-end_date_error"}
    assert 'value="2026-05-31"' in response.text
    assert Action.objects.count() == 0


@pytest.mark.parametrize("persona", ["outsider", "other_owner", "steering"])
def test_the_responsible_must_be_one_of_the_specialtys_people(
    cast: Cast, focus_area: InterventionFocusArea, persona: str
) -> None:
    data = form_data(cast, responsible=str(getattr(cast, persona).pk))
    response = cast.client_for(cast.core).post(
        url(cast, "action_add", pk=focus_area.pk), data, headers=HTMX
    )
    assert error_ids(response.text) == {"add-responsible_error"}
    assert Action.objects.count() == 0


def test_resource_use_cannot_be_negative(cast: Cast, focus_area: InterventionFocusArea) -> None:
    data = form_data(cast, resource_hours="-5", resource_fte="-0,5", resource_dkk="-1")
    response = cast.client_for(cast.core).post(
        url(cast, "action_add", pk=focus_area.pk), data, headers=HTMX
    )
    assert error_ids(response.text) == {
        "add-resource_hours_error",
        "add-resource_fte_error",
        "add-resource_dkk_error",
    }
    assert Action.objects.count() == 0


def test_a_challenge_of_another_specialty_cannot_be_linked(
    cast: Cast, focus_area: InterventionFocusArea
) -> None:
    foreign = Challenge.objects.create(
        specialty=cast.other_specialty,
        title="Andres udfordring",
        primary_perspective=Perspective.objects.get(code="faglig"),
    )
    data = form_data(cast, challenges=str(foreign.pk))
    response = cast.client_for(cast.core).post(
        url(cast, "action_add", pk=focus_area.pk), data, headers=HTMX
    )
    assert error_ids(response.text) == {"add-challenges_error"}
    assert "Andres udfordring" not in response.text
    assert Action.objects.count() == 0


def test_the_services_refuse_what_the_form_refuses(
    cast: Cast, focus_area: InterventionFocusArea
) -> None:
    focus_area = InterventionFocusArea.objects.select_related("framework__ambition").get(
        pk=focus_area.pk
    )
    base = ActionInput(
        title="X",
        purpose="Y",
        responsible=cast.core,
        start_date=days(0),
        end_date=days(10),
        principles=[
            PrincipleInput(principle=Principle.objects.get(code="naerhed"), justification="Z")
        ],
    )
    faglig = Perspective.objects.get(code="faglig")
    for bad in [
        {"principles": []},
        {
            "principles": [
                PrincipleInput(principle=Principle.objects.get(code="naerhed"), justification=" ")
            ]
        },
        {"end_date": days(-1)},
        {"responsible": cast.outsider},
        {"resource_hours": Decimal(-1)},
        {"assessments": [AssessmentInput(perspective=faglig, rating=1)]},
        {"assessments": [AssessmentInput(perspective=faglig, rating=3, justification="Z")]},
    ]:
        with pytest.raises(ValueError):  # noqa: PT011
            professional_services.action_create(
                focus_area=focus_area,
                by=cast.core,
                data=ActionInput(**{**base.__dict__, **bad}),
            )
    assert Action.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_a_failure_midway_leaves_nothing_half_saved(
    reference_data: None, cast: Cast, focus_area: InterventionFocusArea
) -> None:
    """The action row is written first; when a later write fails, it is rolled back too."""
    before = snapshot()
    client = cast.client_for(cast.core)
    with (
        mock.patch.object(
            professional_services, "_save_principles", side_effect=DatabaseError("disk full")
        ) as failing,
        pytest.raises(DatabaseError),
    ):
        client.post(url(cast, "action_add", pk=focus_area.pk), form_data(cast), headers=HTMX)
    assert failing.called  # the failure came after the Action and assessments were inserted
    assert snapshot() == before
    assert not Action.objects.exists()
    assert not PerspectiveAssessment.objects.exists()

    # and without the failure, all of it is saved
    response = client.post(url(cast, "action_add", pk=focus_area.pk), form_data(cast), headers=HTMX)
    assert response.status_code == 200
    assert Action.objects.count() == 1
    assert PerspectiveAssessment.objects.count() == 3
    assert ActionPrinciple.objects.count() == 1


# -- Editing an action ------------------------------------------------------------------------


@pytest.mark.parametrize("persona", EDITORS)
def test_an_action_is_edited_in_place(
    cast: Cast, focus_area: InterventionFocusArea, action: Action, persona: str
) -> None:
    person = getattr(cast, persona)
    client = cast.client_for(person)
    form = client.get(url(cast, "action", pk=action.pk) + "?rediger=1", headers=HTMX)
    assert form.status_code == 200
    assert "<html" not in form.text
    assert f'id="action-{action.pk}"' in form.text
    assert f'id="a{action.pk}-title"' in form.text
    assert 'name="revision" value="0"' in form.text
    assert "Behandling tæt på patienten." in form.text  # the principle's justification

    data = form_data(
        cast,
        title="Fælles visitationsteam på tværs",
        revision="0",
        status="completed",
        responsible=str(cast.lead.pk),
        principle_styrkepositioner="on",
        principle_styrkepositioner_justification="Samler visitationen i et stærkt miljø.",
    )
    response = client.post(url(cast, "action", pk=action.pk), data, headers=HTMX)
    assert response.status_code == 200
    assert "<html" not in response.text
    assert "Fælles visitationsteam på tværs" in response.text
    action.refresh_from_db()
    assert action.title == "Fælles visitationsteam på tværs"
    assert action.revision == 1
    assert action.status == "completed"
    assert action.responsible == cast.lead
    assert action.updated_by == person
    # nærhed was not ticked this time: removed; the two ticked ones are there
    assert sorted(p.principle.code for p in action.principles.all()) == [
        "populationsansvar",
        "styrkepositioner",
    ]
    assert {a.perspective.code: a.rating for a in action.assessments.all()} == {
        "faglig": 2,
        "personalemaessig": 0,
        "organisatorisk": -1,
    }
    assert action.history.first().history_user == person
    removed = ActionPrinciple.history.filter(history_type="-").get()
    assert removed.principle.code == "naerhed"
    assert removed.history_user == person


def test_without_htmx_showing_an_action_goes_to_its_place_on_the_page(
    cast: Cast, focus_area: InterventionFocusArea, action: Action
) -> None:
    client = cast.client_for(cast.steering)
    response = client.get(url(cast, "action", pk=action.pk))
    assert response.status_code == 302
    assert response["Location"] == page_url(cast, focus_area) + f"#action-{action.pk}"
    full = cast.client_for(cast.core).get(url(cast, "action", pk=action.pk) + "?rediger=1")
    assert full.status_code == 200
    assert "<html" in full.text
    assert f'id="a{action.pk}-title"' in full.text


def test_an_invalid_edit_keeps_what_was_typed_and_saves_nothing(
    cast: Cast, focus_area: InterventionFocusArea, action: Action
) -> None:
    data = without(
        form_data(cast, title="Nyt navn", revision="0"),
        "principle_populationsansvar",
    )
    response = cast.client_for(cast.core).post(
        url(cast, "action", pk=action.pk), data, headers=HTMX
    )
    assert response.status_code == 200
    assert f'id="a{action.pk}-principles_error"' in response.text
    assert 'value="Nyt navn"' in response.text
    action.refresh_from_db()
    assert action.title == "Fælles visitationsteam"
    assert action.revision == 0


def test_a_concurrent_edit_loses_neither_version(
    cast: Cast, focus_area: InterventionFocusArea, action: Action
) -> None:
    core, lead = cast.client_for(cast.core), cast.client_for(cast.lead)
    # Both opened the action at revision 0; the lead saves first.
    first = lead.post(
        url(cast, "action", pk=action.pk),
        form_data(cast, title="Lederens titel", purpose="Lederens formål.", revision="0"),
        headers=HTMX,
    )
    assert first.status_code == 200
    response = core.post(
        url(cast, "action", pk=action.pk),
        form_data(cast, title="Kernens titel", purpose="Kernens formål.", revision="0"),
        headers=HTMX,
    )

    assert response.status_code == 200
    page = response.text
    assert f'id="action-{action.pk}-conflict"' in page
    theirs = page[page.index(f'id="action-{action.pk}-theirs"') :]
    assert "Lederens titel" in theirs
    assert "Lederens formål." in theirs
    assert 'value="Kernens titel"' in page  # mine, still in the form
    assert "Kernens formål." in page
    assert 'name="revision" value="1"' in page
    action.refresh_from_db()
    assert (action.title, action.revision) == ("Lederens titel", 1)

    # Saving again, knowingly, on top of revision 1 works.
    again = core.post(
        url(cast, "action", pk=action.pk),
        form_data(cast, title="Fælles titel", purpose="Begges formål.", revision="1"),
        headers=HTMX,
    )
    assert again.status_code == 200
    assert f'id="action-{action.pk}-conflict"' not in again.text
    action.refresh_from_db()
    assert (action.title, action.revision) == ("Fælles titel", 2)
    assert [h.title for h in action.history.order_by("history_date", "history_id")][-2:] == [
        "Lederens titel",
        "Fælles titel",
    ]


def test_a_late_action_is_shown_as_late(cast: Cast, focus_area: InterventionFocusArea) -> None:
    late = make_action(cast, focus_area, "Sen", start=-60, end=-1, status="in_progress")
    done = make_action(cast, focus_area, "Færdig", start=-60, end=-1, status="completed")
    stopped = make_action(cast, focus_area, "Stoppet", start=-60, end=-1, status="stopped")
    running = make_action(cast, focus_area, "I gang", start=-60, end=0, status="in_progress")
    page = cast.client_for(cast.steering).get(page_url(cast, focus_area)).text
    assert f'id="action-{late.pk}-late"' in page
    for action in (done, stopped, running):
        assert f'id="action-{action.pk}-late"' not in page
    assert 'class="action action--late"' in page


# -- Milestones -------------------------------------------------------------------------------


def test_milestones_are_added_and_ticked_off_in_place(
    cast: Cast, focus_area: InterventionFocusArea, action: Action
) -> None:
    client = cast.client_for(cast.core)
    response = client.post(
        url(cast, "milestone_add", pk=action.pk),
        {"title": "Første visitationsmøde", "due_date": days(14).isoformat()},
        headers=HTMX,
    )
    assert response.status_code == 200
    assert response.text.lstrip().startswith(f'<section id="part-milestones-{action.pk}"')
    milestone = Milestone.objects.get(action=action)
    assert milestone.title == "Første visitationsmøde"
    assert f'id="milestone-{milestone.pk}"' in response.text
    assert milestone.history.get().history_user == cast.core

    toggle = url(cast, "milestone_toggle", pk=action.pk, milestone=milestone.pk)
    response = client.post(toggle, {"done": "1"}, headers=HTMX)
    assert response.status_code == 200
    assert response.text.lstrip().startswith(f'<section id="part-milestones-{action.pk}"')
    milestone.refresh_from_db()
    assert milestone.done_on == TODAY
    assert f'data-done="{TODAY.isoformat()}"' in response.text
    assert 'name="done" value="0"' in response.text

    # pressing "done" twice does not undo it
    client.post(toggle, {"done": "1"}, headers=HTMX)
    milestone.refresh_from_db()
    assert milestone.done_on == TODAY

    client.post(toggle, {"done": "0"}, headers=HTMX)
    milestone.refresh_from_db()
    assert milestone.done_on is None
    assert milestone.history.count() == 3
    assert client.post(toggle, {}, headers=HTMX).status_code == 400


def test_a_milestone_needs_a_title_and_a_date(
    cast: Cast, focus_area: InterventionFocusArea, action: Action
) -> None:
    response = cast.client_for(cast.core).post(
        url(cast, "milestone_add", pk=action.pk), {"title": "Uden dato"}, headers=HTMX
    )
    assert response.status_code == 200
    assert error_ids(response.text) == {f"ms{action.pk}-due_date_error"}
    assert 'value="Uden dato"' in response.text
    assert not Milestone.objects.exists()


def test_a_milestone_of_another_action_is_404(
    cast: Cast, focus_area: InterventionFocusArea, action: Action
) -> None:
    other = make_action(cast, focus_area, "Anden")
    milestone = professional_services.milestone_add(
        action=other, by=cast.owner, title="Start", due_date=days(1)
    )
    target = url(cast, "milestone_toggle", pk=action.pk, milestone=milestone.pk)
    assert cast.client_for(cast.core).post(target, {"done": "1"}, headers=HTMX).status_code == 404
    milestone.refresh_from_db()
    assert milestone.done_on is None


# -- Indicators and measurements --------------------------------------------------------------


def test_an_indicator_and_its_measurements_in_place(
    cast: Cast, focus_area: InterventionFocusArea, action: Action
) -> None:
    client = cast.client_for(cast.lead)
    response = client.post(
        url(cast, "indicator_add", pk=action.pk),
        {"name": "Ventetid til første samtale", "unit": "dage", "baseline": "60", "target": "30"},
        headers=HTMX,
    )
    assert response.status_code == 200
    assert response.text.lstrip().startswith(f'<section id="part-indicators-{action.pk}"')
    indicator = ProgressIndicator.objects.get(action=action)
    assert (indicator.baseline, indicator.target) == (Decimal(60), Decimal(30))
    assert indicator.history.get().history_user == cast.lead

    add = url(cast, "measurement_add", pk=action.pk, indicator=indicator.pk)
    for when, value in [(days(-20), "52"), (days(-1), "45,5"), (days(-10), "48")]:
        response = client.post(
            add, {"measured_on": when.isoformat(), "value": value, "note": "Fra LPR"}, headers=HTMX
        )
        assert response.status_code == 200
    assert response.text.lstrip().startswith(f'<section id="part-indicators-{action.pk}"')
    measurements = Measurement.objects.filter(indicator=indicator)
    assert {m.recorded_by for m in measurements} == {cast.lead}
    assert sorted(m.value for m in measurements) == [Decimal("45.5"), Decimal(48), Decimal(52)]

    page = response.text
    assert f'id="indicator-{indicator.pk}-measurements"' in page
    table = page[page.index(f'id="indicator-{indicator.pk}-measurements"') :]
    assert "<caption" in table[: table.index("</caption>")]
    dates = re.findall(r'<time datetime="(\d{4}-\d\d-\d\d)"', table)
    assert dates == [days(-1).isoformat(), days(-10).isoformat(), days(-20).isoformat()]
    latest = page[page.index(f'id="indicator-{indicator.pk}-latest"') :]
    assert 'data-value="45.50"' in latest[:300]
    # (60 - 45.5) / (60 - 30) = 48 % of the way
    assert 'data-progress="48"' in page


def test_a_card_shows_the_newest_measurements_and_opens_to_record_progress(
    cast: Cast, focus_area: InterventionFocusArea, action: Action
) -> None:
    """The page keeps each card small: the newest MEASUREMENTS_SHOWN measurements and no
    forms. "Record progress" opens the card with every measurement and the forms."""
    from ambitions.professional.views.action_cards import MEASUREMENTS_SHOWN

    indicator = professional_services.indicator_add(
        action=action, by=cast.owner, name="Ventetid", unit="dage", baseline=60, target=30
    )
    total = MEASUREMENTS_SHOWN + 2
    for n in range(total):
        professional_services.measurement_add(
            indicator=indicator, by=cast.core, measured_on=days(-n - 1), value=Decimal(50 - n)
        )
    client = cast.client_for(cast.core)
    page = client.get(page_url(cast, focus_area)).text
    table = page[page.index(f'id="indicator-{indicator.pk}-measurements"') :]
    table = table[: table.index("</table>")]
    assert len(re.findall(r"<tr>", table)) == 1 + MEASUREMENTS_SHOWN  # the header and the newest
    assert f"De {MEASUREMENTS_SHOWN} nyeste af {total} målinger." in page
    assert days(-1).isoformat() in table
    assert days(-total).isoformat() not in table

    opened = client.get(url(cast, "action", pk=action.pk) + "?opdater=1", headers=HTMX)
    assert opened.status_code == 200
    assert opened.text.lstrip().startswith(f'<article id="action-{action.pk}"')
    assert days(-total).isoformat() in opened.text
    for form in ("milestone_add", "indicator_add"):
        assert url(cast, form, pk=action.pk) in opened.text
    assert url(cast, "measurement_add", pk=action.pk, indicator=indicator.pk) in opened.text
    # The card opens at its first measurement, the progress to record (issue 30, item 11).
    (focused,) = re.findall(r"<input[^>]*autofocus[^>]*>", opened.text)
    assert f'id="me{indicator.pk}-measured_on"' in focused
    # Without JavaScript the same card opens in the page.
    plain = client.get(url(cast, "action", pk=action.pk) + "?opdater=1")
    assert plain["Location"] == (
        page_url(cast, focus_area) + f"?opdater={action.pk}#action-{action.pk}"
    )
    page = client.get(plain["Location"]).text
    assert url(cast, "milestone_add", pk=action.pk) in page
    assert days(-total).isoformat() in page


@pytest.mark.parametrize("persona", PROGRAMME)
def test_only_editors_open_a_card_or_the_new_action_form(
    cast: Cast, focus_area: InterventionFocusArea, action: Action, persona: str
) -> None:
    reader = cast.client_for(getattr(cast, persona))
    assert reader.get(url(cast, "action", pk=action.pk) + "?opdater=1").status_code == 403
    assert reader.get(page_url(cast, focus_area) + "?ny=1", headers=HTMX).status_code == 403
    page = reader.get(page_url(cast, focus_area) + "?ny=1").text
    assert url(cast, "action_add", pk=focus_area.pk) not in page

    editor = cast.client_for(cast.core)
    form = editor.get(page_url(cast, focus_area) + "?ny=1", headers=HTMX)
    assert form.status_code == 200
    assert form.text.lstrip().startswith('<section id="action-add"')
    assert url(cast, "action_add", pk=focus_area.pk) in form.text


def test_a_milestone_ticked_in_a_closed_card_keeps_it_closed(
    cast: Cast, focus_area: InterventionFocusArea, action: Action
) -> None:
    milestone = professional_services.milestone_add(
        action=action, by=cast.owner, title="Plan klar", due_date=days(5)
    )
    toggle = url(cast, "milestone_toggle", pk=action.pk, milestone=milestone.pk)
    client = cast.client_for(cast.core)
    closed = client.post(toggle, {"done": "1"}, headers=HTMX)
    add = f'action="{url(cast, "milestone_add", pk=action.pk)}"'
    assert add not in closed.text
    opened = client.post(toggle, {"done": "0", "opdater": "1"}, headers=HTMX)
    assert add in opened.text


def test_an_indicator_needs_a_target_that_differs_from_its_baseline(
    cast: Cast, focus_area: InterventionFocusArea, action: Action
) -> None:
    response = cast.client_for(cast.core).post(
        url(cast, "indicator_add", pk=action.pk),
        {"name": "Ventetid", "unit": "dage", "baseline": "30", "target": "30,00"},
        headers=HTMX,
    )
    assert response.status_code == 200
    assert error_ids(response.text) == {f"in{action.pk}-target_error"}
    assert 'value="Ventetid"' in response.text
    assert not ProgressIndicator.objects.exists()


def test_a_measurement_cannot_be_dated_in_the_future(
    cast: Cast, focus_area: InterventionFocusArea, action: Action
) -> None:
    indicator = professional_services.indicator_add(
        action=action,
        by=cast.owner,
        name="Ventetid",
        unit="dage",
        baseline=Decimal(60),
        target=Decimal(30),
    )
    response = cast.client_for(cast.core).post(
        url(cast, "measurement_add", pk=action.pk, indicator=indicator.pk),
        {"measured_on": days(1).isoformat(), "value": "40"},
        headers=HTMX,
    )
    assert response.status_code == 200
    assert error_ids(response.text) == {f"me{indicator.pk}-measured_on_error"}
    assert not Measurement.objects.exists()
    with pytest.raises(ValueError):  # noqa: PT011
        professional_services.measurement_add(
            indicator=indicator, by=cast.core, measured_on=days(1), value=Decimal(40)
        )


def test_a_second_measurement_on_the_same_day_is_a_field_error_keeping_what_was_typed(
    cast: Cast, focus_area: InterventionFocusArea, action: Action
) -> None:
    """Issue 30, item 11: two values on one day were taken silently."""
    indicator = professional_services.indicator_add(
        action=action,
        by=cast.owner,
        name="Ventetid",
        unit="dage",
        baseline=Decimal(60),
        target=Decimal(30),
    )
    professional_services.measurement_add(
        indicator=indicator, by=cast.core, measured_on=days(-1), value=Decimal(45)
    )
    response = cast.client_for(cast.core).post(
        url(cast, "measurement_add", pk=action.pk, indicator=indicator.pk),
        {"measured_on": days(-1).isoformat(), "value": "41,5", "note": "Efter ny rutine"},
        headers=HTMX,
    )
    assert response.status_code == 200
    assert error_ids(response.text) == {f"me{indicator.pk}-measured_on_error"}
    assert "har allerede en måling den" in response.text
    assert "Efter ny rutine" in response.text  # what they typed is still there
    assert Measurement.objects.count() == 1
    another_day = cast.client_for(cast.core).post(
        url(cast, "measurement_add", pk=action.pk, indicator=indicator.pk),
        {"measured_on": days(-2).isoformat(), "value": "41,5"},
        headers=HTMX,
    )
    assert another_day.status_code == 200
    assert Measurement.objects.count() == 2


def test_a_measurement_of_another_actions_indicator_is_404(
    cast: Cast, focus_area: InterventionFocusArea, action: Action
) -> None:
    other = make_action(cast, focus_area, "Anden")
    indicator = professional_services.indicator_add(
        action=other, by=cast.owner, name="X", unit="%", baseline=Decimal(1), target=Decimal(2)
    )
    response = cast.client_for(cast.core).post(
        url(cast, "measurement_add", pk=action.pk, indicator=indicator.pk),
        {"measured_on": TODAY.isoformat(), "value": "1"},
        headers=HTMX,
    )
    assert response.status_code == 404
    assert not Measurement.objects.exists()


# -- Queries ----------------------------------------------------------------------------------


def _fill(cast: Cast, focus_area: InterventionFocusArea, count: int) -> None:
    for i in range(count):
        action = make_action(cast, focus_area, f"Handling {i}")
        action.challenges.add(*Challenge.objects.filter(specialty=cast.specialty))
        for n in range(2):
            professional_services.milestone_add(
                action=action, by=cast.owner, title=f"Milepæl {n}", due_date=days(n * 10 - 5)
            )
        indicator = professional_services.indicator_add(
            action=action,
            by=cast.owner,
            name=f"Indikator {i}",
            unit="dage",
            baseline=Decimal(60),
            target=Decimal(30),
        )
        for n in range(3):
            professional_services.measurement_add(
                indicator=indicator, by=cast.core, measured_on=days(-n), value=Decimal(50 - n)
            )


@pytest.mark.parametrize("persona", ["core", "steering"])
def test_the_page_costs_the_same_queries_for_2_or_20_actions(
    cast: Cast, focus_area: InterventionFocusArea, persona: str
) -> None:
    """Built (after a change) in a fixed number of queries; kept, in six."""
    client = cast.client_for(getattr(cast, persona))

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(page_url(cast, focus_area))
        assert response.status_code == 200
        return len(ctx.captured_queries)

    def built_and_kept() -> tuple[int, int]:
        client.get(page_url(cast, focus_area))  # the specialty's address known
        content_cache.bump(cast.specialty.pk)  # as every write does
        return count(), count()

    _fill(cast, focus_area, 2)
    few = built_and_kept()
    _fill(cast, focus_area, 18)
    assert Action.objects.filter(focus_area=focus_area).count() == 20
    assert built_and_kept() == few
    assert few[0] <= 25
    # The person (the session is in the cache), the specialty with its content versions, its
    # memberships, sites and strength positions' sites (what a person may do is read from
    # the database on every request), and the focus area.
    assert few[1] == 6


def _page(client: Client, cast: Cast, focus_area: InterventionFocusArea, query: str = "") -> str:
    response = client.get(page_url(cast, focus_area) + query)
    assert response.status_code == 200
    return response.text


def test_every_kind_of_write_shows_on_the_kept_page_at_once(
    cast: Cast, focus_area: InterventionFocusArea, action: Action
) -> None:
    editor, reader = cast.client_for(cast.core), cast.client_for(cast.steering)
    indicator = professional_services.indicator_add(
        action=action,
        by=cast.owner,
        name="Ventetid",
        unit="dage",
        baseline=Decimal(40),
        target=Decimal(20),
    )
    steps: list[tuple[str, dict[str, str], str]] = [
        (
            url(cast, "action_add", pk=focus_area.pk),
            form_data(cast, title="En helt ny handling"),
            "En helt ny handling",
        ),
        (
            url(cast, "milestone_add", pk=action.pk),
            {"title": "Første visitationsmøde", "due_date": days(14).isoformat()},
            "Første visitationsmøde",
        ),
        (
            url(cast, "indicator_add", pk=action.pk),
            {"name": "Andel set inden for 14 dage", "unit": "%", "baseline": "40", "target": "80"},
            "Andel set inden for 14 dage",
        ),
        (
            url(cast, "measurement_add", pk=action.pk, indicator=indicator.pk),
            {"measured_on": days(-1).isoformat(), "value": "31,5"},
            "31,5",
        ),
    ]
    for write, data, shown in steps:
        for who in (editor, reader):
            assert shown not in _page(who, cast, focus_area), write  # kept before it
        assert editor.post(write, data, headers=HTMX).status_code == 200, write
        for who in (editor, reader):
            assert shown in _page(who, cast, focus_area), write
    # An edit through the ORM (as the admin writes) shows too.
    edited = Action.objects.get(pk=action.pk)
    edited.title = "Omdøbt i administrationen"
    edited.save()
    assert "Omdøbt i administrationen" in _page(reader, cast, focus_area)


def test_a_reader_never_gets_the_editors_kept_page(
    cast: Cast, focus_area: InterventionFocusArea, action: Action
) -> None:
    record = f"?opdater={action.pk}"
    assert record in _page(cast.client_for(cast.core), cast, focus_area)
    for persona in ("steering", "other_owner"):
        assert record not in _page(cast.client_for(getattr(cast, persona)), cast, focus_area)
    # and the other way round: the programme's comments link is the programme's
    history = url(cast, "action_history", pk=action.pk)
    assert history in _page(cast.client_for(cast.steering), cast, focus_area)
    assert history not in _page(cast.client_for(cast.other_owner), cast, focus_area)


def test_an_open_card_or_form_is_never_kept(
    cast: Cast, focus_area: InterventionFocusArea, action: Action
) -> None:
    editor = cast.client_for(cast.core)
    _page(editor, cast, focus_area)
    opened = _page(editor, cast, focus_area, f"?opdater={action.pk}")
    assert f'id="ms{action.pk}-title"' in opened  # the milestone form of the opened card
    assert f'id="ms{action.pk}-title"' not in _page(editor, cast, focus_area)
    assert 'id="add-title"' in _page(editor, cast, focus_area, "?ny=1")
    assert 'id="add-title"' not in _page(editor, cast, focus_area)


def test_an_action_turns_late_on_the_next_day_though_nothing_changed(
    cast: Cast, focus_area: InterventionFocusArea
) -> None:
    due = make_action(cast, focus_area, "Slutter i dag", start=-60, end=0)
    reader = cast.client_for(cast.steering)
    assert f'id="action-{due.pk}-late"' not in _page(reader, cast, focus_area)
    tomorrow = TODAY + datetime.timedelta(days=1)
    with mock.patch.object(timezone, "localdate", return_value=tomorrow):
        assert f'id="action-{due.pk}-late"' in _page(reader, cast, focus_area)


def test_a_long_focus_area_shows_a_page_of_actions_and_loads_more(
    cast: Cast, focus_area: InterventionFocusArea
) -> None:
    """A year of work: the page stays small, counts them all, and "show more" appends the
    next ones (HTMX) or shows them all on one page (no JavaScript)."""
    from ambitions.professional.views.action_cards import ACTIONS_PER_PAGE

    total = ACTIONS_PER_PAGE + 7
    for n in range(total):
        Action.objects.create(
            focus_area=focus_area,
            title=f"Handling {n:02d}",
            purpose="…",
            responsible=cast.core,
            start_date=days(n),
            end_date=days(n + 30),
        )
    client = cast.client_for(cast.core)
    page = client.get(url(cast, "focus_area", pk=focus_area.pk))
    assert page.status_code == 200
    assert page.text.count('class="action"') + page.text.count('class="action action--late"') == (
        ACTIONS_PER_PAGE
    )
    assert f"Viser {ACTIONS_PER_PAGE} af {total} handlinger." in page.text
    assert f"Handling {ACTIONS_PER_PAGE - 1:02d}" in page.text
    assert f"Handling {ACTIONS_PER_PAGE:02d}" not in page.text

    more = client.get(
        url(cast, "focus_area", pk=focus_area.pk) + f"?fra={ACTIONS_PER_PAGE}", headers=HTMX
    )
    assert more.status_code == 200
    assert 'hx-swap-oob="beforeend:#action-list"' in more.text
    assert f"Handling {ACTIONS_PER_PAGE:02d}" in more.text
    assert f"Handling {total - 1:02d}" in more.text
    assert "Handling 00" not in more.text
    assert 'id="more-actions"' not in more.text  # nothing left to load

    everything = client.get(url(cast, "focus_area", pk=focus_area.pk) + "?alle=1")
    assert f"Handling {total - 1:02d}" in everything.text
    assert 'id="more-actions"' not in everything.text


def test_traceability_shows_the_first_entries_of_long_lists_and_everything_on_request(
    cast: Cast, focus_area: InterventionFocusArea
) -> None:
    from ambitions.professional.views.traceability import TRACE_LIMIT

    total = TRACE_LIMIT + 4
    for n in range(total):
        Action.objects.create(
            focus_area=focus_area,
            title=f"Sporet handling {n:02d}",
            purpose="…",
            responsible=cast.core,
            start_date=days(n),
            end_date=days(n + 30),
        )
    client = cast.client_for(cast.owner)
    page = client.get(url(cast, "traceability"))
    assert page.status_code == 200
    assert 'id="trace-show-all"' in page.text
    table = page.text[page.text.index('id="from-actions"') :]
    assert table.count("Sporet handling") == TRACE_LIMIT
    everything = client.get(url(cast, "traceability") + "?alle=1")
    table = everything.text[everything.text.index('id="from-actions"') :]
    assert table.count("Sporet handling") == total
    assert 'id="trace-show-all"' not in everything.text
