"""Who a person is in the programme: the programme roles (``ProgrammeRole``) and what they
alone may do (reference data, the people pages).

Views never call these predicates to refuse: each app's ``access.py`` loads what a view acts
on and turns a "no" into 404 or 403 (``bass.permissions.require``); templates ask the same
predicates through the ``bass_permissions`` template tags.
"""

from __future__ import annotations

from bass.permissions import AnyUser, is_signed_in
from people.models import ProgrammeRole


def programme_role(user: AnyUser) -> str:
    """The person's programme role (a ``ProgrammeRole``), "" without one or signed out."""
    return str(getattr(user, "programme_role", "")) if is_signed_in(user) else ""


def is_steering_group(user: AnyUser) -> bool:
    """A member of the BASS steering group (BASS-programstyregruppe)."""
    return programme_role(user) == ProgrammeRole.STEERING_GROUP


def is_secretariat(user: AnyUser) -> bool:
    """A member of the BASS secretariat (BASS-sekretariat)."""
    return programme_role(user) == ProgrammeRole.SECRETARIAT


def can_edit_reference_data(user: AnyUser) -> bool:
    """Sites, specialties, professions, perspectives and principles: the secretariat's job
    (and a superuser's, who runs the installation)."""
    return is_secretariat(user) or (
        is_signed_in(user) and bool(getattr(user, "is_superuser", False))
    )


def can_manage_people(user: AnyUser) -> bool:
    """The people pages (everyone's roles, deactivating and reactivating accounts): the
    secretariat's job."""
    return is_secretariat(user)
