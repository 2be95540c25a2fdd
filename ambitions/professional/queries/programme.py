"""The programme's reads of the professional ambitions: every specialty's figures at once (the
traffic lights, the resources), and what waits for one person (Mine opgaver)."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ambitions.models import (
    Action,
    ActionStatus,
    AmbitionVersion,
    ApprovalCondition,
    AreaFramework,
    Milestone,
    ProfessionalAmbition,
    Status,
    StrategicAmbition,
    Transition,
)
from ambitions.professional.queries.status import (
    FINISHED,
    FrameworkStatus,
    IndicatorStatus,
    Loaded,
    StatusOverview,
    Track,
    is_stale,
    load_many,
    status_age_days,
    status_overview,
)
from people.models import User
from specialties.models import Site, Specialty, holds_a_role
from sustainability.balance import Balance, challenges_by_specialty, perspective_balance
from sustainability.models import Perspective


class Light(StrEnum):
    """An intervention area's traffic light on the programme overview (see ``area_light``)."""

    RED = "red"
    AMBER = "amber"
    GREEN = "green"
    NONE = "none"


LIGHT_RULE = _(
    "Red: the area has a late action or an overdue milestone. Amber: otherwise, an indicator "
    "is off track or the status row has not been updated for more than 60 days. Green: none "
    "of these. Grey: the area has no actions yet."
)


def area_light(row: FrameworkStatus) -> Light:
    """The traffic light of one status row, by the rule stated in ``LIGHT_RULE``."""
    if row.late_actions or row.overdue_milestones:
        return Light.RED
    if row.off_track or row.is_stale:
        return Light.AMBER
    if not row.actions:
        return Light.NONE
    return Light.GREEN


@dataclass(frozen=True)
class Resources:
    """What the actions ask for, totalled: hours, full-time equivalents and kroner.

    Stopped actions ask for nothing any more and are left out."""

    hours: Decimal
    fte: Decimal
    dkk: Decimal


def resources(actions: Iterable[Action]) -> Resources:
    counted = [a for a in actions if a.status != ActionStatus.STOPPED]
    return Resources(
        hours=sum((a.resource_hours or Decimal(0) for a in counted), Decimal(0)),
        fte=sum((a.resource_fte or Decimal(0) for a in counted), Decimal(0)),
        dkk=sum((a.resource_dkk or Decimal(0) for a in counted), Decimal(0)),
    )


@dataclass(frozen=True)
class SpecialtyFigures:
    """Where one specialty stands, every number the programme overview and the programme
    and specialty reports print, computed once here."""

    specialty: Specialty
    strategic: StrategicAmbition | None
    approved_version: AmbitionVersion | None
    approved_at: datetime.datetime | None
    submitted_at: datetime.datetime | None  # of the version awaiting a decision
    conditions: list[ApprovalCondition]
    professional: ProfessionalAmbition | None
    loaded: Loaded | None
    overview: StatusOverview | None
    balance: Balance
    today: datetime.date

    @property
    def rows(self) -> list[FrameworkStatus]:
        return self.overview.rows if self.overview is not None else []

    @property
    def state(self) -> str:
        """The strategic ambition's state: ``not_started`` or a ``Status`` value."""
        return self.strategic.status if self.strategic is not None else "not_started"

    @property
    def revision_in_progress(self) -> bool:
        """An approved version is valid while a new one is drafted, submitted or returned."""
        return self.approved_version is not None and self.state != Status.APPROVED

    @property
    def days_waiting(self) -> int | None:
        """Days the submitted version has waited for the steering group's decision."""
        if self.state != Status.SUBMITTED or self.submitted_at is None:
            return None
        return (self.today - timezone.localdate(self.submitted_at)).days

    @property
    def open_conditions(self) -> list[ApprovalCondition]:
        return [c for c in self.conditions if c.met_at is None]

    @property
    def overdue_conditions(self) -> list[ApprovalCondition]:
        return [c for c in self.conditions if c.is_overdue(self.today)]

    @property
    def overdue_milestones(self) -> list[Milestone]:
        return [m for row in self.rows for m in row.overdue_milestones]

    @property
    def late_actions(self) -> list[Action]:
        return [a for row in self.rows for a in row.late_actions]

    @property
    def stale_rows(self) -> list[FrameworkStatus]:
        return [row for row in self.rows if row.is_stale]

    @property
    def indicators(self) -> list[IndicatorStatus]:
        return [i for row in self.rows for i in row.indicators]

    @property
    def off_track(self) -> int:
        return sum(1 for i in self.indicators if i.track == Track.OFF_TRACK)

    @property
    def lights(self) -> list[tuple[FrameworkStatus, Light]]:
        return [(row, area_light(row)) for row in self.rows]

    @property
    def resources(self) -> Resources:
        return resources(a for row in self.rows for a in row.actions)


def programme_figures(
    specialties: Sequence[Specialty], today: datetime.date, *, site: Site | None = None
) -> list[SpecialtyFigures]:
    """Every specialty's figures, in the order given, in a fixed number of queries however
    many specialties, actions and measurements there are.

    ``specialties`` come from ``Specialty.objects.with_people()`` with
    ``strategic_ambition__approved_version`` selected (so their ambitions cost nothing).
    The programme overview, its exports and the programme and specialty PDF reports all
    read this, so their numbers are the same numbers.
    """
    strategics: dict[int, StrategicAmbition | None] = {}
    for specialty in specialties:
        try:
            ambition: StrategicAmbition | None = specialty.strategic_ambition
        except ObjectDoesNotExist:
            ambition = None
        if ambition is not None:
            ambition.specialty = specialty
        strategics[specialty.pk] = ambition
    ambition_ids = [a.pk for a in strategics.values() if a is not None]
    approved_ids = [a.approved_version_id for a in strategics.values() if a is not None]
    approvals: dict[int, datetime.datetime] = {}
    submissions: dict[int, datetime.datetime] = {}
    for transition in Transition.objects.filter(
        Q(version_id__in=[pk for pk in approved_ids if pk is not None], to_status=Status.APPROVED)
        | Q(ambition_id__in=ambition_ids, to_status=Status.SUBMITTED)
    ).order_by("at", "pk"):
        # Oldest first, so the newest wins: the latest approval, the latest submission.
        if transition.to_status == Status.APPROVED and transition.version_id is not None:
            approvals[transition.version_id] = transition.at
        if transition.to_status == Status.SUBMITTED:
            submissions[transition.ambition_id] = transition.at
    conditions: dict[int, list[ApprovalCondition]] = defaultdict(list)
    for condition in (
        ApprovalCondition.objects.filter(version__ambition_id__in=ambition_ids)
        .select_related("responsible", "version")
        .order_by("deadline", "pk")
    ):
        conditions[condition.version.ambition_id].append(condition)
    by_specialty = {s.pk: s for s in specialties}
    professionals = {
        p.specialty_id: p
        for p in ProfessionalAmbition.objects.filter(specialty__in=by_specialty).select_related(
            "based_on", "opened_by"
        )
    }
    for opened in professionals.values():
        opened.specialty = by_specialty[opened.specialty_id]
    # With a site (a status report for one matrikel, issue 26): its actions only.
    loaded = load_many(list(professionals.values()), today, site=site)
    perspectives = list(Perspective.objects.order_by("order", "name"))
    challenges = challenges_by_specialty(list(by_specialty))
    result = []
    for specialty in specialties:
        strategic = strategics[specialty.pk]
        version = strategic.approved_version if strategic is not None else None
        professional = professionals.get(specialty.pk)
        its_loaded = loaded[professional.pk] if professional is not None else None
        result.append(
            SpecialtyFigures(
                specialty=specialty,
                strategic=strategic,
                approved_version=version,
                approved_at=approvals.get(version.pk) if version is not None else None,
                submitted_at=submissions.get(strategic.pk) if strategic is not None else None,
                conditions=conditions.get(strategic.pk, []) if strategic is not None else [],
                professional=professional,
                loaded=its_loaded,
                overview=status_overview(its_loaded, today) if its_loaded is not None else None,
                balance=perspective_balance(challenges[specialty.pk], perspectives),
                today=today,
            )
        )
    return result


# -- What waits for one person (Mine opgaver) ------------------------------------------------

# Actions and milestones show up on "Mine opgaver" this many days before they are due.
DUE_SOON_DAYS = 14


def actions_due_for(user: User, today: datetime.date) -> list[Action]:
    """The person's open actions (neither completed nor stopped) that end within
    ``DUE_SOON_DAYS`` or are late, the earliest first; one query."""
    return list(
        Action.objects.filter(
            holds_a_role(user, "focus_area__framework__ambition__specialty"),
            responsible=user,
            end_date__lte=today + datetime.timedelta(days=DUE_SOON_DAYS),
        )
        .exclude(status__in=FINISHED)
        .select_related("focus_area__framework__ambition__specialty")
        .order_by("end_date", "pk")
    )


def milestones_due_for(user: User, today: datetime.date) -> list[Milestone]:
    """Milestones not done, of the person's actions, due within ``DUE_SOON_DAYS`` or
    overdue, the earliest first; one query."""
    return list(
        Milestone.objects.filter(
            holds_a_role(user, "action__focus_area__framework__ambition__specialty"),
            action__responsible=user,
            done_on__isnull=True,
            due_date__lte=today + datetime.timedelta(days=DUE_SOON_DAYS),
        )
        .exclude(action__status=ActionStatus.STOPPED)
        .select_related("action__focus_area__framework__ambition__specialty")
        .order_by("due_date", "pk")
    )


def stale_rows_of(user: User, today: datetime.date) -> list[tuple[AreaFramework, int]]:
    """The status rows the person is responsible for (ansvarlig for fremdrift) that are
    stale, with their age in days; one query."""
    rows = []
    for framework in AreaFramework.objects.filter(
        holds_a_role(user, "ambition__specialty"), progress_owner=user
    ).select_related("ambition__specialty"):
        if is_stale(framework, framework.ambition.opened_at, today):
            rows.append(
                (framework, status_age_days(framework, framework.ambition.opened_at, today))
            )
    return rows


# -- History (issue 13) ------------------------------------------------------------------------
