"""Hostile and absurd input to every form of the ambition pages (strategic, challenges,
professional), through HTTP: a Danish field error, never a 500, nothing stored.

Issue #11, item 4: an id of 2^63 or more in a multiple choice raised OverflowError; text of
only control characters passed "required" and then raised or was stored empty.
Item 7: outcome goals took no Danish "1,5"; dates far outside the programme were taken.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.db import models
from django.test import Client
from django.urls import reverse

from ambitions.models import (
    Action,
    Actor,
    AreaFramework,
    InterventionArea,
    InterventionFocusArea,
    Milestone,
    OutcomeGoal,
    ProfessionalAmbition,
    ProgressIndicator,
    StrategicAmbition,
)
from ambitions.professional import services as professional_services
from ambitions.strategic import services
from sustainability.models import Challenge
from tests.ambitions.professional.conftest import frameworks_of
from tests.ambitions.professional.test_actions import form_data as action_data
from tests.ambitions.professional.test_actions import make_action
from tests.ambitions.professional.test_frameworks import actor_data, goal_data
from tests.conftest import Cast
from tests.sustainability.test_challenges import _data as challenge_data

HTMX = {"HX-Request": "true"}
HUGE_ID = str(2**63)
HUGER_ID = str(10**30)
CONTROL = "\x01\x02\x1b\x7f\x85"


def counts(*model_types: type[models.Model]) -> tuple[int, ...]:
    return tuple(m.objects.count() for m in model_types)  # type: ignore[attr-defined]


def refused(response: Any) -> bool:
    """A 200 with the form back and a field marked invalid."""
    return response.status_code == 200 and 'aria-invalid="true"' in response.text


def strategic_url(cast: Cast, name: str, **kwargs: object) -> str:
    return reverse(f"ambitions:{name}", kwargs={"slug": cast.specialty.slug, **kwargs})


def url(cast: Cast, name: str, **kwargs: object) -> str:
    return reverse(f"professional:{name}", kwargs={"slug": cast.specialty.slug, **kwargs})


@pytest.fixture
def framework(professional: ProfessionalAmbition) -> AreaFramework:
    return frameworks_of(professional)[0]


@pytest.fixture
def focus_area(framework: AreaFramework) -> InterventionFocusArea:
    return InterventionFocusArea.objects.create(framework=framework, title="Visitation", order=1)


@pytest.fixture
def action(cast: Cast, focus_area: InterventionFocusArea) -> Action:
    return make_action(cast, focus_area)


@pytest.fixture
def owner(cast: Cast) -> Client:
    return cast.client_for(cast.owner)


# -- Item 4: ids beyond the database's integers ---------------------------------------------


@pytest.mark.parametrize("bad", [HUGE_ID, HUGER_ID, "-1", "0", "1e3", "x"])
def test_an_intervention_area_with_an_impossible_id_is_refused(
    cast: Cast, drafted: StrategicAmbition, owner: Client, bad: str
) -> None:
    before = counts(InterventionArea)
    for field in ("area-challenges", "area-perspectives"):
        response = owner.post(
            strategic_url(cast, "area_add"),
            {"area-title": "Nyt område", "area-revision": "0", field: [bad]},
            headers=HTMX,
        )
        assert refused(response), field
    assert counts(InterventionArea) == before


@pytest.mark.parametrize("bad", [HUGE_ID, HUGER_ID])
def test_a_challenge_with_an_impossible_focus_area_is_refused(
    cast: Cast, owner: Client, bad: str
) -> None:
    data = challenge_data("Ventelister")
    data["focus_areas"] = [bad]
    response = owner.post(
        reverse("sustainability:challenge_add", args=[cast.specialty.slug]), data, headers=HTMX
    )
    assert refused(response)
    assert not Challenge.objects.filter(specialty=cast.specialty).exists()


@pytest.mark.parametrize("bad", [HUGE_ID, HUGER_ID])
def test_a_core_team_with_an_impossible_member_is_refused(
    cast: Cast, framework: AreaFramework, owner: Client, bad: str
) -> None:
    response = owner.post(
        url(cast, "framework_core_team", pk=framework.pk), {"team-members": [bad]}, headers=HTMX
    )
    assert refused(response)
    assert not framework.core_team.exists()


@pytest.mark.parametrize("bad", [HUGE_ID, HUGER_ID])
def test_an_action_with_an_impossible_challenge_or_person_is_refused(
    cast: Cast, focus_area: InterventionFocusArea, owner: Client, bad: str
) -> None:
    for override in ({"challenges": [bad]}, {"responsible": bad}):
        data: dict[str, Any] = {**action_data(cast), **override}
        response = owner.post(url(cast, "action_add", pk=focus_area.pk), data, headers=HTMX)
        assert refused(response), override
    assert not Action.objects.exists()


# -- Item 4: text of only control characters is empty ---------------------------------------


def test_a_milestone_titled_with_control_characters_is_refused(
    cast: Cast, action: Action, owner: Client
) -> None:
    response = owner.post(
        url(cast, "milestone_add", pk=action.pk),
        {"title": CONTROL, "due_date": "2026-05-01"},
        headers=HTMX,
    )
    assert refused(response)
    assert not Milestone.objects.exists()


def test_an_indicator_named_with_control_characters_is_refused(
    cast: Cast, action: Action, owner: Client
) -> None:
    for field in ("name", "unit"):
        data = {"name": "Ventetid", "unit": "dage", "baseline": "60", "target": "30"}
        data[field] = CONTROL
        response = owner.post(url(cast, "indicator_add", pk=action.pk), data, headers=HTMX)
        assert refused(response), field
    assert not ProgressIndicator.objects.exists()


def test_titles_of_control_characters_are_refused_not_stored_empty(
    cast: Cast, focus_area: InterventionFocusArea, owner: Client
) -> None:
    framework = focus_area.framework
    ambition = StrategicAmbition.objects.get(specialty=cast.specialty)
    services.ambition_start_revision(ambition=ambition, by=cast.owner)
    before = counts(InterventionArea, Challenge, Action, OutcomeGoal, Actor)
    posts = [
        (strategic_url(cast, "area_add"), {"area-title": CONTROL, "area-revision": "0"}),
        (
            reverse("sustainability:challenge_add", args=[cast.specialty.slug]),
            challenge_data(CONTROL),
        ),
        (url(cast, "action_add", pk=focus_area.pk), action_data(cast, title=CONTROL)),
        (url(cast, "goal_add", pk=framework.pk), goal_data(**{"goal-indicator": CONTROL})),
        (url(cast, "goal_add", pk=framework.pk), goal_data(**{"goal-unit": CONTROL})),
        (url(cast, "actor_add", pk=framework.pk), actor_data(**{"actor-name": CONTROL})),
    ]
    for target, data in posts:
        response = owner.post(target, data, headers=HTMX)
        assert refused(response), (target, data)
    assert counts(InterventionArea, Challenge, Action, OutcomeGoal, Actor) == before
    assert not Challenge.objects.filter(title="").exists()


def test_a_condition_of_control_characters_is_refused(
    cast: Cast, drafted: StrategicAmbition
) -> None:
    services.ambition_submit(ambition=drafted, by=cast.owner)
    response = cast.client_for(cast.steering).post(
        strategic_url(cast, "decide"),
        {
            "decision": "approve",
            "remark": "",
            "conditions-TOTAL_FORMS": "1",
            "conditions-INITIAL_FORMS": "0",
            "conditions-0-text": CONTROL,
            "conditions-0-deadline": "2026-06-30",
            "conditions-0-responsible": str(cast.owner.pk),
        },
    )
    assert refused(response)
    assert StrategicAmbition.objects.get(pk=drafted.pk).status == "submitted"


# -- Item 7: Danish numbers, and dates within the programme's horizon -----------------------


def test_an_outcome_goal_takes_a_danish_decimal_comma(
    cast: Cast, framework: AreaFramework, owner: Client
) -> None:
    response = owner.post(
        url(cast, "goal_add", pk=framework.pk),
        goal_data(**{"goal-baseline": "1,5", "goal-target": "0,75"}),
        headers=HTMX,
    )
    assert response.status_code == 200
    goal = OutcomeGoal.objects.get(framework=framework)
    assert (goal.baseline, goal.target) == (Decimal("1.5"), Decimal("0.75"))


@pytest.mark.parametrize("date", ["0001-01-01", "9999-12-31", "1899-12-31", "2999-01-01"])
def test_dates_far_outside_the_programme_are_refused(
    cast: Cast, framework: AreaFramework, action: Action, owner: Client, date: str
) -> None:
    focus_area = action.focus_area
    before = counts(OutcomeGoal, Milestone, Action)
    posts = [
        (url(cast, "goal_add", pk=framework.pk), goal_data(**{"goal-target_date": date})),
        (url(cast, "milestone_add", pk=action.pk), {"title": "Start", "due_date": date}),
        (url(cast, "action_add", pk=focus_area.pk), action_data(cast, start_date=date)),
        (url(cast, "action_add", pk=focus_area.pk), action_data(cast, end_date=date)),
    ]
    for target, data in posts:
        assert refused(owner.post(target, data, headers=HTMX)), (target, data)
    assert counts(OutcomeGoal, Milestone, Action) == before


def test_a_measurement_dated_in_year_one_is_refused(
    cast: Cast, action: Action, owner: Client
) -> None:
    indicator = professional_services.indicator_add(
        action=action, by=cast.owner, name="Ventetid", unit="dage", baseline=60, target=30
    )
    response = owner.post(
        url(cast, "measurement_add", pk=action.pk, indicator=indicator.pk),
        {"measured_on": "0001-01-01", "value": "40"},
        headers=HTMX,
    )
    assert refused(response)
    assert not indicator.measurements.exists()


def test_a_condition_deadline_far_away_is_refused(cast: Cast, drafted: StrategicAmbition) -> None:
    services.ambition_submit(ambition=drafted, by=cast.owner)
    response = cast.client_for(cast.steering).post(
        strategic_url(cast, "decide"),
        {
            "decision": "approve",
            "remark": "Godkendt trods advarslerne i beslutningsgrundlaget.",
            "conditions-TOTAL_FORMS": "1",
            "conditions-INITIAL_FORMS": "0",
            "conditions-0-text": "Bemand vagten",
            "conditions-0-deadline": "9999-12-31",
            "conditions-0-responsible": str(cast.owner.pk),
        },
    )
    assert refused(response)
    assert StrategicAmbition.objects.get(pk=drafted.pk).status == "submitted"


def test_an_absurd_number_of_condition_forms_is_capped(
    cast: Cast, drafted: StrategicAmbition
) -> None:
    services.ambition_submit(ambition=drafted, by=cast.owner)
    started = datetime.datetime.now(tz=datetime.UTC)
    response = cast.client_for(cast.steering).post(
        strategic_url(cast, "decide"),
        {
            "decision": "approve",
            "remark": "Godkendt trods advarslerne i beslutningsgrundlaget.",
            "conditions-TOTAL_FORMS": "100000000",
            "conditions-INITIAL_FORMS": "0",
        },
    )
    elapsed = datetime.datetime.now(tz=datetime.UTC) - started
    assert response.status_code == 200
    assert elapsed < datetime.timedelta(seconds=2)
    assert StrategicAmbition.objects.get(pk=drafted.pk).status == "submitted"


# -- Item 7: a damaged hidden revision says so; a bad document request too ---------------------

STALE = "Formularen er forældet eller beskadiget"


@pytest.mark.parametrize("revision", ["", "abc", "-1", HUGER_ID])
def test_a_damaged_revision_is_explained_not_silently_refused(
    cast: Cast, drafted: StrategicAmbition, framework: AreaFramework, owner: Client, revision: str
) -> None:
    ambition = StrategicAmbition.objects.get(pk=drafted.pk)
    services.ambition_start_revision(ambition=ambition, by=cast.owner)
    area = InterventionArea.objects.filter(ambition=ambition).first()
    assert area is not None
    kind = "situationsbillede"
    posts = [
        (
            strategic_url(cast, "part", kind=kind),
            {f"{kind}-text": "Ny tekst", f"{kind}-revision": revision},
        ),
        (
            strategic_url(cast, "area_edit", pk=area.pk),
            {f"area-{area.pk}-title": "Nyt navn", f"area-{area.pk}-revision": revision},
        ),
        (
            url(cast, "framework", pk=framework.pk),
            {"purpose-purpose": "Nyt formål", "purpose-revision": revision},
        ),
        (
            url(cast, "status_update", pk=framework.pk),
            {
                f"status-{framework.pk}-anchoring": "Ledelsen",
                f"status-{framework.pk}-revision": revision,
            },
        ),
    ]
    for target, data in posts:
        response = owner.post(target, data, headers=HTMX)
        assert response.status_code == 200, target
        assert STALE in response.text, target
    assert not InterventionArea.objects.filter(title="Nyt navn").exists()
    assert AreaFramework.objects.get(pk=framework.pk).purpose != "Nyt formål"


@pytest.mark.parametrize(
    "data",
    [
        {"kind": "recipe", "specialty": "im-testkardiologi"},
        {"kind": "strategic", "specialty": "im-testkardiologi", "object_id": "abc"},
        {"kind": "strategic", "specialty": "im-testkardiologi", "object_id": HUGER_ID},
        {},
    ],
)
def test_a_bad_document_request_answers_with_a_danish_reason(
    cast: Cast, owner: Client, data: dict[str, str]
) -> None:
    for headers in ({}, HTMX):
        response = owner.post(reverse("documents:request"), data, headers=headers)
        assert response.status_code == 400
        assert "Dokumentet kunne ikke bestilles" in response.text
