"""Who may define, read and record the key figures (effektmål, issue 27).

Views never call these predicates to refuse: ``effect.access`` loads what a view acts on and
turns a "no" into 404 or 403 (``bass.permissions.require``); templates ask the same
predicates through the ``bass_permissions`` template tags.
"""

from __future__ import annotations

from bass.permissions import AnyUser
from people.permissions import is_secretariat
from specialties.models import Specialty
from specialties.permissions import is_owner_or_lead, is_programme_member


def can_define_key_figures(user: AnyUser) -> bool:
    """The secretariat defines the key figures and the programme's start, as it keeps the
    other reference data."""
    return is_secretariat(user)


def can_view_key_figures(user: AnyUser) -> bool:
    """A specialty's key figures, their trends and the before/after page: every programme
    member (the same people who read the programme overview)."""
    return is_programme_member(user)


def can_record_key_figures(user: AnyUser, specialty: Specialty) -> bool:
    """The people responsible for a specialty record its key figures: the owner and the
    implementation leads (the secretariat helps, as it keeps the figures per site)."""
    return is_owner_or_lead(user, specialty) or is_secretariat(user)


def can_record_site_key_figures(user: AnyUser) -> bool:
    """A key figure per site only belongs to no specialty: the secretariat records it."""
    return is_secretariat(user)
