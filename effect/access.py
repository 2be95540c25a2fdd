"""Fetch the key figures for what the user wants to do, or refuse.

404 when the user may not see the key figures at all (``permissions.can_view_key_figures``),
403 when they may see them but not define them (``can_define_key_figures``) or record a
value (``can_record_key_figures``, ``can_record_site_key_figures``).
"""

from django.http import Http404
from django.shortcuts import get_object_or_404

from bass.permissions import AnyUser, require
from effect import permissions as effect_permissions
from effect.models import KeyFigure
from specialties.access import get_specialty
from specialties.models import Specialty


def get_effect_for_view(user: AnyUser) -> None:
    """The key figures' pages: every programme member."""
    if not effect_permissions.can_view_key_figures(user):
        raise Http404


def get_effect_for_define(user: AnyUser) -> None:
    get_effect_for_view(user)
    require(effect_permissions.can_define_key_figures(user))


def get_figure_for_define(user: AnyUser, pk: int) -> KeyFigure:
    get_effect_for_define(user)
    return get_object_or_404(KeyFigure, pk=pk)


def get_specialty_for_effect(user: AnyUser, slug: str) -> Specialty:
    """A specialty's key figures and trends: every programme member."""
    return get_specialty(
        user, slug, may_see=lambda u, s: effect_permissions.can_view_key_figures(u)
    )
