"""The reference data that the migrations load, in the seeds' Danish."""

import pytest

from ambitions.models import Principle
from specialties.models import Profession, Site, Specialty
from sustainability.models import FocusArea, Perspective

pytestmark = pytest.mark.django_db


def test_the_three_perspectives_with_their_texts() -> None:
    perspectives = list(Perspective.objects.all())
    assert [p.name for p in perspectives] == [
        "Faglig bæredygtighed",
        "Personalemæssig bæredygtighed",
        "Organisatorisk bæredygtighed",
    ]
    for perspective in perspectives:
        assert perspective.purpose
        assert perspective.why
        assert perspective.description
        assert perspective.reflection_question.startswith("Hvordan ser problemet ud fra et")
        assert perspective.examples.exists()
    faglig = perspectives[0]
    assert "høj kvalitet i den medicinske behandling" in faglig.description


@pytest.mark.parametrize(
    ("code", "count", "some"),
    [
        ("faglig", 7, "Reducere ventelister og sikre patientrettigheder"),
        ("personalemaessig", 6, "Robust personaledækning på tværs af professioner"),
        (
            "organisatorisk",
            8,
            "Balance mellem specialiseret vs. bred viden og speciale vs. sygehus",
        ),
    ],
)
def test_focus_areas_per_perspective(code: str, count: int, some: str) -> None:
    names = list(FocusArea.objects.filter(perspective__code=code).values_list("name", flat=True))
    assert len(names) == count
    assert some in names


def test_the_three_bass_principles() -> None:
    principles = {p.name: p for p in Principle.objects.all()}
    assert set(principles) == {"Nærhed", "Populationsansvar", "Styrkepositioner"}
    assert "så tæt på patienten som muligt" in principles["Nærhed"].description
    assert "hele regionens befolkning" in principles["Populationsansvar"].description
    assert all(p.in_professional_ambition for p in principles.values())


def test_sites_and_specialties_of_region_sjaelland() -> None:
    assert {s.short_name for s in Site.objects.all()} == {
        "SUH Køge",
        "SUH Roskilde",
        "Holbæk",
        "Nykøbing F.",
        "Næstved",
        "Slagelse",
    }
    names = set(Specialty.objects.values_list("name", flat=True))
    assert len(names) == 9
    assert {"IM: Kardiologi", "IM: Hæmatologi", "IM: Gastroenterologi og hepatologi"} <= names
    haematologi = Specialty.objects.get(slug="im-haematologi")
    assert [s.short_name for s in haematologi.strength_position_sites.all()] == ["SUH Køge"]


def test_professions_separate_clinical_from_other() -> None:
    assert Profession.objects.get(name="Læge").is_clinical
    assert not Profession.objects.get(name="Sekretær").is_clinical
