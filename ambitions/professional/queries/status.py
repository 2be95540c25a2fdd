"""What "Status og fremdrift" computes, and how actions trace back to the core challenges.

``load(ambition)`` fetches everything of one professional ambition in a fixed number of
queries; every other function here is pure: it works on what ``load`` returned and takes
``today`` explicitly, so a page, a PDF status report and a test with a fixed date all get
the same answer. Nothing here knows about requests or templates.

The rules:

- a milestone is *overdue* when it is not done and its date is before today;
- an action is *late* when its end date is before today and it is neither completed nor
  stopped;
- the *done share* of some actions is completed / all but the stopped ones;
- an indicator is *on track* when its latest measurement (up to today) is at least as good
  as the value expected today, drawn as a straight line from the baseline at the action's
  start to the target at its end; lower is better when the target is below the baseline;
- a status row is *stale* when it has not been updated for more than ``STALE_AFTER_DAYS``
  (counted from the opening of the professional ambition if it was never updated).
"""

from __future__ import annotations

import dataclasses
import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from django.db.models import F, Max, Prefetch, Q, QuerySet, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from ambitions.models import (
    Action,
    ActionStatus,
    AreaFramework,
    InterventionFocusArea,
    Measurement,
    Milestone,
    ProfessionalAmbition,
    ProgressIndicator,
    StatusComment,
    concerning_site,
)
from ambitions.professional import learning
from people.models import User
from specialties.models import Membership, Site
from sustainability.models import Challenge

STALE_AFTER_DAYS = 60


# -- Loading ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Loaded:
    """A professional ambition with everything the status and traceability need.

    ``frameworks`` carry, prefetched: intervention_area (with its challenges),
    progress_owner, status_updated_by, outcome_goals, actors, core_team (with user, site,
    profession), status_comments (newest first, with author) and focus_areas → actions
    (with responsible, challenges, milestones, indicators → measurements).
    """

    ambition: ProfessionalAmbition
    frameworks: list[AreaFramework]
    core_challenges: list[Challenge]

    def focus_areas(self) -> list[InterventionFocusArea]:
        return [fa for f in self.frameworks for fa in f.focus_areas.all()]

    def actions(self) -> list[Action]:
        return [a for f in self.frameworks for a in actions_of(f)]


def load(
    ambition: ProfessionalAmbition,
    today: datetime.date | None = None,
    strategy: learning.ApprovedStrategy | None = None,
    *,
    site: Site | None = None,
) -> Loaded:
    """Everything of ``ambition`` in a fixed number of queries, however much there is (with
    ``today``, of each indicator's measurements only the newest up to today). With a
    ``strategy`` (``learning.strategy_for``: a reader from outside the specialty), the
    strategic things it shows are the approved version's."""
    loaded = load_many([ambition], today, site=site)[ambition.pk]
    if strategy is None:
        return loaded
    learning.apply(strategy, frameworks=loaded.frameworks, actions=loaded.actions())
    return dataclasses.replace(loaded, core_challenges=list(strategy.challenges))


def _measurements(today: datetime.date | None) -> QuerySet[Measurement]:
    """Every measurement of each indicator or, given ``today``, only the newest up to today:
    all that the figures read (``latest_measurement``), one row per indicator however many
    months of measurements it has (the database picks it, with a window function)."""
    measurements = Measurement.objects.order_by("measured_on", "pk")
    if today is None:
        return measurements
    newest = Window(
        RowNumber(),
        partition_by=[F("indicator_id")],
        order_by=[F("measured_on").desc(), F("pk").desc()],
    )
    return measurements.filter(measured_on__lte=today).annotate(newest=newest).filter(newest=1)


def load_many(
    ambitions: Sequence[ProfessionalAmbition],
    today: datetime.date | None = None,
    *,
    site: Site | None = None,
) -> dict[int, Loaded]:
    """``load`` for many professional ambitions at once, by their pk: the same fixed number
    of queries for one specialty or for the whole region. Each indicator carries
    ``last_recorded_at``, when a measurement of it was last recorded (whatever its date).
    With a ``site``, only the actions that concern it are loaded."""
    actions = Action.objects.select_related("responsible").prefetch_related(
        "challenges",
        Prefetch("milestones", queryset=Milestone.objects.order_by("due_date", "pk")),
        Prefetch(
            "indicators",
            queryset=ProgressIndicator.objects.order_by("pk")
            .annotate(last_recorded_at=Max("measurements__recorded_at"))
            .prefetch_related(Prefetch("measurements", queryset=_measurements(today))),
        ),
    )
    if site is not None:
        # Status og fremdrift for one site (issue 26): only the actions that concern it.
        actions = actions.filter(concerning_site(site.pk))
    frameworks = (
        AreaFramework.objects.filter(ambition__in=[a.pk for a in ambitions])
        .select_related("intervention_area", "progress_owner", "status_updated_by")
        .prefetch_related(
            "intervention_area__challenges",
            "outcome_goals",
            "actors",
            Prefetch(
                "core_team",
                queryset=Membership.objects.select_related("user", "site", "profession"),
            ),
            Prefetch(
                "status_comments",
                queryset=StatusComment.objects.select_related("author").order_by(
                    "-written_at", "-pk"
                ),
            ),
            Prefetch(
                "focus_areas",
                queryset=InterventionFocusArea.objects.order_by("order", "pk").prefetch_related(
                    Prefetch("actions", queryset=actions.order_by("start_date", "pk"))
                ),
            ),
        )
        .order_by("order", "pk")
    )
    by_ambition: dict[int, list[AreaFramework]] = defaultdict(list)
    by_pk = {a.pk: a for a in ambitions}
    for framework in frameworks:
        framework.ambition = by_pk[framework.ambition_id]
        by_ambition[framework.ambition_id].append(framework)
    challenges: dict[int, list[Challenge]] = defaultdict(list)
    for challenge in (
        Challenge.objects.filter(specialty_id__in=[a.specialty_id for a in ambitions], is_core=True)
        .select_related("primary_perspective")
        .order_by("core_order", "pk")
    ):
        challenges[challenge.specialty_id].append(challenge)
    return {
        a.pk: Loaded(
            ambition=a,
            frameworks=by_ambition.get(a.pk, []),
            core_challenges=challenges.get(a.specialty_id, []),
        )
        for a in ambitions
    }


def actions_of(framework: AreaFramework) -> list[Action]:
    return [a for fa in framework.focus_areas.all() for a in fa.actions.all()]


# -- Milestones, actions, indicators ----------------------------------------------------------


def milestone_overdue(milestone: Milestone, today: datetime.date) -> bool:
    return milestone.done_on is None and milestone.due_date < today


# An action in one of these states is done with, whatever its dates.
FINISHED = (ActionStatus.COMPLETED, ActionStatus.STOPPED)


def action_is_late(action: Action, today: datetime.date) -> bool:
    return action.end_date < today and action.status not in FINISHED


def late_q(today: datetime.date) -> Q:
    """``action_is_late`` as a database filter, for counting without loading the actions."""
    return Q(end_date__lt=today) & ~Q(status__in=FINISHED)


def late_count(
    focus_area: InterventionFocusArea, today: datetime.date, *, site: Site | None = None
) -> int:
    """How many of the focus area's actions (that concern ``site``, if given) are late,
    counted in the database."""
    actions = Action.objects.filter(late_q(today), focus_area=focus_area)
    if site is not None:
        actions = actions.filter(concerning_site(site.pk))
    return actions.count()


@dataclass(frozen=True)
class DoneShare:
    """Completed actions out of all actions that still count (all but the stopped)."""

    done: int
    counted: int

    @property
    def percent(self) -> int | None:
        if not self.counted:
            return None
        return round(100 * self.done / self.counted)


def done_share(actions: Iterable[Action]) -> DoneShare:
    counted = [a for a in actions if a.status != ActionStatus.STOPPED]
    done = sum(1 for a in counted if a.status == ActionStatus.COMPLETED)
    return DoneShare(done=done, counted=len(counted))


class Track(StrEnum):
    ON_TRACK = "on_track"
    OFF_TRACK = "off_track"
    NO_MEASUREMENT = "no_measurement"


def expected_value(indicator: ProgressIndicator, action: Action, today: datetime.date) -> Decimal:
    """The value the indicator should have reached today: the baseline before the action
    starts, the target from its end, and a straight line in between."""
    start, end = action.start_date, action.end_date
    if today <= start:
        return indicator.baseline
    if today >= end:
        return indicator.target
    elapsed = Decimal((today - start).days) / Decimal((end - start).days)
    return indicator.baseline + (indicator.target - indicator.baseline) * elapsed


def latest_measurement(indicator: ProgressIndicator, today: datetime.date) -> Measurement | None:
    """The newest measurement taken up to today (from the prefetched measurements)."""
    latest: Measurement | None = None
    for measurement in indicator.measurements.all():
        if measurement.measured_on > today:
            continue
        if latest is None or (measurement.measured_on, measurement.pk) > (
            latest.measured_on,
            latest.pk,
        ):
            latest = measurement
    return latest


def lower_is_better(indicator: ProgressIndicator) -> bool:
    return indicator.target < indicator.baseline


def indicator_track(indicator: ProgressIndicator, action: Action, today: datetime.date) -> Track:
    latest = latest_measurement(indicator, today)
    if latest is None:
        return Track.NO_MEASUREMENT
    expected = expected_value(indicator, action, today)
    if lower_is_better(indicator):
        return Track.ON_TRACK if latest.value <= expected else Track.OFF_TRACK
    return Track.ON_TRACK if latest.value >= expected else Track.OFF_TRACK


@dataclass(frozen=True)
class IndicatorStatus:
    indicator: ProgressIndicator
    action: Action
    latest: Measurement | None
    expected: Decimal
    track: Track


def indicator_status(
    indicator: ProgressIndicator, action: Action, today: datetime.date
) -> IndicatorStatus:
    return IndicatorStatus(
        indicator=indicator,
        action=action,
        latest=latest_measurement(indicator, today),
        expected=expected_value(indicator, action, today),
        track=indicator_track(indicator, action, today),
    )


# -- Status rows ----------------------------------------------------------------------------


def status_age_days(
    framework: AreaFramework, opened_at: datetime.datetime, today: datetime.date
) -> int:
    """Days since the row was last updated (or, never updated, since the opening)."""
    since = framework.status_updated_at or opened_at
    return (today - timezone.localdate(since)).days


def is_stale(framework: AreaFramework, opened_at: datetime.datetime, today: datetime.date) -> bool:
    return status_age_days(framework, opened_at, today) > STALE_AFTER_DAYS


@dataclass(frozen=True)
class FrameworkStatus:
    """One row of "Status og fremdrift": a strategic intervention area's framework."""

    framework: AreaFramework
    actions: list[Action]
    share: DoneShare
    overdue_milestones: list[Milestone]
    late_actions: list[Action]
    indicators: list[IndicatorStatus]
    actor_names: list[str]
    latest_comment: StatusComment | None
    updated_at: datetime.datetime | None
    updated_by: User | None
    age_days: int
    is_stale: bool

    @property
    def on_track(self) -> int:
        return sum(1 for i in self.indicators if i.track == Track.ON_TRACK)

    @property
    def off_track(self) -> int:
        return sum(1 for i in self.indicators if i.track == Track.OFF_TRACK)

    @property
    def no_measurement(self) -> int:
        return sum(1 for i in self.indicators if i.track == Track.NO_MEASUREMENT)


def framework_status(
    framework: AreaFramework, opened_at: datetime.datetime, today: datetime.date
) -> FrameworkStatus:
    actions = actions_of(framework)
    comments = list(framework.status_comments.all())
    return FrameworkStatus(
        framework=framework,
        actions=actions,
        share=done_share(actions),
        overdue_milestones=[
            m for a in actions for m in a.milestones.all() if milestone_overdue(m, today)
        ],
        late_actions=[a for a in actions if action_is_late(a, today)],
        indicators=[indicator_status(i, a, today) for a in actions for i in a.indicators.all()],
        actor_names=[actor.name for actor in framework.actors.all()],
        latest_comment=max(comments, key=lambda c: (c.written_at, c.pk)) if comments else None,
        updated_at=framework.status_updated_at,
        updated_by=framework.status_updated_by,
        age_days=status_age_days(framework, opened_at, today),
        is_stale=is_stale(framework, opened_at, today),
    )


@dataclass(frozen=True)
class StatusOverview:
    """ "Status og fremdrift" for one specialty: a row per framework, and the totals."""

    ambition: ProfessionalAmbition
    today: datetime.date
    rows: list[FrameworkStatus]
    share: DoneShare = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "share", done_share(a for r in self.rows for a in r.actions))

    @property
    def overdue_milestones(self) -> int:
        return sum(len(r.overdue_milestones) for r in self.rows)

    @property
    def late_actions(self) -> int:
        return sum(len(r.late_actions) for r in self.rows)

    @property
    def stale_rows(self) -> int:
        return sum(1 for r in self.rows if r.is_stale)

    @property
    def on_track(self) -> int:
        return sum(r.on_track for r in self.rows)

    @property
    def off_track(self) -> int:
        return sum(r.off_track for r in self.rows)

    @property
    def no_measurement(self) -> int:
        return sum(r.no_measurement for r in self.rows)


def status_overview(loaded: Loaded, today: datetime.date) -> StatusOverview:
    opened_at = loaded.ambition.opened_at
    return StatusOverview(
        ambition=loaded.ambition,
        today=today,
        rows=[framework_status(f, opened_at, today) for f in loaded.frameworks],
    )
