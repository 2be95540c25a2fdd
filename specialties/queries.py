"""Reads about the specialties that pages share."""

from typing import Any

from bass import cache
from specialties.models import Membership, Specialty

# The specialty page shows the latest changes of its roles; the admin keeps them all.
MEMBERSHIP_CHANGES_SHOWN = 20


def region_version() -> str:
    """The content version of the whole region (``bass.cache.region_version``): part of the
    key of a kept page that shows something of every specialty, or that may. One query."""
    return cache.region_version()


def membership_changes(specialty: Specialty) -> list[Any]:
    """The latest roles given and taken in the specialty: who, which role, by whom, when
    (``Membership.history``; a deleted membership keeps its record)."""
    return list(
        Membership.history.filter(specialty_id=specialty.pk)
        .select_related("user", "site", "history_user")
        .order_by("-history_date", "-history_id")[:MEMBERSHIP_CHANGES_SHOWN]
    )
