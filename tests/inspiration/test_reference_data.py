"""The library as the data migration loads it: seed 004's cases, classifications and tasks
that can move, checked against the report's own words and figures."""

import pytest
from django.utils import translation

from inspiration.models import Case, Classification, TaskShift

pytestmark = pytest.mark.django_db

NAMED = {
    "horsens-hjertemedicin": "Tværfaglighed på hjertemedicinsk afdeling i Horsens",
    "internetbaseret-terapi": "Internetbaseret terapi i Region Syddanmark",
    "e-distriktet-haderslev": "E-distriktet i hjemme- og sygeplejen i Haderslev Kommune",
    "fve-bilen-kolding": "FVE-bilen fra akutafdelingen på Kolding sygehus",
    "ehospitalet": "eHospitalet",
    "tag-snakken-aalborg": "”Tag snakken”",
    "ouh-vagtbyrde": "Fordeling af vagtbyrden på Odense Universitetshospital",
    "soenderborg-dokumentation": "Kvalitet og forenkling af dokumentation i Sønderborg Kommune",
    "ward-24-7": "WARD 24/7",
    "digirehab": "DigiRehab",
    "samlet-patientoverblik": "Et Samlet Patientoverblik",
    "ai-mamma": "AI Mamma",
}


def test_the_named_cases_of_the_report() -> None:
    cases = {c.slug: c for c in Case.objects.all()}
    assert {slug: cases[slug].title for slug in NAMED} == NAMED
    for case in cases.values():
        assert case.what_they_did
        assert case.source_part
        assert case.classifications.exists()
        assert case.perspectives.exists()


@pytest.mark.parametrize(
    ("slug", "fact"),
    [
        ("horsens-hjertemedicin", "en reduktion på ca. 15 pct."),
        ("horsens-hjertemedicin", "ca. 20 pct. af de opgaver"),
        ("internetbaseret-terapi", "over 2.200 patienter"),
        ("e-distriktet-haderslev", "Ca. 60-80 borgere"),
        ("fve-bilen-kolding", "omkring en tredjedel af forløbene"),
        ("ehospitalet", "ca. 1.600 patienter indlagt i 2022"),
        ("soenderborg-dokumentation", "92 papirskemaer"),
        ("ai-mamma", "114.421"),
    ],
)
def test_results_are_the_reports_own_figures(slug: str, fact: str) -> None:
    case = Case.objects.get(slug=slug)
    assert fact in case.results + case.potential


def test_cases_of_the_analysis_cite_its_printed_pages() -> None:
    pages = dict(
        Case.objects.filter(source_part__startswith="Analysen af kompetencemangel").values_list(
            "slug", "source_page"
        )
    )
    assert pages == {
        "horsens-hjertemedicin": 38,
        "internetbaseret-terapi": 42,
        "e-distriktet-haderslev": 43,
        "fve-bilen-kolding": 48,
        "ehospitalet": 49,
        "tag-snakken-aalborg": 52,
        "ouh-vagtbyrde": 55,
    }
    with translation.override("da"):
        assert Case.objects.get(slug="horsens-hjertemedicin").source.endswith(
            "Organisering af opgaveløsningen, s. 38"
        )


def test_the_reports_classifications() -> None:
    names = {
        kind: list(Classification.objects.filter(kind=kind).values_list("name", flat=True))
        for kind in Classification.Kind.values
    }
    assert names["development"] == [
        "Organisering af opgaveløsningen",
        "Udnyttelse af teknologiske muligheder",
        "Rette opgave på rette specialiseringsniveau",
        "Overbehandling, behandlingsniveau og prioritering",
        "Lokal organisering og incitamenter",
    ]
    assert names["gap"] == ["Moderniseringsgab", "Opdateringsgab", "Implementeringsgab"]
    assert len(names["barrier"]) == 5
    assert "Faggruppegrænser og -traditioner" in names["barrier"]


def test_tasks_that_can_move_cite_part_and_page_for_several_specialties() -> None:
    shifts = list(TaskShift.objects.select_related("specialty"))
    assert len(shifts) >= 10
    assert all(s.source_part and s.finding for s in shifts)
    assert {s.specialty.slug for s in shifts if s.specialty} >= {
        "im-kardiologi",
        "im-geriatri",
        "im-lungesygdomme",
    }
    levels = {s.level for s in shifts}
    assert levels == set(TaskShift.Level.values)
    medicine = TaskShift.objects.get(to_whom="Farmakonomer")
    assert medicine.source_page == 24
