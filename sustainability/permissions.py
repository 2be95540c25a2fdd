"""Who may edit a specialty's challenges and choose its core challenges (the guides "BASS kort
fortalt" and "Hvad er en faglig ambition?"), and read the history of its work."""

from __future__ import annotations

from typing import Protocol

from bass.permissions import AnyUser
from specialties.models import Specialty
from specialties.permissions import can_view_ambition, is_owner_or_lead, roles_in
from sustainability.models import Challenge


class Editable(Protocol):
    """What these rules ask of the strategic ambition (``ambitions.StrategicAmbition``, an app
    above this one): whether its parts may change."""

    @property
    def is_editable(self) -> bool: ...


def can_edit_challenges(user: AnyUser, specialty: Specialty) -> bool:
    """The core team adds and tags challenges (the guides "BASS kort fortalt" and "Hvad er en
    faglig ambition?"), with the owner and leads
    (a core challenge only while the ambition is editable: ``can_edit_challenge``)."""
    return bool(roles_in(user, specialty))


def can_edit_challenge(user: AnyUser, challenge: Challenge, ambition: Editable | None) -> bool:
    """The specialty's people edit its challenges. A core challenge is part of the strategic
    ambition, so its text, lenses and tags change only while the parts do (draft or
    returned): the steering group decides on, and the approval covers, what the page shows,
    and a later change shows up under "changes since approval" of a new draft. Ordinary
    challenges are the core team's working list, open at any time."""
    if not can_edit_challenges(user, challenge.specialty):
        return False
    return not challenge.is_core or ambition is None or ambition.is_editable


def can_choose_core_challenges(
    user: AnyUser, specialty: Specialty, ambition: Editable | None
) -> bool:
    """The owner and the implementation leads choose the core challenges and their order;
    not while the ambition is with the steering group or approved."""
    editable = ambition is None or ambition.is_editable
    return editable and is_owner_or_lead(user, specialty)


def can_view_professional_history(user: AnyUser, specialty: Specialty) -> bool:
    """The history of challenges, frameworks and actions (who changed what, before and
    after): like the strategic ambition's, for the specialty's people and the programme."""
    return can_view_ambition(user, specialty)
