"""PDSA cycles on an action through HTTP: in order, by whom, and what "Mine opgaver" needs."""

import datetime
import re

import pytest
from django.urls import reverse

from ambitions.models import Action
from improvement import queries, services
from improvement.models import PDSACycle
from tests.conftest import Cast

HTMX = {"HX-Request": "true"}


def _plan(cast: Cast, **overrides: str) -> dict[str, object]:
    return {
        "plan": "Ring til de henvisende læger.",
        "responsible": cast.core.pk,
        "starts_on": "01.03.2025",
        "study_on": "01.04.2025",
        "prediction": "Færre fejlhenvisninger.",
        **overrides,
    }


def _cycle(cast: Cast, action: Action) -> PDSACycle:
    return services.cycle_add(
        action=action,
        by=cast.core,
        plan="Prøv en tjekliste.",
        responsible=cast.core,
        starts_on=datetime.date(2025, 3, 1),
        study_on=datetime.date(2025, 4, 1),
        prediction="Halvdelen bruger den.",
    )


def _stage_url(cast: Cast, cycle: PDSACycle, stage: str) -> str:
    return reverse(
        "improvement:cycle_stage", args=[cast.specialty.slug, cycle.action_id, cycle.pk, stage]
    )


@pytest.mark.parametrize("who", ["core", "lead", "owner"])
def test_specialty_people_plan_a_cycle(cast: Cast, action: Action, who: str) -> None:
    url = reverse("improvement:cycles", args=[cast.specialty.slug, action.pk])
    response = cast.client_for(getattr(cast, who)).post(url, _plan(cast), headers=HTMX)
    assert response.status_code == 200
    cycle = PDSACycle.objects.get(action=action)
    assert cycle.number == 1
    assert cycle.stage == "do"
    assert f'id="cycle-{cycle.pk}"' in response.content.decode()


@pytest.mark.parametrize(
    ("who", "status"), [("steering", 403), ("secretariat", 403), ("outsider", 404)]
)
def test_others_may_not_plan_or_write(cast: Cast, action: Action, who: str, status: int) -> None:
    client = cast.client_for(getattr(cast, who))
    url = reverse("improvement:cycles", args=[cast.specialty.slug, action.pk])
    assert client.post(url, _plan(cast)).status_code == status
    cycle = _cycle(cast, action)
    assert (
        client.post(_stage_url(cast, cycle, "do"), {"do": "x", "revision": 0}).status_code == status
    )
    cycle.refresh_from_db()
    assert cycle.do == ""
    assert PDSACycle.objects.count() == 1


def test_readers_see_the_cycles_without_edit_buttons(cast: Cast, action: Action) -> None:
    cycle = _cycle(cast, action)
    url = reverse("improvement:cycles", args=[cast.specialty.slug, action.pk])
    html = cast.client_for(cast.steering).get(url).content.decode()
    assert f'id="cycle-{cycle.pk}"' in html
    assert "/pdsa/" not in html.split('id="part-cycles"')[1].split("</section>")[0].replace(url, "")
    core_html = cast.client_for(cast.core).get(url).content.decode()
    assert _stage_url(cast, cycle, "do") in core_html
    assert _stage_url(cast, cycle, "study") not in core_html  # not open before Do


def test_stages_in_order(cast: Cast, action: Action) -> None:
    cycle = _cycle(cast, action)
    client = cast.client_for(cast.core)
    # Study before Do is refused and nothing changes.
    response = client.post(
        _stage_url(cast, cycle, "study"), {"study": "Godt.", "revision": 0}, headers=HTMX
    )
    assert response.status_code == 409
    cycle.refresh_from_db()
    assert cycle.study == ""
    # Do, Study, Act in turn.
    assert (
        client.post(
            _stage_url(cast, cycle, "do"), {"do": "Brugt i to uger.", "revision": 0}, headers=HTMX
        ).status_code
        == 200
    )
    assert (
        client.post(
            _stage_url(cast, cycle, "study"),
            {"study": "60 % brugte den.", "revision": 1},
            headers=HTMX,
        ).status_code
        == 200
    )
    response = client.post(
        _stage_url(cast, cycle, "act"),
        {"decision": "adopt", "next_cycle": "Udbred til Slagelse.", "revision": 2},
        headers=HTMX,
    )
    assert response.status_code == 200
    cycle.refresh_from_db()
    assert (cycle.stage, cycle.decision, cycle.revision) == ("done", "adopt", 3)


def test_a_stale_revision_is_a_conflict_and_keeps_the_text(cast: Cast, action: Action) -> None:
    cycle = _cycle(cast, action)
    client = cast.client_for(cast.core)
    client.post(_stage_url(cast, cycle, "do"), {"do": "Først.", "revision": 0}, headers=HTMX)
    response = client.post(
        _stage_url(cast, cycle, "do"), {"do": "Anden.", "revision": 0}, headers=HTMX
    )
    assert "Anden." in response.content.decode()
    cycle.refresh_from_db()
    assert cycle.do == "Først."


def test_empty_stage_and_bad_dates_are_field_errors(cast: Cast, action: Action) -> None:
    client = cast.client_for(cast.core)
    url = reverse("improvement:cycles", args=[cast.specialty.slug, action.pk])
    response = client.post(url, _plan(cast, study_on="01.01.2025"), headers=HTMX)
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()
    assert not PDSACycle.objects.exists()
    cycle = _cycle(cast, action)
    response = client.post(_stage_url(cast, cycle, "do"), {"do": "  ", "revision": 0}, headers=HTMX)
    assert response.status_code == 200  # htmx swaps only a success: the error is shown
    assert 'aria-invalid="true"' in response.content.decode()
    assert client.get(_stage_url(cast, cycle, "nonsense")).status_code == 400


def test_study_due_for_mine_opgaver(cast: Cast, action: Action) -> None:
    cycle = _cycle(cast, action)
    today = datetime.date(2025, 4, 2)
    assert list(queries.studies_due(cast.core.pk, today)) == []  # Do not written yet
    services.cycle_update(
        cycle=cycle, by=cast.core, stage="do", base_revision=0, data={"do": "Gjort."}
    )
    assert list(queries.studies_due(cast.core.pk, today)) == [cycle]
    assert list(queries.studies_due(cast.core.pk, datetime.date(2025, 3, 31))) == []
    assert list(queries.studies_due(cast.lead.pk, today)) == []


def test_emptying_a_stage_would_break_the_order_so_later_stages_go_too(
    cast: Cast, action: Action
) -> None:
    cycle = _cycle(cast, action)
    cycle = services.cycle_update(
        cycle=cycle, by=cast.core, stage="do", base_revision=0, data={"do": "Gjort."}
    )
    cycle = services.cycle_update(
        cycle=cycle, by=cast.core, stage="study", base_revision=1, data={"study": "Set."}
    )
    cycle = services.cycle_update(
        cycle=cycle, by=cast.core, stage="do", base_revision=2, data={"do": ""}
    )
    assert (cycle.do, cycle.study, cycle.stage) == ("", "", "do")


def test_cycles_page_queries(
    cast: Cast, action: Action, django_assert_max_num_queries: object
) -> None:
    for _ in range(3):
        _cycle(cast, action)
    client = cast.client_for(cast.core)
    url = reverse("improvement:cycles", args=[cast.specialty.slug, action.pk])
    client.get(url)
    with django_assert_max_num_queries(14):  # type: ignore[operator]
        assert client.get(url).status_code == 200


@pytest.mark.parametrize(("who", "expected"), [("lead", "lead"), ("owner", "owner")])
def test_who_is_the_person_planning_by_default(
    cast: Cast, action: Action, who: str, expected: str
) -> None:
    """Item 11 of issue 30: "Hvem" starts as the person who plans the cycle."""
    url = reverse("improvement:cycles", args=[cast.specialty.slug, action.pk])
    form = cast.client_for(getattr(cast, who)).get(url).context["add_form"]
    assert form["responsible"].value() == getattr(cast, expected).pk


def test_a_stage_editors_cancel_asks_for_that_cycle_alone(cast: Cast, action: Action) -> None:
    """Cancel (components/edit_card.html) swaps the one cycle back to its read view: another
    cycle's open editor keeps its text. A target that is no cycle of this action: the page."""
    first, second = _cycle(cast, action), _cycle(cast, action)
    client = cast.client_for(cast.core)
    page = reverse("improvement:cycles", args=[cast.specialty.slug, action.pk])
    editor = client.get(_stage_url(cast, first, "do"), headers=HTMX).text
    cancel = rf'href="{page}#cycle-{first.pk}"\s+hx-get="{page}"\s+hx-target="#cycle-{first.pk}"'
    assert re.search(cancel, editor)
    assert "hx-select" not in editor

    text = client.get(page, headers={**HTMX, "HX-Target": f"cycle-{first.pk}"}).text
    assert text.lstrip().startswith(f'<article id="cycle-{first.pk}"')
    assert f'id="cycle-{second.pk}"' not in text
    assert "<form" not in text or f'action="{_stage_url(cast, first, "do")}"' not in text

    other = Action.objects.exclude(pk=action.pk).first()
    # Not a cycle's element at all: the whole page (bass.http.wants_fragment).
    garbage = client.get(page, headers={**HTMX, "HX-Target": "cycle-x"}).text
    assert "<html" in garbage
    foreign = [f"cycle-{second.pk + 1000}", "part-cycles"]
    if other is not None:
        foreign.append(f"cycle-{_cycle(cast, other).pk}")
    for target in foreign:
        answer = client.get(page, headers={**HTMX, "HX-Target": target}).text
        assert answer.lstrip().startswith('<section id="part-cycles"'), target
