"""Who reads and keeps the programme: its overview, strategic ambition and plan (issue 12)."""

from __future__ import annotations

from bass.permissions import AnyUser
from people.permissions import is_secretariat
from specialties.permissions import is_programme_member


def can_view_programme_overview(user: AnyUser) -> bool:
    """The overview of every specialty is the steering group's and the secretariat's tool,
    and readable by every programme member: the figures are about approved work."""
    return is_programme_member(user)


def can_view_programme(user: AnyUser) -> bool:
    """The programme's own strategic ambition and plan: every programme member."""
    return is_programme_member(user)


def can_edit_programme(user: AnyUser) -> bool:
    """The secretariat writes the programme's strategic ambition and keeps its plan."""
    return is_secretariat(user)


def can_edit_secretariat_contact(user: AnyUser) -> bool:
    """The secretariat says whom people without a role contact (everyone signed in sees it)."""
    return is_secretariat(user)
