"""Every specialty's figures counted by the database: the programme overview and its exports.

``programme_figures`` (in ``queries``) loads every action, milestone, indicator and newest
measurement of the region as Python objects and counts them there: at the size of the
programme's goal that is 6,000 actions, 15,000 milestones and 9,000 indicators for a page
that shows thirty rows. ``programme_summaries`` asks the same questions of the database
instead, one grouped query per kind of record (actions, milestones, indicators), so the
page reads a few hundred numbers, not tens of thousands of objects:

- actions per status row: all, those that count (not stopped), the completed, the late
  (``queries.late_q``), and the resources of those that count;
- overdue milestones per status row (not done, due before today);
- indicators per status row on track, off track and never measured: the newest
  measurement up to today against the value expected today, the straight line from the
  baseline at the action's start to the target at its end (``queries.expected_value``),
  compared cross-multiplied so that no division rounds (``with_track``).

The rules are the ones ``queries`` states and ``queries.programme_figures`` applies: a
test computes both on the same region and asserts they agree.
"""

from __future__ import annotations

import contextlib
import datetime
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import (
    Case,
    Count,
    DateField,
    DecimalField,
    ExpressionWrapper,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.lookups import GreaterThanOrEqual, LessThan, LessThanOrEqual
from django.utils import timezone

from ambitions.models import (
    Action,
    ActionStatus,
    AmbitionVersion,
    AreaFramework,
    Measurement,
    Milestone,
    ProfessionalAmbition,
    ProgressIndicator,
    Status,
    StrategicAmbition,
    Transition,
)
from ambitions.professional.queries.programme import Light, Resources
from ambitions.professional.queries.status import STALE_AFTER_DAYS, late_q
from specialties.models import Specialty
from sustainability.balance import (
    MIN_CHALLENGES_FOR_DOMINANCE,
    Balance,
    PerspectiveCount,
)
from sustainability.models import Challenge, LensAnswer, Perspective


class DaysBetween(Func):
    """The whole days from the second date to the first (``end - start``), in SQL."""

    output_field = IntegerField()
    arity = 2

    def as_sql(self, compiler: Any, connection: Any, **extra: Any) -> Any:  # type: ignore[override]
        # SQLite has no date arithmetic: Julian day numbers subtract to whole days.
        return super().as_sql(
            compiler,
            connection,
            template="CAST(julianday(%(expressions)s) AS INTEGER)",
            arg_joiner=") - julianday(",
            **extra,
        )

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        # date - date is an integer number of days.
        return super().as_sql(
            compiler,
            connection,
            template="(%(expressions)s)",
            arg_joiner="::date - ",
            **extra,
        )


# An indicator's track as the database computes it (``with_track``): NULL without a
# measurement up to today.
ON_TRACK, OFF_TRACK = 1, 2


def _track(today: datetime.date) -> Case:
    """``queries.indicator_track`` of the indicator in the outer query (``OuterRef``), for
    one of its measurements (``value``): ON_TRACK when the value is at least as good as the
    one expected today, the straight line from the baseline at the action's start to the
    target at its end. Between the two dates the comparison is cross-multiplied by the
    action's days, (value - baseline) * days against (target - baseline) * days elapsed,
    so that no division rounds."""
    day = Value(today, output_field=DateField())
    start, end = OuterRef("action__start_date"), OuterRef("action__end_date")
    baseline, target = OuterRef("baseline"), OuterRef("target")
    numeric: DecimalField[Any, Any] = DecimalField(max_digits=30, decimal_places=4)
    reached = ExpressionWrapper(
        (F("value") - baseline) * DaysBetween(end, start), output_field=numeric
    )
    due = ExpressionWrapper((target - baseline) * DaysBetween(day, start), output_field=numeric)
    not_started = Q(GreaterThanOrEqual(start, day))  # expected: the baseline
    ended = ~not_started & Q(LessThanOrEqual(end, day))  # expected: the target
    between = ~not_started & ~Q(LessThanOrEqual(end, day))
    lower_is_better = Q(LessThan(target, baseline))
    higher_is_better = ~lower_is_better
    on_track = (
        (higher_is_better & not_started & Q(GreaterThanOrEqual(F("value"), baseline)))
        | (higher_is_better & ended & Q(GreaterThanOrEqual(F("value"), target)))
        | (higher_is_better & between & Q(GreaterThanOrEqual(reached, due)))
        | (lower_is_better & not_started & Q(LessThanOrEqual(F("value"), baseline)))
        | (lower_is_better & ended & Q(LessThanOrEqual(F("value"), target)))
        | (lower_is_better & between & Q(LessThanOrEqual(reached, due)))
    )
    return Case(When(on_track, then=Value(ON_TRACK)), default=Value(OFF_TRACK))


def with_track(
    indicators: QuerySet[ProgressIndicator], today: datetime.date
) -> QuerySet[ProgressIndicator]:
    """The indicators annotated with ``track``: ON_TRACK or OFF_TRACK by their newest
    measurement up to today, NULL without one. One subquery per indicator that returns the
    verdict itself, so that counting reads the measurements once, not once per comparison."""
    newest = (
        Measurement.objects.filter(indicator=OuterRef("pk"), measured_on__lte=today)
        .order_by("-measured_on", "-pk")
        .annotate(track=_track(today))
        .values("track")[:1]
    )
    return indicators.annotate(track=Subquery(newest, output_field=IntegerField()))


@dataclass(frozen=True)
class RowSummary:
    """One status row (an intervention area's framework), counted."""

    framework: AreaFramework
    actions: int = 0
    counted: int = 0  # all but the stopped
    done: int = 0
    late: int = 0
    overdue: int = 0
    on_track: int = 0
    off_track: int = 0
    no_measurement: int = 0
    hours: Decimal = Decimal(0)
    fte: Decimal = Decimal(0)
    dkk: Decimal = Decimal(0)
    age_days: int = 0

    @property
    def is_stale(self) -> bool:
        return self.age_days > STALE_AFTER_DAYS

    @property
    def light(self) -> Light:
        """``queries.area_light``, from the counts."""
        if self.late or self.overdue:
            return Light.RED
        if self.off_track or self.is_stale:
            return Light.AMBER
        if not self.actions:
            return Light.NONE
        return Light.GREEN


@dataclass(frozen=True)
class SpecialtySummary:
    """What the programme overview and its exports show of one specialty."""

    specialty: Specialty
    strategic: StrategicAmbition | None
    approved_version: AmbitionVersion | None
    submitted_at: datetime.datetime | None
    professional: ProfessionalAmbition | None
    rows: list[RowSummary]
    balance: Balance
    today: datetime.date

    @property
    def has_status(self) -> bool:
        """Whether the specialty has a professional ambition, and so status figures."""
        return self.professional is not None

    @property
    def state(self) -> str:
        return self.strategic.status if self.strategic is not None else "not_started"

    @property
    def revision_in_progress(self) -> bool:
        return self.approved_version is not None and self.state != Status.APPROVED

    @property
    def days_waiting(self) -> int | None:
        if self.state != Status.SUBMITTED or self.submitted_at is None:
            return None
        return (self.today - timezone.localdate(self.submitted_at)).days

    @property
    def done(self) -> int:
        return sum(r.done for r in self.rows)

    @property
    def counted(self) -> int:
        return sum(r.counted for r in self.rows)

    @property
    def overdue_count(self) -> int:
        return sum(r.overdue for r in self.rows)

    @property
    def late_count(self) -> int:
        return sum(r.late for r in self.rows)

    @property
    def off_track(self) -> int:
        return sum(r.off_track for r in self.rows)

    @property
    def stale_count(self) -> int:
        return sum(1 for r in self.rows if r.is_stale)

    @property
    def lights(self) -> list[tuple[RowSummary, Light]]:
        return [(row, row.light) for row in self.rows]

    @property
    def resources(self) -> Resources:
        return Resources(
            hours=sum((r.hours for r in self.rows), Decimal(0)),
            fte=sum((r.fte for r in self.rows), Decimal(0)),
            dkk=sum((r.dkk for r in self.rows), Decimal(0)),
        )


def _action_counts(framework_ids: list[int], today: datetime.date) -> dict[int, dict[str, Any]]:
    not_stopped = ~Q(status=ActionStatus.STOPPED)
    return {
        row["focus_area__framework_id"]: row
        for row in Action.objects.filter(focus_area__framework_id__in=framework_ids)
        .values("focus_area__framework_id")
        .annotate(
            actions=Count("pk"),
            counted=Count("pk", filter=not_stopped),
            done=Count("pk", filter=Q(status=ActionStatus.COMPLETED)),
            late=Count("pk", filter=late_q(today)),
            hours=Sum("resource_hours", filter=not_stopped),
            fte=Sum("resource_fte", filter=not_stopped),
            dkk=Sum("resource_dkk", filter=not_stopped),
        )
        .order_by()
    }


def _overdue_milestones(framework_ids: list[int], today: datetime.date) -> dict[int, int]:
    return {
        row["action__focus_area__framework_id"]: row["overdue"]
        for row in Milestone.objects.filter(
            action__focus_area__framework_id__in=framework_ids,
            done_on__isnull=True,
            due_date__lt=today,
        )
        .values("action__focus_area__framework_id")
        .annotate(overdue=Count("pk"))
        .order_by()
    }


def _indicator_tracks(framework_ids: list[int], today: datetime.date) -> dict[int, dict[str, int]]:
    """Per status row: its indicators, those on track and those never measured up to today.

    Grouped by the row and the track, so that the database computes each indicator's track
    once (it is a subquery: an aggregate with a filter on it would compute it again for
    each aggregate)."""
    tracks: dict[int, dict[str, int]] = defaultdict(
        lambda: {"indicators": 0, "on_track": 0, "no_measurement": 0}
    )
    indicators = with_track(
        ProgressIndicator.objects.filter(action__focus_area__framework_id__in=framework_ids), today
    )
    grouped = (
        indicators.values("action__focus_area__framework_id", "track")  # type: ignore[misc]
        .annotate(n=Count("pk"))
        .values_list("action__focus_area__framework_id", "track", "n")
        .order_by()
    )
    for framework_id, track, count in grouped:
        counts = tracks[framework_id]
        counts["indicators"] += count
        if track == ON_TRACK:
            counts["on_track"] += count
        elif track is None:
            counts["no_measurement"] += count
    return tracks


def _balances(specialty_ids: list[int], perspectives: list[Perspective]) -> dict[int, Balance]:
    """``sustainability.balance.perspective_balance`` of each specialty's challenges, counted
    by the database (two queries, not every challenge with its lens answers). What the
    overview does not show is left out: ``missing`` (which challenge lacks which lens) is
    empty here."""
    primary: dict[int, dict[int, int]] = defaultdict(dict)
    for specialty_id, perspective_id, count in (
        Challenge.objects.filter(specialty_id__in=specialty_ids)
        .values("specialty_id", "primary_perspective_id")
        .annotate(n=Count("pk"))
        .values_list("specialty_id", "primary_perspective_id", "n")
        .order_by()
    ):
        primary[specialty_id][perspective_id] = count
    answered: dict[int, dict[int, int]] = defaultdict(dict)
    for specialty_id, perspective_id, count in (
        LensAnswer.objects.filter(challenge__specialty_id__in=specialty_ids)
        .exclude(text__regex=r"^\s*$")  # as ``answered_perspective_ids``: blank is unanswered
        .values("challenge__specialty_id", "perspective_id")
        .annotate(n=Count("challenge_id", distinct=True))
        .values_list("challenge__specialty_id", "perspective_id", "n")
        .order_by()
    ):
        answered[specialty_id][perspective_id] = count
    result = {}
    for pk in specialty_ids:
        total = sum(primary[pk].values())  # every challenge has a primary perspective
        counts = [
            PerspectiveCount(
                perspective=p,
                primary=primary[pk].get(p.pk, 0),
                answered=answered[pk].get(p.pk, 0),
                total=total,
            )
            for p in perspectives
        ]
        dominant = None
        if total >= MIN_CHALLENGES_FOR_DOMINANCE:
            dominant = next((c.perspective for c in counts if 2 * c.primary > total), None)
        result[pk] = Balance(total=total, counts=counts, missing=[], dominant=dominant)
    return result


def programme_summaries(
    specialties: Sequence[Specialty], today: datetime.date
) -> list[SpecialtySummary]:
    """Every specialty's summary, in the order given, in the same few queries however many
    specialties, actions, milestones, indicators and measurements there are.

    ``specialties`` come with ``strategic_ambition__approved_version`` and
    ``professional_ambition`` selected (``Specialty.objects.with_people()`` does)."""
    strategics: dict[int, StrategicAmbition | None] = {}
    professionals: dict[int, ProfessionalAmbition] = {}
    for specialty in specialties:
        try:
            strategics[specialty.pk] = specialty.strategic_ambition
        except ObjectDoesNotExist:
            strategics[specialty.pk] = None
        with contextlib.suppress(ObjectDoesNotExist):
            professionals[specialty.pk] = specialty.professional_ambition
    submissions: dict[int, datetime.datetime] = {}
    for ambition_id, at in (
        Transition.objects.filter(
            ambition_id__in=[a.pk for a in strategics.values() if a is not None],
            to_status=Status.SUBMITTED,
        )
        .order_by("at", "pk")
        .values_list("ambition_id", "at")
    ):
        submissions[ambition_id] = at  # oldest first: the latest submission wins
    frameworks = list(
        AreaFramework.objects.filter(ambition__in=[p.pk for p in professionals.values()])
        .only("pk", "title", "order", "ambition_id", "status_updated_at")
        .order_by("order", "pk")
    )
    ids = [f.pk for f in frameworks]
    actions = _action_counts(ids, today)
    overdue = _overdue_milestones(ids, today)
    tracks = _indicator_tracks(ids, today)
    opened = {p.pk: p.opened_at for p in professionals.values()}
    rows: dict[int, list[RowSummary]] = defaultdict(list)
    for framework in frameworks:
        counted = actions.get(framework.pk, {})
        track = tracks.get(framework.pk, {})
        indicators = track.get("indicators", 0)
        on_track, never = track.get("on_track", 0), track.get("no_measurement", 0)
        since = framework.status_updated_at or opened[framework.ambition_id]
        rows[framework.ambition_id].append(
            RowSummary(
                framework=framework,
                actions=counted.get("actions", 0),
                counted=counted.get("counted", 0),
                done=counted.get("done", 0),
                late=counted.get("late", 0),
                overdue=overdue.get(framework.pk, 0),
                on_track=on_track,
                off_track=indicators - on_track - never,
                no_measurement=never,
                hours=Decimal(counted.get("hours") or 0),
                fte=Decimal(counted.get("fte") or 0),
                dkk=Decimal(counted.get("dkk") or 0),
                age_days=(today - timezone.localdate(since)).days,
            )
        )
    perspectives = list(Perspective.objects.order_by("order", "name"))
    balances = _balances([s.pk for s in specialties], perspectives)
    result = []
    for specialty in specialties:
        strategic = strategics[specialty.pk]
        professional = professionals.get(specialty.pk)
        result.append(
            SpecialtySummary(
                specialty=specialty,
                strategic=strategic,
                approved_version=strategic.approved_version if strategic is not None else None,
                submitted_at=submissions.get(strategic.pk) if strategic is not None else None,
                professional=professional,
                rows=rows.get(professional.pk, []) if professional is not None else [],
                balance=balances[specialty.pk],
                today=today,
            )
        )
    return result
