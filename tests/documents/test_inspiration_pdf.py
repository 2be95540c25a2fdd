"""Konkretisering af handlinger lists the inspiration library's cases its actions cite."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.translation import gettext

from ambitions.models import Action, InterventionFocusArea, ProfessionalAmbition
from documents import rendering
from documents.models import DocumentJob
from inspiration import services
from inspiration.models import Case
from tests.conftest import Cast
from tests.documents.conftest import flat, pdf_text

Kind = DocumentJob.Kind


def _focus_area() -> InterventionFocusArea:
    return InterventionFocusArea.objects.get(title="Fokus: Ensartet visitation")


@pytest.mark.usefixtures("poppler")
def test_the_actions_document_lists_the_cited_cases(
    cast: Cast,
    professional: ProfessionalAmbition,
    make_pdf: Callable[..., tuple[DocumentJob, bytes]],
) -> None:
    focus_area = _focus_area()
    action = Action.objects.filter(focus_area=focus_area).order_by("start_date", "pk")[0]
    services.citation_add(
        action=action,
        case=Case.objects.get(slug="fve-bilen-kolding"),
        note="Fremskudt visitation med video til speciallægen.",
        by=cast.core,
    )
    _, data = make_pdf(Kind.ACTIONS, cast.specialty, cast.lead, object_id=focus_area.pk)
    text = flat(pdf_text(data))
    with translation.override("da"):
        heading = gettext("Cases from the inspiration library")
    assert heading in text
    assert "FVE-bilen fra akutafdelingen på Kolding sygehus" in text
    assert "Fremskudt visitation med video til speciallægen." in text
    assert "Rette opgave på rette specialiseringsniveau" in text  # its source


def test_no_citation_no_section_and_no_query_per_citation(
    cast: Cast, professional: ProfessionalAmbition
) -> None:
    focus_area = _focus_area()

    def render() -> tuple[str, int]:
        with CaptureQueriesContext(connection) as captured:
            html = rendering.render_html(Kind.ACTIONS, cast.specialty.pk, focus_area.pk).html
        return html, len(captured)

    html, before = render()
    assert 'id="inspiration-cases"' not in html
    cases = list(Case.objects.order_by("title")[:3])
    for action in Action.objects.filter(focus_area=focus_area):
        for case in cases:
            services.citation_add(action=action, case=case, note="", by=cast.core)
    html, after = render()
    assert 'id="inspiration-cases"' in html
    assert after == before
