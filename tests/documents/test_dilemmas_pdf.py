"""The strategic ambition's PDF prints the specialty's dilemma register (issue 28, item 2)."""

import datetime
from collections.abc import Callable

from ambitions.models import Principle, StrategicAmbition
from ambitions.strategic import services
from documents.models import DocumentJob, DocumentKind
from sustainability.models import Challenge
from tests.conftest import Cast
from tests.documents.conftest import flat, pdf_text


def test_the_pdf_shows_the_dilemmas_with_their_decision(
    cast: Cast,
    draft: StrategicAmbition,
    make_pdf: Callable[..., tuple[DocumentJob, bytes]],
    poppler: None,
) -> None:
    services.dilemma_save(
        specialty=cast.specialty,
        by=cast.owner,
        data=services.DilemmaInput(
            title="Nærhed eller robuste vagtlag",
            description="",
            views={"personalemaessig": "Vagtbyrden bliver for tung."},
            principles=list(Principle.objects.all()[:1]),
            options="- Samle vagten i Køge",
            decision="Vagten samles i Køge.",
            decided_by="Styregruppen",
            decided_on=datetime.date(2026, 2, 1),
            challenges=list(Challenge.objects.filter(specialty=cast.specialty)[:1]),
            actions=[],
        ),
    )
    _job, data = make_pdf(DocumentKind.STRATEGIC_AMBITION, cast.specialty, cast.owner)
    text = flat(pdf_text(data))
    assert "Dilemmaer" in text
    assert "Nærhed eller robuste vagtlag" in text
    assert "Vagtbyrden bliver for tung." in text
    assert "Besluttet af Styregruppen den 1. februar 2026." in text
