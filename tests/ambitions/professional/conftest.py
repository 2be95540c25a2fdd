"""Shared fixtures: an approved strategic ambition and the professional ambition opened from it.

``approved`` has two intervention areas, "Ensartet visitation" (answering the core challenge
"Ventelister") and "Fælles vagtlag" (answering "Rekruttering"); ``professional`` is opened
from that approved version, so it has one framework for each, in that order.
"""

import datetime
from collections.abc import Iterable

import pytest

from ambitions.models import (
    Action,
    ActionStatus,
    AreaFramework,
    InterventionFocusArea,
    ProfessionalAmbition,
    StrategicAmbition,
)
from ambitions.professional import services as professional_services
from ambitions.strategic import services
from people.models import User
from sustainability.models import Challenge, LensAnswer, Perspective
from tests.conftest import Cast

AREA_TITLES = ["Ensartet visitation", "Fælles vagtlag"]


def core_challenge(cast: Cast, title: str, order: int, perspective: str = "faglig") -> Challenge:
    lens = Perspective.objects.get(code=perspective)
    challenge = Challenge.objects.create(
        specialty=cast.specialty,
        title=title,
        primary_perspective=lens,
        is_core=True,
        core_order=order,
    )
    LensAnswer.objects.create(challenge=challenge, perspective=lens, text=f"{title} set herfra.")
    return challenge


def approve(cast: Cast, ambition: StrategicAmbition) -> StrategicAmbition:
    """Submit (as the owner) and approve (as the steering group) the working copy."""
    services.ambition_submit(ambition=ambition, by=cast.owner)
    services.ambition_approve(ambition=ambition, by=cast.steering)
    return StrategicAmbition.objects.select_related("approved_version").get(pk=ambition.pk)


@pytest.fixture
def drafted(cast: Cast) -> StrategicAmbition:
    """A complete strategic ambition, not yet submitted: five parts, two core challenges and
    two intervention areas."""
    ambition = services.ambition_start(specialty=cast.specialty, by=cast.owner)
    for part in ambition.parts.all():
        services.part_save(
            part=part, text=f"Tekst om {part.get_kind_display()}.", base_revision=0, by=cast.owner
        )
    waiting = core_challenge(cast, "Ventelister", 1)
    recruiting = core_challenge(cast, "Rekruttering", 2, perspective="personalemaessig")
    faglig = Perspective.objects.get(code="faglig")
    for title, challenge in zip(AREA_TITLES, [waiting, recruiting], strict=True):
        services.intervention_area_save(
            ambition=ambition,
            by=cast.owner,
            title=title,
            description="",
            challenges=[challenge],
            perspectives=[faglig],
        )
    return ambition


@pytest.fixture
def approved(cast: Cast, drafted: StrategicAmbition) -> StrategicAmbition:
    """The strategic ambition of ``cast.specialty``, approved by the steering group."""
    return approve(cast, drafted)


@pytest.fixture
def professional(cast: Cast, approved: StrategicAmbition) -> ProfessionalAmbition:
    """The professional ambition, opened by the owner, with its two frameworks."""
    return professional_services.professional_open(specialty=cast.specialty, by=cast.owner)


def frameworks_of(ambition: ProfessionalAmbition) -> list[AreaFramework]:
    return list(AreaFramework.objects.filter(ambition=ambition).order_by("order", "pk"))


def make_focus_area(framework: AreaFramework, title: str = "Visitation") -> InterventionFocusArea:
    return InterventionFocusArea.objects.create(framework=framework, title=title)


def make_action(
    focus_area: InterventionFocusArea,
    *,
    responsible: User,
    title: str = "Fælles visitationsretningslinje",
    start: datetime.date = datetime.date(2025, 1, 1),
    end: datetime.date = datetime.date(2025, 12, 31),
    status: str = ActionStatus.IN_PROGRESS,
    challenges: Iterable[Challenge] = (),
) -> Action:
    """An action made directly with the ORM (no form, no service), for computations."""
    action = Action.objects.create(
        focus_area=focus_area,
        title=title,
        purpose="Formål.",
        responsible=responsible,
        start_date=start,
        end_date=end,
        status=status,
    )
    action.challenges.set(list(challenges))
    return action
