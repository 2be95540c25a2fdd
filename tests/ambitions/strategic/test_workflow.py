"""The strategic ambition through HTTP: writing, submitting, deciding, revising, per role."""

import datetime
from unittest import mock

import pytest
from django.core.cache import cache as django_cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ambitions.models import (
    AmbitionPart,
    AmbitionVersion,
    ApprovalCondition,
    InterventionArea,
    PartKind,
    StrategicAmbition,
    Transition,
)
from ambitions.strategic import services
from sustainability.models import Challenge, LensAnswer, Perspective
from tests.ambitions.strategic.conftest import (
    HTMX,
    READERS,
    empty_conditions,
    part_url,
    start,
    submitted,
    url,
)
from tests.conftest import Cast


def save_part(client: Client, cast: Cast, text: str, revision: int, **headers: str) -> object:
    kind = PartKind.SITUATION
    return client.post(
        part_url(cast, kind),
        {f"{kind}-text": text, f"{kind}-revision": revision},
        headers=headers or HTMX,
    )


# -- Starting and seeing --------------------------------------------------------------------


def test_before_it_is_started_only_the_owner_may_start_it(cast: Cast) -> None:
    owner = cast.client_for(cast.owner)
    assert "Påbegynd den strategiske ambition" in owner.get(url(cast, "detail")).text
    lead = cast.client_for(cast.lead)
    assert "Påbegynd den strategiske ambition" not in lead.get(url(cast, "detail")).text
    assert lead.post(url(cast, "start")).status_code == 403
    assert cast.client_for(cast.outsider).post(url(cast, "start")).status_code == 404
    assert not StrategicAmbition.objects.exists()

    response = owner.post(url(cast, "start"))
    assert response.status_code == 302
    ambition = StrategicAmbition.objects.get(specialty=cast.specialty)
    assert ambition.status == "draft"
    assert [p.kind for p in ambition.parts.order_by("order")] == list(PartKind)


@pytest.mark.parametrize("persona", READERS)
def test_the_specialtys_people_and_the_programme_read_it(
    cast: Cast, ambition: StrategicAmbition, persona: str
) -> None:
    response = cast.client_for(getattr(cast, persona)).get(url(cast, "detail"))
    assert response.status_code == 200
    assert "Tekst om Situationsbillede." in response.text
    assert "Ventelister" in response.text


@pytest.mark.parametrize("persona", ["outsider", "other_owner"])
def test_others_do_not_see_it(cast: Cast, ambition: StrategicAmbition, persona: str) -> None:
    client = cast.client_for(getattr(cast, persona))
    for name, kwargs in [
        ("detail", {}),
        ("versions", {}),
        ("part", {"kind": PartKind.SITUATION}),
        ("part_history", {"kind": PartKind.SITUATION}),
    ]:
        assert client.get(url(cast, name, **kwargs)).status_code == 404


def test_anonymous_is_sent_to_log_in(cast: Cast, ambition: StrategicAmbition) -> None:
    response = Client().get(url(cast, "detail"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


# -- Writing a part ---------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["owner", "lead"])
def test_owner_and_leads_edit_a_part_in_place(
    cast: Cast, ambition: StrategicAmbition, persona: str
) -> None:
    client = cast.client_for(getattr(cast, persona))
    form = client.get(part_url(cast) + "?rediger=1", headers=HTMX)
    assert form.status_code == 200
    assert "<html" not in form.text
    assert 'name="situationsbillede-text"' in form.text

    response = save_part(client, cast, "Vi har **travlt**.\n\n- punkt", revision=1)
    assert response.status_code == 200
    assert "<html" not in response.text
    assert "Vi har <strong>travlt</strong>." in response.text
    part = AmbitionPart.objects.get(ambition=ambition, kind=PartKind.SITUATION)
    assert part.text == "Vi har **travlt**.\n\n- punkt"
    assert part.revision == 2
    assert part.updated_by == getattr(cast, persona)
    latest = part.history.first()
    assert latest.history_user == getattr(cast, persona)
    assert latest.text == part.text


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("core", 403),
        ("steering", 403),
        ("secretariat", 403),
        ("outsider", 404),
        ("other_owner", 404),
    ],
)
def test_others_may_not_edit_a_part(
    cast: Cast, ambition: StrategicAmbition, persona: str, status: int
) -> None:
    client = cast.client_for(getattr(cast, persona))
    assert client.get(part_url(cast) + "?rediger=1", headers=HTMX).status_code == status
    assert save_part(client, cast, "Overskrevet", revision=1).status_code == status
    part = AmbitionPart.objects.get(ambition=ambition, kind=PartKind.SITUATION)
    assert part.text == "Tekst om Situationsbillede."
    assert part.revision == 1


def test_without_htmx_saving_redirects_to_the_part(cast: Cast, ambition: StrategicAmbition) -> None:
    client = cast.client_for(cast.owner)
    response = save_part(client, cast, "Ny tekst", revision=1, **{"X-No-Htmx": "1"})
    assert response.status_code == 302
    assert response["Location"].endswith("#part-section-situationsbillede")


def test_a_concurrent_edit_loses_neither_text(cast: Cast, ambition: StrategicAmbition) -> None:
    owner, lead = cast.client_for(cast.owner), cast.client_for(cast.lead)
    # Both opened the part at revision 1.
    assert save_part(lead, cast, "Lederens tekst", revision=1).status_code == 200
    response = save_part(owner, cast, "Ejerens tekst", revision=1)

    assert response.status_code == 200
    assert "gemte en nyere udgave" in response.text
    assert "Lederens tekst" in response.text  # theirs, shown
    assert "Ejerens tekst" in response.text  # mine, still in the field
    assert 'name="situationsbillede-revision" value="2"' in response.text
    part = AmbitionPart.objects.get(ambition=ambition, kind=PartKind.SITUATION)
    assert part.text == "Lederens tekst"

    # Saving again, knowingly, on top of revision 2 works.
    assert save_part(owner, cast, "Ejerens og lederens tekst", revision=2).status_code == 200
    part.refresh_from_db()
    assert part.text == "Ejerens og lederens tekst"
    assert part.revision == 3
    assert [h.text for h in part.history.order_by("history_date")][-2:] == [
        "Lederens tekst",
        "Ejerens og lederens tekst",
    ]


def test_hostile_text_never_reaches_the_page(cast: Cast, ambition: StrategicAmbition) -> None:
    client = cast.client_for(cast.owner)
    hostile = (
        '<script>alert("x")</script> <img src=x onerror=alert(1)> '
        "[klik](javascript:alert(1)) [ok](https://www.regionsjaelland.dk)"
    )
    save_part(client, cast, hostile, revision=1)
    page = client.get(url(cast, "detail")).text
    assert "<script>alert" not in page
    assert "<img" not in page
    assert 'href="javascript:' not in page
    assert 'href="https://www.regionsjaelland.dk"' in page
    assert "&lt;script&gt;" in page  # shown as text, not run


def test_oversized_text_is_refused_and_nothing_is_saved(
    cast: Cast, ambition: StrategicAmbition
) -> None:
    client = cast.client_for(cast.owner)
    response = save_part(client, cast, "x" * 20_001, revision=1)
    assert response.status_code == 200
    assert "Hold teksten under 20.000 tegn (den har 20.001)." in response.text
    assert "x" * 20_001 in response.text  # what was typed is kept
    part = AmbitionPart.objects.get(ambition=ambition, kind=PartKind.SITUATION)
    assert part.text == "Tekst om Situationsbillede."
    assert part.revision == 1


def test_an_unknown_part_is_404(cast: Cast, ambition: StrategicAmbition) -> None:
    client = cast.client_for(cast.owner)
    assert client.get(url(cast, "part", kind="findes-ikke") + "?rediger=1").status_code == 404


# -- Submitting -------------------------------------------------------------------------------


def test_an_incomplete_ambition_cannot_be_submitted(cast: Cast) -> None:
    start(cast)
    client = cast.client_for(cast.owner)
    response = client.post(url(cast, "submit"), follow=True)
    assert "Ambitionen kan ikke indsendes endnu" in response.text
    assert "Situationsbillede" in response.text
    assert StrategicAmbition.objects.get().status == "draft"
    assert not AmbitionVersion.objects.exists()


def test_the_owner_submits_and_the_version_is_frozen(
    cast: Cast, ambition: StrategicAmbition, django_capture_on_commit_callbacks: object
) -> None:
    client = cast.client_for(cast.owner)
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        response = client.post(url(cast, "submit"), follow=True)
    assert "Version 1 er indsendt til styregruppen." in response.text
    ambition.refresh_from_db()
    assert ambition.status == "submitted"
    version = AmbitionVersion.objects.get(ambition=ambition)
    assert version.number == 1
    assert version.outcome == "pending"
    assert version.content["parts"][0] == {
        "kind": "situationsbillede",
        "text": "Tekst om Situationsbillede.",
    }
    assert version.content["core_challenges"][0]["title"] == "Ventelister"
    assert version.content["intervention_areas"][0]["title"] == "Ensartet visitation"
    entry = Transition.objects.get(ambition=ambition)
    assert (entry.from_status, entry.to_status, entry.by, entry.version) == (
        "draft",
        "submitted",
        cast.owner,
        version,
    )


@pytest.mark.parametrize(
    ("persona", "status"),
    [("lead", 403), ("core", 403), ("steering", 403), ("secretariat", 403), ("outsider", 404)],
)
def test_only_the_owner_submits(
    cast: Cast, ambition: StrategicAmbition, persona: str, status: int
) -> None:
    response = cast.client_for(getattr(cast, persona)).post(url(cast, "submit"))
    assert response.status_code == status
    ambition.refresh_from_db()
    assert ambition.status == "draft"
    assert not AmbitionVersion.objects.exists()


def test_a_submitted_ambition_is_locked_but_the_late_text_is_kept(
    cast: Cast, ambition: StrategicAmbition
) -> None:
    submitted(cast, ambition)
    client = cast.client_for(cast.lead)
    response = save_part(client, cast, "For sent skrevet", revision=1)
    assert response.status_code == 200
    assert "kan ikke redigeres nu" in response.text
    assert "For sent skrevet" in response.text
    assert AmbitionPart.objects.get(ambition=ambition, kind=PartKind.SITUATION).revision == 1
    page = client.get(url(cast, "detail")).text
    assert "Redigér" not in page


# -- Deciding ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "status"),
    [("owner", 403), ("lead", 403), ("core", 403), ("secretariat", 403), ("outsider", 404)],
)
def test_only_the_steering_group_decides(
    cast: Cast, ambition: StrategicAmbition, persona: str, status: int
) -> None:
    submitted(cast, ambition)
    client = cast.client_for(getattr(cast, persona))
    assert client.get(url(cast, "decide")).status_code == status
    response = client.post(url(cast, "decide"), {"decision": "approve", **empty_conditions()})
    assert response.status_code == status
    ambition.refresh_from_db()
    assert ambition.status == "submitted"
    assert not ApprovalCondition.objects.exists()


def test_returning_needs_a_remark(cast: Cast, ambition: StrategicAmbition) -> None:
    submitted(cast, ambition)
    client = cast.client_for(cast.steering)
    response = client.post(url(cast, "decide"), {"decision": "return", **empty_conditions()})
    assert response.status_code == 200
    assert "en returneret ambition skal have en bemærkning" in response.text
    ambition.refresh_from_db()
    assert ambition.status == "submitted"


def test_returned_with_a_remark_revised_and_resubmitted(
    cast: Cast, ambition: StrategicAmbition
) -> None:
    submitted(cast, ambition)
    steering = cast.client_for(cast.steering)
    page = steering.get(url(cast, "decide"))
    assert "Tekst om Situationsbillede." in page.text
    steering.post(
        url(cast, "decide"),
        {"decision": "return", "remark": "Uddyb forudsætningerne.", **empty_conditions()},
    )
    ambition.refresh_from_db()
    assert ambition.status == "returned"
    assert AmbitionVersion.objects.get(number=1).outcome == "returned"

    owner = cast.client_for(cast.owner)
    page = owner.get(url(cast, "detail")).text
    assert "Uddyb forudsætningerne." in page
    home = owner.get(reverse("home")).text
    assert "revidér og indsend igen" in home

    kind = PartKind.PREREQUISITES
    owner.post(
        part_url(cast, kind),
        {f"{kind}-text": "Uddybede forudsætninger.", f"{kind}-revision": 1},
        headers=HTMX,
    )
    owner.post(url(cast, "submit"))
    ambition.refresh_from_db()
    assert ambition.status == "submitted"
    assert list(AmbitionVersion.objects.values_list("number", "outcome")) == [
        (1, "returned"),
        (2, "pending"),
    ]
    entries = list(Transition.objects.values_list("from_status", "to_status", "remark"))
    assert entries == [
        ("draft", "submitted", ""),
        ("submitted", "returned", "Uddyb forudsætningerne."),
        ("returned", "submitted", ""),
    ]


def test_approved_with_a_condition_followed_up_until_met(
    cast: Cast, ambition: StrategicAmbition
) -> None:
    submitted(cast, ambition)
    steering = cast.client_for(cast.steering)
    steering.post(
        url(cast, "decide"),
        {
            "decision": "approve",
            "remark": "Godt arbejde.",
            **empty_conditions(),
            "conditions-0-text": "Rekrutteringsplan for Slagelse",
            "conditions-0-deadline": "2027-03-01",
            "conditions-0-responsible": cast.lead.pk,
        },
    )
    ambition.refresh_from_db()
    assert ambition.status == "approved"
    assert ambition.approved_version.number == 1
    condition = ApprovalCondition.objects.get()
    assert condition.responsible == cast.lead
    assert condition.met_at is None

    lead = cast.client_for(cast.lead)
    assert "Rekrutteringsplan for Slagelse" in lead.get(reverse("home")).text
    # The core-team member is not responsible and may not record it.
    core = cast.client_for(cast.core)
    assert core.post(url(cast, "condition_met", pk=condition.pk), {"note": "x"}).status_code == 403
    lead.post(url(cast, "condition_met", pk=condition.pk), {"note": "Planen er vedtaget."})
    condition.refresh_from_db()
    assert condition.met_by == cast.lead
    assert condition.met_note == "Planen er vedtaget."


def test_two_decisions_at_once_the_second_is_refused(
    cast: Cast, ambition: StrategicAmbition
) -> None:
    submitted(cast, ambition)
    services.ambition_approve(ambition=ambition, by=cast.steering)
    with pytest.raises(services.WorkflowError):
        services.ambition_return(ambition=ambition, by=cast.steering, remark="For sent")
    assert Transition.objects.filter(to_status="returned").count() == 0


# -- After approval ---------------------------------------------------------------------------


def test_a_revision_keeps_the_approved_version_and_shows_what_changed(
    cast: Cast, ambition: StrategicAmbition
) -> None:
    submitted(cast, ambition)
    services.ambition_approve(ambition=ambition, by=cast.steering)
    owner = cast.client_for(cast.owner)
    assert cast.client_for(cast.lead).post(url(cast, "revise")).status_code == 403
    owner.post(url(cast, "revise"))
    ambition.refresh_from_db()
    assert ambition.status == "draft"
    assert ambition.approved_version.number == 1

    kind = PartKind.AMBITION
    owner.post(
        part_url(cast, kind),
        {f"{kind}-text": "En skarpere ambition.", f"{kind}-revision": 1},
        headers=HTMX,
    )
    page = owner.get(url(cast, "detail")).text
    assert "Ændret siden godkendelsen:" in page
    assert "Strategisk ambition." in page
    # The approved version is frozen.
    approved = AmbitionVersion.objects.get(number=1)
    assert approved.content["parts"][2]["text"] == "Tekst om Strategisk ambition."

    comparison = owner.get(url(cast, "versions") + "?fra=1&til=udkast").text
    assert "<del>" in comparison
    assert "skarpere" in comparison
    assert comparison.count("Ændret") >= 1


def test_versions_compare_two_submitted_versions(cast: Cast, ambition: StrategicAmbition) -> None:
    submitted(cast, ambition)
    services.ambition_return(ambition=ambition, by=cast.steering, remark="Mere.")
    part = AmbitionPart.objects.get(ambition=ambition, kind=PartKind.SITUATION)
    services.part_save(part=part, text="Ny situation.", base_revision=1, by=cast.owner)
    services.ambition_submit(ambition=ambition, by=cast.owner)
    page = cast.client_for(cast.steering).get(url(cast, "versions") + "?fra=1&til=2").text
    assert '<ins><span class="visually-hidden">[tilføjet: </span>Ny' in page
    assert "Uændret" in page
    assert cast.client_for(cast.steering).get(url(cast, "versions") + "?fra=9").status_code == 404


def test_the_history_of_a_part_shows_who_and_what(cast: Cast, ambition: StrategicAmbition) -> None:
    part = AmbitionPart.objects.get(ambition=ambition, kind=PartKind.SITUATION)
    services.part_save(part=part, text="Anden tekst.", base_revision=1, by=cast.lead)
    page = cast.client_for(cast.core).get(url(cast, "part_history", kind=part.kind)).text
    assert "Lise Leder" in page
    assert "Ole Ejer" in page
    assert "<ins>" in page
    assert "<del>" in page


# -- Comments, intervention areas, register ---------------------------------------------------


def test_the_steering_group_asks_and_the_team_answers(
    cast: Cast, ambition: StrategicAmbition
) -> None:
    kind = PartKind.PREREQUISITES
    comment_url = url(cast, "comment_add", kind=kind)
    response = cast.client_for(cast.steering).post(
        comment_url, {f"comment-{kind}-text": "Hvilke beslutninger mangler?"}, headers=HTMX
    )
    assert response.status_code == 200
    assert "Hvilke beslutninger mangler?" in response.text
    cast.client_for(cast.core).post(
        comment_url, {f"comment-{kind}-text": "Vagtplanen."}, headers=HTMX
    )
    page = cast.client_for(cast.owner).get(url(cast, "detail")).text
    assert page.index("Hvilke beslutninger mangler?") < page.index("Vagtplanen.")
    empty = cast.client_for(cast.core).post(
        comment_url, {f"comment-{kind}-text": "  "}, headers=HTMX
    )
    assert "Skriv kommentaren, før du sender den." in empty.text
    assert (
        cast.client_for(cast.outsider).post(comment_url, {f"comment-{kind}-text": "x"}).status_code
        == 404
    )


def test_intervention_areas_warn_above_five(cast: Cast, ambition: StrategicAmbition) -> None:
    owner = cast.client_for(cast.owner)
    for i in range(2, 7):
        response = owner.post(
            url(cast, "area_add"), {"area-title": f"Område {i}", "area-revision": 0}, headers=HTMX
        )
        assert response.status_code == 200
    assert InterventionArea.objects.filter(ambition=ambition).count() == 6
    assert "Der er 6 indsatsområder." in response.text
    core = cast.client_for(cast.core)
    assert core.post(url(cast, "area_add"), {"area-title": "Nej"}).status_code == 403
    assert InterventionArea.objects.count() == 6


def test_an_intervention_area_needs_a_title(cast: Cast, ambition: StrategicAmbition) -> None:
    response = cast.client_for(cast.owner).post(
        url(cast, "area_add"), {"area-title": "", "area-description": "Beholdt"}, headers=HTMX
    )
    assert "Giv indsatsområdet en titel." in response.text
    assert "Beholdt" in response.text
    assert InterventionArea.objects.count() == 1


@pytest.mark.parametrize(
    ("persona", "status"),
    [("steering", 200), ("secretariat", 200), ("owner", 404), ("outsider", 404)],
)
def test_the_decision_register(
    cast: Cast, ambition: StrategicAmbition, persona: str, status: int
) -> None:
    submitted(cast, ambition)
    services.ambition_return(ambition=ambition, by=cast.steering, remark="Uddyb.")
    response = cast.client_for(getattr(cast, persona)).get(reverse("decision_register"))
    assert response.status_code == status
    if status == 200:
        assert "IM: Testkardiologi" in response.text
        assert "Uddyb." in response.text


def test_the_page_costs_the_same_queries_for_few_or_many_challenges(
    cast: Cast, ambition: StrategicAmbition
) -> None:
    client = cast.client_for(cast.owner)

    def count(*, kept: bool = False) -> int:
        """Queries of one page view: built from scratch, or served from kept fragments."""
        if not kept:
            django_cache.clear()
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url(cast, "detail")).status_code == 200
        return len(ctx.captured_queries)

    client.get(url(cast, "detail"))
    before = count()
    assert count(kept=True) < before  # the parts, areas and timeline were kept
    faglig = Perspective.objects.get(code="faglig")
    for i in range(30):
        c = Challenge.objects.create(
            specialty=cast.specialty,
            title=f"Udfordring {i}",
            primary_perspective=faglig,
            is_core=True,
            core_order=i + 2,
        )
        LensAnswer.objects.create(challenge=c, perspective=faglig, text="Svar")
    assert count() == before
    assert before <= 25


def test_the_pdf_button_prints_what_the_page_shows(cast: Cast, ambition: StrategicAmbition) -> None:
    client = cast.client_for(cast.owner)
    draft = client.get(url(cast, "detail")).text
    assert 'name="kind" value="strategic_ambition"' in draft
    assert 'name="object_id"' not in draft.split('id="part-section-')[0]  # the working copy
    submitted(cast, ambition)
    pending = client.get(url(cast, "detail")).text.split('id="part-section-')[0]
    assert 'name="object_id" value="1"' in pending
    services.ambition_approve(ambition=ambition, by=cast.steering)
    services.ambition_start_revision(ambition=ambition, by=cast.owner)
    revising = client.get(url(cast, "detail")).text.split('id="part-section-')[0]
    assert 'name="object_id"' not in revising  # a revision prints the new draft


def test_the_kept_conditions_give_each_reader_their_own_buttons_and_show_a_change(
    cast: Cast, ambition: StrategicAmbition
) -> None:
    """The conditions are kept per reader (the owner, or each person): who may record a
    condition as met sees the form, no one else does, whoever read the page first."""
    submitted(cast, ambition)
    services.ambition_approve(
        ambition=ambition,
        by=cast.steering,
        conditions=[
            services.ConditionInput(
                text="Rekrutteringsplan for Slagelse",
                deadline=timezone.localdate() + datetime.timedelta(days=1),
                responsible=cast.lead,
            )
        ],
    )
    condition = ApprovalCondition.objects.get()
    form = url(cast, "condition_met", pk=condition.pk)
    page = url(cast, "detail")
    readers = {name: cast.client_for(getattr(cast, name)) for name in ("core", "owner", "lead")}
    for _round in range(2):  # computed, then kept
        shown = {name: form in client.get(page).text for name, client in readers.items()}
        assert shown == {"core": False, "owner": True, "lead": True}
    assert "status--warning" not in readers["core"].get(page).text
    later = timezone.localdate() + datetime.timedelta(days=2)
    with mock.patch.object(timezone, "localdate", return_value=later):
        assert "status--warning" in readers["core"].get(page).text  # overdue the next days
    readers["lead"].post(form, {"note": "Planen er vedtaget."})
    for name, client in readers.items():
        html = client.get(page).text
        assert form not in html, name
        assert "Planen er vedtaget." in html, name
