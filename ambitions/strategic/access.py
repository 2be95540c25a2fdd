"""Fetch a specialty's strategic ambition for what the user wants to do, or refuse.

404 when the user may not see it, 403 when they may see it but not do this. The rules
themselves are in ``bass.permissions``.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from ambitions.models import AmbitionPart, ApprovalCondition, InterventionArea, StrategicAmbition
from bass import permissions
from bass.permissions import AnyUser
from specialties.models import Specialty


def get_specialty_for_ambition(user: AnyUser, slug: str) -> Specialty:
    specialty = Specialty.objects.with_people().filter(slug=slug).first()
    if specialty is None or not permissions.can_view_ambition(user, specialty):
        raise Http404
    return specialty


def get_ambition_for_view(user: AnyUser, slug: str) -> StrategicAmbition:
    specialty = get_specialty_for_ambition(user, slug)
    ambition = _ambition_of(specialty)
    if ambition is None:
        raise Http404
    return ambition


def get_ambition_for_edit(user: AnyUser, slug: str) -> StrategicAmbition:
    """For the owner and implementation leads. Whether its state allows editing is the
    service's to say, so a late editor gets their text back with an explanation."""
    ambition = get_ambition_for_view(user, slug)
    if not (
        permissions.is_owner(user, ambition.specialty)
        or permissions.is_implementation_lead(user, ambition.specialty)
    ):
        raise PermissionDenied
    return ambition


def get_part_for_edit(user: AnyUser, slug: str, kind: str) -> AmbitionPart:
    ambition = get_ambition_for_edit(user, slug)
    part = get_object_or_404(
        AmbitionPart.objects.select_related("updated_by"), ambition=ambition, kind=kind
    )
    part.ambition = ambition
    return part


def get_part_for_view(user: AnyUser, slug: str, kind: str) -> AmbitionPart:
    ambition = get_ambition_for_view(user, slug)
    part = get_object_or_404(
        AmbitionPart.objects.select_related("updated_by"), ambition=ambition, kind=kind
    )
    part.ambition = ambition
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
    if not permissions.can_follow_up_condition(user, condition, ambition.specialty):
        raise PermissionDenied
    return condition


def _ambition_of(specialty: Specialty) -> StrategicAmbition | None:
    try:
        ambition = specialty.strategic_ambition
    except StrategicAmbition.DoesNotExist:
        return None
    ambition.specialty = specialty  # keep the prefetched people
    return ambition
