"""Who reads, keeps and cites the inspiration library (issue 15)."""

from __future__ import annotations

from ambitions.permissions import can_edit_actions
from bass.permissions import AnyUser, is_signed_in
from people.permissions import can_edit_reference_data
from specialties.models import Specialty


def can_read_inspiration(user: AnyUser) -> bool:
    """The national analysis's cases are public knowledge, and the point of the library is
    that every team meets them where it works: every signed-in person reads it."""
    return is_signed_in(user)


def can_edit_inspiration(user: AnyUser) -> bool:
    """The secretariat keeps the library, as it keeps the other reference data."""
    return can_edit_reference_data(user)


def can_cite_inspiration(user: AnyUser, specialty: Specialty) -> bool:
    """An action's inspiration is part of the action: whoever may edit the action cites cases
    for it (``can_edit_actions``)."""
    return can_edit_actions(user, specialty)
