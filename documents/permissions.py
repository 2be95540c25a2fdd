"""Who reads the programme-wide documents."""

from __future__ import annotations

from bass.permissions import AnyUser
from people.permissions import is_secretariat, is_steering_group


def can_view_programme_report(user: AnyUser) -> bool:
    """The programme status report covers every specialty, drafts and overdue work
    included: it is for the steering group's meetings and the secretariat who prepares them."""
    return is_steering_group(user) or is_secretariat(user)
