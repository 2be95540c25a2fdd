"""Fetch the professional ambition and its parts for what the user wants to do, or refuse.

404 when the user may not see it, 403 when they may see it but not change it; the rules are
in each app's ``permissions`` module.
"""

from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404
from django.shortcuts import get_object_or_404

from ambitions import permissions as ambition_permissions
from ambitions.models import (
    Action,
    AreaFramework,
    FundsRequest,
    InterventionFocusArea,
    ProfessionalAmbition,
)
from bass.permissions import AnyUser, require
from specialties.access import get_specialty, strategic_ambition_of
from specialties.models import Specialty
from sustainability import permissions as sustainability_permissions


def get_specialty_for_professional(user: AnyUser, slug: str) -> Specialty:
    """The specialty (people prefetched) if the user may read its professional ambition:
    its own people and the programme, and every programme member once its strategic
    ambition is approved (``permissions.LEARNING_RULE``)."""
    return get_specialty(user, slug, may_see=ambition_permissions.can_view_professional_ambition)


def get_specialty_for_professional_open(user: AnyUser, slug: str) -> Specialty:
    """For opening the professional ambition: the owner or a lead, once approved."""
    specialty = get_specialty_for_professional(user, slug)
    require(
        ambition_permissions.can_open_professional_ambition(user, strategic_ambition_of(specialty))
    )
    return specialty


def get_professional_for_view(user: AnyUser, slug: str) -> ProfessionalAmbition:
    specialty = get_specialty_for_professional(user, slug)
    try:
        ambition = specialty.professional_ambition  # selected with the specialty
    except ObjectDoesNotExist:
        raise Http404 from None
    ambition.specialty = specialty
    return ambition


def get_professional_for_frameworks(user: AnyUser, slug: str) -> ProfessionalAmbition:
    """For keeping the frameworks in step with the approved strategic ambition."""
    ambition = get_professional_for_view(user, slug)
    require(ambition_permissions.can_edit_frameworks(user, ambition.specialty))
    return ambition


def get_framework_for_view(user: AnyUser, slug: str, pk: int) -> AreaFramework:
    ambition = get_professional_for_view(user, slug)
    framework = get_object_or_404(AreaFramework, ambition=ambition, pk=pk)
    framework.ambition = ambition
    return framework


def get_framework_for_edit(user: AnyUser, slug: str, pk: int) -> AreaFramework:
    """For the framework's own fields, outcome goals, actors, focus areas and core team."""
    framework = get_framework_for_view(user, slug, pk)
    require(ambition_permissions.can_edit_frameworks(user, framework.ambition.specialty))
    return framework


def get_framework_for_status(user: AnyUser, slug: str, pk: int) -> AreaFramework:
    framework = get_framework_for_view(user, slug, pk)
    require(ambition_permissions.can_edit_status(user, framework.ambition.specialty))
    return framework


def get_focus_area_for_view(user: AnyUser, slug: str, pk: int) -> InterventionFocusArea:
    ambition = get_professional_for_view(user, slug)
    focus_area = get_object_or_404(
        InterventionFocusArea.objects.select_related("framework"),
        framework__ambition=ambition,
        pk=pk,
    )
    focus_area.framework.ambition = ambition
    return focus_area


def get_focus_area_for_actions(user: AnyUser, slug: str, pk: int) -> InterventionFocusArea:
    """For adding actions to the focus area."""
    focus_area = get_focus_area_for_view(user, slug, pk)
    require(ambition_permissions.can_edit_actions(user, focus_area.framework.ambition.specialty))
    return focus_area


def get_action_for_view(user: AnyUser, slug: str, pk: int) -> Action:
    ambition = get_professional_for_view(user, slug)
    action = get_object_or_404(
        Action.objects.select_related("focus_area__framework", "responsible"),
        focus_area__framework__ambition=ambition,
        pk=pk,
    )
    action.focus_area.framework.ambition = ambition
    return action


def get_action_for_edit(user: AnyUser, slug: str, pk: int) -> Action:
    """For the action itself, its milestones, indicators and measurements."""
    action = get_action_for_view(user, slug, pk)
    require(
        ambition_permissions.can_edit_actions(user, action.focus_area.framework.ambition.specialty)
    )
    return action


def get_framework_for_history(user: AnyUser, slug: str, pk: int) -> AreaFramework:
    """For the framework's history (its status row's included): like the strategic
    ambition's history, for the specialty's people and the programme (404 for the rest)."""
    framework = get_framework_for_view(user, slug, pk)
    if not sustainability_permissions.can_view_professional_history(
        user, framework.ambition.specialty
    ):
        raise Http404
    return framework


def get_action_for_history(user: AnyUser, slug: str, pk: int) -> Action:
    action = get_action_for_view(user, slug, pk)
    if not sustainability_permissions.can_view_professional_history(
        user, action.focus_area.framework.ambition.specialty
    ):
        raise Http404
    return action


# -- Transition funds (issue 28, item 6) --------------------------------------------------------


def get_professional_for_funds(user: AnyUser, slug: str) -> ProfessionalAmbition:
    """The professional ambition whose requests for transition funds the user may read."""
    specialty = get_specialty(user, slug, may_see=ambition_permissions.can_view_funds)
    try:
        ambition = specialty.professional_ambition  # selected with the specialty
    except ObjectDoesNotExist:
        raise Http404 from None
    ambition.specialty = specialty
    return ambition


def get_professional_for_funds_request(user: AnyUser, slug: str) -> ProfessionalAmbition:
    """For asking for transition funds: the owner or an implementation lead."""
    ambition = get_professional_for_funds(user, slug)
    require(ambition_permissions.can_request_funds(user, ambition.specialty))
    return ambition


def check_open_funds(user: AnyUser) -> None:
    """The page of open requests across the programme, or 404."""
    if not ambition_permissions.can_view_open_funds(user):
        raise Http404


def get_funds_request_for_decision(user: AnyUser, pk: int) -> FundsRequest:
    """A request the steering group decides: 404 for who may not see the specialty's
    requests, 403 for who may see them but not decide."""
    funds_request = get_object_or_404(
        FundsRequest.objects.select_related(
            "specialty", "action", "framework", "requested_by", "decided_by"
        ),
        pk=pk,
    )
    specialty = get_specialty(
        user, funds_request.specialty.slug, may_see=ambition_permissions.can_view_funds
    )
    funds_request.specialty = specialty
    require(ambition_permissions.can_decide_funds(user))
    return funds_request
