"""The predicates of the apps' ``permissions`` modules for templates, so pages ask what views
enforce."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import template

from ambitions import permissions as ambition_permissions
from bass.permissions import AnyUser
from effect import permissions as effect_permissions
from inspiration import permissions as inspiration_permissions
from people import permissions as people_permissions
from programme import permissions as programme_permissions
from rounds import permissions as round_permissions
from specialties import permissions as specialty_permissions
from sustainability import permissions as sustainability_permissions

if TYPE_CHECKING:
    from ambitions.models import Dependency, StrategicAmbition
    from specialties.models import Specialty

register = template.Library()


@register.filter
def can_manage_core_team(user: AnyUser, specialty: Specialty) -> bool:
    return specialty_permissions.can_manage_core_team(user, specialty)


@register.filter
def can_edit_reference_data(user: AnyUser) -> bool:
    return people_permissions.can_edit_reference_data(user)


@register.filter
def can_view_ambition(user: AnyUser, specialty: Specialty) -> bool:
    return specialty_permissions.can_view_ambition(user, specialty)


# -- The professional ambition ---------------------------------------------------------------


@register.filter
def can_open_professional_ambition(user: AnyUser, ambition: StrategicAmbition | None) -> bool:
    return ambition_permissions.can_open_professional_ambition(user, ambition)


@register.filter
def can_edit_frameworks(user: AnyUser, specialty: Specialty) -> bool:
    return ambition_permissions.can_edit_frameworks(user, specialty)


@register.filter
def can_edit_status(user: AnyUser, specialty: Specialty) -> bool:
    return ambition_permissions.can_edit_status(user, specialty)


@register.filter
def can_view_programme_overview(user: AnyUser) -> bool:
    return programme_permissions.can_view_programme_overview(user)


@register.filter
def can_read_approved_ambition(user: AnyUser, specialty: Specialty) -> bool:
    return ambition_permissions.can_read_approved_ambition(user, specialty)


@register.filter
def can_view_professional_ambition(user: AnyUser, specialty: Specialty) -> bool:
    return ambition_permissions.can_view_professional_ambition(user, specialty)


@register.filter
def can_discuss_professional(user: AnyUser, specialty: Specialty) -> bool:
    return ambition_permissions.can_discuss_professional(user, specialty)


@register.filter
def can_view_professional_history(user: AnyUser, specialty: Specialty) -> bool:
    return sustainability_permissions.can_view_professional_history(user, specialty)


@register.filter
def can_edit_inspiration(user: AnyUser) -> bool:
    return inspiration_permissions.can_edit_inspiration(user)


@register.filter
def can_view_rounds(user: AnyUser) -> bool:
    return round_permissions.can_view_rounds(user)


@register.filter
def can_invite_to_specialty(user: AnyUser, specialty: Specialty) -> bool:
    return specialty_permissions.can_invite_to_specialty(user, specialty)


@register.filter
def can_manage_people(user: AnyUser) -> bool:
    return people_permissions.can_manage_people(user)


@register.filter
def can_view_key_figures(user: AnyUser) -> bool:
    return effect_permissions.can_view_key_figures(user)


@register.filter
def can_edit_population_picture(user: AnyUser, specialty: Specialty) -> bool:
    return specialty_permissions.can_edit_population_picture(user, specialty)


# -- Dependencies between specialties ---------------------------------------------------------


@register.filter
def can_change_dependency(user: AnyUser, dependency: Dependency) -> bool:
    return ambition_permissions.can_change_dependency(user, dependency)


@register.filter
def can_withdraw_dependency(user: AnyUser, dependency: Dependency) -> bool:
    return ambition_permissions.can_withdraw_dependency(user, dependency)


@register.filter
def can_answer_dependency(user: AnyUser, dependency: Dependency) -> bool:
    return ambition_permissions.can_answer_dependency(user, dependency)
