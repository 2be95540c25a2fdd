"""The strategic ambition's PDF (with the situation part) and the specialty's status report
print the population picture: the grid, its table and the flag of a strength position that
is not carried by two hospitals (issue 26, item 2)."""

from collections.abc import Callable

import pytest

from ambitions.models import StrategicAmbition
from documents.models import DocumentJob, DocumentKind
from specialties import population
from specialties.models import Service, Site
from tests.conftest import Cast
from tests.documents.conftest import flat, pdf_text


@pytest.fixture
def picture(cast: Cast) -> None:
    koege = Site.objects.get(short_name="SUH Køge")
    roskilde = Site.objects.get(short_name="SUH Roskilde")
    cast.specialty.sites.add(roskilde)
    population.introduction_save(
        specialty=cast.specialty, text="Fælles ansvar for hjertepatienterne.", by=cast.owner
    )
    population.site_services_save(
        specialty=cast.specialty,
        site=koege,
        offered={Service.OUTPATIENT_CLINIC: ("Hjertesvigt", "")},
        by=cast.owner,
    )
    # SUH Køge and SUH Roskilde: two sites, one hospital.
    population.strength_position_add(
        specialty=cast.specialty, name="Ekkokardiografi", sites=[koege, roskilde], by=cast.owner
    )


@pytest.mark.parametrize("kind", [DocumentKind.STRATEGIC_AMBITION, DocumentKind.SPECIALTY_REPORT])
def test_the_pdfs_show_the_population_picture(
    cast: Cast,
    draft: StrategicAmbition,
    picture: None,
    make_pdf: Callable[..., tuple[DocumentJob, bytes]],
    poppler: None,
    kind: DocumentKind,
) -> None:
    _job, data = make_pdf(kind, cast.specialty, cast.owner)
    text = flat(pdf_text(data))
    assert "Populationsbillede" in text
    assert "Fælles ansvar for hjertepatienterne." in text
    assert "Ydelser og patientgrupper pr. matrikel" in text
    assert "Ambulatorium (Hjertesvigt)" in text
    assert "Kun 1 hospital: programmet kræver mindst 2." in text
