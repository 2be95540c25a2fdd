"""Reads about the specialties that pages share."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from bass import cache
from people.models import User
from specialties import permissions as specialty_permissions
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


@dataclass(frozen=True)
class WaitingItem:
    """Something that waits for the signed-in person, with where to do it.

    ``kind`` groups the items on "Mine opgaver" (one of ``programme.queries.TaskKind``);
    ``due`` and ``overdue`` order them, the overdue first. ``specialty`` is None for what
    belongs to the programme, not to one specialty (the key figures per site only)."""

    specialty: Specialty | None
    text: str | Promise
    url: str
    kind: str = "core_team"
    due: datetime.date | None = None
    overdue: bool = False


def waiting_for(user: User, specialties: list[Specialty]) -> list[WaitingItem]:
    """What waits for ``user`` in these specialties (loaded with ``with_people()``)."""
    items: list[WaitingItem] = []
    for specialty in specialties:
        if not specialty_permissions.can_manage_core_team(user, specialty):
            continue
        if specialty.owner is None:
            items.append(
                WaitingItem(
                    specialty, _("The specialty has no owner."), specialty.get_absolute_url()
                )
            )
        lacking = specialty.sites_lacking_core_team()
        if lacking:
            names = ", ".join(c.site.short_name for c in lacking)
            items.append(
                WaitingItem(
                    specialty,
                    format_lazy(
                        _("The core team lacks clinical representatives from: {sites}."),
                        sites=names,
                    ),
                    specialty.get_absolute_url() + "#part-core-team",
                )
            )
    return items
