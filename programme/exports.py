"""Programoverblik and every action as spreadsheets: Excel (openpyxl) and CSV.

A table is a title, Danish headers and rows of typed values (text, whole numbers,
``Decimal``, ``datetime.date``, or None for an empty cell). Excel keeps the types (dates
are dates, numbers are numbers) and freezes the header row; the CSV is what Danish Excel
opens by itself: UTF-8 with a byte-order mark, semicolons, decimal commas, ISO dates.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from ambitions.models import ActionPrinciple, ActionStatus, PerspectiveAssessment
from ambitions.professional.queries import Light, action_is_late
from programme.overview import OverviewRow
from sustainability.models import Perspective

Cell = str | int | Decimal | datetime.date | None


@dataclass(frozen=True)
class Table:
    title: str
    headers: list[str]
    rows: list[list[Cell]]


def overview_table(rows: Sequence[OverviewRow]) -> Table:
    """The overview's rows, with the page's figures."""
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
        *[_("Challenges, primary perspective: %(name)s") % {"name": p.name} for p in perspectives],
        _("Hours"),
        _("FTE"),
        _("DKK"),
    ]
    body: list[list[Cell]] = []
    for row in rows:
        f = row.figures
        lights = [light for _row, light in f.lights]
        primary = {c.perspective.pk: c.primary for c in f.balance.counts}
        has_status = f.overview is not None
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
                len(f.overdue_milestones) if has_status else None,
                len(f.late_actions) if has_status else None,
                f.off_track if has_status else None,
                len(f.stale_rows) if has_status else None,
                *[primary.get(p.pk, 0) for p in perspectives],
                f.resources.hours,
                f.resources.fte,
                f.resources.dkk,
            ]
        )
    return Table(title=_("Programme overview"), headers=headers, rows=body)


def actions_table(rows: Sequence[OverviewRow], today: datetime.date) -> Table:
    """Every action of the specialties in ``rows``: area, responsible, dates, status,
    principles and ratings (two queries more than the overview, however many actions)."""
    perspectives = list(Perspective.objects.order_by("order", "name"))
    found = [
        (row, status_row, action)
        for row in rows
        for status_row in row.figures.rows
        for action in status_row.actions
    ]
    ids = [action.pk for _r, _s, action in found]
    ratings: dict[int, dict[int, int]] = defaultdict(dict)
    for assessment in PerspectiveAssessment.objects.filter(action_id__in=ids):
        ratings[assessment.action_id][assessment.perspective_id] = assessment.rating
    principles: dict[int, list[str]] = defaultdict(list)
    for link in (
        ActionPrinciple.objects.filter(action_id__in=ids)
        .select_related("principle")
        .order_by("principle__order")
    ):
        principles[link.action_id].append(link.principle.name)
    headers = [
        _("Specialty"),
        _("Intervention area"),
        _("Focus area"),
        _("Action"),
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
    focus_titles = {
        action.pk: fa.title
        for _r, status_row, _a in found
        for fa in status_row.framework.focus_areas.all()
        for action in fa.actions.all()
    }
    body: list[list[Cell]] = [
        [
            row.specialty.name,
            status_row.framework.title,
            focus_titles.get(action.pk, ""),
            action.title,
            str(action.responsible),
            action.start_date,
            action.end_date,
            str(ActionStatus(action.status).label),
            _("Yes") if action_is_late(action, today) else _("No"),
            ", ".join(principles.get(action.pk, [])),
            *[ratings[action.pk].get(p.pk) for p in perspectives],
            action.resource_hours,
            action.resource_fte,
            action.resource_dkk,
        ]
        for row, status_row, action in found
    ]
    return Table(title=_("Actions"), headers=headers, rows=body)


def to_xlsx(table: Table) -> bytes:
    """One sheet: bold, frozen header row with an auto-filter; dates formatted dd-mm-yyyy."""
    workbook = Workbook()
    sheet = workbook.active
    # Excel allows 31 characters and no slashes in a sheet's name.
    sheet.title = table.title[:31].replace("/", "-")
    sheet.append(table.headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for values in table.rows:
        sheet.append(values)
    for column in sheet.iter_cols(min_row=2):
        for cell in column:
            if isinstance(cell.value, datetime.date | datetime.datetime):
                cell.number_format = "DD-MM-YYYY"
    sheet.freeze_panes = "A2"
    if table.rows:
        sheet.auto_filter.ref = sheet.dimensions
    for index, header in enumerate(table.headers, start=1):
        letter = sheet.cell(row=1, column=index).column_letter
        sheet.column_dimensions[letter].width = max(10, min(40, len(header) + 2))
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
    return str(value)


def to_csv(table: Table) -> str:
    """Semicolon-separated with decimal commas, as Danish Excel reads it; the caller writes
    it as UTF-8 with a byte-order mark."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(table.headers)
    for values in table.rows:
        writer.writerow([_csv_value(v) for v in values])
    return out.getvalue()
