"""The professional ambition through HTTP: opening it, synchronising it, and its frameworks."""

import datetime
import re
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ambitions.models import (
    Actor,
    AreaFramework,
    InterventionArea,
    InterventionFocusArea,
    Level,
    OutcomeGoal,
    ProfessionalAmbition,
    StatusComment,
    StrategicAmbition,
)
from ambitions.strategic import services
from people.models import User
from specialties import core_team
from specialties.models import Membership, Profession, Site
from sustainability.models import Perspective
from tests.ambitions.professional.conftest import (
    AREA_TITLES,
    approve,
    frameworks_of,
    make_focus_area,
)
from tests.conftest import Cast
from tests.factories import MembershipFactory, UserFactory

HTMX = {"HX-Request": "true"}
ALL = ["owner", "lead", "core", "steering", "secretariat", "outsider", "other_owner"]
READERS = ["owner", "lead", "core", "steering", "secretariat"]
EDITORS = ["owner", "lead"]
READ_ONLY = ["core", "steering", "secretariat"]
# Learning across specialties (issue 12): another specialty's people read an approved
# specialty's professional ambition, so only those outside the programme get 404; the
# other specialty's owner was here before the rule changed and is now a LEARNER.
OTHERS = ["outsider"]
LEARNERS = ["other_owner"]


def url(cast: Cast, name: str, **kwargs: object) -> str:
    return reverse(f"professional:{name}", kwargs={"slug": cast.specialty.slug, **kwargs})


def first(professional: ProfessionalAmbition) -> AreaFramework:
    return frameworks_of(professional)[0]


def client(cast: Cast, persona: str) -> Client:
    return cast.client_for(getattr(cast, persona))


def goal_data(**overrides: str) -> dict[str, str]:
    return {
        "goal-description": "Kortere ventetid til første samtale.",
        "goal-indicator": "Ventetid",
        "goal-unit": "dage",
        "goal-baseline": "42",
        "goal-target": "28",
        "goal-target_date": "2026-12-31",
        **overrides,
    }


def actor_data(**overrides: str) -> dict[str, str]:
    return {
        "actor-name": "Regionsrådet",
        "actor-role": "Bevilger",
        "actor-interest": str(Level.HIGH),
        "actor-influence": str(Level.LOW),
        **overrides,
    }


# -- Opening ----------------------------------------------------------------------------------


def test_without_an_approved_strategy_it_cannot_be_opened(
    cast: Cast, drafted: StrategicAmbition
) -> None:
    owner = client(cast, "owner")
    page = owner.get(url(cast, "overview"))
    assert page.status_code == 200
    assert 'id="strategic-not-approved"' in page.text
    assert reverse("ambitions:detail", kwargs={"slug": cast.specialty.slug}) in page.text
    assert 'id="open-professional"' not in page.text

    assert owner.post(url(cast, "open")).status_code == 403
    assert not ProfessionalAmbition.objects.exists()


def test_without_any_strategic_ambition_the_page_says_so(cast: Cast) -> None:
    page = client(cast, "lead").get(url(cast, "overview"))
    assert page.status_code == 200
    assert 'id="strategic-not-approved"' in page.text


@pytest.mark.parametrize("persona", ALL)
def test_only_the_owner_and_leads_open_it(
    cast: Cast, approved: StrategicAmbition, persona: str
) -> None:
    response = client(cast, persona).post(url(cast, "open"))
    if persona in EDITORS:
        assert response.status_code == 302
        assert response["Location"] == url(cast, "overview")
        assert ProfessionalAmbition.objects.filter(specialty=cast.specialty).exists()
    else:
        assert response.status_code == (404 if persona in OTHERS else 403)
        assert not ProfessionalAmbition.objects.exists()


@pytest.mark.parametrize("persona", READERS)
def test_the_open_button_shows_for_those_who_may_press_it(
    cast: Cast, approved: StrategicAmbition, persona: str
) -> None:
    page = client(cast, persona).get(url(cast, "overview"))
    assert page.status_code == 200
    assert ('id="open-professional"' in page.text) == (persona in EDITORS)


def test_frameworks_come_from_the_approved_version_not_a_later_draft(
    cast: Cast, approved: StrategicAmbition
) -> None:
    services.ambition_start_revision(ambition=approved, by=cast.owner)
    services.intervention_area_save(
        ambition=approved,
        by=cast.owner,
        title="Kun i udkastet",
        description="",
        challenges=[],
        perspectives=[Perspective.objects.get(code="faglig")],
    )

    assert client(cast, "lead").post(url(cast, "open")).status_code == 302

    ambition = ProfessionalAmbition.objects.get(specialty=cast.specialty)
    assert ambition.based_on_id == approved.approved_version_id
    assert ambition.opened_by == cast.lead
    frameworks = frameworks_of(ambition)
    assert [f.title for f in frameworks] == AREA_TITLES
    assert [f.order for f in frameworks] == [1, 2]
    live = {a.title: a.pk for a in InterventionArea.objects.filter(ambition=approved)}
    assert [f.intervention_area_id for f in frameworks] == [live[t] for t in AREA_TITLES]
    assert frameworks[0].history.get().history_user == cast.lead


def test_opening_twice_makes_one_professional_ambition(
    cast: Cast, approved: StrategicAmbition
) -> None:
    owner = client(cast, "owner")
    owner.post(url(cast, "open"))
    owner.post(url(cast, "open"))
    assert ProfessionalAmbition.objects.count() == 1
    assert AreaFramework.objects.count() == 2


def test_the_overview_lists_the_three_documents(
    cast: Cast, professional: ProfessionalAmbition
) -> None:
    framework = first(professional)
    focus_area = make_focus_area(framework, "Visitation af henvisninger")
    page = client(cast, "core").get(url(cast, "overview"))
    assert page.status_code == 200
    for f in frameworks_of(professional):
        assert url(cast, "framework", pk=f.pk) in page.text
    assert "Visitation af henvisninger" in page.text
    assert f'id="focus-area-{focus_area.pk}"' in page.text
    assert url(cast, "focus_area", pk=focus_area.pk) in page.text
    assert url(cast, "status") in page.text
    assert url(cast, "traceability") in page.text
    assert 'id="frameworks-out-of-step"' not in page.text


def revise_areas(
    cast: Cast, *, add: list[str], remove: list[str] | None = None
) -> StrategicAmbition:
    """Open a revision, add and remove intervention areas, and have it approved."""
    ambition = StrategicAmbition.objects.get(specialty=cast.specialty)
    services.ambition_start_revision(ambition=ambition, by=cast.owner)
    faglig = Perspective.objects.get(code="faglig")
    for title in add:
        services.intervention_area_save(
            ambition=ambition,
            by=cast.owner,
            title=title,
            description="",
            challenges=[],
            perspectives=[faglig],
        )
    for title in remove or []:
        area = InterventionArea.objects.get(ambition=ambition, title=title)
        services.intervention_area_delete(area=area, by=cast.owner)
    return approve(cast, StrategicAmbition.objects.get(pk=ambition.pk))


def test_a_later_approved_version_brings_its_new_areas_in_on_request(
    cast: Cast, professional: ProfessionalAmbition
) -> None:
    before = [f.pk for f in frameworks_of(professional)]
    approved = revise_areas(cast, add=["Fælles henvisning"])

    page = client(cast, "owner").get(url(cast, "overview"))
    assert 'id="frameworks-out-of-step"' in page.text
    assert "Fælles henvisning" in page.text
    assert 'id="sync-frameworks"' in page.text
    assert 'id="sync-frameworks"' not in client(cast, "core").get(url(cast, "overview")).text

    assert client(cast, "core").post(url(cast, "sync")).status_code == 403
    assert client(cast, "outsider").post(url(cast, "sync")).status_code == 404
    assert AreaFramework.objects.count() == 2

    assert client(cast, "lead").post(url(cast, "sync")).status_code == 302
    frameworks = frameworks_of(professional)
    assert [f.title for f in frameworks] == [*AREA_TITLES, "Fælles henvisning"]
    assert [f.pk for f in frameworks[:2]] == before
    professional.refresh_from_db()
    assert professional.based_on_id == approved.approved_version_id
    assert (
        'id="frameworks-out-of-step"' not in client(cast, "owner").get(url(cast, "overview")).text
    )


def test_a_later_version_with_the_same_areas_is_followed_without_new_frameworks(
    cast: Cast, professional: ProfessionalAmbition
) -> None:
    before = [f.pk for f in frameworks_of(professional)]
    approved = revise_areas(cast, add=[])
    assert 'id="sync-frameworks"' in client(cast, "owner").get(url(cast, "overview")).text

    client(cast, "owner").post(url(cast, "sync"))

    assert [f.pk for f in frameworks_of(professional)] == before
    professional.refresh_from_db()
    assert professional.based_on_id == approved.approved_version_id


def test_synchronising_never_removes_a_framework_with_work_in_it(
    cast: Cast, professional: ProfessionalAmbition
) -> None:
    empty, worked = frameworks_of(professional)
    make_focus_area(worked)
    revise_areas(cast, add=["Ny indsats"], remove=AREA_TITLES)

    client(cast, "owner").post(url(cast, "sync"))

    titles = [f.title for f in frameworks_of(professional)]
    assert titles == ["Ny indsats", worked.title]
    assert not AreaFramework.objects.filter(pk=empty.pk).exists()
    page = client(cast, "owner").get(url(cast, "overview"))
    assert 'id="frameworks-out-of-step"' in page.text
    assert worked.title in page.text


# -- Who sees and who writes --------------------------------------------------------------------


def pages(cast: Cast, framework: AreaFramework) -> list[str]:
    return [
        url(cast, "overview"),
        url(cast, "framework", pk=framework.pk),
        url(cast, "status"),
        url(cast, "status_update", pk=framework.pk),
        url(cast, "traceability"),
    ]


@pytest.mark.parametrize("persona", READERS)
def test_the_specialtys_people_and_the_programme_read_every_page(
    cast: Cast, professional: ProfessionalAmbition, persona: str
) -> None:
    reader = client(cast, persona)
    for page in pages(cast, first(professional)):
        assert reader.get(page).status_code == 200, page


@pytest.mark.parametrize("persona", OTHERS)
def test_others_do_not_see_it(cast: Cast, professional: ProfessionalAmbition, persona: str) -> None:
    other = client(cast, persona)
    framework = first(professional)
    for page in pages(cast, framework):
        assert other.get(page).status_code == 404, page
    for write, data in writes(cast, framework):
        assert other.post(write, data).status_code == 404, write


@pytest.mark.parametrize("persona", LEARNERS)
def test_another_specialtys_people_read_it_but_change_nothing(
    cast: Cast, professional: ProfessionalAmbition, persona: str
) -> None:
    learner = client(cast, persona)
    framework = first(professional)
    for page in pages(cast, framework):
        assert learner.get(page).status_code == 200, page
    status_edit = url(cast, "status_update", pk=framework.pk) + "?rediger=1"
    assert learner.get(status_edit).status_code == 403
    framework.refresh_from_db()
    revision = framework.revision
    for write, data in writes(cast, framework):
        assert learner.post(write, data).status_code == 403, write
    framework.refresh_from_db()
    assert framework.revision == revision
    assert framework.purpose != "Nyt formål"


def test_anonymous_is_sent_to_log_in(cast: Cast, professional: ProfessionalAmbition) -> None:
    for page in pages(cast, first(professional)):
        response = Client().get(page)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_a_framework_of_another_specialty_is_not_found(
    cast: Cast, professional: ProfessionalAmbition
) -> None:
    response = client(cast, "owner").get(
        reverse("professional:framework", kwargs={"slug": "im-testnefrologi", "pk": 1})
    )
    assert response.status_code == 404


def writes(cast: Cast, framework: AreaFramework) -> list[tuple[str, dict[str, Any]]]:
    goal = OutcomeGoal.objects.create(
        framework=framework,
        description="Mål",
        indicator="Ventetid",
        unit="dage",
        baseline=Decimal(40),
        target=Decimal(20),
        target_date=datetime.date(2026, 1, 1),
    )
    actor = Actor.objects.create(
        framework=framework, name="Praktiserende læger", interest=3, influence=2
    )
    focus_area = make_focus_area(framework, "Gammel titel")
    member = Membership.objects.get(specialty=cast.specialty, user=cast.core)
    return [
        (url(cast, "open"), {}),
        (url(cast, "sync"), {}),
        (
            url(cast, "framework", pk=framework.pk),
            {"purpose-purpose": "Nyt formål", "purpose-revision": 0},
        ),
        (url(cast, "goal_add", pk=framework.pk), goal_data()),
        (url(cast, "goal_delete", pk=framework.pk, goal=goal.pk), {}),
        (url(cast, "actor_add", pk=framework.pk), actor_data()),
        (url(cast, "actor_delete", pk=framework.pk, actor=actor.pk), {}),
        (url(cast, "focus_area_add", pk=framework.pk), {"focus-title": "Ny"}),
        (
            url(cast, "focus_area_rename", pk=framework.pk, focus_area=focus_area.pk),
            {f"focus-{focus_area.pk}-title": "Ny titel"},
        ),
        (url(cast, "framework_core_team", pk=framework.pk), {"team-members": [member.pk]}),
        (
            url(cast, "status_update", pk=framework.pk),
            {
                f"status-{framework.pk}-anchoring": "Ledelsen",
                f"status-{framework.pk}-comment": "Godt i gang.",
                f"status-{framework.pk}-revision": 0,
            },
        ),
    ]


def state(professional: ProfessionalAmbition) -> list[object]:
    frameworks = frameworks_of(professional)
    return [
        [(f.purpose, f.revision, f.anchoring, f.status_updated_at) for f in frameworks],
        list(OutcomeGoal.objects.values_list("pk", flat=True)),
        list(Actor.objects.values_list("pk", flat=True)),
        list(InterventionFocusArea.objects.values_list("pk", "title")),
        [list(f.core_team.values_list("pk", flat=True)) for f in frameworks],
        StatusComment.objects.count(),
        ProfessionalAmbition.objects.count(),
    ]


@pytest.mark.parametrize("persona", READ_ONLY)
@pytest.mark.parametrize("headers", [{}, HTMX], ids=["plain", "htmx"])
def test_readers_may_not_write_and_nothing_changes(
    cast: Cast, professional: ProfessionalAmbition, persona: str, headers: dict[str, str]
) -> None:
    framework = first(professional)
    todo = writes(cast, framework)
    before = state(professional)
    reader = client(cast, persona)
    for write, data in todo:
        assert reader.post(write, data, headers=headers).status_code == 403, write
    assert state(professional) == before


@pytest.mark.parametrize("persona", READ_ONLY)
def test_readers_get_no_edit_controls(
    cast: Cast, professional: ProfessionalAmbition, persona: str
) -> None:
    framework = first(professional)
    page = client(cast, persona).get(url(cast, "framework", pk=framework.pk)).text
    assert url(cast, "goal_add", pk=framework.pk) not in page
    assert url(cast, "actor_add", pk=framework.pk) not in page
    assert url(cast, "framework_core_team", pk=framework.pk) not in page
    assert "?rediger=1" not in page
    edit_form = client(cast, persona).get(url(cast, "framework", pk=framework.pk) + "?rediger=1")
    assert edit_form.status_code == 403


# -- The purpose --------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", EDITORS)
def test_owner_and_leads_write_the_purpose_in_place(
    cast: Cast, professional: ProfessionalAmbition, persona: str
) -> None:
    framework = first(professional)
    editor = client(cast, persona)
    form = editor.get(url(cast, "framework", pk=framework.pk) + "?rediger=1", headers=HTMX)
    assert form.status_code == 200
    assert "<html" not in form.text
    assert 'id="part-purpose"' in form.text
    assert 'name="purpose-purpose"' in form.text

    response = editor.post(
        url(cast, "framework", pk=framework.pk),
        {"purpose-purpose": "Vi vil **ensrette** visitationen.\r\n", "purpose-revision": 0},
        headers=HTMX,
    )
    assert response.status_code == 200
    assert "<html" not in response.text
    assert "Vi vil <strong>ensrette</strong> visitationen." in response.text
    framework.refresh_from_db()
    assert framework.purpose == "Vi vil **ensrette** visitationen."
    assert framework.revision == 1
    assert framework.history.latest().history_user == getattr(cast, persona)


def test_without_htmx_a_save_redirects_back_to_the_section(
    cast: Cast, professional: ProfessionalAmbition
) -> None:
    framework = first(professional)
    response = client(cast, "owner").post(
        url(cast, "framework", pk=framework.pk),
        {"purpose-purpose": "Formål.", "purpose-revision": 0},
    )
    assert response.status_code == 302
    assert response["Location"] == url(cast, "framework", pk=framework.pk) + "#part-purpose"


def test_a_concurrent_purpose_edit_keeps_both_texts(
    cast: Cast, professional: ProfessionalAmbition
) -> None:
    framework = first(professional)
    target = url(cast, "framework", pk=framework.pk)
    client(cast, "owner").post(
        target, {"purpose-purpose": "Ejerens *formål*.", "purpose-revision": 0}, headers=HTMX
    )

    lead = client(cast, "lead")
    response = lead.post(
        target, {"purpose-purpose": "Lederens formål.", "purpose-revision": 0}, headers=HTMX
    )
    assert response.status_code == 200
    assert "Ejerens <em>formål</em>." in response.text  # theirs, shown
    assert "Lederens formål.</textarea>" in response.text  # mine, kept in the field
    assert re.search(r'name="purpose-revision" value="1"', response.text)
    framework.refresh_from_db()
    assert framework.purpose == "Ejerens *formål*."

    lead.post(target, {"purpose-purpose": "Samlet formål.", "purpose-revision": 1}, headers=HTMX)
    framework.refresh_from_db()
    assert (framework.purpose, framework.revision) == ("Samlet formål.", 2)


# -- Outcome goals ------------------------------------------------------------------------------


def test_an_outcome_goal_is_added_and_removed_in_place(
    cast: Cast, professional: ProfessionalAmbition
) -> None:
    framework = first(professional)
    lead = client(cast, "lead")
    # A target date in the past is allowed: goals are sometimes written after the fact.
    response = lead.post(
        url(cast, "goal_add", pk=framework.pk),
        goal_data(**{"goal-target_date": "2020-01-31", "goal-indicator": "  Ventetid\n  i dage "}),
        headers=HTMX,
    )
    assert response.status_code == 200
    assert "<html" not in response.text
    assert 'id="part-goals"' in response.text
    goal = OutcomeGoal.objects.get(framework=framework)
    assert (goal.indicator, goal.unit, goal.baseline, goal.target) == (
        "Ventetid i dage",
        "dage",
        Decimal(42),
        Decimal(28),
    )
    assert goal.target_date == datetime.date(2020, 1, 31)
    assert goal.history.get().history_user == cast.lead
    assert f'id="goal-{goal.pk}"' in response.text
    assert "Ventetid i dage" in response.text

    response = lead.post(url(cast, "goal_delete", pk=framework.pk, goal=goal.pk), headers=HTMX)
    assert response.status_code == 200
    assert f'id="goal-{goal.pk}"' not in response.text
    assert not OutcomeGoal.objects.exists()


def test_a_goal_whose_target_equals_its_baseline_is_refused_with_the_input_kept(
    cast: Cast, professional: ProfessionalAmbition
) -> None:
    framework = first(professional)
    response = client(cast, "owner").post(
        url(cast, "goal_add", pk=framework.pk),
        goal_data(**{"goal-target": "42.00", "goal-indicator": "Ventetid i uger"}),
        headers=HTMX,
    )
    assert response.status_code == 200
    assert "<html" not in response.text
    assert 'id="id_goal-target_error"' in response.text
    assert 'id="id_goal-baseline_error"' not in response.text
    assert 'value="Ventetid i uger"' in response.text
    assert 'value="42.00"' in response.text
    assert "Kortere ventetid til første samtale.</textarea>" in response.text
    assert not OutcomeGoal.objects.exists()


def test_an_incomplete_goal_without_htmx_shows_the_page_with_errors(
    cast: Cast, professional: ProfessionalAmbition
) -> None:
    framework = first(professional)
    response = client(cast, "owner").post(
        url(cast, "goal_add", pk=framework.pk),
        goal_data(**{"goal-unit": "", "goal-target_date": "snart"}),
    )
    assert response.status_code == 200
    assert "<html" in response.text
    assert 'id="id_goal-unit_error"' in response.text
    assert 'id="id_goal-target_date_error"' in response.text
    assert 'value="Ventetid"' in response.text
    assert not OutcomeGoal.objects.exists()


def test_a_goal_of_another_framework_is_not_found(
    cast: Cast, professional: ProfessionalAmbition
) -> None:
    one, two = frameworks_of(professional)
    goal = OutcomeGoal.objects.create(
        framework=two,
        description="Mål",
        indicator="x",
        unit="y",
        baseline=Decimal(1),
        target=Decimal(2),
        target_date=datetime.date(2026, 1, 1),
    )
    response = client(cast, "owner").post(url(cast, "goal_delete", pk=one.pk, goal=goal.pk))
    assert response.status_code == 404
    assert OutcomeGoal.objects.filter(pk=goal.pk).exists()


# -- Actors -------------------------------------------------------------------------------------


def test_actors_are_added_removed_and_placed_on_the_map(
    cast: Cast, professional: ProfessionalAmbition
) -> None:
    framework = first(professional)
    owner = client(cast, "owner")
    response = owner.post(url(cast, "actor_add", pk=framework.pk), actor_data(), headers=HTMX)
    assert response.status_code == 200
    assert "<html" not in response.text
    actor = Actor.objects.get(framework=framework)
    assert (actor.name, actor.role, actor.interest, actor.influence) == (
        "Regionsrådet",
        "Bevilger",
        Level.HIGH,
        Level.LOW,
    )
    # Influence low (row 1), interest high (column 3).
    assert re.search(
        r'data-cell="1-3">\s*<span class="fw-grid__actor">Regionsrådet</span>', response.text
    )
    assert 'id="actor-grid"' in response.text

    response = owner.post(url(cast, "actor_delete", pk=framework.pk, actor=actor.pk), headers=HTMX)
    assert "Regionsrådet" not in response.text
    assert not Actor.objects.exists()


def test_an_actor_needs_a_name_and_a_level(cast: Cast, professional: ProfessionalAmbition) -> None:
    framework = first(professional)
    response = client(cast, "owner").post(
        url(cast, "actor_add", pk=framework.pk),
        actor_data(**{"actor-name": " ", "actor-influence": "9"}),
        headers=HTMX,
    )
    assert response.status_code == 200
    assert 'id="id_actor-name_error"' in response.text
    assert 'id="id_actor-influence_error"' in response.text
    assert 'value="Bevilger"' in response.text
    assert not Actor.objects.exists()


# -- Focus areas --------------------------------------------------------------------------------


def test_focus_areas_are_added_and_renamed_and_none_is_flagged(
    cast: Cast, professional: ProfessionalAmbition
) -> None:
    framework = first(professional)
    lead = client(cast, "lead")
    page = lead.get(url(cast, "framework", pk=framework.pk))
    assert 'id="no-focus-areas"' in page.text

    response = lead.post(
        url(cast, "focus_area_add", pk=framework.pk),
        {"focus-title": "Visitation"},
        headers=HTMX,
    )
    assert response.status_code == 200
    assert "<html" not in response.text
    assert 'id="no-focus-areas"' not in response.text
    focus_area = InterventionFocusArea.objects.get(framework=framework)
    assert (focus_area.title, focus_area.order) == ("Visitation", 1)
    assert url(cast, "focus_area", pk=focus_area.pk) in response.text

    response = lead.post(
        url(cast, "focus_area_rename", pk=framework.pk, focus_area=focus_area.pk),
        {f"focus-{focus_area.pk}-title": "Visitation af henvisninger"},
        headers=HTMX,
    )
    assert "Visitation af henvisninger" in response.text
    focus_area.refresh_from_db()
    assert focus_area.title == "Visitation af henvisninger"
    assert focus_area.history.latest().history_user == cast.lead

    lead.post(url(cast, "focus_area_add", pk=framework.pk), {"focus-title": "Opfølgning"})
    assert list(
        InterventionFocusArea.objects.filter(framework=framework).values_list("title", "order")
    ) == [("Visitation af henvisninger", 1), ("Opfølgning", 2)]


def test_a_focus_area_needs_a_title(cast: Cast, professional: ProfessionalAmbition) -> None:
    framework = first(professional)
    focus_area = make_focus_area(framework, "Visitation")
    owner = client(cast, "owner")
    response = owner.post(
        url(cast, "focus_area_add", pk=framework.pk), {"focus-title": "  "}, headers=HTMX
    )
    assert 'id="id_focus-title_error"' in response.text
    response = owner.post(
        url(cast, "focus_area_rename", pk=framework.pk, focus_area=focus_area.pk),
        {f"focus-{focus_area.pk}-title": ""},
        headers=HTMX,
    )
    assert f'id="id_focus-{focus_area.pk}-title_error"' in response.text
    assert list(InterventionFocusArea.objects.values_list("title", flat=True)) == ["Visitation"]


# -- The framework's core team ------------------------------------------------------------------


def member(cast: Cast, site: Site, profession: str = "Læge") -> Membership:
    return MembershipFactory(  # type: ignore[return-value]
        specialty=cast.specialty,
        user=UserFactory(),
        role=Membership.Role.CORE_TEAM,
        site=site,
        profession=Profession.objects.get(name=profession),
    )


def coverage_of(html: str) -> dict[str, str]:
    return {
        Site.objects.get(pk=int(pk)).short_name: missing
        for pk, missing in re.findall(r'id="coverage-(\d+)" data-missing="(\d+)"', html)
    }


def test_the_core_team_needs_two_clinical_representatives_per_site(
    cast: Cast, professional: ProfessionalAmbition
) -> None:
    framework = first(professional)
    slagelse = Site.objects.get(short_name="Slagelse")
    koege_lead = Membership.objects.get(specialty=cast.specialty, user=cast.lead)
    koege_core = Membership.objects.get(specialty=cast.specialty, user=cast.core)
    slagelse_doctor = member(cast, slagelse)
    slagelse_secretary = member(cast, slagelse, "Sekretær")
    owner = client(cast, "owner")

    page = owner.get(url(cast, "framework", pk=framework.pk)).text
    assert coverage_of(page) == {"SUH Køge": "2", "Slagelse": "2"}

    chosen = [koege_lead, koege_core, slagelse_doctor, slagelse_secretary]
    response = owner.post(
        url(cast, "framework_core_team", pk=framework.pk),
        {"team-members": [m.pk for m in chosen]},
        headers=HTMX,
    )
    assert response.status_code == 200
    assert "<html" not in response.text
    assert 'id="part-core-team"' in response.text
    # Køge is covered; Slagelse has one doctor, and a secretary does not count.
    assert coverage_of(response.text) == {"SUH Køge": "0", "Slagelse": "1"}
    assert set(framework.core_team.all()) == set(chosen)

    second_doctor = member(cast, slagelse, "Sygeplejerske")
    owner.post(
        url(cast, "framework_core_team", pk=framework.pk),
        {"team-members": [m.pk for m in [*chosen, second_doctor]]},
    )
    page = owner.get(url(cast, "framework", pk=framework.pk)).text
    assert coverage_of(page) == {"SUH Køge": "0", "Slagelse": "0"}


def test_the_core_team_comes_from_the_specialty(
    cast: Cast, professional: ProfessionalAmbition
) -> None:
    framework = first(professional)
    elsewhere = Membership.objects.get(user=cast.other_owner)
    response = client(cast, "owner").post(
        url(cast, "framework_core_team", pk=framework.pk),
        {"team-members": [elsewhere.pk]},
        headers=HTMX,
    )
    assert 'id="id_team-members_error"' in response.text
    assert not framework.core_team.exists()


def test_coverage_counts_a_person_once_per_site() -> None:
    koege = Site(pk=1, short_name="Køge", name="Køge", order=1)
    slagelse = Site(pk=2, short_name="Slagelse", name="Slagelse", order=2)
    doctor = Profession(name="Læge", is_clinical=True)
    secretary = Profession(name="Sekretær", is_clinical=False)
    alice, bob = User(pk=1), User(pk=2)
    members = [
        Membership(user=alice, site=koege, profession=doctor, role="core_team"),
        Membership(user=alice, site=koege, profession=doctor, role="implementation_lead"),
        Membership(user=bob, site=koege, profession=secretary, role="core_team"),
        Membership(user=bob, site=slagelse, profession=doctor, role="core_team"),
        Membership(user=bob, site=None, profession=doctor, role="owner"),
    ]
    result = core_team.coverage(members, [slagelse, koege])
    assert [(c.site.short_name, c.clinical_representatives, c.missing) for c in result] == [
        ("Køge", 1, 1),
        ("Slagelse", 1, 1),
    ]
    assert [c.site.short_name for c in core_team.lacking(members, [koege, slagelse])] == [
        "Køge",
        "Slagelse",
    ]


# -- Kept ---------------------------------------------------------------------------------------


def _page(reader: Client, cast: Cast, framework: AreaFramework) -> str:
    response = reader.get(url(cast, "framework", pk=framework.pk))
    assert response.status_code == 200
    return response.content.decode()


def test_a_kept_framework_page_loads_none_of_its_sections(
    cast: Cast, professional: ProfessionalAmbition
) -> None:
    framework = first(professional)
    owner = client(cast, "owner")
    _page(owner, cast, framework)
    with CaptureQueriesContext(connection) as ctx:
        html = _page(owner, cast, framework)
    # The person (the session is in the cache), the specialty with its content versions and
    # its people and sites (read from the database on every request: what a person may do
    # is never decided from a kept copy), and the framework; the sections are kept.
    assert len(ctx.captured_queries) == 6
    assert 'id="part-goals"' in html
    assert 'name="goal-description"' in html  # the owner's forms are kept with the page


def test_every_write_of_a_section_shows_on_the_kept_page_at_once(
    cast: Cast, professional: ProfessionalAmbition
) -> None:
    framework = first(professional)
    owner, reader = client(cast, "owner"), client(cast, "core")
    focus_area = make_focus_area(framework, "Gammel titel")
    member = Membership.objects.get(specialty=cast.specialty, user=cast.core)
    steps: list[tuple[str, dict[str, Any], str]] = [
        (
            url(cast, "framework", pk=framework.pk),
            {"purpose-purpose": "Et helt nyt formål", "purpose-revision": framework.revision},
            "Et helt nyt formål",
        ),
        (url(cast, "goal_add", pk=framework.pk), goal_data(), "Kortere ventetid til første"),
        (url(cast, "actor_add", pk=framework.pk), actor_data(), "Regionsrådet"),
        (url(cast, "focus_area_add", pk=framework.pk), {"focus-title": "Nyt fokus"}, "Nyt fokus"),
        (
            url(cast, "focus_area_rename", pk=framework.pk, focus_area=focus_area.pk),
            {f"focus-{focus_area.pk}-title": "Omdøbt fokus"},
            "Omdøbt fokus",
        ),
        (
            url(cast, "framework_core_team", pk=framework.pk),
            {"team-members": [member.pk]},
            str(cast.core),
        ),
    ]
    for write, data, shown in steps:
        # Kept before the write (the core team's member is already a choice in its form).
        before = [_page(who, cast, framework).count(shown) for who in (owner, reader)]
        assert owner.post(write, data, headers=HTMX).status_code == 200, write
        after = [_page(who, cast, framework).count(shown) for who in (owner, reader)]
        assert after[0] > before[0], write
        assert after[1] > before[1], write


def test_a_form_with_errors_is_shown_but_never_kept(
    cast: Cast, professional: ProfessionalAmbition
) -> None:
    framework = first(professional)
    owner = client(cast, "owner")
    _page(owner, cast, framework)
    refused = owner.post(url(cast, "goal_add", pk=framework.pk), goal_data(**{"goal-target": ""}))
    assert refused.status_code == 200
    assert "Kortere ventetid til første samtale." in refused.content.decode()  # kept input
    assert "Kortere ventetid til første samtale." not in _page(owner, cast, framework)


def test_a_reader_is_never_given_the_editors_kept_page(
    cast: Cast, professional: ProfessionalAmbition
) -> None:
    framework = first(professional)
    assert 'name="goal-description"' in _page(client(cast, "owner"), cast, framework)
    assert 'name="goal-description"' not in _page(client(cast, "core"), cast, framework)
