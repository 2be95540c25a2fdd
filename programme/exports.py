"""Programoverblik and every action as spreadsheets: Excel (openpyxl) and CSV.

A table is a title, Danish headers and rows of typed values (text, whole numbers,
``Decimal``, ``datetime.date``, or None for an empty cell). Excel keeps the types (dates
are dates, numbers are numbers) and freezes the header row; the CSV is what Danish Excel
opens by itself: UTF-8 with a byte-order mark, semicolons, decimal commas, ISO dates.

Text is what people typed, so it is never a formula: an action titled
``=HYPERLINK(...)`` must not become a live link in the steering group's spreadsheet. In the
Excel file every text cell is a string cell (with Excel's quote prefix, so editing it keeps
it text); in the CSV a text that Excel would read as a formula (it starts with ``= + - @``,
a tab or a carriage return) gets a leading apostrophe. Numbers stay numbers. Characters
that XML forbids (control characters) are left out of both, so one in a name cannot make
the export fail for everyone.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import F
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from ambitions.models import (
    Action,
    ActionPrinciple,
    ActionStatus,
    PerspectiveAssessment,
    concerning_site,
)
from ambitions.professional.queries.programme import Light
from ambitions.professional.queries.status import FINISHED
from programme.overview import OverviewRow
from programme.sites import SpecialtyWork
from sustainability.models import Perspective

Cell = str | int | Decimal | datetime.date | None


@dataclass(frozen=True)
class Table:
    title: str
    headers: list[str]
    rows: Iterable[list[Cell]]


def overview_table(rows: Sequence[OverviewRow]) -> Table:
    """The overview's rows, with the page's figures (read from the counted summaries), its
    open dependencies and its transition funds: every column the page has."""
    perspectives = list(Perspective.objects.order_by("order", "name"))
    headers = [
        _("Specialty"),
        _("Phase"),
        _("Phase since"),
        _("Strategic ambition"),
        _("Approved version"),
        _("Days awaiting decision"),
        _("Intervention areas"),
        _("Red"),
        _("Amber"),
        _("Green"),
        _("Overdue milestones"),
        _("Late actions"),
        _("Indicators off track"),
        _("Stale status rows"),
        _("Open dependencies on others"),
        _("Open dependencies to answer"),
        *[_("Challenges, primary perspective: %(name)s") % {"name": p.name} for p in perspectives],
        _("Hours"),
        _("FTE"),
        _("DKK"),
        _("Funds requested (DKK)"),
        _("Funds granted (DKK)"),
        _("Funds awaiting decision (DKK)"),
    ]
    body: list[list[Cell]] = []
    for row in rows:
        f = row.figures
        lights = [light for _row, light in f.lights]
        primary = {c.perspective.pk: c.primary for c in f.balance.counts}
        has_status = f.has_status
        body.append(
            [
                row.specialty.name,
                row.phase_label,
                row.phase.starts_on if row.phase is not None else None,
                str(f.strategic.get_status_display()) if f.strategic else _("Not started"),
                f.approved_version.number if f.approved_version else None,
                f.days_waiting,
                len(f.rows),
                lights.count(Light.RED),
                lights.count(Light.AMBER),
                lights.count(Light.GREEN),
                f.overdue_count if has_status else None,
                f.late_count if has_status else None,
                f.off_track if has_status else None,
                f.stale_count if has_status else None,
                row.dependencies.asked,
                row.dependencies.asked_of,
                *[primary.get(p.pk, 0) for p in perspectives],
                f.resources.hours,
                f.resources.fte,
                f.resources.dkk,
                row.funds.requested,
                row.funds.granted,
                row.funds.open,
            ]
        )
    return Table(title=_("Programme overview"), headers=headers, rows=body)


def actions_table(
    rows: Sequence[OverviewRow], today: datetime.date, *, site: int | None = None
) -> Table:
    """Every action of the specialties in ``rows``, in the rows' order and then in the
    order of their status rows, focus areas and start dates: area, responsible, dates,
    status, principles and ratings. One query for the actions with what each line names
    (read as values, not objects), one each for the ratings, the principles and the sites.
    With a ``site``, only the actions that concern it (issue 26)."""
    perspectives = list(Perspective.objects.order_by("order", "name"))
    position = {row.specialty.pk: i for i, row in enumerate(rows)}
    names = {row.specialty.pk: row.specialty.name for row in rows}
    actions = Action.objects.filter(
        focus_area__framework__ambition__specialty_id__in=list(position)
    )
    if site is not None:
        actions = actions.filter(concerning_site(site))
    found = sorted(
        actions.order_by(
            "focus_area__framework__order",
            "focus_area__framework_id",
            "focus_area__order",
            "focus_area_id",
            "start_date",
            "pk",
        ).values(
            "pk",
            "title",
            "start_date",
            "end_date",
            "status",
            "resource_hours",
            "resource_fte",
            "resource_dkk",
            "responsible__username",
            "responsible__first_name",
            "responsible__last_name",
            specialty_pk=F("focus_area__framework__ambition__specialty_id"),
            area=F("focus_area__framework__title"),
            focus=F("focus_area__title"),
        ),
        # Stable: within a specialty the database's order stays.
        key=lambda a: position[a["specialty_pk"]],
    )
    # The related rows are read by the same filter as a subquery, not by a list of thousands
    # of ids (binding and planning 6,000 parameters took longer than the query).
    ids = actions.values("pk")
    ratings: dict[int, dict[int, int]] = defaultdict(dict)
    for action_id, perspective_id, rating in PerspectiveAssessment.objects.filter(
        action_id__in=ids
    ).values_list("action_id", "perspective_id", "rating"):
        ratings[action_id][perspective_id] = rating
    principles: dict[int, list[str]] = defaultdict(list)
    for action_id, name in (
        ActionPrinciple.objects.filter(action_id__in=ids)
        .order_by("principle__order")
        .values_list("action_id", "principle__name")
    ):
        principles[action_id].append(name)
    sites: dict[int, list[str]] = defaultdict(list)
    for action_id, name in (
        Action.sites.through.objects.filter(action_id__in=ids)
        .order_by("site__order", "site__name")
        .values_list("action_id", "site__name")
    ):
        sites[action_id].append(name)
    headers = [
        _("Specialty"),
        _("Intervention area"),
        _("Focus area"),
        _("Action"),
        _("Sites it concerns"),
        _("Responsible"),
        _("Start"),
        _("End"),
        _("Status"),
        _("Late"),
        _("BASS principles"),
        *[_("Rating: %(name)s") % {"name": p.name} for p in perspectives],
        _("Hours"),
        _("FTE"),
        _("DKK"),
    ]

    # Translated once, not once per action (thousands of rows).
    status_labels = {value: str(label) for value, label in ActionStatus.choices}
    yes, no = str(_("Yes")), str(_("No"))
    everywhere = str(_("All the specialty's sites"))
    perspective_ids = [p.pk for p in perspectives]

    def line(action: Mapping[str, Any]) -> list[Cell]:
        full_name = f"{action['responsible__first_name']} {action['responsible__last_name']}"
        late = action["end_date"] < today and action["status"] not in FINISHED
        rated = ratings.get(action["pk"], {})
        return [
            names[action["specialty_pk"]],
            action["area"],
            action["focus"],
            action["title"],
            ", ".join(sites.get(action["pk"], [])) or everywhere,
            full_name.strip() or action["responsible__username"],  # as User.__str__
            action["start_date"],
            action["end_date"],
            status_labels[action["status"]],
            yes if late else no,
            ", ".join(principles.get(action["pk"], [])),
            *[rated.get(pk) for pk in perspective_ids],
            action["resource_hours"],
            action["resource_fte"],
            action["resource_dkk"],
        ]

    return Table(title=_("Actions"), headers=headers, rows=(line(a) for a in found))


# What XML 1.0 forbids in a document (and so in an .xlsx): the C0 control characters but
# tab, line feed and carriage return, and the two non-characters U+FFFE and U+FFFF.
FORBIDDEN_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# A cell Excel (or LibreOffice, or Google Sheets) reads as a formula when it starts so.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def clean_text(text: str) -> str:
    """The text without the characters XML forbids."""
    return FORBIDDEN_IN_XML.sub("", text)


def _xlsx_value(sheet: WriteOnlyWorksheet, value: Cell) -> Cell | WriteOnlyCell:
    """The value as openpyxl writes it: plain values as they are (the cheap path: most
    cells), a cell object only where one is needed: a text that would be a formula (a
    string cell with Excel's quote prefix) and a date (its Danish format)."""
    if isinstance(value, str):
        text = clean_text(value)
        if not text.startswith(FORMULA_START):
            return text
        cell = WriteOnlyCell(sheet, value=text)
        # A string cell whatever it starts with: openpyxl would make "=…" a formula.
        cell.data_type = "s"
        cell.quotePrefix = True
        return cell
    if isinstance(value, datetime.date):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = "DD-MM-YYYY"
        return cell
    return value


def _header(sheet: WriteOnlyWorksheet, text: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=clean_text(text))
    cell.data_type = "s"
    cell.font = Font(bold=True)
    return cell


def to_xlsx(table: Table) -> bytes:
    """One sheet: bold, frozen header row with an auto-filter; dates formatted dd-mm-yyyy.

    Written row by row (openpyxl's write-only mode), so the rows are not kept as cell
    objects a second time."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    # Excel allows 31 characters and no slashes in a sheet's name.
    sheet.title = clean_text(table.title)[:31].replace("/", "-")
    sheet.freeze_panes = "A2"
    for index, header in enumerate(table.headers, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(10, min(40, len(header) + 2))
    sheet.append([_header(sheet, h) for h in table.headers])
    count = 0
    for values in table.rows:
        sheet.append([_xlsx_value(sheet, v) for v in values])
        count += 1
    if count:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(table.headers))}{count + 1}"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _csv_value(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f").replace(".", ",")
    if isinstance(value, int):
        return str(value)
    text = clean_text(value)
    # Text that a spreadsheet would run as a formula is shown as the text it is.
    return "'" + text if text.startswith(FORMULA_START) else text


class _Line:
    """A file-like object whose ``write`` returns what it was given: ``csv.writer`` formats
    one row, and the row is handed on as it is (Django's streaming CSV recipe)."""

    def write(self, value: str) -> str:
        return value


def csv_lines(table: Table) -> Iterator[str]:
    """The table as CSV lines, one at a time: semicolon-separated with decimal commas, as
    Danish Excel reads it, starting with the byte-order mark that says UTF-8 (æ, ø, å)."""
    writer = csv.writer(_Line(), delimiter=";", lineterminator="\r\n")
    yield "\ufeff" + writer.writerow([_csv_value(h) for h in table.headers])
    for values in table.rows:
        yield writer.writerow([_csv_value(v) for v in values])


def to_csv(table: Table) -> str:
    """The CSV without the byte-order mark (the caller adds it when it writes the file)."""
    return "".join(csv_lines(table)).removeprefix("\ufeff")


def site_table(work: Sequence[SpecialtyWork], today: datetime.date) -> Table:
    """A site's page (``programme.sites``) as a table: a line per action that concerns the
    site, with its specialty, intervention area, state and resources (no query: the page's
    work is loaded)."""
    status_labels = {value: str(label) for value, label in ActionStatus.choices}
    yes, no = str(_("Yes")), str(_("No"))
    everywhere = str(_("All the specialty's sites"))
    headers = [
        _("Specialty"),
        _("Intervention area"),
        _("Focus area"),
        _("Action"),
        _("Sites it concerns"),
        _("Start"),
        _("End"),
        _("Status"),
        _("Late"),
        _("Hours"),
        _("FTE"),
        _("DKK"),
        _("Resource use in words"),
    ]

    def lines() -> Iterator[list[Cell]]:
        for item in work:
            for area in item.areas:
                area_title = (
                    area.framework.intervention_area.title
                    if area.framework.intervention_area is not None
                    else area.framework.title
                )
                for action in area.actions:
                    yield [
                        item.specialty.name,
                        area_title,
                        action.focus_area.title,
                        action.title,
                        ", ".join(s.name for s in action.sites.all()) or everywhere,
                        action.start_date,
                        action.end_date,
                        status_labels[action.status],
                        yes if action.pk in item.late else no,
                        action.resource_hours,
                        action.resource_fte,
                        action.resource_dkk,
                        action.resource_text,
                    ]

    return Table(title=_("Actions"), headers=headers, rows=lines())
