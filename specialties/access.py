"""Fetch a specialty for what the user wants to do with it, or refuse.

404 when the user may not see it, 403 when they may see it but not do this; the rules live
in ``bass.permissions``. ``get_specialty`` and ``strategic_ambition_of`` are the one way
every app loads "the specialty, if this person may see it under this rule" and "its strategic
ambition": the access functions of sustainability, ambitions and documents build on them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from django.core.cache import cache
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404

from bass import permissions
from bass.cache import KEEP_FOR, may_keep, version
from bass.permissions import AnyUser, require
from specialties.models import Specialty

if TYPE_CHECKING:
    from ambitions.models import StrategicAmbition


# The id behind each slug this process has met. Only a hint: what it leads to is checked
# against the slug asked for, so a renamed or deleted specialty is simply loaded again.
_IDS_BY_SLUG: dict[str, int] = {}
_KEY = "bass:specialty:{}:{}"


def get_specialty(
    user: AnyUser,
    slug: str,
    *,
    may_see: Callable[[AnyUser, Specialty], bool] = permissions.can_view_specialty,
) -> Specialty:
    """The specialty with its people, sites and strategic ambition (so every predicate after
    this is free), or 404 when it does not exist or ``may_see`` says the user may not see
    what is asked for.

    Every specialty page starts here, so the loaded specialty is kept in the cache under its
    content version (``bass.cache``; a change to it, its memberships, its ambition's state
    or a person's name makes a new one): a page pays two round trips to the cache instead
    of five queries. Each request gets its own copy."""
    specialty = _load(slug)
    if specialty is None or not may_see(user, specialty):
        raise Http404
    return specialty


def _load(slug: str) -> Specialty | None:
    for _attempt in range(2):
        pk = _IDS_BY_SLUG.get(slug)
        if pk is None:
            pk = Specialty.objects.filter(slug=slug).values_list("pk", flat=True).first()
            if pk is None:
                return None
            _IDS_BY_SLUG[slug] = pk
        current = version(pk)  # read before the database, so a change after it is a miss
        key = _KEY.format(pk, current)
        found = cache.get(key)
        if not isinstance(found, Specialty):
            found = Specialty.objects.with_people().filter(pk=pk).first()
            if found is not None and may_keep():
                cache.set(key, found, KEEP_FOR)
        if found is not None and found.slug == slug:
            return found
        _IDS_BY_SLUG.pop(slug, None)  # renamed, deleted or reused: look the slug up again
    # The slug moved between two lookups: load it, and keep nothing this time.
    return Specialty.objects.with_people().filter(slug=slug).first()


def strategic_ambition_of(specialty: Specialty) -> StrategicAmbition | None:
    """The specialty's strategic ambition, or None before it is started.

    ``Specialty.objects.with_people()`` selects it, so this costs no query; the ambition gets
    the prefetched specialty back, so the permission predicates on it cost none either. The
    reverse accessor is used instead of importing the model: specialties sit below ambitions.
    """
    try:
        ambition = specialty.strategic_ambition
    except ObjectDoesNotExist:
        return None
    ambition.specialty = specialty
    return ambition


def get_specialty_for_view(user: AnyUser, slug: str) -> Specialty:
    return get_specialty(user, slug)


def get_specialty_for_core_team_edit(user: AnyUser, slug: str) -> Specialty:
    specialty = get_specialty(user, slug)
    require(permissions.can_manage_core_team(user, specialty))
    return specialty
