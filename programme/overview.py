"""Programoverblik: a row per specialty, filtered and sorted, for the page and its exports.

The figures come from ``ambitions.professional.figures.programme_summaries``, counted by the
database (the same rules as ``queries.programme_figures``, which the programme PDF reads; a
test holds them equal), the phase from the programme plan; everything for the whole region
is read in a fixed number of queries. Filtering and sorting happen on the computed
rows, so the page, the Excel and the CSV export show the same rows in the same order.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ambitions.dependencies.queries import OpenCounts, open_counts
from ambitions.models import Action, concerning_site
from ambitions.professional.figures import SpecialtySummary, programme_summaries
from ambitions.professional.queries import funds as funds_queries
from ambitions.professional.queries.funds import FundsTotals
from ambitions.professional.queries.sites import SiteCount, site_counts_of
from programme.models import PHASE_ORDER, Phase, PlannedPhase, current_phase
from specialties.models import Specialty
from sustainability.balance import leading_perspective_ids

# The strategic ambition's states in the order a specialty goes through them.
STATE_ORDER = {"not_started": 0, "draft": 1, "returned": 2, "submitted": 3, "approved": 4}


@dataclass(frozen=True)
class OverviewRow:
    figures: SpecialtySummary
    phase: PlannedPhase | None
    # Transition funds requested, granted and open (issue 28, item 6).
    funds: FundsTotals = field(default_factory=FundsTotals)
    # Open dependencies (issue 26, item 4): what the specialty waits for from others, and
    # what others wait for it to answer.
    dependencies: OpenCounts = field(default_factory=OpenCounts)

    @property
    def specialty(self) -> Specialty:
        return self.figures.specialty

    @property
    def phase_value(self) -> str:
        return self.phase.phase if self.phase is not None else Phase.NOT_STARTED

    @property
    def phase_label(self) -> str:
        return str(Phase(self.phase_value).label)


@dataclass(frozen=True)
class Filters:
    """The page's filters (empty: all) and its sort order."""

    # Two different questions about a site (issue 26): ``site`` keeps the specialties present
    # there ("Speciale på matriklen"), ``work_site`` those with actions that concern it
    # ("Handlinger på matriklen"; an action naming no site concerns all its specialty's).
    site: int | None = None
    work_site: int | None = None
    perspective: int | None = None
    state: str = ""
    phase: str = ""
    sort: str = "name"
    descending: bool = False


def _nought(value: int | None) -> int:
    return -1 if value is None else value


SORT_KEYS: dict[str, Callable[[OverviewRow], Any]] = {
    "name": lambda r: r.specialty.name.lower(),
    "phase": lambda r: PHASE_ORDER[Phase(r.phase_value)],
    "state": lambda r: STATE_ORDER.get(r.figures.state, 0),
    "waiting": lambda r: _nought(r.figures.days_waiting),
    "overdue": lambda r: r.figures.overdue_count,
    "late": lambda r: r.figures.late_count,
    "off_track": lambda r: r.figures.off_track,
    "stale": lambda r: r.figures.stale_count,
    "hours": lambda r: r.figures.resources.hours,
    "fte": lambda r: r.figures.resources.fte,
    "dkk": lambda r: r.figures.resources.dkk,
    "depends": lambda r: r.dependencies.asked,
    "depended": lambda r: r.dependencies.asked_of,
}


def matches(row: OverviewRow, filters: Filters, working: set[int] | None = None) -> bool:
    """Whether the row passes the filters; ``working`` holds the specialties with actions
    that concern ``filters.work_site`` (None when that filter is not asked for)."""
    figures = row.figures
    if filters.site is not None and filters.site not in {s.pk for s in row.specialty.sites.all()}:
        return False
    if working is not None and row.specialty.pk not in working:
        return False
    if filters.perspective is not None and filters.perspective not in leading_perspective_ids(
        figures.balance
    ):
        return False
    if filters.state and not (
        figures.state == filters.state
        # An approved version stays valid while a revision is drafted: it counts as both.
        or (filters.state == "approved" and figures.approved_version is not None)
    ):
        return False
    return not (filters.phase and row.phase_value != filters.phase)


def overview(filters: Filters, today: datetime.date) -> list[OverviewRow]:
    """Every specialty's row that passes the filters, sorted; a fixed number of queries."""
    specialties = list(Specialty.objects.with_people().order_by("name"))
    phases: dict[int, list[PlannedPhase]] = defaultdict(list)
    for planned in PlannedPhase.objects.order_by("starts_on", "pk"):
        phases[planned.specialty_id].append(planned)
    funds = funds_queries.totals_by_specialty()  # one grouped query
    dependencies = open_counts([s.pk for s in specialties])
    rows = [
        OverviewRow(
            figures=f,
            phase=current_phase(phases[f.specialty.pk], today),
            funds=funds.get(f.specialty.pk, FundsTotals()),
            dependencies=dependencies[f.specialty.pk],
        )
        for f in programme_summaries(specialties, today)
    ]
    working = None
    if filters.work_site is not None:
        working = set(
            Action.objects.filter(concerning_site(filters.work_site)).values_list(
                "focus_area__framework__ambition__specialty_id", flat=True
            )
        )
    rows = [r for r in rows if matches(r, filters, working)]
    key = SORT_KEYS.get(filters.sort, SORT_KEYS["name"])
    # Name first, so that equal figures keep the specialties in alphabetical order.
    rows.sort(key=SORT_KEYS["name"])
    rows.sort(key=key, reverse=filters.descending)
    return rows


def site_counts(rows: list[OverviewRow]) -> list[SiteCount]:
    """Actions per site over the shown rows, every site in its order; two queries."""
    return site_counts_of([r.specialty for r in rows])


@dataclass(frozen=True)
class Totals:
    hours: Decimal
    fte: Decimal
    dkk: Decimal
    overdue: int
    late: int
    off_track: int
    stale: int
    funds: FundsTotals
    depends: int = 0
    depended: int = 0


def totals(rows: list[OverviewRow]) -> Totals:
    return Totals(
        # The shown specialties' transition funds, summed by the database.
        funds=funds_queries.totals_of(r.specialty.pk for r in rows),
        hours=sum((r.figures.resources.hours for r in rows), Decimal(0)),
        fte=sum((r.figures.resources.fte for r in rows), Decimal(0)),
        dkk=sum((r.figures.resources.dkk for r in rows), Decimal(0)),
        overdue=sum(r.figures.overdue_count for r in rows),
        late=sum(r.figures.late_count for r in rows),
        off_track=sum(r.figures.off_track for r in rows),
        stale=sum(r.figures.stale_count for r in rows),
        depends=sum(r.dependencies.asked for r in rows),
        depended=sum(r.dependencies.asked_of for r in rows),
    )
