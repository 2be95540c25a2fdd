"""Actions per site (matrikel, issue 26): how many of some specialties' actions concern each
site. Programoverblik and the status report PDFs count with this, so they agree."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Count

from ambitions.models import Action
from specialties.models import Site, Specialty


@dataclass(frozen=True)
class SiteCount:
    """How many of the specialties' actions concern a site: those naming it, and those
    naming no site of a specialty present there."""

    site: Site
    named: int
    everywhere: int

    @property
    def total(self) -> int:
        return self.named + self.everywhere


def site_counts_of(
    specialties: Sequence[Specialty], *, sites: Sequence[Site] = ()
) -> list[SiteCount]:
    """Actions per site over ``specialties`` (loaded ``with_people``, so their sites are
    prefetched), every site in its order (or only ``sites``); two queries."""
    shown = {s.pk: s for s in specialties}
    specialty_of = "focus_area__framework__ambition__specialty_id"
    named: dict[int, int] = defaultdict(int)
    for counted in (
        Action.sites.through.objects.filter(**{f"action__{specialty_of}__in": list(shown)})
        .values("site_id")
        .annotate(count=Count("action_id"))
    ):
        named[counted["site_id"]] = counted["count"]
    everywhere: dict[int, int] = defaultdict(int)
    for counted in (
        Action.objects.filter(**{f"{specialty_of}__in": list(shown)})
        .exclude(pk__in=Action.sites.through.objects.values("action_id"))
        .values(specialty_of)
        .annotate(count=Count("pk"))
    ):
        for site in shown[counted[specialty_of]].sites.all():
            everywhere[site.pk] += counted["count"]
    return [
        SiteCount(site=site, named=named[site.pk], everywhere=everywhere[site.pk])
        for site in (sites or Site.objects.order_by("order", "name"))
    ]
