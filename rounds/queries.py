"""What the status rounds and the reminders read and compute.

- ``specialty_snapshot`` turns one specialty's ``SpecialtyFigures`` (from
  ``ambitions.professional.queries.programme_figures``, the one function that computes every
  figure) into the JSON a closed round keeps; an open round's page shows the same shape,
  computed live, so an open and a closed round read alike.
- ``round_overview`` is a round's page: each specialty's line, kept, with what changed
  since its last closed round (``rounds.since.compare``, "siden sidste runde").

Everything takes ``today`` (and the rounds their own opening time) explicitly, so a page, a
PDF and a test with a fixed date get the same answer; every function runs in a fixed number
of queries, however many specialties, rows or people there are.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery

from ambitions.models import (
    Action,
    ActionStatus,
    ApprovalCondition,
    AreaFramework,
    Measurement,
    Milestone,
    ProgressIndicator,
    StatusComment,
)
from ambitions.professional import figures
from ambitions.professional.queries import programme as programme_reads
from ambitions.professional.queries import status as progress
from ambitions.strategic.queries import open_prerequisites
from bass.cache import kept_many, version
from effect import queries as effect_queries
from rounds.models import RoundSnapshot, StatusRound
from rounds.since import SinceLastRound, compare
from specialties.models import Specialty, SpecialtyQuerySet

# -- Snapshots --------------------------------------------------------------------------------


def updated_since(moment: datetime.datetime | None, opened_at: datetime.datetime | None) -> bool:
    """Whether something was updated in a round opened at ``opened_at``."""
    return moment is not None and opened_at is not None and moment >= opened_at


def specialty_snapshot(
    figures: programme_reads.SpecialtyFigures, opened_at: datetime.datetime | None
) -> dict[str, Any]:
    """One specialty's figures as JSON: what a round keeps, and what its page shows.

    ``opened_at`` is the round's opening: a row, action or indicator updated since then
    counts as updated in the round."""
    specialty = figures.specialty
    owner = specialty.owner
    today = figures.today
    rows = []
    for row in figures.rows:
        framework = row.framework
        rows.append(
            {
                "id": framework.pk,
                "title": framework.title,
                "light": str(programme_reads.area_light(row)),
                "owner": str(framework.progress_owner) if framework.progress_owner else "",
                "age_days": row.age_days,
                "is_stale": row.is_stale,
                "updated_in_round": updated_since(row.updated_at, opened_at),
                "done": row.share.done,
                "counted": row.share.counted,
                "late": len(row.late_actions),
                "overdue": len(row.overdue_milestones),
                "off_track": row.off_track,
                "status": row.latest_comment.text if row.latest_comment else "",
            }
        )
    actions, indicators = [], []
    for row in figures.rows:
        for action in row.actions:
            actions.append(
                {
                    "id": action.pk,
                    "title": action.title,
                    "row": row.framework.pk,
                    "status": action.status,
                    "end_date": action.end_date.isoformat(),
                    "late": progress.action_is_late(action, today),
                    "updated_in_round": updated_since(action.updated_at, opened_at),
                }
            )
        for status in row.indicators:
            indicators.append(
                {
                    "id": status.indicator.pk,
                    "name": status.indicator.name,
                    "action": status.action.pk,
                    "track": str(status.track),
                    "updated_in_round": updated_since(
                        status.indicator.last_recorded_at,  # type: ignore[attr-defined]
                        opened_at,
                    ),
                }
            )
    overview = figures.overview
    return {
        "specialty": {"id": specialty.pk, "name": specialty.name, "slug": specialty.slug},
        "owner": str(owner.user) if owner is not None else "",
        "today": today.isoformat(),
        "state": figures.state,
        "approved_version": (
            figures.approved_version.number if figures.approved_version is not None else None
        ),
        "open_conditions": len(figures.open_conditions),
        "overdue_conditions": len(figures.overdue_conditions),
        "has_professional": overview is not None,
        "done": overview.share.done if overview else 0,
        "counted": overview.share.counted if overview else 0,
        "late_actions": len(figures.late_actions),
        "overdue_milestones": [
            {"id": m.pk, "title": m.title, "action": m.action.title}
            for m in figures.overdue_milestones
        ],
        "off_track": figures.off_track,
        "stale_rows": len(figures.stale_rows),
        "rows": rows,
        "actions": actions,
        "indicators": indicators,
        "prerequisites": open_prerequisites([specialty.pk], today)[specialty.pk],
    }


def _specialties(round_: StatusRound) -> SpecialtyQuerySet:
    return Specialty.objects.filter(status_rounds=round_).order_by("name", "pk")


# ``figures.with_track``'s verdicts as the snapshot names them.
TRACKS = {
    None: progress.Track.NO_MEASUREMENT,
    figures.ON_TRACK: progress.Track.ON_TRACK,
    figures.OFF_TRACK: progress.Track.OFF_TRACK,
}


def live_snapshots(
    specialties: Sequence[Specialty], opened_at: datetime.datetime | None, today: datetime.date
) -> dict[int, dict[str, Any]]:
    """Each specialty's snapshot as it stands today, by specialty pk: what
    ``specialty_snapshot`` makes of ``programme_figures``, read without loading the region
    as objects. The status rows' figures are counted by the database
    (``figures.programme_summaries``); the actions, indicators (each one's track computed by
    the database) and overdue milestones that a snapshot lists are read as values, one
    query each. A test holds the two equal."""
    summaries = figures.programme_summaries(specialties, today)
    framework_ids = [row.framework.pk for s in summaries for row in s.rows]
    in_order = (
        "focus_area__framework__order",
        "focus_area__framework_id",
        "focus_area__order",
        "focus_area_id",
        "start_date",
        "pk",
    )
    newest_comment = (
        StatusComment.objects.filter(framework=OuterRef("pk"))
        .order_by("-written_at", "-pk")
        .values("text")[:1]
    )
    row_facts = {
        row["pk"]: row
        for row in AreaFramework.objects.filter(pk__in=framework_ids)
        .annotate(comment=Subquery(newest_comment))
        .values(
            "pk",
            "status_updated_at",
            "comment",
            "progress_owner__username",
            "progress_owner__first_name",
            "progress_owner__last_name",
        )
    }
    actions: dict[int, list[Mapping[str, Any]]] = defaultdict(list)
    for action in (
        Action.objects.filter(focus_area__framework_id__in=framework_ids)
        .order_by(*in_order)
        .values("pk", "title", "status", "end_date", "updated_at", "focus_area__framework_id")
    ):
        actions[action["focus_area__framework_id"]].append(action)
    indicators: dict[int, list[Mapping[str, Any]]] = defaultdict(list)
    last_recorded = (
        Measurement.objects.filter(indicator=OuterRef("pk"))
        .order_by("-recorded_at")
        .values("recorded_at")[:1]
    )
    for indicator in (
        figures.with_track(
            ProgressIndicator.objects.filter(action__focus_area__framework_id__in=framework_ids),
            today,
        )
        .annotate(last_recorded_at=Subquery(last_recorded))
        .order_by(*[f"action__{name}" for name in in_order], "pk")
        .values(
            "pk",
            "name",
            "action_id",
            "track",
            "last_recorded_at",
            "action__focus_area__framework_id",
        )
    ):
        indicators[indicator["action__focus_area__framework_id"]].append(indicator)
    overdue: dict[int, list[Mapping[str, Any]]] = defaultdict(list)
    for milestone in (
        Milestone.objects.filter(
            action__focus_area__framework_id__in=framework_ids,
            done_on__isnull=True,
            due_date__lt=today,
        )
        .order_by(*[f"action__{name}" for name in in_order], "due_date", "pk")
        .values("pk", "title", "action__title", "action__focus_area__framework_id")
    ):
        overdue[milestone["action__focus_area__framework_id"]].append(milestone)
    ambition_ids = [s.strategic.pk for s in summaries if s.strategic is not None]
    conditions = {
        row["version__ambition_id"]: row
        for row in ApprovalCondition.objects.filter(version__ambition_id__in=ambition_ids)
        .values("version__ambition_id")
        .annotate(
            open=Count("pk", filter=Q(met_at__isnull=True)),
            overdue=Count("pk", filter=Q(met_at__isnull=True, deadline__lt=today)),
        )
        .order_by()
    }
    prerequisites = open_prerequisites([s.specialty.pk for s in summaries], today)
    result = {}
    for summary in summaries:
        specialty = summary.specialty
        owner = specialty.owner
        rows, action_lines, indicator_lines, milestone_lines = [], [], [], []
        for row in summary.rows:
            pk = row.framework.pk
            facts = row_facts[pk]
            full_name = f"{facts['progress_owner__first_name'] or ''} " + (
                facts["progress_owner__last_name"] or ""
            )
            rows.append(
                {
                    "id": pk,
                    "title": row.framework.title,
                    "light": str(row.light),
                    "owner": full_name.strip() or facts["progress_owner__username"] or "",
                    "age_days": row.age_days,
                    "is_stale": row.is_stale,
                    "updated_in_round": updated_since(facts["status_updated_at"], opened_at),
                    "done": row.done,
                    "counted": row.counted,
                    "late": row.late,
                    "overdue": row.overdue,
                    "off_track": row.off_track,
                    "status": facts["comment"] or "",
                }
            )
            action_lines += [
                {
                    "id": a["pk"],
                    "title": a["title"],
                    "row": pk,
                    "status": a["status"],
                    "end_date": a["end_date"].isoformat(),
                    "late": a["end_date"] < today and a["status"] not in progress.FINISHED,
                    "updated_in_round": updated_since(a["updated_at"], opened_at),
                }
                for a in actions[pk]
            ]
            indicator_lines += [
                {
                    "id": i["pk"],
                    "name": i["name"],
                    "action": i["action_id"],
                    "track": str(TRACKS[i["track"]]),
                    "updated_in_round": updated_since(i["last_recorded_at"], opened_at),
                }
                for i in indicators[pk]
            ]
            milestone_lines += [
                {"id": m["pk"], "title": m["title"], "action": m["action__title"]}
                for m in overdue[pk]
            ]
        counted = conditions.get(summary.strategic.pk, {}) if summary.strategic else {}
        result[specialty.pk] = {
            "specialty": {"id": specialty.pk, "name": specialty.name, "slug": specialty.slug},
            "owner": str(owner.user) if owner is not None else "",
            "today": today.isoformat(),
            "state": summary.state,
            "approved_version": (
                summary.approved_version.number if summary.approved_version is not None else None
            ),
            "open_conditions": counted.get("open", 0),
            "overdue_conditions": counted.get("overdue", 0),
            "has_professional": summary.has_status,
            "done": summary.done,
            "counted": summary.counted,
            "late_actions": summary.late_count,
            "overdue_milestones": milestone_lines,
            "off_track": summary.off_track,
            "stale_rows": summary.stale_count,
            "rows": rows,
            "actions": action_lines,
            "indicators": indicator_lines,
            "prerequisites": prerequisites[specialty.pk],
        }
    return result


# -- Since the last round (``rounds.since`` compares) ---------------------------------------


def last_closed_snapshots(
    specialty_ids: Sequence[int],
    before: datetime.datetime | None = None,
    besides: StatusRound | None = None,
) -> dict[int, RoundSnapshot]:
    """Each specialty's snapshot of its latest closed round (closed before ``before``, if
    given, and other than ``besides``), by specialty pk; one query."""
    snapshots = RoundSnapshot.objects.filter(
        specialty_id__in=specialty_ids, round__closed_at__isnull=False
    ).select_related("round")
    if besides is not None:
        snapshots = snapshots.exclude(round=besides)
    if before is not None:
        snapshots = snapshots.filter(round__closed_at__lt=before)
    latest: dict[int, RoundSnapshot] = {}
    for snapshot in snapshots.order_by("round__closed_at", "round__pk"):
        latest[snapshot.specialty_id] = snapshot  # the newest wins
    return latest


# The lists of a snapshot that a round's page only counts: kept as counts, so a round of the
# whole region is kept in kilobytes, not the region's every action and indicator.
COUNTED_LISTS = ("actions", "indicators")


@dataclass(frozen=True)
class SpecialtyInRound:
    """One specialty on a round's page: its snapshot (live while the round is open) without
    the lists it only counts, the counts, and what changed since its last closed round."""

    specialty: Specialty
    figures: dict[str, Any]
    since: SinceLastRound
    rows_updated: int
    actions_open: int
    actions_updated: int
    indicators: int
    indicators_updated: int

    @property
    def key_figures(self) -> list[dict[str, Any]]:
        """The key figures' values for the months of the round's period (issue 27); a round
        closed before key figures existed has none."""
        return list(self.figures.get("key_figures", []))

    @property
    def key_figures_recorded(self) -> int:
        return sum(1 for k in self.key_figures if k["value"] is not None)

    @property
    def key_figures_missing(self) -> list[dict[str, Any]]:
        """The values not recorded for the period's months that had ended by the snapshot's
        day (a month still running is not missing yet), each with its month as a date."""
        this_month = datetime.date.fromisoformat(self.figures["today"]).replace(day=1)
        return [
            {**k, "month": datetime.date.fromisoformat(k["period"])}
            for k in self.key_figures
            if k["value"] is None and datetime.date.fromisoformat(k["period"]) < this_month
        ]

    @property
    def prerequisites_late(self) -> int:
        """Of the prerequisites not in place, how many were past their deadline (a snapshot
        from before prerequisites were followed up has none)."""
        return sum(1 for p in self.figures.get("prerequisites", []) if p["late"])


@dataclass(frozen=True)
class _Line:
    """What is kept of one specialty in a round: ``SpecialtyInRound`` without the specialty
    (read fresh with the page, so a renamed specialty shows its new name at once)."""

    figures: dict[str, Any]
    since: SinceLastRound
    counts: tuple[int, int, int, int, int]

    def entry(self, specialty: Specialty) -> SpecialtyInRound:
        return SpecialtyInRound(specialty, self.figures, self.since, *self.counts)


def _line(figures: dict[str, Any], last: RoundSnapshot | None) -> _Line:
    finished = {ActionStatus.COMPLETED, ActionStatus.STOPPED}
    open_actions = [a for a in figures["actions"] if a["status"] not in finished]
    return _Line(
        figures={k: v for k, v in figures.items() if k not in COUNTED_LISTS},
        since=compare(last.figures if last else None, figures, last.round if last else None),
        counts=(
            sum(1 for r in figures["rows"] if r["updated_in_round"]),
            len(open_actions),
            sum(1 for a in open_actions if a["updated_in_round"]),
            len(figures["indicators"]),
            sum(1 for i in figures["indicators"] if i["updated_in_round"]),
        ),
    )


def _last_closed_rounds(
    specialty_ids: Sequence[int], round_: StatusRound
) -> dict[int, tuple[int, str]]:
    """Each specialty's last closed round before ``round_`` (its pk and closing time), by
    specialty pk: part of the kept keys, read as values (no snapshot's JSON)."""
    snapshots = RoundSnapshot.objects.filter(
        specialty_id__in=specialty_ids, round__closed_at__isnull=False
    ).exclude(round=round_)
    if not round_.is_open:
        snapshots = snapshots.filter(round__closed_at__lt=round_.closed_at)
    latest: dict[int, tuple[int, str]] = {}
    for specialty_id, round_id, closed_at in snapshots.order_by(
        "round__closed_at", "round__pk"
    ).values_list("specialty_id", "round_id", "round__closed_at"):
        latest[specialty_id] = (round_id, str(closed_at))  # the newest wins
    return latest


def with_key_figures(
    snapshots: dict[int, dict[str, Any]], round_: StatusRound, specialties: Sequence[Specialty]
) -> dict[int, dict[str, Any]]:
    """The snapshots with each specialty's key figures for the months of the round's period
    (``effect.queries.round_values``): what closing the round freezes with the rest, and
    what its page shows while it is open. Read fresh, not kept: a value recorded a moment
    ago shows at once."""
    values = effect_queries.round_values(specialties, round_.period_start, round_.period_end)
    return {pk: {**figures, "key_figures": values.get(pk, [])} for pk, figures in snapshots.items()}


def round_overview(round_: StatusRound, today: datetime.date) -> list[SpecialtyInRound]:
    """Every specialty of the round: computed today while it is open, frozen once closed.

    What each specialty shows is kept (issue 22): while the round is open under the
    specialty's content version and the day, so a write in one specialty recomputes that one,
    not the whole round; once closed under the round, since its snapshots never change. The
    key names the last closed round compared with, so closing another round shows at once."""
    # Only what the page shows of each specialty (its name, link and sites), with its version: its
    # people and ambitions are read for the ones computed.
    specialties = list(
        _specialties(round_).with_versions().only("name", "slug").prefetch_related("sites")
    )
    by_pk = {s.pk: s for s in specialties}
    previous = _last_closed_rounds(list(by_pk), round_)

    def lines(missing: list[int]) -> dict[int, _Line]:
        if round_.is_open:
            computed = _specialties(round_).with_people().filter(pk__in=missing)
            current = live_snapshots(list(computed), round_.opened_at, today)
        else:
            current = {
                s.specialty_id: s.figures for s in round_.snapshots.filter(specialty_id__in=missing)
            }
        last = last_closed_snapshots(
            missing,
            before=None if round_.is_open else round_.closed_at,
            besides=round_,
        )
        return {pk: _line(current[pk], last.get(pk)) for pk in missing if pk in current}

    parts: dict[int, tuple[object, ...]]
    if round_.is_open:
        opened = round_.opened_at.isoformat() if round_.opened_at else ""
        parts = {
            s.pk: (version(s), round_.pk, opened, today.isoformat(), previous.get(s.pk))
            for s in specialties
        }
    else:
        closed = round_.closed_at.isoformat() if round_.closed_at else ""
        frozen = round_.snapshots.filter(specialty_id__in=by_pk).values_list(
            "specialty_id", flat=True
        )
        # A specialty added to a closed round after it closed has nothing frozen: not shown.
        # The version names the release and the database's epoch as every key does.
        parts = {pk: (version(by_pk[pk]), round_.pk, closed, previous.get(pk)) for pk in frozen}
    kept = kept_many("round_lines", parts, lines)
    entries = [kept[s.pk].entry(s) for s in specialties if s.pk in kept]
    if round_.is_open:
        # The key figures of the period are read fresh, not kept: a value recorded a moment
        # ago shows at once (once closed, the snapshot holds them).
        fresh = with_key_figures({e.specialty.pk: e.figures for e in entries}, round_, specialties)
        entries = [replace(e, figures=fresh[e.specialty.pk]) for e in entries]
    return entries


def since_last_round(specialty: Specialty, today: datetime.date) -> SpecialtyInRound:
    """The specialty today, compared with its last closed round."""
    last = last_closed_snapshots([specialty.pk]).get(specialty.pk)
    current = live_snapshots([specialty], last.round.closed_at if last else None, today)
    return _line(current[specialty.pk], last).entry(specialty)


def rounds_for_list() -> QuerySet[StatusRound]:
    return StatusRound.objects.select_related("opened_by", "closed_by").prefetch_related(
        Prefetch("specialties", queryset=Specialty.objects.order_by("name"))
    )
