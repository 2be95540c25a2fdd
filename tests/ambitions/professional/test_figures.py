"""The programme's figures counted by the database (``figures.programme_summaries``) equal
the figures computed from every row in Python (``programme_reads.programme_figures``, the oracle),
on a region with every state the rules tell apart, on several days, and on a generated
region; and they cost the same few queries however large the region is."""

from __future__ import annotations

import dataclasses
import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from ambitions.models import (
    ActionStatus,
    AreaFramework,
    Measurement,
    Milestone,
    ProfessionalAmbition,
    ProgressIndicator,
    StatusComment,
)
from ambitions.professional.figures import SpecialtySummary, programme_summaries
from ambitions.professional.queries import programme as programme_reads
from specialties.models import Specialty
from tests.ambitions.professional.conftest import frameworks_of, make_action, make_focus_area
from tests.conftest import Cast

TODAY = datetime.date(2025, 6, 15)
DAYS = [
    datetime.date(2024, 12, 1),  # before every action
    datetime.date(2025, 1, 1),  # the day the actions start
    datetime.date(2025, 5, 1),  # a milestone's day
    TODAY,
    datetime.date(2025, 9, 1),
    datetime.date(2026, 3, 1),  # after every action
]


def _oracle(figures: programme_reads.SpecialtyFigures) -> dict[str, Any]:
    """What the overview shows of a specialty, from the figures computed row by row."""
    rows = [
        {
            "framework": row.framework.pk,
            "actions": len(row.actions),
            "counted": row.share.counted,
            "done": row.share.done,
            "late": len(row.late_actions),
            "overdue": len(row.overdue_milestones),
            "on_track": row.on_track,
            "off_track": row.off_track,
            "no_measurement": row.no_measurement,
            "stale": row.is_stale,
            "age_days": row.age_days,
            "light": str(programme_reads.area_light(row)),
        }
        for row in figures.rows
    ]
    return {
        "state": figures.state,
        "approved": figures.approved_version.pk if figures.approved_version else None,
        "days_waiting": figures.days_waiting,
        "has_status": figures.overview is not None,
        "rows": rows,
        "overdue": len(figures.overdue_milestones),
        "late": len(figures.late_actions),
        "off_track": figures.off_track,
        "stale": len(figures.stale_rows),
        "resources": figures.resources,
        "balance": [(c.perspective.pk, c.primary, c.answered) for c in figures.balance.counts],
        "dominant": figures.balance.dominant,
        "challenges": figures.balance.total,
    }


def _counted(summary: SpecialtySummary) -> dict[str, Any]:
    rows = [
        {
            "framework": row.framework.pk,
            "actions": row.actions,
            "counted": row.counted,
            "done": row.done,
            "late": row.late,
            "overdue": row.overdue,
            "on_track": row.on_track,
            "off_track": row.off_track,
            "no_measurement": row.no_measurement,
            "stale": row.is_stale,
            "age_days": row.age_days,
            "light": str(row.light),
        }
        for row in summary.rows
    ]
    return {
        "state": summary.state,
        "approved": summary.approved_version.pk if summary.approved_version else None,
        "days_waiting": summary.days_waiting,
        "has_status": summary.has_status,
        "rows": rows,
        "overdue": summary.overdue_count,
        "late": summary.late_count,
        "off_track": summary.off_track,
        "stale": summary.stale_count,
        "resources": summary.resources,
        "balance": [(c.perspective.pk, c.primary, c.answered) for c in summary.balance.counts],
        "dominant": summary.balance.dominant,
        "challenges": summary.balance.total,
    }


def _both(today: datetime.date) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    specialties = list(Specialty.objects.with_people().order_by("name", "pk"))
    oracle = [_oracle(f) for f in programme_reads.programme_figures(specialties, today)]
    specialties = list(Specialty.objects.with_people().order_by("name", "pk"))
    counted = [_counted(s) for s in programme_summaries(specialties, today)]
    return oracle, counted


def _indicator(action: Any, baseline: str, target: str, *values: tuple[str, str]) -> None:
    indicator = ProgressIndicator.objects.create(
        action=action, name=f"Indikator {baseline}→{target}", baseline=baseline, target=target
    )
    for day, value in values:
        Measurement.objects.create(
            indicator=indicator,
            measured_on=datetime.date.fromisoformat(day),
            value=Decimal(value),
            recorded_by=action.responsible,
        )


@pytest.fixture
def region(cast: Cast, professional: ProfessionalAmbition) -> ProfessionalAmbition:
    """Every state the figures tell apart, in the cast's specialty; the other specialties
    have no professional ambition (and some no strategic ambition)."""
    first, second = frameworks_of(professional)
    area = make_focus_area(first)
    other_area = make_focus_area(first, "Opfølgning")
    who = cast.lead
    # Under way through 2025: indicators on and off track both ways, never measured, and
    # measured only in the future; milestones overdue, done, due later and due today.
    running = make_action(area, responsible=who, title="Løbende")
    _indicator(running, "0", "100", ("2025-06-01", "80"), ("2025-07-01", "0"))  # on, then off
    _indicator(running, "0", "100", ("2025-06-01", "10"))  # off
    _indicator(running, "0", "100")  # never measured
    _indicator(running, "100", "0", ("2025-06-01", "90"))  # lower is better: off
    _indicator(running, "100", "0", ("2025-06-01", "20"), ("2025-02-01", "99"))  # on
    _indicator(running, "0", "100", ("2025-12-01", "100"))  # only in the future
    _indicator(running, "0", "10", ("2025-01-01", "0"))  # exactly the baseline at the start
    for due, done in [
        ("2025-05-01", None),
        ("2025-05-01", "2025-05-02"),
        ("2025-07-01", None),
        (TODAY.isoformat(), None),
    ]:
        Milestone.objects.create(
            action=running,
            title=f"Milepæl {due}",
            due_date=datetime.date.fromisoformat(due),
            done_on=datetime.date.fromisoformat(done) if done else None,
        )
    # Late since June, with resources; its newest measurement is below the target.
    late = make_action(area, responsible=who, title="Forsinket", end=datetime.date(2025, 6, 1))
    late.resource_hours, late.resource_fte, late.resource_dkk = (
        Decimal("10.5"),
        Decimal("0.5"),
        Decimal("1000"),
    )
    late.save(update_fields=["resource_hours", "resource_fte", "resource_dkk"])
    _indicator(late, "0", "10", ("2025-05-01", "12"), ("2025-05-20", "9"))
    # Completed (done, never late) and stopped (neither counted nor its resources).
    done = make_action(
        other_area,
        responsible=who,
        title="Færdig",
        end=datetime.date(2025, 3, 1),
        status=ActionStatus.COMPLETED,
    )
    done.resource_hours = Decimal(5)
    done.save(update_fields=["resource_hours"])
    stopped = make_action(
        other_area,
        responsible=who,
        title="Stoppet",
        end=datetime.date(2025, 3, 1),
        status=ActionStatus.STOPPED,
    )
    stopped.resource_hours = Decimal(100)
    stopped.save(update_fields=["resource_hours"])
    # Not started yet: two measurements on one day (the newer record wins).
    later = make_action(
        other_area,
        responsible=who,
        title="Senere",
        start=datetime.date(2025, 9, 1),
        end=datetime.date(2026, 1, 1),
    )
    _indicator(later, "50", "100", ("2025-05-01", "50"), ("2025-05-01", "49"))
    _indicator(later, "50", "100", ("2025-05-01", "50"))
    # The first row was last updated in January (stale in June), the second in June.
    AreaFramework.objects.filter(pk=first.pk).update(
        status_updated_at=datetime.datetime(2025, 1, 1, 12, tzinfo=datetime.UTC)
    )
    AreaFramework.objects.filter(pk=second.pk).update(
        status_updated_at=datetime.datetime(2025, 6, 1, 12, tzinfo=datetime.UTC),
        progress_owner=cast.lead,
    )
    for day, text in [(2, "Først"), (5, "Senest"), (4, "Imellem")]:
        StatusComment.objects.create(
            framework=first,
            author=who,
            text=text,
            written_at=datetime.datetime(2025, 6, day, tzinfo=datetime.UTC),
        )
    # A lens answered with only blanks is not answered.
    from sustainability.models import Challenge, LensAnswer, Perspective

    LensAnswer.objects.create(
        challenge=Challenge.objects.get(specialty=cast.specialty, title="Ventelister"),
        perspective=Perspective.objects.get(code="organisatorisk"),
        text=" \n\t",
    )
    return professional


@pytest.mark.parametrize("today", DAYS)
def test_the_counted_figures_equal_the_figures_computed_row_by_row(
    region: ProfessionalAmbition, today: datetime.date
) -> None:
    oracle, counted = _both(today)
    assert counted == oracle


def test_the_region_has_every_state_on_the_day_that_matters(region: ProfessionalAmbition) -> None:
    """The region is worth comparing on: each figure is non-zero somewhere."""
    _oracle_rows, counted = _both(TODAY)
    (mine,) = [s for s in counted if s["has_status"]]
    first, second = mine["rows"]
    assert first["late"] == 1
    assert first["overdue"] == 1  # not the done one, not the one due today
    assert first["done"] == 1
    assert first["counted"] == 4  # the stopped one is not counted
    assert (first["on_track"], first["off_track"], first["no_measurement"]) == (3, 5, 2)
    assert first["stale"]
    assert not second["stale"]
    assert (first["light"], second["light"]) == ("red", "none")
    assert mine["resources"] == programme_reads.Resources(
        hours=Decimal("15.5"), fte=Decimal("0.5"), dkk=Decimal("1000")
    )
    assert any(not s["has_status"] for s in counted)


def test_a_generated_region_counts_the_same(db: None) -> None:
    from bench.generate import TINY, generate

    generate(dataclasses.replace(TINY, specialties=4), seed=7)
    for days in (0, 90, -200):
        oracle, counted = _both(timezone.localdate() + datetime.timedelta(days=days))
        assert counted == oracle
    oracle, counted = _both(timezone.localdate())
    for figure in ("off_track", "late", "overdue", "stale"):
        assert sum(s[figure] for s in counted) > 0, figure


def test_the_summaries_cost_the_same_queries_however_large_the_region(
    region: ProfessionalAmbition, django_assert_num_queries: Any
) -> None:
    from bench.generate import TINY, generate

    def count() -> int:
        specialties = list(Specialty.objects.with_people().order_by("name", "pk"))
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            programme_summaries(specialties, TODAY)
        return len(captured)

    small = count()
    # Transitions, frameworks, actions, milestones, indicators, perspectives, and the
    # challenges and lens answers counted per perspective.
    assert small == 8
    generate(dataclasses.replace(TINY, specialties=6), seed=3)
    specialties = list(Specialty.objects.with_people().order_by("name", "pk"))
    with django_assert_num_queries(small):
        summaries = programme_summaries(specialties, TODAY)
    assert len(summaries) == len(specialties) > 6


OPENED = datetime.datetime(2025, 5, 15, tzinfo=datetime.UTC)


def _snapshots(today: datetime.date) -> tuple[dict[int, Any], dict[int, Any]]:
    from rounds import queries as rounds

    specialties = list(Specialty.objects.with_people().order_by("name", "pk"))
    oracle = {
        f.specialty.pk: rounds.specialty_snapshot(f, OPENED)
        for f in programme_reads.programme_figures(specialties, today)
    }
    specialties = list(Specialty.objects.with_people().order_by("name", "pk"))
    return oracle, rounds.live_snapshots(specialties, OPENED, today)


@pytest.mark.parametrize("today", DAYS)
def test_the_round_pages_snapshot_read_as_values_equals_the_one_made_from_the_objects(
    region: ProfessionalAmbition, today: datetime.date
) -> None:
    oracle, read = _snapshots(today)
    assert read == oracle


def test_a_generated_regions_round_snapshot_is_the_same(db: None) -> None:
    from bench.generate import TINY, generate

    generate(dataclasses.replace(TINY, specialties=4), seed=11)
    oracle, read = _snapshots(timezone.localdate())
    assert read == oracle
    assert sum(len(s["indicators"]) for s in read.values()) > 10
