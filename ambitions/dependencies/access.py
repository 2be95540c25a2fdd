"""Fetch a specialty's dependencies, or one of them, for what the user wants to do, or refuse.

404 when the user may not see them (they are for the people of the two specialties and the
programme, ``ambitions.permissions.can_view_dependencies``), 403 when they may see but not do
this. Who may is decided from the memberships this request reads from the database.
"""

from __future__ import annotations

from django.db.models import Q
from django.http import Http404

from ambitions import permissions as ambition_permissions
from ambitions.models import Dependency
from bass.permissions import AnyUser, require
from specialties.access import get_specialty
from specialties.models import Specialty


def get_dependencies_for_view(user: AnyUser, slug: str) -> Specialty:
    """The specialty, with its people, if the user may read its dependencies."""
    return get_specialty(user, slug, may_see=ambition_permissions.can_view_dependencies)


def get_specialty_for_dependency_add(user: AnyUser, slug: str) -> Specialty:
    specialty = get_dependencies_for_view(user, slug)
    require(ambition_permissions.can_ask_dependency(user, specialty))
    return specialty


def _dependency_of(specialty: Specialty, pk: int, *, side: str = "") -> Dependency:
    """A dependency the specialty asks (``side="asked"``), is asked (``"asked_of"``) or either,
    with both specialties' people loaded (the one of the URL is the object already loaded).
    A change is made under the asking specialty's address and an answer under the answering
    one's, so an id never reaches a dependency through the other specialty's address."""
    where = {
        "asked": Q(specialty=specialty),
        "asked_of": Q(depends_on=specialty),
        "": Q(specialty=specialty) | Q(depends_on=specialty),
    }[side]
    dependency = (
        Dependency.objects.filter(where, pk=pk)
        .select_related("challenge", "action", "answered_by", "created_by")
        .first()
    )
    if dependency is None:
        raise Http404
    others = Specialty.objects.with_people()
    if dependency.specialty_id == specialty.pk:
        dependency.specialty = specialty
        dependency.depends_on = others.get(pk=dependency.depends_on_id)
    else:
        dependency.depends_on = specialty
        dependency.specialty = others.get(pk=dependency.specialty_id)
    return dependency


def get_dependency_for_view(user: AnyUser, slug: str, pk: int) -> Dependency:
    return _dependency_of(get_dependencies_for_view(user, slug), pk)


def get_dependency_for_change(user: AnyUser, slug: str, pk: int) -> Dependency:
    """For changing what is asked: the asking specialty's owner or a lead, while it is open,
    questioned or declined."""
    dependency = _dependency_of(get_dependencies_for_view(user, slug), pk, side="asked")
    require(ambition_permissions.can_change_dependency(user, dependency))
    return dependency


def get_dependency_for_withdraw(user: AnyUser, slug: str, pk: int) -> Dependency:
    dependency = _dependency_of(get_dependencies_for_view(user, slug), pk, side="asked")
    require(ambition_permissions.can_withdraw_dependency(user, dependency))
    return dependency


def get_dependency_for_answer(user: AnyUser, slug: str, pk: int) -> Dependency:
    """For answering: the owner or a lead of the specialty depended on, while it is open."""
    dependency = _dependency_of(get_dependencies_for_view(user, slug), pk, side="asked_of")
    require(ambition_permissions.can_answer_dependency(user, dependency))
    return dependency
