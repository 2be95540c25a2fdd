"""Who reads and runs the status rounds (issue 13), and reads the programme status report
that sums them up for the steering group."""

from __future__ import annotations

from bass.permissions import AnyUser
from people.permissions import is_secretariat, is_steering_group
from specialties.permissions import is_programme_member


def can_view_rounds(user: AnyUser) -> bool:
    """A status round's page, and what changed since the last round: every programme member
    (the same figures as the programme overview, which they read)."""
    return is_programme_member(user)


def can_manage_rounds(user: AnyUser) -> bool:
    """The secretariat collects "Status og fremdrift" across specialties for the steering
    group (the guide "BASS kort fortalt"): it opens and closes the rounds."""
    return is_secretariat(user)


def can_view_programme_report(user: AnyUser) -> bool:
    """The programme status report covers every specialty, drafts and overdue work
    included: it is for the steering group's meetings and the secretariat who prepares them."""
    return is_steering_group(user) or is_secretariat(user)
