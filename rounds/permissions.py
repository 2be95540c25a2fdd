"""Who reads and runs the status rounds (issue 13)."""

from __future__ import annotations

from bass.permissions import AnyUser
from people.permissions import is_secretariat
from specialties.permissions import is_programme_member


def can_view_rounds(user: AnyUser) -> bool:
    """A status round's page, and what changed since the last round: every programme member
    (the same figures as the programme overview, which they read)."""
    return is_programme_member(user)


def can_manage_rounds(user: AnyUser) -> bool:
    """The secretariat collects "Status og fremdrift" across specialties for the steering
    group (the guide "BASS kort fortalt"): it opens and closes the rounds."""
    return is_secretariat(user)
