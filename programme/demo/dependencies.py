"""The demo's dependencies between specialties (issue 26, item 4): IM: Kardiologi depends on
Radiologi for scanning capacity, once for its waiting-list challenge (answered: accepted) and
once for its region-wide visitation unit (still open), so both the asker's and Radiologi's
pages, home pages and Programoverblik have something to show."""

from __future__ import annotations

import datetime

from django.utils import timezone

from ambitions.dependencies import services
from ambitions.models import Action, Dependency, DependencyState
from people.models import User
from specialties.models import Specialty
from sustainability.models import Challenge

RADIOLOGI = "radiologi"


def ensure_radiologi() -> Specialty:
    """The specialty the demo depends on: not one of the reference data's internal-medicine
    specialties, so the demo creates it when it is missing."""
    specialty, _created = Specialty.objects.get_or_create(
        slug=RADIOLOGI,
        defaults={
            "name": "Radiologi",
            "description": (
                "Billeddiagnostik (røntgen, CT, MR og ultralyd) for alle regionens specialer, "
                "med styrkepositioner på SUH Køge og Slagelse Sygehus."
            ),
        },
    )
    return specialty


def load(users: dict[str, User], specialties: dict[str, Specialty]) -> None:
    kardiologi = specialties["im-kardiologi"]
    radiologi = specialties[RADIOLOGI]
    if Dependency.objects.filter(specialty=kardiologi).exists():
        return  # loaded before: keep what people have done with them since
    asker, answerer = users["ejer"], users["henrik.dalsgaard"]
    today = timezone.localdate()
    waiting_lists = Challenge.objects.get(specialty=kardiologi, title="Ventelister")
    answered = services.dependency_create(
        specialty=kardiologi,
        by=asker,
        depends_on=radiologi,
        subject=waiting_lists,
        need="Scanningskapacitet: 10 ekstra CT-tider om ugen til hjerte-CT i Køge",
        needed_by=today + datetime.timedelta(days=60),
    )
    services.dependency_answer(
        dependency=answered,
        by=answerer,
        state=DependencyState.ACCEPTED,
        remark=(
            "Vi åbner to ekstra CT-lister om ugen i Køge (tirsdag og torsdag eftermiddag) "
            "fra næste måned; de første tre måneder følges op på den fælles konference."
        ),
    )
    unit = Action.objects.get(
        focus_area__framework__ambition__specialty=kardiologi,
        title="Én visitationsenhed for regionen",
    )
    services.dependency_create(
        specialty=kardiologi,
        by=users["leder"],
        depends_on=radiologi,
        subject=unit,
        need="Hjerte-MR: 4 ekstra scanninger om måneden i Slagelse, bookes af visitationsenheden",
        needed_by=today + datetime.timedelta(days=120),
    )
