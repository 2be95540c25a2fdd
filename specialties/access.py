"""Fetch a specialty for what the user wants to do with it, or refuse.

404 when the user may not see it, 403 when they may see it but not do this; the rules live
in each app's ``permissions`` module. ``get_specialty`` and ``strategic_ambition_of`` are the one
way
every app loads "the specialty, if this person may see it under this rule" and "its strategic
ambition": the access functions of sustainability, ambitions and documents build on them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404

from bass.permissions import AnyUser, require
from people import permissions as people_permissions
from specialties import permissions as specialty_permissions
from specialties.models import Invitation, Specialty

if TYPE_CHECKING:
    from ambitions.models import StrategicAmbition


def get_specialty(
    user: AnyUser,
    slug: str,
    *,
    may_see: Callable[[AnyUser, Specialty], bool] = specialty_permissions.can_view_specialty,
) -> Specialty:
    """The specialty with its people, sites and strategic ambition (so every predicate after
    this is free), or 404 when it does not exist or ``may_see`` says the user may not see
    what is asked for.

    Every specialty page starts here, and always from the database: who may see and do what
    is decided by the memberships this request read, never by a kept copy. The first query
    also reads the specialty's content version and the programme's (``bass.cache``), the
    key of everything the page keeps."""
    specialty = Specialty.objects.with_people().with_versions().filter(slug=slug).first()
    if specialty is None or not may_see(user, specialty):
        raise Http404
    return specialty


def strategic_ambition_of(specialty: Specialty) -> StrategicAmbition | None:
    """The specialty's strategic ambition, or None before it is started.

    ``Specialty.objects.with_people()`` selects it, so this costs no query; the ambition gets
    the prefetched specialty back, so the permission predicates on it cost none either. The
    reverse accessor is used instead of importing the model: specialties sit below ambitions.
    """
    try:
        ambition = specialty.strategic_ambition
    except ObjectDoesNotExist:
        return None
    ambition.specialty = specialty
    return ambition


def get_specialty_for_view(user: AnyUser, slug: str) -> Specialty:
    return get_specialty(user, slug)


def get_specialty_for_core_team_edit(user: AnyUser, slug: str) -> Specialty:
    specialty = get_specialty(user, slug)
    require(specialty_permissions.can_manage_core_team(user, specialty))
    return specialty


def get_specialty_for_invite(user: AnyUser, slug: str) -> Specialty:
    """The specialty, for inviting a person to it (at least to its core team)."""
    specialty = get_specialty(user, slug)
    require(specialty_permissions.can_invite_to_specialty(user, specialty))
    return specialty


def get_invitation_for_change(user: AnyUser, slug: str, pk: int) -> tuple[Specialty, Invitation]:
    """A pending invitation of the specialty, for sending it again or withdrawing it: by
    whoever may invite to its role."""
    specialty = get_specialty(user, slug)
    require(specialty_permissions.can_invite_to_specialty(user, specialty))
    invitation = Invitation.objects.pending().filter(specialty=specialty, pk=pk).first()
    if invitation is None:
        raise Http404
    require(specialty_permissions.can_invite(user, specialty, invitation.role))
    return specialty, invitation


def require_people_manager(user: AnyUser) -> None:
    """The people pages are the secretariat's: 403 for anyone else signed in."""
    require(people_permissions.can_manage_people(user))


def get_specialty_for_population_edit(user: AnyUser, slug: str) -> Specialty:
    """The specialty, for writing its population picture: its owner and implementation leads."""
    specialty = get_specialty(user, slug)
    require(specialty_permissions.can_edit_population_picture(user, specialty))
    return specialty
