"""What "Status og fremdrift" computes, with fixed dates; traceability and loose ends."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ambitions.models import (
    Action,
    ActionStatus,
    AreaFramework,
    Measurement,
    Milestone,
    ProfessionalAmbition,
    ProgressIndicator,
    StatusComment,
)
from ambitions.professional.queries import status as progress
from ambitions.professional.queries import tracing
from ambitions.professional.queries.status import Track
from ambitions.professional.queries.tracing import LooseEndKind
from sustainability.models import Challenge
from tests.ambitions.professional.conftest import (
    core_challenge,
    frameworks_of,
    make_action,
    make_focus_area,
)
from tests.conftest import Cast, days_ago_at_noon

D = datetime.date
JAN_1, JAN_11 = D(2025, 1, 1), D(2025, 1, 11)


def action(
    start: datetime.date = JAN_1, end: datetime.date = JAN_11, status: str = "in_progress"
) -> Action:
    return Action(title="Handling", start_date=start, end_date=end, status=status)


# -- Milestones and actions ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("due", "done", "today", "overdue"),
    [
        (D(2025, 3, 1), None, D(2025, 3, 2), True),
        (D(2025, 3, 1), None, D(2025, 3, 1), False),  # due today is not overdue yet
        (D(2025, 3, 1), None, D(2025, 2, 28), False),
        (D(2025, 3, 1), D(2025, 3, 5), D(2025, 4, 1), False),  # done late is done
    ],
)
def test_a_milestone_is_overdue_when_not_done_and_its_date_has_passed(
    due: datetime.date, done: datetime.date | None, today: datetime.date, overdue: bool
) -> None:
    milestone = Milestone(title="Retningslinje skrevet", due_date=due, done_on=done)
    assert progress.milestone_overdue(milestone, today) is overdue


@pytest.mark.parametrize(
    ("status", "today", "late"),
    [
        (ActionStatus.IN_PROGRESS, D(2025, 1, 12), True),
        (ActionStatus.NOT_STARTED, D(2025, 1, 12), True),
        (ActionStatus.DELAYED, D(2025, 1, 12), True),
        (ActionStatus.IN_PROGRESS, JAN_11, False),  # ends today
        (ActionStatus.COMPLETED, D(2025, 1, 12), False),
        (ActionStatus.STOPPED, D(2025, 1, 12), False),
    ],
)
def test_an_action_is_late_when_its_end_has_passed_and_it_is_not_finished(
    status: str, today: datetime.date, late: bool
) -> None:
    assert progress.action_is_late(action(status=status), today) is late


def test_the_done_share_leaves_out_stopped_actions() -> None:
    actions = [
        action(status=ActionStatus.COMPLETED),
        action(status=ActionStatus.COMPLETED),
        action(status=ActionStatus.IN_PROGRESS),
        action(status=ActionStatus.NOT_STARTED),
        action(status=ActionStatus.STOPPED),
    ]
    share = progress.done_share(actions)
    assert (share.done, share.counted, share.percent) == (2, 4, 50)
    assert progress.done_share([action(status=ActionStatus.STOPPED)]).percent is None
    assert progress.done_share([]).percent is None


# -- Indicators ---------------------------------------------------------------------------------


def indicator(baseline: int, target: int) -> ProgressIndicator:
    return ProgressIndicator(
        name="Ventetid", unit="dage", baseline=Decimal(baseline), target=Decimal(target)
    )


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (D(2024, 12, 1), Decimal(100)),  # before the start: the baseline
        (JAN_1, Decimal(100)),
        (D(2025, 1, 6), Decimal(50)),  # half-way
        (D(2025, 1, 9), Decimal(20)),
        (JAN_11, Decimal(0)),
        (D(2025, 6, 1), Decimal(0)),  # after the end: the target
    ],
)
def test_the_expected_value_is_a_straight_line_from_baseline_to_target(
    today: datetime.date, expected: Decimal
) -> None:
    assert progress.expected_value(indicator(100, 0), action(), today) == expected


@pytest.fixture
def measured(cast: Cast, professional: ProfessionalAmbition) -> Action:
    focus_area = make_focus_area(frameworks_of(professional)[0])
    return make_action(focus_area, responsible=cast.lead, start=JAN_1, end=JAN_11)


def measure(
    cast: Cast, action: Action, baseline: int, target: int, values: dict[datetime.date, int]
) -> ProgressIndicator:
    made = ProgressIndicator.objects.create(
        action=action,
        name="Ventetid",
        unit="dage",
        baseline=Decimal(baseline),
        target=Decimal(target),
    )
    for day, value in values.items():
        Measurement.objects.create(
            indicator=made, measured_on=day, value=Decimal(value), recorded_by=cast.lead
        )
    return ProgressIndicator.objects.prefetch_related("measurements").get(pk=made.pk)


HALF_WAY = D(2025, 1, 6)


@pytest.mark.parametrize(
    ("baseline", "target", "value", "track"),
    [
        # Higher is better: expected 50 half-way.
        (0, 100, 60, Track.ON_TRACK),
        (0, 100, 50, Track.ON_TRACK),
        (0, 100, 40, Track.OFF_TRACK),
        # Lower is better (target below baseline): expected 50 half-way.
        (100, 0, 40, Track.ON_TRACK),
        (100, 0, 50, Track.ON_TRACK),
        (100, 0, 60, Track.OFF_TRACK),
    ],
)
def test_an_indicator_is_on_or_off_track_in_either_direction(
    cast: Cast, measured: Action, baseline: int, target: int, value: int, track: Track
) -> None:
    made = measure(cast, measured, baseline, target, {D(2025, 1, 3): value})
    assert progress.indicator_track(made, measured, HALF_WAY) == track
    status = progress.indicator_status(made, measured, HALF_WAY)
    assert (status.track, status.expected, status.latest.value) == (  # type: ignore[union-attr]
        track,
        Decimal(50),
        Decimal(value),
    )


def test_the_latest_measurement_up_to_today_counts(cast: Cast, measured: Action) -> None:
    made = measure(
        cast,
        measured,
        0,
        100,
        {D(2025, 1, 2): 90, D(2025, 1, 5): 10, D(2025, 1, 9): 95},
    )
    # On 6 January the newest measurement is the 10 of 5 January (the 9th is in the future).
    assert progress.latest_measurement(made, HALF_WAY).value == Decimal(10)  # type: ignore[union-attr]
    assert progress.indicator_track(made, measured, HALF_WAY) == Track.OFF_TRACK
    assert progress.indicator_track(made, measured, D(2025, 1, 9)) == Track.ON_TRACK


@pytest.mark.parametrize("today", [D(2025, 1, 1), HALF_WAY, D(2025, 1, 9), D(2025, 3, 1)])
def test_loading_the_newest_measurement_only_gives_the_same_figures(
    cast: Cast, professional: ProfessionalAmbition, measured: Action, today: datetime.date
) -> None:
    """With ``today``, load() fetches one measurement per indicator (the newest up to
    today) instead of every month of them: every figure is the same as from all of them."""
    measure(cast, measured, 0, 100, {D(2025, 1, 2): 90, D(2025, 1, 5): 10, D(2025, 1, 9): 95})
    measure(cast, measured, 100, 0, {D(2025, 1, 5): 70, D(2025, 1, 3): 20})
    twice = measure(cast, measured, 0, 10, {D(2025, 1, 4): 1})
    Measurement.objects.create(  # a second on the same day: the later one counts
        indicator=twice, measured_on=D(2025, 1, 4), value=Decimal(9), recorded_by=cast.lead
    )
    measure(cast, measured, 0, 10, {})
    measure(cast, measured, 0, 10, {D(2025, 2, 1): 10})  # only after some of the days

    def figures(loaded: progress.Loaded) -> list[object]:
        (row, *_) = progress.status_overview(loaded, today).rows
        return [
            (s.indicator.pk, s.track, s.latest.pk if s.latest else None, s.expected)
            for s in row.indicators
        ] + [tracing.loose_ends(loaded, today)]

    newest_only = progress.load(professional, today)
    assert figures(newest_only) == figures(progress.load(professional))
    assert all(
        len(i.measurements.all()) <= 1 for a in newest_only.actions() for i in a.indicators.all()
    )
    recorded = {i.pk: i.last_recorded_at for a in newest_only.actions() for i in a.indicators.all()}
    assert recorded[twice.pk] == twice.measurements.order_by("recorded_at").last().recorded_at


def test_an_indicator_without_measurements_is_not_measured(cast: Cast, measured: Action) -> None:
    made = measure(cast, measured, 0, 100, {})
    assert progress.indicator_track(made, measured, HALF_WAY) == Track.NO_MEASUREMENT
    later_only = measure(cast, measured, 0, 100, {D(2025, 2, 1): 100})
    assert progress.indicator_track(later_only, measured, HALF_WAY) == Track.NO_MEASUREMENT


# -- Status rows --------------------------------------------------------------------------------


@pytest.mark.parametrize(("days", "stale"), [(0, False), (60, False), (61, True), (200, True)])
def test_a_status_row_is_stale_after_more_than_sixty_days(days: int, stale: bool) -> None:
    today = D(2025, 6, 30)
    updated = datetime.datetime(2025, 6, 30, 12, 0, tzinfo=datetime.UTC) - datetime.timedelta(
        days=days
    )
    opened = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    framework = AreaFramework(title="Ensartet visitation", status_updated_at=updated)
    assert progress.status_age_days(framework, opened, today) == days
    assert progress.is_stale(framework, opened, today) is stale


def test_a_row_never_updated_ages_from_the_opening() -> None:
    opened = datetime.datetime(2025, 1, 1, 9, 0, tzinfo=datetime.UTC)
    framework = AreaFramework(title="Ensartet visitation")
    assert not progress.is_stale(framework, opened, D(2025, 3, 2))  # 60 days
    assert progress.is_stale(framework, opened, D(2025, 3, 3))  # 61 days


def test_the_status_of_a_framework_and_of_the_specialty(
    cast: Cast, professional: ProfessionalAmbition
) -> None:
    one, two = frameworks_of(professional)
    fa = make_focus_area(one)
    done = make_action(fa, responsible=cast.lead, title="A", status=ActionStatus.COMPLETED)
    make_action(fa, responsible=cast.lead, title="B", status=ActionStatus.STOPPED, end=JAN_11)
    late = make_action(fa, responsible=cast.lead, title="C", end=JAN_11)
    make_action(make_focus_area(two), responsible=cast.lead, title="D", end=D(2025, 12, 31))
    overdue = Milestone.objects.create(action=late, title="M1", due_date=D(2025, 1, 5))
    Milestone.objects.create(action=late, title="M2", due_date=D(2025, 1, 5), done_on=JAN_11)
    Milestone.objects.create(action=done, title="M3", due_date=D(2025, 3, 1))
    measure(cast, late, 0, 100, {D(2025, 1, 10): 100})
    measure(cast, done, 0, 100, {})
    one.actors.create(name="Praktiserende læger", interest=3, influence=2)
    StatusComment.objects.create(framework=one, text="Ældre", author=cast.owner)
    newest = StatusComment.objects.create(framework=one, text="Nyeste", author=cast.lead)

    overview = progress.status_overview(progress.load(professional), D(2025, 2, 1))

    row_one, row_two = overview.rows
    assert row_one.framework == one
    assert (row_one.share.done, row_one.share.counted) == (1, 2)
    assert row_one.late_actions == [late]
    assert row_one.overdue_milestones == [overdue]
    assert (row_one.on_track, row_one.off_track, row_one.no_measurement) == (1, 0, 1)
    assert row_one.actor_names == ["Praktiserende læger"]
    assert row_one.latest_comment == newest
    assert (row_two.share.done, row_two.share.counted, row_two.late_actions) == (0, 1, [])
    assert (overview.share.done, overview.share.counted) == (1, 3)
    assert (overview.late_actions, overview.overdue_milestones) == (1, 1)
    assert (overview.on_track, overview.off_track, overview.no_measurement) == (1, 0, 1)
    assert overview.stale_rows == 0


# -- Traceability and loose ends ----------------------------------------------------------------


@pytest.fixture
def traced(cast: Cast, professional: ProfessionalAmbition) -> dict[str, object]:
    """Framework one's area answers "Ventelister", framework two's "Rekruttering".

    - A1 (framework one) answers Ventelister through its area, and "Vagtbyrde" itself;
    - A2 (framework two, whose area link is gone) answers nothing: a loose end;
    - "Rekruttering" is then answered by no action, and "Uddannelse" by nothing at all.
    """
    one, two = frameworks_of(professional)
    AreaFramework.objects.filter(pk=two.pk).update(intervention_area=None)
    duties = core_challenge(cast, "Vagtbyrde", 3)
    training = core_challenge(cast, "Uddannelse", 4)
    fa_one, fa_two = make_focus_area(one, "Visitation"), make_focus_area(two, "Vagtlag")
    a1 = make_action(fa_one, responsible=cast.lead, title="A1", challenges=[duties])
    a2 = make_action(fa_two, responsible=cast.lead, title="A2")
    measured = measure(cast, a1, 0, 10, {D(2025, 1, 2): 1})
    unmeasured = measure(cast, a1, 0, 10, {})
    return {
        "one": one,
        "two": two,
        "fa_one": fa_one,
        "fa_two": fa_two,
        "a1": a1,
        "a2": a2,
        "measured": measured,
        "unmeasured": unmeasured,
        "waiting": Challenge.objects.get(title="Ventelister"),
        "recruiting": Challenge.objects.get(title="Rekruttering"),
        "duties": duties,
        "training": training,
    }


def test_traceability_from_each_core_challenge_down(
    professional: ProfessionalAmbition, traced: dict[str, object]
) -> None:
    trace = tracing.traceability(progress.load(professional))
    by_title = {c.challenge.title: c for c in trace.challenges}
    assert list(by_title) == ["Ventelister", "Rekruttering", "Vagtbyrde", "Uddannelse"]

    waiting = by_title["Ventelister"]
    assert waiting.frameworks == [traced["one"]]
    assert waiting.focus_areas == [traced["fa_one"]]
    assert waiting.actions == [traced["a1"]]
    assert waiting.indicators == [traced["measured"], traced["unmeasured"]]
    assert waiting.is_answered

    duties = by_title["Vagtbyrde"]
    assert (duties.frameworks, duties.actions) == ([traced["one"]], [traced["a1"]])

    for title in ["Rekruttering", "Uddannelse"]:
        assert not by_title[title].is_answered
        assert by_title[title].actions == []


def test_traceability_from_each_action_back(
    professional: ProfessionalAmbition, traced: dict[str, object]
) -> None:
    trace = tracing.traceability(progress.load(professional))
    a1, a2 = trace.actions
    assert (a1.action, a1.framework, a1.focus_area) == (
        traced["a1"],
        traced["one"],
        traced["fa_one"],
    )
    assert a1.direct == [traced["duties"]]
    assert a1.through_area == [traced["waiting"]]
    assert a1.challenges == [traced["duties"], traced["waiting"]]
    assert (a2.action, a2.challenges) == (traced["a2"], [])


def test_the_loose_ends(
    cast: Cast, professional: ProfessionalAmbition, traced: dict[str, object]
) -> None:
    two = traced["two"]
    assert isinstance(two, AreaFramework)
    long_ago = days_ago_at_noon(61)
    AreaFramework.objects.filter(pk=two.pk).update(status_updated_at=long_ago)
    AreaFramework.objects.exclude(pk=two.pk).update(status_updated_at=timezone.now())

    ends = tracing.loose_ends(progress.load(professional), timezone.localdate())

    assert [(e.kind, e.subject) for e in ends] == [
        (LooseEndKind.UNANSWERED_CHALLENGE, traced["recruiting"]),
        (LooseEndKind.UNANSWERED_CHALLENGE, traced["training"]),
        (LooseEndKind.UNMEASURED_INDICATOR, traced["unmeasured"]),
        (LooseEndKind.UNTIED_ACTION, traced["a2"]),
        (LooseEndKind.STALE_STATUS, two),
    ]
    unmeasured = ends[2]
    assert (unmeasured.action, unmeasured.focus_area, unmeasured.framework) == (
        traced["a1"],
        traced["fa_one"],
        traced["one"],
    )
    assert ends[4].days == 61


def test_an_action_tied_directly_is_no_loose_end(
    cast: Cast, professional: ProfessionalAmbition, traced: dict[str, object]
) -> None:
    a2 = traced["a2"]
    assert isinstance(a2, Action)
    a2.challenges.add(traced["training"])  # type: ignore[arg-type]
    ends = tracing.loose_ends(progress.load(professional), timezone.localdate())
    kinds = [(e.kind, e.subject) for e in ends]
    assert (LooseEndKind.UNTIED_ACTION, a2) not in kinds
    assert (LooseEndKind.UNANSWERED_CHALLENGE, traced["training"]) not in kinds


# -- Queries ------------------------------------------------------------------------------------


def test_loading_takes_the_same_queries_for_few_and_many_actions(
    cast: Cast, professional: ProfessionalAmbition
) -> None:
    one, two = frameworks_of(professional)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            loaded = progress.load(professional)
            today = D(2025, 6, 1)
            progress.status_overview(loaded, today)
            tracing.loose_ends(loaded, today)
            tracing.traceability(loaded)
        return len(queries)

    first = make_action(make_focus_area(one), responsible=cast.lead)
    measure(cast, first, 0, 10, {D(2025, 1, 2): 1})
    few = count()
    for framework in (one, two):
        fa = make_focus_area(framework, "Flere")
        for n in range(4):
            more = make_action(fa, responsible=cast.lead, title=f"Handling {n}")
            Milestone.objects.create(action=more, title="M", due_date=D(2025, 3, 1))
            measure(cast, more, 10, 0, {D(2025, 1, 2): 9, D(2025, 2, 2): 8})
            more.challenges.add(Challenge.objects.get(title="Ventelister"))
    assert count() == few
