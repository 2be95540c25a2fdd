"""Fetch the status rounds for what the user wants to do, or refuse.

404 when the user may not see rounds at all, 403 when they may see them but not open or
close one; the rules are ``permissions.can_view_rounds`` and ``can_manage_rounds``.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404

from bass.permissions import AnyUser, require
from rounds import permissions as round_permissions
from rounds.models import StatusRound
from specialties.access import get_specialty
from specialties.models import Specialty


def get_rounds_for_view(user: AnyUser) -> None:
    """The list of rounds: every programme member."""
    if not round_permissions.can_view_rounds(user):
        raise Http404


def get_rounds_for_open(user: AnyUser) -> None:
    """Opening a round: the secretariat."""
    get_rounds_for_view(user)
    require(round_permissions.can_manage_rounds(user))


def get_round_for_view(user: AnyUser, pk: int) -> StatusRound:
    get_rounds_for_view(user)
    return get_object_or_404(StatusRound.objects.select_related("opened_by", "closed_by"), pk=pk)


def get_round_for_close(user: AnyUser, pk: int) -> StatusRound:
    round_ = get_round_for_view(user, pk)
    require(round_permissions.can_manage_rounds(user))
    return round_


def get_specialty_for_since(user: AnyUser, slug: str) -> Specialty:
    """A specialty's "siden sidste runde": every programme member."""
    return get_specialty(user, slug, may_see=lambda u, s: round_permissions.can_view_rounds(u))
