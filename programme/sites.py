"""The acute hospital's view (issue 26, item 3): one page per site (matrikel) with, across
every specialty, the intervention areas and the actions that concern the site, their state
and what they ask for.

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
from dataclasses import dataclass
from decimal import Decimal

from ambitions.models import Action, ActionStatus, AreaFramework, concerning_site
from ambitions.professional import learning
from ambitions.professional.queries.status import FINISHED
from bass import permissions
from bass.permissions import AnyUser
from specialties.models import Site, Specialty


@dataclass(frozen=True)
class AreaWork:
    """An intervention area of a specialty, with its actions that concern the site."""

    framework: AreaFramework
    actions: list[Action]


@dataclass(frozen=True)
class SpecialtyWork:
    """What one specialty's work gives or asks of the site."""

    specialty: Specialty
    areas: list[AreaWork]
    hours: Decimal
    fte: Decimal
    dkk: Decimal
    late: frozenset[int]  # the late actions' ids

    @property
    def action_count(self) -> int:
        return sum(len(area.actions) for area in self.areas)


def _sum(values: list[Decimal | None]) -> Decimal:
    return sum((v for v in values if v is not None), Decimal(0))


def site_work(user: AnyUser, site: Site, today: datetime.date) -> list[SpecialtyWork]:
    """Every specialty present at ``site`` whose professional ambition the user may read,
    with its intervention areas and the actions that concern the site, by name. Resources
    leave stopped actions out, as Programoverblik does."""
    specialties = [
        s
        for s in Specialty.objects.with_people().filter(sites=site).order_by("name")
        if permissions.can_view_professional_ambition(user, s)
    ]
    by_pk = {s.pk: s for s in specialties}
    frameworks = list(
        AreaFramework.objects.filter(ambition__specialty__in=list(by_pk))
        .select_related("intervention_area", "ambition")
        .order_by("order", "pk")
    )
    actions = (
        Action.objects.filter(concerning_site(site.pk), focus_area__framework__in=frameworks)
        .select_related("focus_area", "responsible")
        .prefetch_related("sites")
        .order_by("start_date", "pk")
    )
    by_framework: dict[int, list[Action]] = defaultdict(list)
    for action in actions:
        by_framework[action.focus_area.framework_id].append(action)
    areas: dict[int, list[AreaWork]] = defaultdict(list)
    for framework in frameworks:
        specialty = by_pk[framework.ambition.specialty_id]
        framework.ambition.specialty = specialty
        areas[specialty.pk].append(AreaWork(framework, by_framework.get(framework.pk, [])))
    result = []
    for specialty in specialties:
        # A reader from outside the specialty reads the approved version's areas.
        learning.apply(
            learning.strategy_for(user, specialty),
            frameworks=[area.framework for area in areas[specialty.pk]],
        )
        listed = [a for area in areas[specialty.pk] for a in area.actions]
        counted = [a for a in listed if a.status != ActionStatus.STOPPED]
        result.append(
            SpecialtyWork(
                specialty=specialty,
                areas=areas[specialty.pk],
                hours=_sum([a.resource_hours for a in counted]),
                fte=_sum([a.resource_fte for a in counted]),
                dkk=_sum([a.resource_dkk for a in counted]),
                late=frozenset(
                    a.pk for a in listed if a.end_date < today and a.status not in FINISHED
                ),
            )
        )
    return result
