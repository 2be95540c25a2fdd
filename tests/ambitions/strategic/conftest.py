"""What the strategic ambition's tests share: URLs, and an ambition ready to submit."""

import pytest
from django.urls import reverse

from ambitions.models import PartKind, StrategicAmbition
from ambitions.strategic import services
from sustainability.models import Challenge, LensAnswer, Perspective
from tests.conftest import Cast

HTMX = {"HX-Request": "true"}
ALL = ["owner", "lead", "core", "steering", "secretariat", "outsider", "other_owner"]
READERS = ["owner", "lead", "core", "steering", "secretariat"]


def url(cast: Cast, name: str, **kwargs: object) -> str:
    return reverse(f"ambitions:{name}", kwargs={"slug": cast.specialty.slug, **kwargs})


def part_url(cast: Cast, kind: str = PartKind.SITUATION) -> str:
    return url(cast, "part", kind=kind)


def start(cast: Cast) -> StrategicAmbition:
    return services.ambition_start(specialty=cast.specialty, by=cast.owner)


def fill(cast: Cast, ambition: StrategicAmbition) -> None:
    """Everything a submission needs: five parts, a core challenge, an intervention area."""
    for part in ambition.parts.all():
        services.part_save(
            part=part, text=f"Tekst om {part.get_kind_display()}.", base_revision=0, by=cast.owner
        )
    faglig = Perspective.objects.get(code="faglig")
    challenge = Challenge.objects.create(
        specialty=cast.specialty,
        title="Ventelister",
        primary_perspective=faglig,
        is_core=True,
        core_order=1,
    )
    LensAnswer.objects.create(
        challenge=challenge, perspective=faglig, text="Rutinekontroller uden evidens."
    )
    services.intervention_area_save(
        ambition=ambition,
        by=cast.owner,
        title="Ensartet visitation",
        description="",
        challenges=[challenge],
        perspectives=[faglig],
    )


@pytest.fixture
def ambition(cast: Cast) -> StrategicAmbition:
    ambition = start(cast)
    fill(cast, ambition)
    return ambition


def submitted(cast: Cast, ambition: StrategicAmbition) -> StrategicAmbition:
    services.ambition_submit(ambition=ambition, by=cast.owner)
    return StrategicAmbition.objects.get(pk=ambition.pk)


def empty_conditions() -> dict[str, str]:
    """The management form of the decision page's conditions, with no condition."""
    return {
        "conditions-TOTAL_FORMS": "2",
        "conditions-INITIAL_FORMS": "0",
        "conditions-MIN_NUM_FORMS": "0",
        "conditions-MAX_NUM_FORMS": "10",
    }
