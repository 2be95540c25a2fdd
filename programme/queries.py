"""What the programme's pages read: "Mine opgaver", everything that waits for one person.

Each app says what waits in its own terms (``ambitions.strategic.queries.waiting_for``,
``specialties.queries.waiting_for``, ``ambitions.professional.queries.actions_due_for``…);
this gathers them into one list of ``WaitingItem`` for "Mine opgaver" and, shortened, the
home page's "Venter på dig". A fixed number of queries, however much waits.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.text import Truncator, format_lazy
from django.utils.translation import gettext_lazy as _

from ambitions.dependencies import queries as dependencies
from ambitions.professional.queries import programme as programme_reads
from ambitions.professional.queries import status as professional
from ambitions.strategic import queries as ambition_queries
from ambitions.strategic import queries as strategic
from effect import permissions as effect_permissions
from effect import queries as effect_queries
from improvement import queries as improvement
from people import permissions as people_permissions
from people.models import User
from programme.models import PlannedPhase, ProgrammePart, SecretariatContact, current_phase
from rounds import reminders as round_reminders
from rounds.models import StatusRound
from specialties import permissions as specialty_permissions
from specialties import queries as specialty_queries
from specialties.models import Site, Specialty
from specialties.queries import WaitingItem

# The groups of "Mine opgaver", in the page's order.
TASK_KINDS: list[tuple[str, str | Promise]] = [
    ("decision", _("Decisions waiting for you")),
    ("returned", _("Strategic ambitions to write or revise")),
    ("condition", _("Conditions of approval you answer for")),
    ("action", _("Your actions due within 14 days or late")),
    ("milestone", _("Your milestones due within 14 days or overdue")),
    ("prerequisite", _("Your prerequisites due within 14 days or late")),
    ("stale", _("Status rows you are responsible for that are stale")),
    ("round", _("To update in the open status round")),
    ("pdsa_study", _("PDSA cycles whose Study is due")),
    ("comment", _("Comments waiting for your answer")),
    ("dependency", _("Other specialties' dependencies on yours to answer")),
    ("dependency_answer", _("Answers to your specialty's dependencies")),
    ("core_team", _("Core teams to complete")),
]
# The kinds the home page shows in their own panel, all of them, rather than among the first
# few of "Venter på dig": another specialty waits for the answer (issue 26, item 4).
DEPENDENCY_KINDS = frozenset({"dependency", "dependency_answer"})
# How many items the home page's "Venter på dig" shows before "see all".
HOME_LIMIT = 5


def _focus_area_url(specialty: Specialty, focus_area_id: int, action_id: int) -> str:
    return (
        reverse("professional:focus_area", kwargs={"slug": specialty.slug, "pk": focus_area_id})
        + f"#action-{action_id}"
    )


def _professional_items(user: User, today: datetime.date) -> list[WaitingItem]:
    items = []
    for action in programme_reads.actions_due_for(user, today):
        specialty = action.focus_area.framework.ambition.specialty
        late = professional.action_is_late(action, today)
        text = (
            _("Your action “{title}” was due {date} and is not completed.")
            if late
            else _("Your action “{title}” ends {date}.")
        )
        items.append(
            WaitingItem(
                specialty,
                format_lazy(text, title=action.title, date=date_format(action.end_date)),
                _focus_area_url(specialty, action.focus_area_id, action.pk),
                kind="action",
                due=action.end_date,
                overdue=late,
            )
        )
    for milestone in programme_reads.milestones_due_for(user, today):
        action = milestone.action
        specialty = action.focus_area.framework.ambition.specialty
        overdue = professional.milestone_overdue(milestone, today)
        text = (
            _("Milestone “{title}” of “{action}” was due {date}.")
            if overdue
            else _("Milestone “{title}” of “{action}” is due {date}.")
        )
        items.append(
            WaitingItem(
                specialty,
                format_lazy(
                    text,
                    title=milestone.title,
                    action=action.title,
                    date=date_format(milestone.due_date),
                ),
                _focus_area_url(specialty, action.focus_area_id, action.pk),
                kind="milestone",
                due=milestone.due_date,
                overdue=overdue,
            )
        )
    for prerequisite in strategic.prerequisites_due_for(user, today):
        specialty = prerequisite.specialty
        late = prerequisite.is_late(today)
        text = (
            _("The prerequisite “{title}” was to be in place {date}.")
            if late
            else _("The prerequisite “{title}” is to be in place {date}.")
        )
        items.append(
            WaitingItem(
                specialty,
                format_lazy(
                    text, title=prerequisite.title, date=date_format(prerequisite.deadline)
                ),
                reverse("ambitions:detail", kwargs={"slug": specialty.slug})
                + f"#prerequisite-{prerequisite.pk}",
                kind="prerequisite",
                due=prerequisite.deadline,
                overdue=late,
            )
        )
    for framework, days in programme_reads.stale_rows_of(user, today):
        specialty = framework.ambition.specialty
        items.append(
            WaitingItem(
                specialty,
                format_lazy(
                    _("The status row “{title}” has not been updated for {days} days."),
                    title=framework.title,
                    days=days,
                ),
                reverse("professional:status", kwargs={"slug": specialty.slug})
                + f"#status-row-{framework.pk}",
                kind="stale",
            )
        )
    for cycle in improvement.studies_due(user.pk, today):
        action = cycle.action
        specialty = action.focus_area.framework.ambition.specialty
        items.append(
            WaitingItem(
                specialty,
                format_lazy(
                    _("Study cycle {number} of “{action}”: it was to be studied {date}."),
                    number=cycle.number,
                    action=action.title,
                    date=date_format(cycle.study_on),
                ),
                reverse("improvement:cycles", kwargs={"slug": specialty.slug, "pk": action.pk})
                + f"#cycle-{cycle.pk}",
                kind="pdsa_study",
                due=cycle.study_on,
                overdue=cycle.study_on < today,
            )
        )
    for comment in strategic.comments_awaiting_answer(user):
        part = comment.part
        specialty = part.ambition.specialty
        items.append(
            WaitingItem(
                specialty,
                format_lazy(
                    _("{author} on “{part}”: {text}"),
                    author=comment.author,
                    part=part.get_kind_display(),
                    text=Truncator(comment.text).chars(120),
                ),
                reverse("ambitions:detail", kwargs={"slug": specialty.slug}) + f"#{part.anchor}",
                kind="comment",
            )
        )
    return items


ROUND_TEXTS = {
    "row": _("Update the status row “{title}” for “{round}” by {date}."),
    "action": _("Update your action “{title}” for “{round}” by {date}."),
    "indicator": _("Measure the indicator “{title}” for “{round}” by {date}."),
}


def _round_items(user: User, today: datetime.date) -> list[WaitingItem]:
    """What the person must update in the open status rounds, due by the round's deadline."""
    items = []
    for task in round_reminders.round_tasks_for(user):
        title = getattr(task.subject, "title", None) or getattr(task.subject, "name", "")
        items.append(
            WaitingItem(
                task.specialty,
                format_lazy(
                    ROUND_TEXTS[task.kind],
                    title=title,
                    round=task.round.name,
                    date=date_format(task.round.deadline),
                ),
                task.url,
                kind="round",
                due=task.round.deadline,
                overdue=task.round.deadline < today,
            )
        )
    return items


def _key_figure_items(
    user: User, specialties: list[Specialty], today: datetime.date
) -> list[WaitingItem]:
    """The key figures still missing for the ended months of an open round's period, for the
    owner and implementation leads of each specialty in it (issue 27): one item per
    specialty and round. No query for a person who is neither; one without an open round."""
    mine = {s.pk: s for s in specialties if specialty_permissions.is_owner_or_lead(user, s)}
    if not mine:
        return []
    items = []
    for round_ in (
        StatusRound.objects.filter(closed_at__isnull=True, specialties__in=list(mine))
        .distinct()
        .prefetch_related("specialties")
        .order_by("deadline", "pk")
    ):
        specialties = [mine[s.pk] for s in round_.specialties.all() if s.pk in mine]
        missing = effect_queries.missing_for(
            specialties, round_.period_start, round_.period_end, today
        )
        for specialty in specialties:
            gaps = missing.get(specialty.pk, [])
            if not gaps:
                continue
            names = ", ".join(dict.fromkeys(m.key_figure.name for m in gaps))
            items.append(
                WaitingItem(
                    specialty,
                    format_lazy(
                        _("Record {count} key figure values ({names}) for “{round}” by {date}."),
                        count=len(gaps),
                        names=names,
                        round=round_.name,
                        date=date_format(round_.deadline),
                    ),
                    reverse("effect:specialty", kwargs={"slug": specialty.slug}),
                    kind="round",
                    due=round_.deadline,
                    overdue=round_.deadline < today,
                )
            )
    return items


def _site_key_figure_items(user: User, today: datetime.date) -> list[WaitingItem]:
    """The key figures per site only still missing for the ended months of an open round's
    period, at the sites of the round's specialties, for the secretariat that records them
    (issue 27): one item per round. They belong to no specialty, so the item names none. No
    query for anyone else."""
    if not effect_permissions.can_record_site_key_figures(user):
        return []
    items = []
    for round_ in StatusRound.objects.filter(closed_at__isnull=True).order_by("deadline", "pk"):
        sites = list(
            Site.objects.filter(specialties__status_rounds=round_)
            .distinct()
            .order_by("order", "name")
        )
        gaps = effect_queries.site_missing_for(sites, round_.period_start, round_.period_end, today)
        if not gaps:
            continue
        items.append(
            WaitingItem(
                None,
                format_lazy(
                    _(
                        "Record {count} key figure values per site ({names}) for “{round}” "
                        "by {date}."
                    ),
                    count=len(gaps),
                    names=", ".join(dict.fromkeys(m.key_figure.name for m in gaps)),
                    round=round_.name,
                    date=date_format(round_.deadline),
                ),
                reverse("effect:sites"),
                kind="round",
                due=round_.deadline,
                overdue=round_.deadline < today,
            )
        )
    return items


def _order(item: WaitingItem) -> tuple[int, datetime.date]:
    """Overdue first (the oldest first), then what waits without a date, then by date."""
    if item.overdue:
        return (0, item.due or datetime.date.min)
    if item.due is None:
        return (1, datetime.date.min)
    return (2, item.due)


def my_tasks(user: User, today: datetime.date) -> list[WaitingItem]:
    """Everything that waits for ``user`` across specialties, the most pressing first."""
    mine = list(Specialty.objects.with_people().for_member(user))
    # The secretariat keeps every specialty's people right, so every gap waits for them.
    watched = (
        list(Specialty.objects.with_people()) if people_permissions.is_secretariat(user) else mine
    )
    items = (
        ambition_queries.waiting_for(user, mine)
        + specialty_queries.waiting_for(user, watched)
        + _professional_items(user, today)
        + _round_items(user, today)
        + _key_figure_items(user, mine, today)
        + _site_key_figure_items(user, today)
        + dependencies.waiting_for(user, today)
    )
    return sorted(items, key=_order)


@dataclass(frozen=True)
class TaskGroup:
    kind: str
    title: str | Promise
    items: list[WaitingItem]


def grouped(items: Sequence[WaitingItem]) -> list[TaskGroup]:
    """The items by kind, in the page's order, leaving out the empty groups."""
    return [
        TaskGroup(kind, title, [i for i in items if i.kind == kind])
        for kind, title in TASK_KINDS
        if any(i.kind == kind for i in items)
    ]


# -- The programme plan, as a timeline -------------------------------------------------------

# The timeline's drawing area, in SVG user units: the names' column, then the bars.
TIMELINE_LABEL_WIDTH = 230
TIMELINE_WIDTH = 720
TIMELINE_ROW_HEIGHT = 30


@dataclass(frozen=True)
class TimelineBar:
    planned: PlannedPhase
    x: int
    width: int
    is_current: bool


@dataclass(frozen=True)
class TimelineRow:
    specialty: Specialty
    current: PlannedPhase | None
    bars: list[TimelineBar]
    y: int


@dataclass(frozen=True)
class Timeline:
    """Each specialty's phases on one time axis, from the first start to the last end."""

    start: datetime.date | None
    end: datetime.date | None
    rows: list[TimelineRow]
    today_x: int | None
    years: list[tuple[int, int]]  # (x, year) where a year begins
    height: int
    label_width: int = TIMELINE_LABEL_WIDTH
    width: int = TIMELINE_LABEL_WIDTH + TIMELINE_WIDTH


def plan_timeline(today: datetime.date) -> Timeline:
    """The programme plan for every specialty (two queries and the people's prefetch)."""
    specialties = list(Specialty.objects.order_by("name"))
    phases: dict[int, list[PlannedPhase]] = {s.pk: [] for s in specialties}
    for planned in PlannedPhase.objects.order_by("starts_on", "pk"):
        phases[planned.specialty_id].append(planned)
    dates = [p.starts_on for ps in phases.values() for p in ps] + [
        p.ends_on for ps in phases.values() for p in ps if p.ends_on is not None
    ]
    height = 30 + TIMELINE_ROW_HEIGHT * len(specialties)
    if not dates:
        rows = [
            TimelineRow(s, None, [], 30 + i * TIMELINE_ROW_HEIGHT)
            for i, s in enumerate(specialties)
        ]
        return Timeline(None, None, rows, None, [], height)
    start, end = min(dates), max(max(dates), today)
    span = max(1, (end - start).days)

    def x_of(day: datetime.date) -> int:
        return TIMELINE_LABEL_WIDTH + round(TIMELINE_WIDTH * (day - start).days / span)

    rows = []
    for i, specialty in enumerate(specialties):
        current = current_phase(phases[specialty.pk], today)
        bars = [
            TimelineBar(
                planned=p,
                x=x_of(p.starts_on),
                width=max(2, x_of(p.ends_on or end) - x_of(p.starts_on)),
                is_current=p == current,
            )
            for p in phases[specialty.pk]
        ]
        rows.append(TimelineRow(specialty, current, bars, 30 + i * TIMELINE_ROW_HEIGHT))
    years = [
        (x_of(datetime.date(year, 1, 1)), year) for year in range(start.year + 1, end.year + 1)
    ]
    return Timeline(start, end, rows, x_of(today), years, height)


def secretariat_contact() -> SecretariatContact | None:
    """Whom people without a role contact, if the secretariat has said (one query)."""
    return SecretariatContact.objects.filter(pk=SecretariatContact.SINGLETON).first()


CONTENT_FORMAT = 1


def programme_snapshot() -> dict[str, object]:
    parts = ProgrammePart.objects.order_by("order")
    return {"format": CONTENT_FORMAT, "parts": [{"kind": p.kind, "text": p.text} for p in parts]}
