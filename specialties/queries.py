"""Reads about the specialties that pages share."""

from typing import Any

from bass.cache import versions
from specialties.models import Membership, Specialty

# The specialty page shows the latest changes of its roles; the admin keeps them all.
MEMBERSHIP_CHANGES_SHOWN = 20


def region_version() -> str:
    """The content version of the whole region: every specialty's (and the programme's, which
    each includes). Part of the key of a kept page that shows something of every specialty,
    or that may: one query for the ids and one round trip to the cache; a specialty added or
    deleted changes it too."""
    ids = list(Specialty.objects.order_by("pk").values_list("pk", flat=True))
    return " ".join(f"{pk}:{v}" for pk, v in versions(ids).items())


def membership_changes(specialty: Specialty) -> list[Any]:
    """The latest roles given and taken in the specialty: who, which role, by whom, when
    (``Membership.history``; a deleted membership keeps its record)."""
    return list(
        Membership.history.filter(specialty_id=specialty.pk)
        .select_related("user", "site", "history_user")
        .order_by("-history_date", "-history_id")[:MEMBERSHIP_CHANGES_SHOWN]
    )
