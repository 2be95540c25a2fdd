"""The strategic ambition's PDF and the specialty's status report print the prerequisites,
the late ones flagged (issue 28, item 3)."""

import datetime
from collections.abc import Callable

from django.utils import timezone

from ambitions.models import PrerequisiteState, ProfessionalAmbition, StrategicAmbition
from ambitions.strategic import services
from documents.models import DocumentJob, DocumentKind
from tests.conftest import Cast
from tests.documents.conftest import flat, pdf_text


def _two(cast: Cast) -> None:
    today = timezone.localdate()
    in_place = services.prerequisite_save(
        specialty=cast.specialty,
        by=cast.owner,
        data=services.PrerequisiteInput(
            title="Aftale med almen praksis",
            description="",
            responsible=cast.lead,
            deadline=today - datetime.timedelta(days=20),
        ),
    )
    services.prerequisite_state_change(
        prerequisite=in_place, by=cast.lead, state=PrerequisiteState.IN_PLACE, remark="Aftalt."
    )
    services.prerequisite_save(
        specialty=cast.specialty,
        by=cast.owner,
        data=services.PrerequisiteInput(
            title="Budget til vagtlaget",
            description="",
            responsible=cast.core,
            deadline=today - datetime.timedelta(days=3),
        ),
    )


def test_the_ambitions_pdf_prints_the_prerequisites(
    cast: Cast,
    draft: StrategicAmbition,
    make_pdf: Callable[..., tuple[DocumentJob, bytes]],
    poppler: None,
) -> None:
    _two(cast)
    _job, data = make_pdf(DocumentKind.STRATEGIC_AMBITION, cast.specialty, cast.owner)
    text = flat(pdf_text(data))
    assert "Forudsætningerne, én for én" in text
    assert "Aftale med almen praksis" in text
    assert "På plads" in text
    assert "Budget til vagtlaget" in text
    assert "(Over fristen)" in text
    assert text.count("Over fristen") == 1


def test_the_status_report_prints_the_prerequisites(
    cast: Cast,
    professional: ProfessionalAmbition,
    make_pdf: Callable[..., tuple[DocumentJob, bytes]],
    poppler: None,
) -> None:
    _two(cast)
    _job, data = make_pdf(DocumentKind.SPECIALTY_REPORT, cast.specialty, cast.owner)
    text = flat(pdf_text(data))
    assert "7. Forudsætninger" in text
    assert "Budget til vagtlaget" in text
    assert "Karen Kerne" in text
    assert "(Over fristen)" in text
