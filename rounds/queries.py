"""What the status rounds and the reminders read and compute.

- ``specialty_snapshot`` turns one specialty's ``SpecialtyFigures`` (from
  ``ambitions.professional.queries.programme_figures``, the one function that computes every
  figure) into the JSON a closed round keeps; an open round's page shows the same shape,
  computed live, so an open and a closed round read alike.
- ``compare`` is "siden sidste runde": what moved, what is new and what slipped between a
  specialty's last closed round and now (or a later round).

Everything takes ``today`` (and the rounds their own opening time) explicitly, so a page, a
PDF and a test with a fixed date get the same answer; every function runs in a fixed number
of queries, however many specialties, rows or people there are.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

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
from bass.cache import kept_many, versions
from effect import queries as effect_queries
from rounds.models import RoundSnapshot, StatusRound
from specialties.models import Specialty

# -- Snapshots --------------------------------------------------------------------------------

# Worse is higher: a light that goes up has slipped, one that goes down has moved on.
LIGHT_RANK = {"green": 0, "none": 1, "amber": 2, "red": 3}


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
    }


def _specialties(round_: StatusRound) -> list[Specialty]:
    return list(Specialty.objects.with_people().filter(status_rounds=round_).order_by("name", "pk"))


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
        }
    return result


# -- Since the last round ---------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """One difference between two snapshots of a specialty, in words."""

    text: str | Promise


@dataclass(frozen=True)
class SinceLastRound:
    """What changed in one specialty since its last closed round (``previous``)."""

    previous: StatusRound | None
    moved: list[Change] = field(default_factory=list)
    new: list[Change] = field(default_factory=list)
    slipped: list[Change] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.moved or self.new or self.slipped)


def compare(
    previous: dict[str, Any] | None, current: dict[str, Any], previous_round: StatusRound | None
) -> SinceLastRound:
    """Moved: a status row's light got better, its status was updated, an action moved on
    (started, completed). New: a status row, an action or an indicator that the last round
    did not have. Slipped: a light got worse, an action became late, delayed or was pushed
    back, a milestone became overdue. Without a last round there is nothing to compare."""
    result = SinceLastRound(previous=previous_round)
    if previous is None:
        return result
    moved, new, slipped = result.moved, result.new, result.slipped
    before_rows = {r["id"]: r for r in previous["rows"]}
    for row in current["rows"]:
        old = before_rows.get(row["id"])
        if old is None:
            new.append(Change(format_lazy(_("New status row “{title}”."), title=row["title"])))
            continue
        before, now = LIGHT_RANK[old["light"]], LIGHT_RANK[row["light"]]
        if now > before:
            slipped.append(
                Change(
                    format_lazy(
                        _("“{title}” went from a better light to a worse."), title=row["title"]
                    )
                )
            )
        elif now < before:
            moved.append(
                Change(format_lazy(_("“{title}” went to a better light."), title=row["title"]))
            )
        if row["status"] != old["status"] and row["status"]:
            moved.append(
                Change(
                    format_lazy(
                        _("New status on “{title}”: {status}"),
                        title=row["title"],
                        status=row["status"],
                    )
                )
            )
    before_actions = {a["id"]: a for a in previous["actions"]}
    labels = dict(ActionStatus.choices)
    for action in current["actions"]:
        old = before_actions.get(action["id"])
        if old is None:
            new.append(Change(format_lazy(_("New action “{title}”."), title=action["title"])))
            continue
        if action["late"] and not old["late"]:
            slipped.append(
                Change(format_lazy(_("The action “{title}” is late."), title=action["title"]))
            )
        if action["end_date"] > old["end_date"]:
            slipped.append(
                Change(
                    format_lazy(
                        _("The action “{title}” was pushed back to {date}."),
                        title=action["title"],
                        date=date_format(datetime.date.fromisoformat(action["end_date"])),
                    )
                )
            )
        if action["status"] != old["status"]:
            text = format_lazy(
                _("The action “{title}”: {before} → {after}."),
                title=action["title"],
                before=labels.get(old["status"], old["status"]),
                after=labels.get(action["status"], action["status"]),
            )
            worse = action["status"] in (ActionStatus.DELAYED, ActionStatus.STOPPED)
            (slipped if worse else moved).append(Change(text))
    before_indicators = {i["id"] for i in previous["indicators"]}
    for indicator in current["indicators"]:
        if indicator["id"] not in before_indicators:
            new.append(Change(format_lazy(_("New indicator “{name}”."), name=indicator["name"])))
    before_overdue = {m["id"] for m in previous["overdue_milestones"]}
    for milestone in current["overdue_milestones"]:
        if milestone["id"] not in before_overdue:
            slipped.append(
                Change(
                    format_lazy(
                        _("The milestone “{title}” of “{action}” is overdue."),
                        title=milestone["title"],
                        action=milestone["action"],
                    )
                )
            )
    return result


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


@dataclass(frozen=True)
class SpecialtyInRound:
    """One specialty on a round's page: its snapshot (live while the round is open) and
    what changed since its last closed round."""

    specialty: Specialty
    figures: dict[str, Any]
    since: SinceLastRound

    @property
    def rows_updated(self) -> int:
        return sum(1 for r in self.figures["rows"] if r["updated_in_round"])

    @property
    def actions_open(self) -> list[dict[str, Any]]:
        finished = {ActionStatus.COMPLETED, ActionStatus.STOPPED}
        return [a for a in self.figures["actions"] if a["status"] not in finished]

    @property
    def actions_updated(self) -> int:
        return sum(1 for a in self.actions_open if a["updated_in_round"])

    @property
    def indicators_updated(self) -> int:
        return sum(1 for i in self.figures["indicators"] if i["updated_in_round"])

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
    """Every specialty of the round: computed today while it is open, frozen once closed."""
    specialties = _specialties(round_)
    if round_.is_open:
        # Each specialty's figures are kept under its content version and the day (issue
        # 22): a write in one specialty recomputes that one, not the whole round.
        by_pk = {s.pk: s for s in specialties}
        opened = round_.opened_at.isoformat() if round_.opened_at else ""
        figures = kept_many(
            "round_figures",
            {
                pk: (version, round_.pk, opened, today.isoformat())
                for pk, version in versions(by_pk).items()
            },
            lambda missing: live_snapshots([by_pk[pk] for pk in missing], round_.opened_at, today),
        )
        figures = with_key_figures(figures, round_, specialties)
    else:
        figures = {s.specialty_id: s.figures for s in round_.snapshots.all()}
    previous = last_closed_snapshots(
        [s.pk for s in specialties],
        before=None if round_.is_open else round_.closed_at,
        besides=round_,
    )
    result = []
    for specialty in specialties:
        if specialty.pk not in figures:
            continue  # a specialty added to a closed round after it closed: nothing frozen
        last = previous.get(specialty.pk)
        result.append(
            SpecialtyInRound(
                specialty=specialty,
                figures=figures[specialty.pk],
                since=compare(
                    last.figures if last else None,
                    figures[specialty.pk],
                    last.round if last else None,
                ),
            )
        )
    return result


def since_last_round(specialty: Specialty, today: datetime.date) -> SpecialtyInRound:
    """The specialty today, compared with its last closed round."""
    last = last_closed_snapshots([specialty.pk]).get(specialty.pk)
    current = live_snapshots([specialty], last.round.closed_at if last else None, today)
    figures = current[specialty.pk]
    return SpecialtyInRound(
        specialty=specialty,
        figures=figures,
        since=compare(last.figures if last else None, figures, last.round if last else None),
    )


def rounds_for_list() -> QuerySet[StatusRound]:
    return StatusRound.objects.select_related("opened_by", "closed_by").prefetch_related(
        Prefetch("specialties", queryset=Specialty.objects.order_by("name"))
    )
