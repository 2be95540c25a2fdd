"""Fetch the improvement tools' objects for what the user wants to do, or refuse.

They belong to the professional ambition, so they follow its rules (the apps' ``permissions``
modules):
whoever may read the ambition reads them, and whoever may edit its actions
(``can_edit_actions``: the specialty's owner, implementation leads and core team) edits the
PDSA cycles, the run charts' baseline periods and the driver diagrams, whose change ideas are
tested by those actions.
"""

from django.shortcuts import get_object_or_404

from ambitions import permissions as ambition_permissions
from ambitions.models import Action, AreaFramework, ProgressIndicator
from ambitions.professional.access import (
    get_action_for_edit,
    get_action_for_view,
    get_framework_for_view,
    get_professional_for_view,
)
from bass.permissions import AnyUser, require
from improvement.models import ChangeIdea, Driver, PDSACycle

__all__ = ["get_action_for_edit", "get_action_for_view"]


def get_indicator_for_view(user: AnyUser, slug: str, pk: int) -> ProgressIndicator:
    ambition = get_professional_for_view(user, slug)
    indicator = get_object_or_404(
        ProgressIndicator.objects.select_related("action__focus_area__framework"),
        action__focus_area__framework__ambition=ambition,
        pk=pk,
    )
    indicator.action.focus_area.framework.ambition = ambition
    return indicator


def get_indicator_for_edit(user: AnyUser, slug: str, pk: int) -> ProgressIndicator:
    """For fixing the baseline period of the indicator's run chart."""
    indicator = get_indicator_for_view(user, slug, pk)
    require(
        ambition_permissions.can_edit_actions(
            user, indicator.action.focus_area.framework.ambition.specialty
        )
    )
    return indicator


def get_cycle_for_edit(user: AnyUser, slug: str, action_pk: int, pk: int) -> PDSACycle:
    action = get_action_for_edit(user, slug, action_pk)
    cycle = get_object_or_404(PDSACycle, action=action, pk=pk)
    cycle.action = action
    return cycle


def get_framework_for_drivers(user: AnyUser, slug: str, pk: int) -> AreaFramework:
    """For editing the framework's driver diagram."""
    framework = get_framework_for_view(user, slug, pk)
    require(ambition_permissions.can_edit_actions(user, framework.ambition.specialty))
    return framework


def get_driver_for_edit(user: AnyUser, slug: str, framework_pk: int, pk: int) -> Driver:
    framework = get_framework_for_drivers(user, slug, framework_pk)
    driver = get_object_or_404(Driver, framework=framework, pk=pk)
    driver.framework = framework
    return driver


def get_idea_for_edit(user: AnyUser, slug: str, framework_pk: int, pk: int) -> ChangeIdea:
    framework = get_framework_for_drivers(user, slug, framework_pk)
    idea = get_object_or_404(
        ChangeIdea.objects.select_related("driver"), driver__framework=framework, pk=pk
    )
    idea.driver.framework = framework
    return idea


def actions_of(framework: AreaFramework) -> list[Action]:
    """The actions a change idea of the framework may be tested by: its own focus areas'."""
    return list(
        Action.objects.filter(focus_area__framework=framework)
        .select_related("focus_area")
        .order_by("focus_area__order", "start_date", "pk")
    )
