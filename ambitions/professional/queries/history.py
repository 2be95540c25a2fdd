"""The history pages of a framework and an action: every saved change, who, when, before and
after."""

from __future__ import annotations

from ambitions.models import (
    Action,
    AreaFramework,
)
from bass import history

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
