"""Every "may this person do this?" of BASS Ambitions, in one place.

Views call these predicates (mostly through the ``get_*_for_*`` access functions of each
app, which turn a "no" into 404 or 403); templates ask the same predicates through the
``bass_permissions`` template tags, so a button is shown exactly when pressing it works.

Specialty predicates read ``specialty.memberships.all()``, which the pages prefetch, so
asking them in a loop costs no queries.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser

if TYPE_CHECKING:
    from specialties.models import Specialty

# What ``request.user`` may be.
AnyUser = AbstractBaseUser | AnonymousUser


def _active(user: AnyUser) -> bool:
    return bool(user.is_authenticated and user.is_active)


def _programme_role(user: AnyUser) -> str:
    return str(getattr(user, "programme_role", "")) if _active(user) else ""


def is_steering_group(user: AnyUser) -> bool:
    """A member of the BASS steering group (BASS-programstyregruppe)."""
    return _programme_role(user) == "steering_group"


def is_secretariat(user: AnyUser) -> bool:
    """A member of the BASS secretariat (BASS-sekretariat)."""
    return _programme_role(user) == "secretariat"


def roles_in(user: AnyUser, specialty: Specialty) -> set[str]:
    """The user's roles in the specialty (values of ``Membership.Role``)."""
    if not _active(user):
        return set()
    return {m.role for m in specialty.memberships.all() if m.user_id == user.pk}


def is_owner(user: AnyUser, specialty: Specialty) -> bool:
    return "owner" in roles_in(user, specialty)


def is_implementation_lead(user: AnyUser, specialty: Specialty) -> bool:
    return "implementation_lead" in roles_in(user, specialty)


def is_core_team_member(user: AnyUser, specialty: Specialty) -> bool:
    return "core_team" in roles_in(user, specialty)


def can_view_specialty(user: AnyUser, specialty: Specialty) -> bool:
    """Every signed-in person may see every specialty and who carries it: the programme
    works in the open across sites, and knowing whom to ask is the point of the page."""
    return _active(user)


def can_manage_core_team(user: AnyUser, specialty: Specialty) -> bool:
    """The owner picks the core team (seed 001/003); the secretariat helps keep it right."""
    return is_owner(user, specialty) or is_secretariat(user)


def can_edit_reference_data(user: AnyUser) -> bool:
    """Sites, specialties, professions, perspectives and principles: the secretariat's job
    (and a superuser's, who runs the installation)."""
    return is_secretariat(user) or (_active(user) and bool(getattr(user, "is_superuser", False)))
