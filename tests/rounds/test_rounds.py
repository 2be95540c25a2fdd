"""Status rounds: opened, updated and closed with a frozen snapshot; "siden sidste runde";
who may open, close and read them; the round's report fetched later as it was."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ambitions.models import (
    Action,
    ActionStatus,
    AreaFramework,
    InterventionFocusArea,
    Milestone,
    ProfessionalAmbition,
)
from ambitions.professional import services as professional_services
from documents.models import DocumentJob, DocumentKind
from rounds import queries, services, since
from rounds.models import RoundSnapshot, StatusRound
from tests.conftest import Cast
from tests.documents.conftest import pdf_text

pytestmark = pytest.mark.django_db


def _update_row(framework: AreaFramework, by: Any, comment: str) -> None:
    """The responsible person saves the row, as the status page does."""
    professional_services.status_update(
        framework=framework,
        by=by,
        base_revision=framework.revision,
        anchoring=framework.anchoring,
        progress_owner=framework.progress_owner,
        deadline=framework.deadline,
        timeline=framework.timeline,
        comment=comment,
    )


def _frameworks(professional: ProfessionalAmbition) -> list[AreaFramework]:
    return list(AreaFramework.objects.filter(ambition=professional).order_by("order"))


def test_a_round_opened_updated_and_closed(cast: Cast, professional: ProfessionalAmbition) -> None:
    secretariat = cast.client_for(cast.secretariat)
    today = timezone.localdate()
    assert "Status forår 2026" not in cast.client_for(cast.lead).get(reverse("home")).text
    response = secretariat.post(
        reverse("rounds:open"),
        {
            "name": "Status forår 2026",
            "period_start": (today - datetime.timedelta(days=90)).strftime("%d.%m.%Y"),
            "period_end": today.strftime("%d.%m.%Y"),
            "deadline": (today + datetime.timedelta(days=10)).strftime("%d.%m.%Y"),
            "specialties": [cast.specialty.pk],
        },
    )
    round_ = StatusRound.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("rounds:detail", kwargs={"pk": round_.pk})
    assert list(round_.specialties.all()) == [cast.specialty]
    assert round_.is_open
    assert round_.opened_by == cast.secretariat

    # Mine opgaver: the lead has both rows to update, the core-team member the action and
    # its indicators; the owner nothing of the round. The lead's kept home page says so at
    # once (it was rendered and kept before the round opened: see the test's top).
    lead_home = cast.client_for(cast.lead).get(reverse("home")).content.decode()
    assert "Status forår 2026" in lead_home
    first, _second = _frameworks(professional)
    lead_tasks = cast.client_for(cast.lead).get(reverse("programme:my_tasks")).content.decode()
    assert "Opdatér statusrækken “Ensartet visitation” til “Status forår 2026”" in lead_tasks
    assert "Opdatér statusrækken “Fælles vagtlag”" in lead_tasks
    core_tasks = cast.client_for(cast.core).get(reverse("programme:my_tasks")).content.decode()
    assert "Opdatér din handling “Fælles henvisningsskabelon (Ensartet visitation)”" in core_tasks
    assert "Mål indikatoren “Ventedage på ekkokardiografi”" in core_tasks
    owner_tasks = cast.client_for(cast.owner).get(reverse("programme:my_tasks")).content.decode()
    assert "Status forår 2026" not in owner_tasks

    # The round page, computed and kept before the update (issue 22: each specialty's
    # figures are kept under its version), shows the update at once.
    detail = reverse("rounds:detail", kwargs={"pk": round_.pk})
    assert "0 / 2" in cast.client_for(cast.steering).get(detail).content.decode()

    # The lead updates one row; it leaves their tasks and shows as updated on the round page.
    _update_row(first, cast.lead, "Visitationen kører på begge matrikler.")
    lead_tasks = cast.client_for(cast.lead).get(reverse("programme:my_tasks")).content.decode()
    assert "“Ensartet visitation” til" not in lead_tasks
    assert "“Fælles vagtlag” til" in lead_tasks
    [entry] = queries.round_overview(round_, today)
    assert [r["updated_in_round"] for r in entry.figures["rows"]] == [True, False]
    assert entry.rows_updated == 1
    page = cast.client_for(cast.steering).get(reverse("rounds:detail", kwargs={"pk": round_.pk}))
    assert page.status_code == 200
    assert "1 / 2" in page.content.decode()

    # Closing freezes the figures.
    response = secretariat.post(reverse("rounds:close", kwargs={"pk": round_.pk}))
    assert response.status_code == 302
    round_.refresh_from_db()
    assert not round_.is_open
    assert round_.closed_by == cast.secretariat
    snapshot = RoundSnapshot.objects.get(round=round_)
    assert snapshot.specialty == cast.specialty
    frozen = snapshot.figures
    assert frozen["specialty"]["name"] == cast.specialty.name
    assert [r["title"] for r in frozen["rows"]] == ["Ensartet visitation", "Fælles vagtlag"]
    assert frozen["rows"][0]["status"] == "Visitationen kører på begge matrikler."
    assert frozen["late_actions"] == 2
    assert frozen["done"] == 0
    assert frozen["counted"] == 2
    # The same numbers as the one function that computes them.
    from ambitions.professional.queries.programme import programme_figures
    from specialties.models import Specialty

    [figures] = programme_figures(
        [Specialty.objects.with_people().get(pk=cast.specialty.pk)], today
    )
    assert frozen["late_actions"] == len(figures.late_actions)
    assert len(frozen["overdue_milestones"]) == len(figures.overdue_milestones)
    assert frozen["off_track"] == figures.off_track

    # Later work does not change the closed round.
    Action.objects.filter(focus_area__framework=first).update(
        status=ActionStatus.COMPLETED, updated_at=timezone.now()
    )
    [entry] = queries.round_overview(round_, today)
    # The page shows the frozen snapshot, and counts the lists it only counts.
    assert entry.figures == {k: v for k, v in frozen.items() if k not in queries.COUNTED_LISTS}
    assert entry.figures["rows"] == frozen["rows"]
    open_actions = [a for a in frozen["actions"] if a["status"] not in ("completed", "stopped")]
    assert entry.actions_open == len(open_actions) == 2
    assert entry.indicators == len(frozen["indicators"])
    # Closing twice changes nothing.
    secretariat.post(reverse("rounds:close", kwargs={"pk": round_.pk}))
    assert RoundSnapshot.objects.filter(round=round_).count() == 1
    # No open round: nothing of it waits on Mine opgaver.
    lead_tasks = cast.client_for(cast.lead).get(reverse("programme:my_tasks")).content.decode()
    assert "Status forår 2026" not in lead_tasks


def test_since_the_last_round_shows_what_moved_what_is_new_and_what_slipped(
    cast: Cast, professional: ProfessionalAmbition, open_round: Callable[..., StatusRound]
) -> None:
    today = timezone.localdate()
    first_round = services.round_close(
        round_=open_round("Runde 1", specialties=[cast.specialty]), by=cast.secretariat, today=today
    )
    first, second = _frameworks(professional)
    done = Action.objects.get(focus_area__framework=first)
    pushed = Action.objects.get(focus_area__framework=second)
    # Moved: an action completed. Slipped: another pushed back, a new milestone overdue.
    Action.objects.filter(pk=done.pk).update(status=ActionStatus.COMPLETED)
    Action.objects.filter(pk=pushed.pk).update(end_date=today + datetime.timedelta(days=60))
    Milestone.objects.create(
        action=pushed, title="Vagtplan udsendt", due_date=today - datetime.timedelta(days=2)
    )
    # New: an action that did not exist.
    focus_area = InterventionFocusArea.objects.filter(framework=first).first()
    assert focus_area is not None
    Action.objects.create(
        focus_area=focus_area,
        title="Tele-ekko fra Nykøbing",
        purpose="Viden flytter sig.",
        responsible=cast.core,
        start_date=today,
        end_date=today + datetime.timedelta(days=100),
    )

    entry = queries.since_last_round(cast.specialty, today)
    assert entry.since.previous == first_round
    moved = [str(c.text) for c in entry.since.moved]
    new = [str(c.text) for c in entry.since.new]
    slipped = [str(c.text) for c in entry.since.slipped]
    assert any(done.title in t and "I gang → Afsluttet" in t for t in moved), moved
    assert any("Tele-ekko fra Nykøbing" in t for t in new), new
    assert any(pushed.title in t and "skubbet til" in t for t in slipped), slipped
    assert any("Vagtplan udsendt" in t for t in slipped), slipped

    page = cast.client_for(cast.core).get(
        reverse("rounds:since", kwargs={"slug": cast.specialty.slug})
    )
    assert page.status_code == 200
    text = page.content.decode()
    assert "Hvad er rykket" in text
    assert "Hvad er nyt" in text
    assert "Hvad er blevet forsinket" in text
    assert "Tele-ekko fra Nykøbing" in text

    # A second round compares with the first, and keeps its comparison once closed.
    second_round = open_round("Runde 2", specialties=[cast.specialty])
    [live] = queries.round_overview(second_round, today)
    assert live.since.previous == first_round
    second_round = services.round_close(round_=second_round, by=cast.secretariat, today=today)
    [closed] = queries.round_overview(second_round, today)
    assert closed.since.previous == first_round
    assert [str(c.text) for c in closed.since.new] == new
    # The first round has nothing before it.
    [entry_first] = queries.round_overview(first_round, today)
    assert entry_first.since.previous is None
    assert not entry_first.since


def _snapshot(**overrides: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "rows": [{"id": 1, "title": "Række", "light": "amber", "status": "Godt i gang"}],
        "actions": [
            {
                "id": 10,
                "title": "Handling",
                "status": "in_progress",
                "end_date": "2026-06-01",
                "late": False,
            }
        ],
        "indicators": [{"id": 20, "name": "Indikator"}],
        "overdue_milestones": [],
    }
    base.update(overrides)
    return base


def test_compare_names_each_kind_of_change() -> None:
    before = _snapshot()
    assert not since.compare(before, _snapshot(), None)
    assert not since.compare(None, before, None)

    worse = _snapshot(rows=[{"id": 1, "title": "Række", "light": "red", "status": "Godt i gang"}])
    assert len(since.compare(before, worse, None).slipped) == 1
    better = _snapshot(rows=[{"id": 1, "title": "Række", "light": "green", "status": "Nyt"}])
    changes = since.compare(before, better, None)
    assert len(changes.moved) == 2
    assert not changes.slipped

    late = _snapshot(
        actions=[{**before["actions"][0], "late": True, "status": "delayed"}],
        overdue_milestones=[{"id": 5, "title": "M", "action": "Handling"}],
        indicators=[{"id": 20, "name": "Indikator"}, {"id": 21, "name": "Ny indikator"}],
    )
    changes = since.compare(before, late, None)
    assert len(changes.slipped) == 3  # late, delayed, the milestone
    assert [str(c.text) for c in changes.new] == ["Ny indikator “Ny indikator”."]


# -- Who may ------------------------------------------------------------------------------


def _open_data() -> dict[str, str]:
    return {
        "name": "Runde",
        "period_start": "01.01.2026",
        "period_end": "31.03.2026",
        "deadline": "15.04.2026",
        "all_specialties": "on",
    }


def test_only_the_secretariat_opens_a_round(cast: Cast) -> None:
    url = reverse("rounds:open")
    for user, status in [
        (cast.steering, 403),
        (cast.owner, 403),
        (cast.lead, 403),
        (cast.core, 403),
        (cast.outsider, 404),
    ]:
        response = cast.client_for(user).post(url, _open_data())
        assert response.status_code == status, user
    assert cast.client_for(None).post(url, _open_data()).status_code == 302  # to log in
    assert not StatusRound.objects.exists()

    response = cast.client_for(cast.secretariat).post(url, _open_data())
    assert response.status_code == 302
    round_ = StatusRound.objects.get()
    # "All specialties": every specialty there is.
    from specialties.models import Specialty

    assert round_.specialties.count() == Specialty.objects.count()


def test_a_bad_round_form_says_why(cast: Cast) -> None:
    client = cast.client_for(cast.secretariat)
    data = {**_open_data(), "period_end": "01.12.2025", "all_specialties": ""}
    response = client.post(reverse("rounds:open"), data)
    assert response.status_code == 400
    text = response.content.decode()
    assert "Perioden skal slutte efter den begynder." in text
    assert "Vælg alle specialer eller mindst ét." in text
    assert not StatusRound.objects.exists()


def test_only_the_secretariat_closes_a_round(
    cast: Cast, professional: ProfessionalAmbition, open_round: Callable[..., StatusRound]
) -> None:
    round_ = open_round()
    url = reverse("rounds:close", kwargs={"pk": round_.pk})
    for user, status in [(cast.steering, 403), (cast.owner, 403), (cast.outsider, 404)]:
        assert cast.client_for(user).post(url).status_code == status
    round_.refresh_from_db()
    assert round_.is_open
    assert not RoundSnapshot.objects.exists()
    assert cast.client_for(cast.secretariat).post(url).status_code == 302
    round_.refresh_from_db()
    assert not round_.is_open
    assert RoundSnapshot.objects.filter(round=round_).count() == 2


def test_programme_members_read_rounds_and_outsiders_do_not(
    cast: Cast, open_round: Callable[..., StatusRound]
) -> None:
    round_ = open_round()
    urls = [
        reverse("rounds:list"),
        reverse("rounds:detail", kwargs={"pk": round_.pk}),
        reverse("rounds:since", kwargs={"slug": cast.specialty.slug}),
    ]
    for url in urls:
        for user in (
            cast.core,
            cast.lead,
            cast.owner,
            cast.other_owner,
            cast.steering,
            cast.secretariat,
        ):
            assert cast.client_for(user).get(url).status_code == 200, (url, user)
        assert cast.client_for(cast.outsider).get(url).status_code == 404, url
    # The menu leads there for members only; the form to open is the secretariat's.
    assert 'href="/runder/"' in cast.client_for(cast.core).get(reverse("home")).content.decode()
    assert (
        'href="/runder/"'
        not in cast.client_for(cast.outsider).get(reverse("home")).content.decode()
    )
    assert "Åbn runden" in cast.client_for(cast.secretariat).get(urls[0]).content.decode()
    assert "Åbn runden" not in cast.client_for(cast.steering).get(urls[0]).content.decode()
    assert "Luk runden" not in cast.client_for(cast.steering).get(urls[1]).content.decode()


def test_closing_a_round_asks_first_and_only_the_secretariat_is_asked(
    cast: Cast, professional: ProfessionalAmbition, open_round: Callable[..., StatusRound]
) -> None:
    """Issue #30, item 3: "Luk runden" leads to a question that says the closing is final and
    warns while the deadline has not passed; asking closes nothing."""
    round_ = open_round()
    url = reverse("rounds:detail", kwargs={"pk": round_.pk})
    page = cast.client_for(cast.secretariat).get(url).content.decode()
    assert f'href="{url}?luk=1"' in page
    assert "Ja, luk runden endeligt" not in page
    asked = cast.client_for(cast.secretariat).get(url + "?luk=1").content.decode()
    assert "Luk runden endeligt?" in asked
    assert "kan ikke åbnes igen" in asked
    assert "Fristen for opdateringer" in asked  # the deadline is two weeks away
    assert f'action="{reverse("rounds:close", kwargs={"pk": round_.pk})}"' in asked
    round_.refresh_from_db()
    assert round_.is_open
    # Past its deadline there is nothing to warn of; the steering group is never asked.
    late = open_round("Sen runde", deadline=timezone.localdate() - datetime.timedelta(days=1))
    late_url = reverse("rounds:detail", kwargs={"pk": late.pk}) + "?luk=1"
    late_page = cast.client_for(cast.secretariat).get(late_url).content.decode()
    assert "Luk runden endeligt?" in late_page
    assert "Fristen for opdateringer" not in late_page
    steering = cast.client_for(cast.steering).get(url + "?luk=1").content.decode()
    assert "Luk runden endeligt?" not in steering


def test_since_the_last_round_names_its_column(
    cast: Cast, professional: ProfessionalAmbition, open_round: Callable[..., StatusRound]
) -> None:
    """Issue #30, item 5: the column compares with the last closed round, and says so."""
    url = reverse("rounds:since", kwargs={"slug": cast.specialty.slug})
    before = cast.client_for(cast.core).get(url).content.decode()
    assert "Opdateret i denne runde" not in before
    assert "Der er ingen tidligere lukket runde at sammenligne med." in before
    services.round_close(
        round_=open_round(specialties=[cast.specialty]),
        by=cast.secretariat,
        today=timezone.localdate(),
    )
    after = cast.client_for(cast.core).get(url).content.decode()
    assert "Opdateret siden sidste runde" in after
    assert "Opdateret i denne runde" not in after


# -- The round's report -------------------------------------------------------------------


def test_a_closed_rounds_report_is_the_same_whenever_it_is_fetched(
    cast: Cast,
    professional: ProfessionalAmbition,
    open_round: Callable[..., StatusRound],
    make_pdf: Callable[..., tuple[DocumentJob, bytes]],
    poppler: None,
) -> None:
    round_ = open_round("Status efterår", specialties=[cast.specialty])
    services.round_close(round_=round_, by=cast.secretariat, today=timezone.localdate())
    job, data = make_pdf(DocumentKind.PROGRAMME_REPORT, None, cast.steering, object_id=round_.pk)
    text = pdf_text(data)
    assert "Status efterår" in text
    assert "Ensartet visitation" in text
    # The work moves on; the round's report does not.
    Action.objects.filter(focus_area__framework__ambition=professional).update(
        status=ActionStatus.COMPLETED
    )
    AreaFramework.objects.filter(ambition=professional).update(title="Omdøbt område")
    again, data_again = make_pdf(
        DocumentKind.PROGRAMME_REPORT, None, cast.secretariat, object_id=round_.pk
    )
    assert again.pk != job.pk
    assert again.content_hash == job.content_hash
    assert "Omdøbt område" not in pdf_text(data_again)


def test_who_may_ask_for_a_rounds_report(
    cast: Cast, professional: ProfessionalAmbition, open_round: Callable[..., StatusRound]
) -> None:
    round_ = open_round()
    data = {"kind": DocumentKind.PROGRAMME_REPORT, "object_id": round_.pk}
    # An open round has no frozen report yet.
    assert (
        cast.client_for(cast.steering).post(reverse("documents:request"), data).status_code == 404
    )
    services.round_close(round_=round_, by=cast.secretariat, today=timezone.localdate())
    for user in (cast.owner, cast.core, cast.outsider):
        assert cast.client_for(user).post(reverse("documents:request"), data).status_code == 404
    assert not DocumentJob.objects.exists()
    response = cast.client_for(cast.steering).post(reverse("documents:request"), data)
    assert response.status_code == 302
    job = DocumentJob.objects.get()
    assert job.object_id == round_.pk
    assert job.specialty_id is None
    page = cast.client_for(cast.steering).get(reverse("rounds:detail", kwargs={"pk": round_.pk}))
    assert "PDF: Programmets statusrapport for runden" in page.content.decode()


# -- Queries per page -----------------------------------------------------------------------


def _count(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as queries_run:
        assert client.get(url).status_code == 200
    return len(queries_run)


def test_round_pages_take_a_fixed_number_of_queries(
    cast: Cast,
    professional: ProfessionalAmbition,
    open_round: Callable[..., StatusRound],
    django_assert_max_num_queries: Any,
) -> None:
    round_ = open_round()
    client = cast.client_for(cast.steering)
    urls = [
        reverse("rounds:detail", kwargs={"pk": round_.pk}),
        reverse("rounds:list"),
        reverse("rounds:since", kwargs={"slug": cast.specialty.slug}),
        reverse("programme:my_tasks"),
    ]
    for url in urls:  # the database's content versions in place, as after the first pages
        client.get(url)
    cache.clear()  # and nothing kept: every page computed
    before = [_count(client, url) for url in urls]
    # More rows, actions and rounds: the same number of queries.
    first = _frameworks(professional)[0]
    focus_area = InterventionFocusArea.objects.filter(framework=first).first()
    assert focus_area is not None
    today = timezone.localdate()
    for n in range(5):
        Action.objects.create(
            focus_area=focus_area,
            title=f"Ekstra {n}",
            purpose="Mere.",
            responsible=cast.lead,
            start_date=today,
            end_date=today + datetime.timedelta(days=30),
        )
    open_round("Endnu en runde")
    services.round_close(
        round_=StatusRound.objects.get(name="Endnu en runde"), by=cast.secretariat, today=today
    )
    cache.clear()  # computed again (and the session read from the database again: cached_db)
    assert [_count(client, url) for url in urls] == before
    with django_assert_max_num_queries(40):
        client.get(urls[0])
    lead = cast.client_for(cast.lead)
    with django_assert_max_num_queries(40):
        lead.get(reverse("programme:my_tasks"))


def test_a_kept_round_page_equals_the_computed_one_and_follows_a_closed_round(
    cast: Cast, professional: ProfessionalAmbition, open_round: Callable[..., StatusRound]
) -> None:
    """What a round's page keeps per specialty is what it computes, and the key names the
    round it compares with: closing another round shows at once, with nothing written to
    the specialty (issue 22)."""
    today = timezone.localdate()
    round_ = open_round("Den åbne runde", specialties=[cast.specialty])
    cache.clear()
    [computed] = queries.round_overview(round_, today)
    [kept] = queries.round_overview(round_, today)
    assert kept == computed
    assert computed.since.previous is None
    first = open_round("En anden runde", specialties=[cast.specialty])
    services.round_close(round_=first, by=cast.secretariat, today=today)
    [after] = queries.round_overview(round_, today)
    assert after.since.previous == first
