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

import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import F, Max, Prefetch, Q, QuerySet, Window
from django.db.models.functions import RowNumber
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ambitions.models import (
    Action,
    ActionStatus,
    AmbitionVersion,
    ApprovalCondition,
    AreaFramework,
    InterventionFocusArea,
    Measurement,
    Milestone,
    ProfessionalAmbition,
    ProgressIndicator,
    Status,
    StatusComment,
    StrategicAmbition,
    Transition,
)
from bass import history
from people.models import User
from specialties.models import Membership, Specialty
from sustainability.balance import Balance, challenges_by_specialty, perspective_balance
from sustainability.models import Challenge, Perspective

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


def load(ambition: ProfessionalAmbition, today: datetime.date | None = None) -> Loaded:
    """Everything of ``ambition`` in a fixed number of queries, however much there is (with
    ``today``, of each indicator's measurements only the newest up to today)."""
    return load_many([ambition], today)[ambition.pk]


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
    ambitions: Sequence[ProfessionalAmbition], today: datetime.date | None = None
) -> dict[int, Loaded]:
    """``load`` for many professional ambitions at once, by their pk: the same fixed number
    of queries for one specialty or for the whole region. Each indicator carries
    ``last_recorded_at``, when a measurement of it was last recorded (whatever its date)."""
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


def late_count(focus_area: InterventionFocusArea, today: datetime.date) -> int:
    """How many of the focus area's actions are late, counted in the database."""
    return Action.objects.filter(late_q(today), focus_area=focus_area).count()


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


# -- Traceability and loose ends --------------------------------------------------------------


def area_challenges(framework: AreaFramework) -> list[Challenge]:
    """The challenges the framework's strategic intervention area answers."""
    if framework.intervention_area is None:
        return []
    return list(framework.intervention_area.challenges.all())


@dataclass(frozen=True)
class ActionTrace:
    """An action and the challenges it answers: its own, and its intervention area's."""

    action: Action
    framework: AreaFramework
    focus_area: InterventionFocusArea
    direct: list[Challenge]
    through_area: list[Challenge]

    @property
    def challenges(self) -> list[Challenge]:
        seen = {c.pk for c in self.direct}
        return self.direct + [c for c in self.through_area if c.pk not in seen]


@dataclass(frozen=True)
class ChallengeTrace:
    """A core challenge and what answers it, from the strategy down to the indicators."""

    challenge: Challenge
    frameworks: list[AreaFramework]  # through their strategic intervention area
    focus_areas: list[InterventionFocusArea]
    actions: list[Action]
    indicators: list[ProgressIndicator]

    @property
    def is_answered(self) -> bool:
        return bool(self.actions)


@dataclass(frozen=True)
class Traceability:
    challenges: list[ChallengeTrace]
    actions: list[ActionTrace]


def action_traces(loaded: Loaded) -> list[ActionTrace]:
    traces = []
    for framework in loaded.frameworks:
        through_area = area_challenges(framework)
        for focus_area in framework.focus_areas.all():
            for action in focus_area.actions.all():
                traces.append(
                    ActionTrace(
                        action=action,
                        framework=framework,
                        focus_area=focus_area,
                        direct=list(action.challenges.all()),
                        through_area=through_area,
                    )
                )
    return traces


def traceability(loaded: Loaded) -> Traceability:
    """Both ways: from each core challenge down to what answers it, and from each action
    back to its challenges."""
    actions = action_traces(loaded)
    challenges = []
    for challenge in loaded.core_challenges:
        answering = [t for t in actions if any(c.pk == challenge.pk for c in t.challenges)]
        frameworks = [
            f for f in loaded.frameworks if any(c.pk == challenge.pk for c in area_challenges(f))
        ]
        for trace in answering:
            if trace.framework not in frameworks:
                frameworks.append(trace.framework)
        focus_areas: list[InterventionFocusArea] = []
        for trace in answering:
            if trace.focus_area not in focus_areas:
                focus_areas.append(trace.focus_area)
        challenges.append(
            ChallengeTrace(
                challenge=challenge,
                frameworks=frameworks,
                focus_areas=focus_areas,
                actions=[t.action for t in answering],
                indicators=[i for t in answering for i in t.action.indicators.all()],
            )
        )
    return Traceability(challenges=challenges, actions=actions)


class LooseEndKind(StrEnum):
    UNANSWERED_CHALLENGE = "unanswered_challenge"
    UNTIED_ACTION = "untied_action"
    UNMEASURED_INDICATOR = "unmeasured_indicator"
    STALE_STATUS = "stale_status"


@dataclass(frozen=True)
class LooseEnd:
    """Something that does not hang together yet, with where it sits (to link to a fix).

    ``subject`` is a Challenge, an Action, a ProgressIndicator or an AreaFramework, by kind.
    """

    kind: LooseEndKind
    subject: Challenge | Action | ProgressIndicator | AreaFramework
    framework: AreaFramework | None = None
    focus_area: InterventionFocusArea | None = None
    action: Action | None = None
    days: int | None = None  # for a stale status row: days since the last update


def loose_ends(loaded: Loaded, today: datetime.date) -> list[LooseEnd]:
    """Core challenges no action answers, actions tied to no challenge, indicators with no
    measurement (up to today), and status rows not updated for more than 60 days."""
    trace = traceability(loaded)
    ends = [
        LooseEnd(kind=LooseEndKind.UNANSWERED_CHALLENGE, subject=c.challenge)
        for c in trace.challenges
        if not c.is_answered
    ]
    for t in trace.actions:
        if not t.challenges:
            ends.append(
                LooseEnd(
                    kind=LooseEndKind.UNTIED_ACTION,
                    subject=t.action,
                    framework=t.framework,
                    focus_area=t.focus_area,
                    action=t.action,
                )
            )
        for indicator in t.action.indicators.all():
            if latest_measurement(indicator, today) is None:
                ends.append(
                    LooseEnd(
                        kind=LooseEndKind.UNMEASURED_INDICATOR,
                        subject=indicator,
                        framework=t.framework,
                        focus_area=t.focus_area,
                        action=t.action,
                    )
                )
    opened_at = loaded.ambition.opened_at
    for framework in loaded.frameworks:
        age = status_age_days(framework, opened_at, today)
        if age > STALE_AFTER_DAYS:
            ends.append(
                LooseEnd(
                    kind=LooseEndKind.STALE_STATUS,
                    subject=framework,
                    framework=framework,
                    days=age,
                )
            )
    return ends


# -- The programme: every specialty's figures at once ----------------------------------------


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
    specialties: Sequence[Specialty], today: datetime.date
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
    loaded = load_many(list(professionals.values()), today)
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
            responsible=user, end_date__lte=today + datetime.timedelta(days=DUE_SOON_DAYS)
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
    for framework in AreaFramework.objects.filter(progress_owner=user).select_related(
        "ambition__specialty"
    ):
        if is_stale(framework, framework.ambition.opened_at, today):
            rows.append(
                (framework, status_age_days(framework, framework.ambition.opened_at, today))
            )
    return rows


# -- History (issue 13) ------------------------------------------------------------------------

# What a history page compares, in the order the page shows it: what people write. The
# bookkeeping fields (revision, who and when) are each change's own "who, when".
FRAMEWORK_HISTORY_FIELDS = (
    "title",
    "purpose",
    "anchoring",
    "progress_owner",
    "deadline",
    "timeline",
)
ACTION_HISTORY_FIELDS = (
    "title",
    "purpose",
    "status",
    "responsible",
    "start_date",
    "end_date",
    "resource_hours",
    "resource_fte",
    "resource_dkk",
    "resource_text",
    "success_criteria",
    "process_goals",
    "contributors",
)


def framework_history(framework: AreaFramework) -> list[history.Change]:
    """Every saved change of the framework and its status row, newest first."""
    records = framework.history.select_related("history_user").order_by("history_date", "pk")
    return history.changes(AreaFramework, records, FRAMEWORK_HISTORY_FIELDS)


def action_history(action: Action) -> list[history.Change]:
    """Every saved change of the action, newest first."""
    records = action.history.select_related("history_user").order_by("history_date", "pk")
    return history.changes(Action, records, ACTION_HISTORY_FIELDS)
