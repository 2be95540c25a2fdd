"""Fetch the library's entries, and the challenges and actions they meet, for what the user
wants to do, or refuse.

404 when the user may not see it, 403 when they may see it but not change it; the rules are
in each app's ``permissions`` module. Challenges and actions are loaded by their own apps' access
functions, so the library never widens who sees them.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404

from ambitions.models import Action
from ambitions.professional.access import get_action_for_edit, get_action_for_view
from bass.permissions import AnyUser, require
from inspiration import permissions as inspiration_permissions
from inspiration.models import Case
from inspiration.queries import cases_queryset
from sustainability.access import get_challenges_for_view
from sustainability.models import Challenge


def require_library_read(user: AnyUser) -> None:
    if not inspiration_permissions.can_read_inspiration(user):
        raise Http404


def require_library_edit(user: AnyUser) -> None:
    """For adding cases: the library is readable by all, so a refusal is 403."""
    require_library_read(user)
    require(inspiration_permissions.can_edit_inspiration(user))


def get_case_for_view(user: AnyUser, slug: str) -> Case:
    require_library_read(user)
    return get_object_or_404(cases_queryset(), slug=slug)


def get_case_for_edit(user: AnyUser, slug: str) -> Case:
    case = get_case_for_view(user, slug)
    require(inspiration_permissions.can_edit_inspiration(user))
    return case


def get_challenge_for_inspiration(user: AnyUser, slug: str, pk: int) -> Challenge:
    """The challenge, if the user may read the specialty's challenges
    (``permissions.can_view_ambition``)."""
    specialty = get_challenges_for_view(user, slug)
    challenge = (
        Challenge.objects.filter(specialty=specialty, pk=pk)
        .select_related("primary_perspective")
        .first()
    )
    if challenge is None:
        raise Http404
    challenge.specialty = specialty
    return challenge


def get_action_for_inspiration(user: AnyUser, slug: str, pk: int) -> Action:
    """The action, if the user may read it (every programme member once approved)."""
    return get_action_for_view(user, slug, pk)


def get_action_for_citing(user: AnyUser, slug: str, pk: int) -> Action:
    """The action, if the user may edit it and so cite cases as its inspiration."""
    action = get_action_for_edit(user, slug, pk)
    require(
        inspiration_permissions.can_cite_inspiration(
            user, action.focus_area.framework.ambition.specialty
        )
    )
    return action
