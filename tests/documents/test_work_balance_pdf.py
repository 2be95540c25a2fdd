"""The status PDF carries the balance of the work (issue 28, item 4): the actions' ratings
summed per perspective beside the core challenges, the principles and the gaps."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.utils import translation
from django.utils.translation import gettext

from ambitions.models import ProfessionalAmbition
from documents.models import DocumentJob
from sustainability.models import Perspective
from tests.conftest import Cast
from tests.documents.conftest import flat, pdf_text

pytestmark = pytest.mark.usefixtures("poppler")

MakePdf = Callable[..., tuple[DocumentJob, bytes]]


def da(message: str) -> str:
    with translation.override("da"):
        return gettext(message)


def test_the_status_pdf_shows_the_balance_of_the_actions(
    cast: Cast, professional: ProfessionalAmbition, make_pdf: MakePdf
) -> None:
    # The world's one action rates only the professional perspective (+2).
    _, data = make_pdf(DocumentJob.Kind.STATUS, cast.specialty, cast.owner)
    text = flat(pdf_text(data))
    assert da("Balance of the actions") in text
    assert da("The actions' ratings summed per perspective") in text
    assert da("Gaps in the work:") in text
    staff = Perspective.objects.get(code="personalemaessig").name
    gap = da("No planned action strengthens the perspective “%(perspective)s”.")
    assert flat(gap % {"perspective": staff}) in text
    professional_name = Perspective.objects.get(code="faglig").name
    assert flat(gap % {"perspective": professional_name}) not in text
