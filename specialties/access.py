"""Fetch a specialty for what the user wants to do with it, or refuse.

404 when the user may not see it, 403 when they may see it but not change it. Views use
these and nothing else to load a specialty; the predicates live in ``bass.permissions``.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from bass import permissions
from bass.permissions import AnyUser
from specialties.models import Specialty


def get_specialty_for_view(user: AnyUser, slug: str) -> Specialty:
    specialty = Specialty.objects.with_people().filter(slug=slug).first()
    if specialty is None or not permissions.can_view_specialty(user, specialty):
        raise Http404
    return specialty


def get_specialty_for_core_team_edit(user: AnyUser, slug: str) -> Specialty:
    specialty = get_specialty_for_view(user, slug)
    if not permissions.can_manage_core_team(user, specialty):
        raise PermissionDenied
    return specialty
