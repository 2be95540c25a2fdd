"""Siden sidste runde: what moved, what is new and what slipped between a specialty's last
closed round and now (or a later round), read from two snapshots (``rounds.queries``)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from ambitions.models import ActionStatus
from rounds.models import StatusRound

# Worse is higher: a light that goes up has slipped, one that goes down has moved on.
LIGHT_RANK = {"green": 0, "none": 1, "amber": 2, "red": 3}


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
