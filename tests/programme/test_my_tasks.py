"""Mine opgaver: what waits for each person across specialties, and "Venter på dig"."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ambitions.models import ActionStatus, Milestone, PartKind, ProfessionalAmbition
from ambitions.strategic import services
from improvement.models import PDSACycle
from people.models import User
from rounds.reminders import reminders_due
from specialties.models import Membership
from tests.ambitions.professional.conftest import frameworks_of, make_action, make_focus_area
from tests.conftest import Cast, days_ago_at_noon

URL = reverse("programme:my_tasks")
TODAY = timezone.localdate()


def days(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


def _kinds(client: Client) -> list[str]:
    return [g.kind for g in client.get(URL).context["groups"]]


def test_anonymous_is_sent_to_log_in(cast: Cast) -> None:
    response = Client().get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(
    "persona", ["owner", "lead", "core", "steering", "secretariat", "outsider", "other_owner"]
)
def test_every_signed_in_person_has_mine_opgaver(cast: Cast, persona: str) -> None:
    response = cast.client_for(getattr(cast, persona)).get(URL)
    assert response.status_code == 200
    assert "Mine opgaver" in response.text


def test_the_outsider_has_nothing_waiting(cast: Cast) -> None:
    assert "Intet venter på dig lige nu." in cast.client_for(cast.outsider).get(URL).text


def test_the_demo_lead_sees_everything_the_issue_names(db: None) -> None:
    """The issue's example: a condition, a late action, two overdue milestones and a stale
    status row, all on Mine opgaver, the overdue first on the home page; and the late
    prerequisite the lead is responsible for (issue 28)."""
    call_command("load_demo", stdout=io.StringIO())
    client = Client()
    client.force_login(User.objects.get(username="leder"))
    page = client.get(URL)
    groups = {g.kind: g.items for g in page.context["groups"]}
    # The demo's Radiologi accepted one of Kardiologi's dependencies: its lead is told.
    assert set(groups) == {
        "condition",
        "action",
        "milestone",
        "stale",
        "prerequisite",
        "dependency_answer",
    }
    assert len([m for m in groups["milestone"] if m.overdue]) == 2
    assert all(a.overdue for a in groups["action"])
    assert "er ikke opdateret i" in page.text
    assert "Betingelse for godkendelsen" in page.text
    home = client.get(reverse("home"))
    waiting = home.context["waiting"]
    assert waiting[0].overdue
    # The late prerequisite is among the overdue first, so the home page's five end before
    # the condition (its deadline is weeks away); Mine opgaver has it.
    assert {i.kind for i in waiting} == {"action", "milestone", "stale", "prerequisite"}
    assert "over slutdato" in home.text or "Overskredet" in home.text


def test_actions_and_milestones_due_within_14_days_or_late(
    cast: Cast, professional: ProfessionalAmbition
) -> None:
    focus_area = make_focus_area(frameworks_of(professional)[0])
    soon = make_action(
        focus_area, responsible=cast.core, title="Snart", start=days(-30), end=days(10)
    )
    make_action(focus_area, responsible=cast.core, title="Senere", start=days(-30), end=days(20))
    make_action(
        focus_area,
        responsible=cast.core,
        title="Færdig",
        start=days(-30),
        end=days(-5),
        status=ActionStatus.COMPLETED,
    )
    make_action(focus_area, responsible=cast.core, title="Forsinket", start=days(-30), end=days(-1))
    Milestone.objects.create(action=soon, title="Aftale", due_date=days(-3))
    Milestone.objects.create(
        action=soon, title="Færdig milepæl", due_date=days(-3), done_on=days(-4)
    )
    Milestone.objects.create(action=soon, title="Langt ude", due_date=days(40))
    client = cast.client_for(cast.core)
    groups = {g.kind: g.items for g in client.get(URL).context["groups"]}
    actions = [str(i.text) for i in groups["action"]]
    assert len(actions) == 2
    assert "Forsinket" in actions[0]  # late first
    assert "Snart" in actions[1]
    (milestone,) = groups["milestone"]
    assert str(milestone.text).startswith("Milepælen “Aftale” i “Snart” skulle være nået")
    assert milestone.overdue
    # Nobody else gets them.
    assert "action" not in _kinds(cast.client_for(cast.lead))
    assert "action" not in _kinds(cast.client_for(cast.other_owner))


def test_a_stale_status_row_waits_for_whoever_drives_its_progress(
    cast: Cast, professional: ProfessionalAmbition
) -> None:
    framework = frameworks_of(professional)[0]
    framework.progress_owner = cast.lead
    framework.status_updated_at = days_ago_at_noon(92)
    framework.save(update_fields=["progress_owner", "status_updated_at"])
    page = cast.client_for(cast.lead).get(URL).text
    assert "er ikke opdateret i 92 dage" in page
    assert f"#status-row-{framework.pk}" in page
    assert "stale" not in _kinds(cast.client_for(cast.owner))


def test_a_comment_waits_for_the_writers_answer(
    cast: Cast, professional: ProfessionalAmbition
) -> None:
    ambition = professional.specialty.strategic_ambition
    part = ambition.parts.get(kind=PartKind.SITUATION)
    services.comment_add(part=part, by=cast.steering, text="Hvor kommer tallene fra?")
    for persona in ("owner", "lead"):
        page = cast.client_for(getattr(cast, persona)).get(URL).text
        assert "Hvor kommer tallene fra?" in page, persona
        assert f"#{part.anchor}" in page
    # The core team does not write the ambition; the asker waits for nobody.
    assert "comment" not in _kinds(cast.client_for(cast.core))
    assert "comment" not in _kinds(cast.client_for(cast.steering))
    # Once a writer answers, it no longer waits.
    services.comment_add(part=part, by=cast.lead, text="Fra LPR.")
    assert "comment" not in _kinds(cast.client_for(cast.owner))


def test_mine_opgaver_reads_a_fixed_number_of_queries(
    cast: Cast, professional: ProfessionalAmbition
) -> None:
    client = cast.client_for(cast.core)
    focus_area = make_focus_area(frameworks_of(professional)[0])

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(URL).status_code == 200
        return len(captured)

    action = make_action(focus_area, responsible=cast.core, start=days(-30), end=days(-1))
    Milestone.objects.create(action=action, title="M", due_date=days(-2))
    before = count()
    for n in range(5):
        extra = make_action(
            focus_area, responsible=cast.core, title=f"A{n}", start=days(-9), end=days(n)
        )
        Milestone.objects.create(action=extra, title=f"M{n}", due_date=days(n))
    assert count() == before


def test_work_of_a_specialty_the_person_has_left_no_longer_waits_for_them(
    cast: Cast, professional: ProfessionalAmbition
) -> None:
    """Responsible for a late action, an overdue milestone, a PDSA study and a stale status
    row, then removed from the specialty: Mine opgaver, the home page and the reminders
    forget them (the work keeps their name as its history) (issue 25, item 8)."""
    framework = frameworks_of(professional)[0]
    framework.progress_owner = cast.core
    framework.status_updated_at = days_ago_at_noon(92)
    framework.save(update_fields=["progress_owner", "status_updated_at"])
    action = make_action(
        make_focus_area(framework), responsible=cast.core, start=days(-30), end=days(-1)
    )
    Milestone.objects.create(action=action, title="Aftale", due_date=days(-3))
    PDSACycle.objects.create(
        action=action,
        number=1,
        plan="Prøv tjeklisten.",
        do="Brugt i en uge.",
        responsible=cast.core,
        starts_on=days(-9),
        study_on=days(-2),
        prediction="Færre fejl.",
    )
    client = cast.client_for(cast.core)
    before = set(_kinds(client))
    assert {"action", "milestone", "stale", "pdsa_study"} <= before
    assert cast.core.pk in reminders_due(TODAY)

    Membership.objects.filter(user=cast.core, specialty=cast.specialty).delete()
    assert not {"action", "milestone", "stale", "pdsa_study"} & set(_kinds(client))
    assert client.get(reverse("home")).context["waiting"] == []
    assert cast.core.pk not in reminders_due(TODAY)
    action.refresh_from_db()
    assert action.responsible_id == cast.core.pk  # the history keeps the name
