"""What one person must do in the open status rounds, and what reminds them of it.

- ``round_tasks_for`` is what one person must update in the open rounds ("Mine opgaver").
- ``reminders_due`` is what the reminder digest may list today, per person.

Both take ``today`` explicitly and run in a fixed number of queries, however many people or
rows there are.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import OuterRef
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from ambitions.models import (
    Action,
    ApprovalCondition,
    AreaFramework,
    Milestone,
    ProgressIndicator,
)
from ambitions.professional.queries import status as progress
from people.models import User
from rounds.models import StatusRound
from rounds.queries import updated_since
from specialties.models import Specialty, holds_a_role

# -- What one person must update in the open rounds ("Mine opgaver") ----------------------------


@dataclass(frozen=True)
class RoundTask:
    """A status row, action or indicator the person answers for and has not updated since
    the round opened."""

    round: StatusRound
    specialty: Specialty
    kind: str  # "row" | "action" | "indicator"
    subject: AreaFramework | Action | ProgressIndicator
    url: str


def open_rounds_key() -> str:
    """Which rounds are open, as a short text: part of the key of a kept page that lists
    what a person must update in them (the home page), so opening or closing a round shows
    at once. Rounds are not content-versioned (``rounds/apps.py``); one small query."""
    open_rounds = StatusRound.objects.filter(closed_at__isnull=True).order_by("pk")
    return "rounds:" + ",".join(str(pk) for pk in open_rounds.values_list("pk", flat=True))


def _open_rounds_by_specialty() -> dict[int, StatusRound]:
    """The open round each specialty is in (the earliest deadline if several); two queries."""
    by_specialty: dict[int, StatusRound] = {}
    for round_ in (
        StatusRound.objects.filter(closed_at__isnull=True)
        .prefetch_related("specialties")
        .order_by("-deadline", "-pk")
    ):
        for specialty in round_.specialties.all():
            by_specialty[specialty.pk] = round_  # the earliest deadline wins
    return by_specialty


FINISHED = progress.FINISHED


def round_tasks_for(user: User) -> list[RoundTask]:
    """What ``user`` must update in the open rounds: the status rows they are responsible
    for, their open actions and those actions' indicators, not updated since the round
    opened. Two queries without an open round, five with."""
    rounds = _open_rounds_by_specialty()
    if not rounds:
        return []
    tasks = []
    for framework in AreaFramework.objects.filter(
        holds_a_role(user, "ambition__specialty"),
        progress_owner=user,
        ambition__specialty_id__in=rounds,
    ).select_related("ambition__specialty"):
        specialty = framework.ambition.specialty
        round_ = rounds[specialty.pk]
        if not updated_since(framework.status_updated_at, round_.opened_at):
            url = reverse("professional:status", kwargs={"slug": specialty.slug})
            tasks.append(
                RoundTask(round_, specialty, "row", framework, f"{url}#status-row-{framework.pk}")
            )
    path = "focus_area__framework__ambition__specialty"
    actions = (
        Action.objects.filter(
            holds_a_role(user, path), responsible=user, **{f"{path}__in": list(rounds)}
        )
        .exclude(status__in=FINISHED)
        .select_related(path)
        .prefetch_related("indicators__measurements")
        .order_by("end_date", "pk")
    )
    for action in actions:
        specialty = action.focus_area.framework.ambition.specialty
        round_ = rounds[specialty.pk]
        url = (
            reverse(
                "professional:focus_area",
                kwargs={"slug": specialty.slug, "pk": action.focus_area_id},
            )
            + f"#action-{action.pk}"
        )
        if not updated_since(action.updated_at, round_.opened_at):
            tasks.append(RoundTask(round_, specialty, "action", action, url))
        for indicator in action.indicators.all():
            if not any(
                updated_since(m.recorded_at, round_.opened_at) for m in indicator.measurements.all()
            ):
                tasks.append(RoundTask(round_, specialty, "indicator", indicator, url))
    return tasks


# -- Reminders --------------------------------------------------------------------------------

# A milestone, a condition or a round's deadline is reminded of this many days before.
REMIND_DAYS = 7
# The last reminder before a deadline: sent whatever the person chose (daily, weekly, never).
LAST_CALL_DAYS = 1


def phase(due: datetime.date, today: datetime.date) -> str:
    """Where a deadline stands: "soon" (within REMIND_DAYS), "last" (within LAST_CALL_DAYS:
    the last reminder) or "overdue". Each phase is reminded of once."""
    days = (due - today).days
    if days < 0:
        return "overdue"
    if days <= LAST_CALL_DAYS:
        return "last"
    return "soon"


@dataclass(frozen=True)
class DueItem:
    """One line of a reminder digest."""

    user: User
    key: str  # what the sent-log remembers: kind, id, deadline and phase
    kind: str  # "milestone" | "round_row" | "condition"
    specialty: Specialty
    text: str | Promise
    due: datetime.date
    phase: str
    path: str  # the page to act on, without the site's address

    @property
    def overdue(self) -> bool:
        return self.phase == "overdue"

    @property
    def is_last_call(self) -> bool:
        return self.phase == "last"


def reminders_due(today: datetime.date) -> dict[int, list[DueItem]]:
    """Everything a digest may list today, by the person's pk (before the sent-log and the
    person's choice are applied): milestones due within REMIND_DAYS or overdue, status rows
    not updated in an open round whose deadline is within REMIND_DAYS or passed, and open
    conditions of approval due within REMIND_DAYS or overdue. Five queries."""
    horizon = today + datetime.timedelta(days=REMIND_DAYS)
    items: dict[int, list[DueItem]] = defaultdict(list)
    for milestone in (
        Milestone.objects.filter(
            holds_a_role(
                OuterRef("action__responsible"),
                "action__focus_area__framework__ambition__specialty",
            ),
            done_on__isnull=True,
            due_date__lte=horizon,
            action__responsible__is_active=True,
        )
        .exclude(action__status__in=FINISHED)
        .select_related("action__responsible", "action__focus_area__framework__ambition__specialty")
        .order_by("due_date", "pk")
    ):
        action = milestone.action
        specialty = action.focus_area.framework.ambition.specialty
        when = phase(milestone.due_date, today)
        text = (
            _("Milestone “{title}” of “{action}” was due {date}.")
            if when == "overdue"
            else _("Milestone “{title}” of “{action}” is due {date}.")
        )
        items[action.responsible_id].append(
            DueItem(
                user=action.responsible,
                key=f"milestone:{milestone.pk}:{milestone.due_date.isoformat()}:{when}",
                kind="milestone",
                specialty=specialty,
                text=format_lazy(
                    text,
                    title=milestone.title,
                    action=action.title,
                    date=date_format(milestone.due_date),
                ),
                due=milestone.due_date,
                phase=when,
                path=reverse(
                    "professional:focus_area",
                    kwargs={"slug": specialty.slug, "pk": action.focus_area_id},
                )
                + f"#action-{action.pk}",
            )
        )
    for condition in (
        ApprovalCondition.objects.open()
        .filter(
            holds_a_role(OuterRef("responsible"), "version__ambition__specialty"),
            deadline__lte=horizon,
            responsible__is_active=True,
        )
        .select_related("responsible", "version__ambition__specialty")
        .order_by("deadline", "pk")
    ):
        specialty = condition.version.ambition.specialty
        when = phase(condition.deadline, today)
        items[condition.responsible_id].append(
            DueItem(
                user=condition.responsible,
                key=f"condition:{condition.pk}:{condition.deadline.isoformat()}:{when}",
                kind="condition",
                specialty=specialty,
                text=format_lazy(
                    _("The condition of approval “{text}” has the deadline {date}."),
                    text=condition.text[:120],
                    date=date_format(condition.deadline),
                ),
                due=condition.deadline,
                phase=when,
                path=reverse("ambitions:detail", kwargs={"slug": specialty.slug}),
            )
        )
    rounds = {s_pk: r for s_pk, r in _open_rounds_by_specialty().items() if r.deadline <= horizon}
    if rounds:
        for framework in AreaFramework.objects.filter(
            holds_a_role(OuterRef("progress_owner"), "ambition__specialty"),
            ambition__specialty_id__in=list(rounds),
            progress_owner__is_active=True,
        ).select_related("progress_owner", "ambition__specialty"):
            specialty = framework.ambition.specialty
            round_ = rounds[specialty.pk]
            owner = framework.progress_owner
            if owner is None or updated_since(framework.status_updated_at, round_.opened_at):
                continue
            when = phase(round_.deadline, today)
            items[owner.pk].append(
                DueItem(
                    user=owner,
                    key=f"round_row:{round_.pk}:{framework.pk}:{round_.deadline.isoformat()}:{when}",
                    kind="round_row",
                    specialty=specialty,
                    text=format_lazy(
                        _("Update the status row “{title}” for “{round}” by {date}."),
                        title=framework.title,
                        round=round_.name,
                        date=date_format(round_.deadline),
                    ),
                    due=round_.deadline,
                    phase=when,
                    path=reverse("professional:status", kwargs={"slug": specialty.slug})
                    + f"#status-row-{framework.pk}",
                )
            )
    for found in items.values():
        found.sort(key=lambda i: (i.due, i.key))
    return dict(items)
