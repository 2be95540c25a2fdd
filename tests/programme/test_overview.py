"""Programoverblik: who sees it, its figures (the programme PDF's), filters, sorting, its
constant number of queries, and the Excel and CSV exports."""

from __future__ import annotations

import csv
import datetime
import io
import re
from decimal import Decimal
from unittest import mock

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from ambitions.professional.figures import SpecialtySummary
from documents import builders
from documents.models import DocumentKind
from people.models import User
from specialties.models import Site
from tests.conftest import Cast

URL = reverse("programme:overview")


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("owner", 200),
        ("lead", 200),
        ("core", 200),
        ("steering", 200),
        ("secretariat", 200),
        ("other_owner", 200),
        ("outsider", 404),
    ],
)
def test_every_programme_member_sees_the_overview(cast: Cast, persona: str, status: int) -> None:
    client = cast.client_for(getattr(cast, persona))
    assert client.get(URL).status_code == status
    for name in ("programme:overview_export", "programme:actions_export"):
        for fmt in ("xlsx", "csv"):
            assert client.get(reverse(name, args=[fmt])).status_code == status


def test_the_overview_needs_a_signed_in_person(cast: Cast) -> None:
    response = Client().get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_an_inactive_member_is_refused(cast: Cast) -> None:
    from programme import permissions as programme_permissions

    cast.owner.is_active = False
    assert not programme_permissions.can_view_programme_overview(cast.owner)


@pytest.fixture
def demo(db: None) -> Client:
    call_command("load_demo", stdout=io.StringIO())
    client = Client()
    client.force_login(User.objects.get(username="styregruppe"))
    return client


def _count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_overview_reads_the_same_number_of_queries_for_a_region_ten_times_larger(
    demo: Client, django_assert_num_queries: object
) -> None:
    import dataclasses

    from bench.generate import TINY, counts, generate

    cache.clear()  # computed, not kept
    once = _count(demo, URL)
    exports = {
        fmt: _count(demo, reverse("programme:actions_export", args=[fmt]))
        for fmt in ("xlsx", "csv")
    }
    before = counts()
    # The benchmark's generator, at a size a test can afford: ten times the demo's actions,
    # several times its ambitions.
    generate(dataclasses.replace(TINY, specialties=8), seed=12)
    after = counts()
    assert after["actions"] >= 10 * before["actions"]
    assert after["strategic ambitions"] >= 3 * before["strategic ambitions"]
    cache.clear()  # the generator's bulk inserts bump no version: compute it all again
    with django_assert_num_queries(once):  # type: ignore[operator]
        page = demo.get(URL)
    assert page.status_code == 200
    assert len(page.context["rows"]) == after["specialties"]
    for fmt, count in exports.items():
        assert _count(demo, reverse("programme:actions_export", args=[fmt])) == count


def _figures(report: object) -> dict[str, object]:
    overview = report.overview  # type: ignore[attr-defined]
    return {
        "state": report.state,  # type: ignore[attr-defined]
        "overdue": len(report.overdue_milestones),  # type: ignore[attr-defined]
        "late": len(report.late_actions),  # type: ignore[attr-defined]
        "stale": len(report.stale_rows),  # type: ignore[attr-defined]
        "off_track": report.off_track,  # type: ignore[attr-defined]
        "done": overview.share.percent if overview else None,
        "balance": [c.primary for c in report.balance.counts],  # type: ignore[attr-defined]
    }


def _summary(summary: SpecialtySummary) -> dict[str, object]:
    return {
        "state": summary.state,
        "overdue": summary.overdue_count,
        "late": summary.late_count,
        "stale": summary.stale_count,
        "off_track": summary.off_track,
        "done": (round(100 * summary.done / summary.counted) if summary.counted else None)
        if summary.has_status
        else None,
        "balance": [c.primary for c in summary.balance.counts],
    }


def test_the_overview_shows_the_programme_reports_numbers(demo: Client) -> None:
    page = demo.get(URL)
    report = builders.build(DocumentKind.PROGRAMME_REPORT, None, None, timezone.localdate())
    on_page = {r.specialty.name: _summary(r.figures) for r in page.context["rows"]}
    in_pdf = {r.specialty.name: _figures(r) for r in report.context["reports"]}
    assert on_page == in_pdf
    cardiology = on_page["IM: Kardiologi"]
    # The demo has something in each figure that matters.
    assert cardiology["overdue"]
    assert cardiology["late"]
    assert cardiology["stale"]
    assert cardiology["off_track"]
    assert on_page["IM: Lungesygdomme"]["state"] == "submitted"
    # And the page prints them, in the specialty's row.
    row = page.text.split('id="row-im-kardiologi"')[1].split("</tr>")[0]
    assert f'<td class="number">{cardiology["late"]}</td>' in row
    assert "Godkendt (version 1)" in row
    assert "Implementering" in row


def test_the_rules_are_stated_on_the_page(demo: Client) -> None:
    text = demo.get(URL).text
    assert "Rød: indsatsområdet har en handling over slutdato" in text
    assert "mere end 60 dage" in text


def _names(client: Client, query: str) -> list[str]:
    return [r.specialty.name for r in client.get(URL + query).context["rows"]]


def test_filters_by_state_phase_site_and_perspective(demo: Client) -> None:
    assert _names(demo, "?state=submitted") == ["IM: Lungesygdomme"]
    assert _names(demo, "?state=approved") == ["IM: Kardiologi"]
    assert _names(demo, "?phase=implementation") == ["IM: Kardiologi"]
    assert _names(demo, "?phase=analysis") == ["IM: Hæmatologi"]
    koege = Site.objects.get(short_name="SUH Køge")
    at_koege = _names(demo, f"?site={koege.pk}")
    assert "IM: Hæmatologi" in at_koege
    assert all(
        koege in r.specialty.sites.all() for r in demo.get(f"{URL}?site={koege.pk}").context["rows"]
    )
    # A value that is not a choice is ignored, not an error.
    assert len(_names(demo, "?state=bogus")) == len(_names(demo, ""))
    from sustainability.models import Perspective

    for perspective in Perspective.objects.all():
        for row in demo.get(f"{URL}?perspective={perspective.pk}").context["rows"]:
            counts = {c.perspective.pk: c.primary for c in row.figures.balance.counts}
            assert counts[perspective.pk] == max(counts.values()) > 0


def test_sorting_by_late_actions_puts_the_most_first_and_keeps_the_filters(demo: Client) -> None:
    page = demo.get(URL + "?sort=late&dir=desc&phase=")
    rows = page.context["rows"]
    assert rows[0].specialty.name == "IM: Kardiologi"
    late = [r.figures.late_count for r in rows]
    assert late == sorted(late, reverse=True)
    assert 'aria-sort="descending"' in page.text
    # Clicking the same column again turns the order round.
    assert "sort=late&amp;dir=asc" in page.text
    assert _names(demo, "?sort=name&dir=desc")[0] > _names(demo, "?sort=name&dir=asc")[0]


def test_the_excel_export_is_typed_filtered_and_has_a_frozen_header(demo: Client) -> None:
    response = demo.get(reverse("programme:overview_export", args=["xlsx"]) + "?state=approved")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "programoverblik-" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.freeze_panes == "A2"
    header = [c.value for c in sheet[1]]
    assert header[:4] == ["Speciale", "Fase", "Fase siden", "Strategisk ambition"]
    assert "Handlinger over slutdato" in header
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in rows] == ["IM: Kardiologi"]
    (row,) = rows
    values = dict(zip(header, row, strict=True))
    assert isinstance(values["Fase siden"], datetime.datetime)  # Excel's dates are datetimes
    assert isinstance(values["Handlinger over slutdato"], int)
    assert values["Handlinger over slutdato"] > 0
    assert isinstance(values["Timer"], int | float)
    assert values["Godkendt version"] == 1
    # The page's dependencies and transition funds are in the file too (issues 26 and 28).
    page = demo.get(URL + "?state=approved").text
    for key, column in (
        ("asked", "Åbne afhængigheder af andre"),
        ("asked-of", "Åbne afhængigheder at svare på"),
    ):
        shown = re.search(rf'data-dependencies-{key}="(\d+)"', page)
        assert shown is not None
        assert values[column] == int(shown[1])
    from ambitions.professional.queries.funds import totals_by_specialty
    from specialties.models import Specialty

    funds = totals_by_specialty()[Specialty.objects.get(name="IM: Kardiologi").pk]
    assert funds.requested > funds.granted > 0  # the demo: a reduced grant and an open request
    assert values["Transitionsmidler ansøgt (kr.)"] == funds.requested
    assert values["Transitionsmidler bevilget (kr.)"] == funds.granted
    assert values["Transitionsmidler, der afventer beslutning (kr.)"] == funds.open > 0


def test_the_actions_export_lists_every_action_with_area_principles_and_ratings(
    demo: Client,
) -> None:
    from ambitions.models import Action

    response = demo.get(reverse("programme:actions_export", args=["xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.freeze_panes == "A2"
    header = [c.value for c in sheet[1]]
    for name in (
        "Speciale",
        "Indsatsområde",
        "Fokusområde",
        "Handling",
        "Ansvarlig",
        "Start",
        "Slut",
        "Status",
        "Over slutdato",
        "BASS-principper",
    ):
        assert name in header
    # The status people set and the computed lateness have their own words (issue 30, item
    # 9): "Forsinket" is only the status.
    assert "Forsinket" not in header
    rows = [dict(zip(header, r, strict=True)) for r in sheet.iter_rows(min_row=2, values_only=True)]
    assert len(rows) == Action.objects.count()
    first = rows[0]
    assert isinstance(first["Start"], datetime.datetime)
    assert first["BASS-principper"]
    ratings = [k for k in header if k.startswith("Vurdering:")]
    assert len(ratings) == 3
    assert any(isinstance(r[k], int) for r in rows for k in ratings)


def _streamed(response: object) -> str:
    assert response.streaming  # type: ignore[attr-defined]
    return b"".join(response.streaming_content).decode("utf-8")  # type: ignore[attr-defined]


def test_the_csv_export_is_danish_excel_csv(demo: Client) -> None:
    response = demo.get(reverse("programme:actions_export", args=["csv"]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = _streamed(response)
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert rows[0][0] == "Speciale"
    start = rows[0].index("Start")
    datetime.date.fromisoformat(rows[1][start])
    overview = demo.get(reverse("programme:overview_export", args=["csv"]) + "?state=submitted")
    lines = list(csv.reader(io.StringIO(_streamed(overview).lstrip("\ufeff")), delimiter=";"))
    assert [line[0] for line in lines[1:]] == ["IM: Lungesygdomme"]


def test_decimal_commas_in_csv() -> None:
    from programme.exports import Table, to_csv

    table = Table(title="t", headers=["a", "b", "c"], rows=[[Decimal("1.50"), None, 3]])
    assert to_csv(table).splitlines()[1] == "1,5;;3"


def test_csv_cells_that_start_like_a_formula_get_an_apostrophe_numbers_do_not() -> None:
    from programme.exports import Table, to_csv

    table = Table(
        title="t",
        headers=["a", "b", "c", "d", "e"],
        rows=[["\rx", "=1+1", Decimal("-1.5"), -3, "a\x01b\x1f"]],
    )
    line = list(csv.reader(io.StringIO(to_csv(table)), delimiter=";"))[1]
    assert line == ["'\rx", "'=1+1", "-1,5", "-3", "ab"]


# What a person could type to make a spreadsheet run something (issue 25, item 3).
PAYLOADS = ['=HYPERLINK("http://x","y")', "+1", "-1+2", "@SUM(A1)", "\tx"]


@pytest.fixture
def hostile(demo: Client) -> Client:
    """The demo with actions named by the payloads, and a control character in a name."""
    from ambitions.models import Action
    from specialties.models import Specialty

    actions = list(Action.objects.order_by("pk")[: len(PAYLOADS)])
    for action, payload in zip(actions, PAYLOADS, strict=True):
        action.title = payload
        action.resource_hours = Decimal("-2.5")  # a real (negative) number stays a number
        action.save(update_fields=["title", "resource_hours"])
    cardiology = Specialty.objects.get(name="IM: Kardiologi")
    cardiology.name = "IM: Kardio\x01logi"
    cardiology.save(update_fields=["name"])
    cache.clear()
    return demo


def test_the_excel_exports_hold_text_never_formulas(hostile: Client) -> None:
    response = hostile.get(reverse("programme:actions_export", args=["xlsx"]))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [c.value for c in sheet[1]]
    title, hours, name = header.index("Handling"), header.index("Timer"), header.index("Speciale")
    cells = {row[title].value: row for row in sheet.iter_rows(min_row=2)}
    for payload in PAYLOADS:
        cell = cells[payload][title]
        assert cell.data_type == "s", payload
        assert cell.quotePrefix, payload
        assert cells[payload][hours].value == -2.5
        assert cells[payload][hours].data_type == "n"
    names = {row[name].value for row in sheet.iter_rows(min_row=2)}
    assert "IM: Kardiologi" in names  # the control character left out, not a 500
    overview = hostile.get(reverse("programme:overview_export", args=["xlsx"]))
    assert overview.status_code == 200
    first = load_workbook(io.BytesIO(overview.content)).active
    rows = list(first.iter_rows(min_row=2))
    assert "IM: Kardiologi" in [r[0].value for r in rows]
    assert all(r[0].data_type == "s" for r in rows)
    assert any(isinstance(r[6].value, int) and r[6].data_type == "n" for r in rows)


def test_the_csv_exports_neutralise_formulas_and_keep_numbers(hostile: Client) -> None:
    text = _streamed(hostile.get(reverse("programme:actions_export", args=["csv"])))
    lines = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    title, hours = lines[0].index("Handling"), lines[0].index("Timer")
    titles = {line[title]: line for line in lines[1:]}
    for payload in PAYLOADS:
        assert "'" + payload in titles, payload
        assert payload not in titles
        assert titles["'" + payload][hours] == "-2,5"  # a number, not a neutralised text
    assert "\x01" not in text
    assert "IM: Kardiologi" in text


def _row(client: Client, slug: str, query: str = "") -> str:
    html = client.get(URL + query).content.decode()
    return html.split(f'id="row-{slug}"')[1].split("</tr>")[0]


def test_the_kept_overview_shows_a_change_and_a_new_day_at_once(demo: Client) -> None:
    """Kept for a meeting's thirty readers, never stale: a write in any specialty, or a day
    passing (what is overdue), gives the next reader the new figures."""
    from ambitions.models import Action, ActionStatus

    action = (
        Action.objects.select_related("focus_area__framework__ambition__specialty")
        .filter(
            status=ActionStatus.IN_PROGRESS,
            end_date__gt=timezone.localdate() + datetime.timedelta(days=2),
        )
        .first()
    )
    assert action is not None
    slug = action.focus_area.framework.ambition.specialty.slug
    before = _row(demo, slug)
    with CaptureQueriesContext(connection) as kept:
        assert _row(demo, slug) == before
    # The person (the session is in the cache), the region's content versions, and the
    # filter form's and the legend's sites and perspectives: none of the figures.
    assert len(kept) == 5, [q["sql"][:90] for q in kept.captured_queries]
    action.end_date = timezone.localdate() - datetime.timedelta(days=1)
    action.save()  # late now, as the admin or a shell would write it
    late = _row(demo, slug)
    assert late != before
    # Another filter or sort order is kept apart, and counts the same.
    assert _row(demo, slug, "?sort=late&dir=desc") == late
    # A day later with nothing written: the key holds the day.
    action.end_date = timezone.localdate() + datetime.timedelta(days=1)
    action.save()
    assert _row(demo, slug) == before
    later = timezone.localdate() + datetime.timedelta(days=3)
    with mock.patch.object(timezone, "localdate", return_value=later):
        assert _row(demo, slug) != before


def test_hours_are_written_alike_on_the_page_and_in_the_export(demo: Client) -> None:
    """Issue 30, item 9: the page rounded 600,5 hours to 601 where the export said 600,5."""
    from ambitions.models import Action

    action = Action.objects.filter(
        focus_area__framework__ambition__specialty__slug="im-kardiologi"
    ).order_by("pk")[0]
    Action.objects.filter(
        focus_area__framework__ambition__specialty=action.focus_area.framework.ambition.specialty
    ).update(resource_hours=None)
    action.resource_hours = Decimal("600.5")
    action.save(update_fields=["resource_hours"])
    page = demo.get(reverse("programme:overview")).content.decode()
    assert "600,5" in page
    assert ">601<" not in page
    export = _streamed(demo.get(reverse("programme:overview_export", args=["csv"])))
    assert "600,5" in export
