"""The acute hospital's view (issue 26, item 3): one page per site (matrikel) with, across
every specialty, the intervention areas and the actions that concern the site, their state
and what they ask for, and the services each specialty offers there (its population
picture) with their latest changes.

What a reader sees follows the learning rule (``permissions.LEARNING_RULE``): a specialty's
professional ambition only where the reader may read it (its own people and the programme
always, every programme member once its strategic ambition is approved), and a reader from
outside the specialty sees the approved version's intervention areas
(``learning.strategy_for``). Everything is read in a fixed number of queries, however many
specialties and actions there are.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, Sum

from ambitions import permissions as ambition_permissions
from ambitions.models import Action, ActionStatus, AreaFramework, concerning_site
from ambitions.professional import learning
from ambitions.professional.queries.status import FINISHED, late_q
from bass.permissions import AnyUser
from specialties.models import Site, Specialty
from specialties.population import AtSite, at_site

# A site with at most this many actions lists them all; a busier one (a site of the whole
# region has thousands) lists each specialty's intervention areas with their counts, and one
# specialty's actions at a time, as its reader asks for them.
LIST_ALL_UP_TO = 200


@dataclass(frozen=True)
class AreaWork:
    """An intervention area of a specialty: how many of its actions concern the site, how
    many of them are late and what they ask for, and the actions themselves where listed."""

    framework: AreaFramework
    actions: list[Action]
    count: int = 0
    late_count: int = 0
    hours: Decimal = Decimal(0)
    fte: Decimal = Decimal(0)
    dkk: Decimal = Decimal(0)


@dataclass(frozen=True)
class SpecialtyWork:
    """What one specialty's work gives or asks of the site."""

    specialty: Specialty
    areas: list[AreaWork]
    hours: Decimal
    fte: Decimal
    dkk: Decimal
    late: frozenset[int]  # the listed late actions' ids
    action_count: int = 0
    late_count: int = 0
    listed: bool = True  # its actions are listed (else only counted)
    # What its population picture says of the site: services, strength positions, changes.
    picture: AtSite | None = None


def _sum(values: list[Decimal | None]) -> Decimal:
    return sum((v for v in values if v is not None), Decimal(0))


def readable_at(user: AnyUser, site: Site) -> list[Specialty]:
    """The specialties present at ``site`` whose professional ambition the user may read,
    with their people (one query)."""
    return [
        s
        for s in Specialty.objects.with_people().filter(sites=site).order_by("name")
        if ambition_permissions.can_view_professional_ambition(user, s)
    ]


def reader_key(user: AnyUser, specialties: list[Specialty]) -> str:
    """What a kept site page's key says of its reader: which specialties they may read
    (``readable_at``), and of each whether they read the strategic working copy or the
    approved version (the learning rule). Two readers with the same key see the same page."""
    return " ".join(
        f"{s.pk}:{'working' if learning.reads_working_copy(user, s) else 'approved'}"
        for s in specialties
    )


def site_work(
    user: AnyUser,
    site: Site,
    today: datetime.date,
    *,
    specialties: list[Specialty] | None = None,
    listing: Collection[str] | None = None,
    list_all_up_to: int = 0,
) -> list[SpecialtyWork]:
    """Every specialty present at ``site`` whose professional ambition the user may read
    (``specialties``, when the caller has them from ``readable_at``), with its intervention
    areas and the actions that concern the site, by name: counted by the database (how
    many, how many late, the resources; stopped actions left out of the resources, as
    Programoverblik does), and listed for the specialties in ``listing`` (by slug; None:
    all). A fixed number of queries, however many specialties and actions."""
    if specialties is None:
        specialties = readable_at(user, site)
    by_pk = {s.pk: s for s in specialties}
    frameworks = list(
        AreaFramework.objects.filter(ambition__specialty__in=list(by_pk))
        .select_related("intervention_area", "ambition")
        .order_by("order", "pk")
    )
    concerning = Action.objects.filter(
        concerning_site(site.pk), focus_area__framework__ambition__specialty__in=list(by_pk)
    )
    counted = Q(status=ActionStatus.STOPPED)
    totals = {
        row["focus_area__framework_id"]: row
        for row in concerning.values("focus_area__framework_id")
        .annotate(
            n=Count("pk"),
            late=Count("pk", filter=late_q(today)),
            hours=Sum("resource_hours", filter=~counted),
            fte=Sum("resource_fte", filter=~counted),
            dkk=Sum("resource_dkk", filter=~counted),
        )
        .order_by()
    }
    few = sum(row["n"] for row in totals.values()) <= list_all_up_to
    listed = {pk for pk, s in by_pk.items() if listing is None or few or s.slug in listing}
    by_framework: dict[int, list[Action]] = defaultdict(list)
    if listed:
        for action in (
            concerning.filter(focus_area__framework__ambition__specialty__in=listed)
            .select_related("focus_area", "responsible")
            .prefetch_related("sites")
            .order_by("start_date", "pk")
        ):
            by_framework[action.focus_area.framework_id].append(action)
    pictures = at_site(site, list(by_pk))
    areas: dict[int, list[AreaWork]] = defaultdict(list)
    for framework in frameworks:
        specialty = by_pk[framework.ambition.specialty_id]
        framework.ambition.specialty = specialty
        row = totals.get(framework.pk, {})
        areas[specialty.pk].append(
            AreaWork(
                framework,
                by_framework.get(framework.pk, []),
                count=row.get("n", 0),
                late_count=row.get("late", 0),
                hours=row.get("hours") or Decimal(0),
                fte=row.get("fte") or Decimal(0),
                dkk=row.get("dkk") or Decimal(0),
            )
        )
    result = []
    for specialty in specialties:
        # A reader from outside the specialty reads the approved version's areas.
        learning.apply(
            learning.strategy_for(user, specialty),
            frameworks=[area.framework for area in areas[specialty.pk]],
        )
        mine = areas[specialty.pk]
        result.append(
            SpecialtyWork(
                specialty=specialty,
                areas=mine,
                hours=_sum([a.hours for a in mine]),
                fte=_sum([a.fte for a in mine]),
                dkk=_sum([a.dkk for a in mine]),
                late=frozenset(
                    a.pk
                    for area in mine
                    for a in area.actions
                    if a.end_date < today and a.status not in FINISHED
                ),
                action_count=sum(a.count for a in mine),
                late_count=sum(a.late_count for a in mine),
                listed=specialty.pk in listed,
                picture=pictures[specialty.pk],
            )
        )
    return result
