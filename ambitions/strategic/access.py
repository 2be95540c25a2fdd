"""Fetch a specialty's strategic ambition for what the user wants to do, or refuse.

One function per verb: 404 when the user may not see it, 403 when they may see it but not do
this. The rules themselves are in each app's ``permissions`` module; the specialty and its ambition
are
loaded by ``specialties.access``.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404

from ambitions import permissions as ambition_permissions
from ambitions.models import (
    AmbitionPart,
    AmbitionVersion,
    ApprovalCondition,
    Dilemma,
    InterventionArea,
    Prerequisite,
    StrategicAmbition,
)
from bass.permissions import AnyUser, require
from people import permissions as people_permissions
from specialties import permissions as specialty_permissions
from specialties.access import get_specialty, strategic_ambition_of
from specialties.models import Specialty


def get_specialty_for_ambition(user: AnyUser, slug: str) -> Specialty:
    """The specialty, if the user may read its strategic ambition (started or not)."""
    return get_specialty(user, slug, may_see=specialty_permissions.can_view_ambition)


def get_specialty_for_reading(user: AnyUser, slug: str) -> Specialty:
    """The specialty, if the user may read its strategic ambition's working copy or, as a
    programme member learning across specialties, its approved version."""
    return get_specialty(
        user,
        slug,
        may_see=lambda u, s: (
            specialty_permissions.can_view_ambition(u, s)
            or ambition_permissions.can_read_approved_ambition(u, s)
        ),
    )


def get_approved_for_view(user: AnyUser, slug: str) -> tuple[StrategicAmbition, AmbitionVersion]:
    """The strategic ambition and its approved, valid version (``LEARNING_RULE``)."""
    specialty = get_specialty(user, slug, may_see=ambition_permissions.can_read_approved_ambition)
    ambition = strategic_ambition_of(specialty)
    if ambition is None or ambition.approved_version is None:
        raise Http404
    return ambition, ambition.approved_version


def get_specialty_for_ambition_start(user: AnyUser, slug: str) -> Specialty:
    specialty = get_specialty_for_ambition(user, slug)
    require(ambition_permissions.can_start_ambition(user, specialty))
    return specialty


def get_ambition_for_view(user: AnyUser, slug: str) -> StrategicAmbition:
    ambition = strategic_ambition_of(get_specialty_for_ambition(user, slug))
    if ambition is None:
        raise Http404
    return ambition


def get_ambition_for_edit(user: AnyUser, slug: str) -> StrategicAmbition:
    """For the owner and implementation leads. Whether its state allows editing is the
    service's to say, so a late editor gets their text back with an explanation."""
    ambition = get_ambition_for_view(user, slug)
    require(specialty_permissions.is_owner_or_lead(user, ambition.specialty))
    return ambition


def get_ambition_for_submit(user: AnyUser, slug: str) -> StrategicAmbition:
    """For the owner; whether the state allows submitting is the service's to say."""
    ambition = get_ambition_for_view(user, slug)
    require(specialty_permissions.is_owner(user, ambition.specialty))
    return ambition


def get_ambition_for_revision(user: AnyUser, slug: str) -> StrategicAmbition:
    """For the owner; whether the state allows a revision is the service's to say."""
    return get_ambition_for_submit(user, slug)


def get_ambition_for_decision(user: AnyUser, slug: str) -> StrategicAmbition:
    """For the steering group; whether a version awaits a decision is the view's to say."""
    ambition = get_ambition_for_view(user, slug)
    require(people_permissions.is_steering_group(user))
    return ambition


def _part(ambition: StrategicAmbition, kind: str) -> AmbitionPart:
    part = get_object_or_404(
        AmbitionPart.objects.select_related("updated_by"), ambition=ambition, kind=kind
    )
    part.ambition = ambition
    return part


def get_part_for_view(user: AnyUser, slug: str, kind: str) -> AmbitionPart:
    return _part(get_ambition_for_view(user, slug), kind)


def get_part_for_edit(user: AnyUser, slug: str, kind: str) -> AmbitionPart:
    return _part(get_ambition_for_edit(user, slug), kind)


def get_part_for_comment(user: AnyUser, slug: str, kind: str) -> AmbitionPart:
    part = get_part_for_view(user, slug, kind)
    require(ambition_permissions.can_comment(user, part.ambition.specialty))
    return part


def get_area_for_edit(user: AnyUser, slug: str, pk: int) -> InterventionArea:
    ambition = get_ambition_for_edit(user, slug)
    area = get_object_or_404(InterventionArea, ambition=ambition, pk=pk)
    area.ambition = ambition
    return area


def get_condition_for_follow_up(user: AnyUser, slug: str, pk: int) -> ApprovalCondition:
    ambition = get_ambition_for_view(user, slug)
    condition = get_object_or_404(
        ApprovalCondition.objects.select_related("version"), version__ambition=ambition, pk=pk
    )
    condition.version.ambition = ambition
    require(ambition_permissions.can_follow_up_condition(user, condition, ambition.specialty))
    return condition


def check_decision_register(user: AnyUser) -> None:
    """The programme-wide register is not for everyone: 404 for those it is not for."""
    if not ambition_permissions.can_view_decision_register(user):
        raise Http404


def get_ambition_for_dilemmas(user: AnyUser, slug: str) -> StrategicAmbition:
    """For the owner and implementation leads, whatever the ambition's state: the dilemma
    register belongs to the specialty and goes on while versions are decided."""
    ambition = get_ambition_for_view(user, slug)
    require(specialty_permissions.is_owner_or_lead(user, ambition.specialty))
    return ambition


def get_dilemma_for_edit(user: AnyUser, slug: str, pk: int) -> Dilemma:
    ambition = get_ambition_for_dilemmas(user, slug)
    dilemma = get_object_or_404(Dilemma, specialty=ambition.specialty, pk=pk)
    dilemma.specialty = ambition.specialty
    return dilemma


def _prerequisite(ambition: StrategicAmbition, pk: int) -> Prerequisite:
    prerequisite = get_object_or_404(
        Prerequisite.objects.select_related("responsible", "state_changed_by"),
        specialty=ambition.specialty,
        pk=pk,
    )
    prerequisite.specialty = ambition.specialty
    return prerequisite


def get_prerequisite_for_view(user: AnyUser, slug: str, pk: int) -> Prerequisite:
    """Every reader of the strategic ambition reads its prerequisites."""
    return _prerequisite(get_ambition_for_view(user, slug), pk)


def get_prerequisite_for_edit(user: AnyUser, slug: str, pk: int) -> Prerequisite:
    """For the owner and implementation leads, whatever the ambition's state: like the
    dilemmas, the prerequisites are the specialty's and are followed up between versions."""
    return _prerequisite(get_ambition_for_dilemmas(user, slug), pk)


def get_prerequisite_for_state(user: AnyUser, slug: str, pk: int) -> Prerequisite:
    """For the person responsible (and the owner and implementation leads)."""
    prerequisite = get_prerequisite_for_view(user, slug, pk)
    require(
        ambition_permissions.can_change_prerequisite_state(
            user, prerequisite, prerequisite.specialty
        )
    )
    return prerequisite
