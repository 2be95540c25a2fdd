"""Issue #10, point 12: the documents' layout faults a first reader met."""

import re
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from ambitions.models import StrategicAmbition
from ambitions.strategic import services
from documents.rendering import render_html
from tests.conftest import Cast

PDF_TEMPLATES = Path(settings.BASE_DIR) / "templates" / "documents" / "pdf"


def test_headings_and_captions_stay_with_what_follows() -> None:
    css = (PDF_TEMPLATES / "document.css").read_text()
    assert re.search(r"h1, h2, h3, h4 \{[^}]*break-after: avoid", css)
    # WeasyPrint breaks between a caption and its table unless told not to.
    assert re.search(r"caption \{[^}]*break-after: avoid", css)


def test_a_number_and_its_unit_never_part(cast: Cast, approved: StrategicAmbition) -> None:
    css = (PDF_TEMPLATES / "document.css").read_text()
    assert re.search(r"td\.number \{ white-space: nowrap; \}", css)
    for template in ("framework.html", "_indicators.html"):
        text = (PDF_TEMPLATES / template).read_text()
        assert not re.search(r"\}\} \{\{ [a-z.]*unit \}\}", text), template


def test_the_programme_overview_fits_the_page_and_has_no_stray_zero(
    cast: Cast, approved: StrategicAmbition
) -> None:
    html = render_html("programme_report", None, None, timezone.localdate()).html
    overview = html[html.index('<table class="overview">') :]
    overview = overview[: overview.index("</table>")]
    assert overview.count("<col ") == 8
    other = overview[overview.index("IM: Testnefrologi") :]
    other = other[: other.index("</tr>")]
    # A specialty without an approved ambition has no conditions to count: a dash, not "0".
    assert not re.search(r'<td class="number">\s*0\s*</td>', other)


def test_the_conditions_line_counts_in_danish(cast: Cast, approved: StrategicAmbition) -> None:
    html = render_html("specialty_report", cast.specialty.pk, None, timezone.localdate()).html
    facts = html[html.index("Betingelser for godkendelsen") :][:400]
    assert "2 åbne, heraf 1 overskredet" in facts  # not "1 overskredne"


def test_the_programme_report_shows_an_approved_version_under_revision(
    cast: Cast, approved: StrategicAmbition
) -> None:
    """Point 9: not "Kladde" for a specialty whose approved version is still valid."""
    services.ambition_start_revision(ambition=approved, by=cast.owner)
    html = render_html("programme_report", None, None, timezone.localdate()).html
    overview = html[html.index('<table class="overview">') :]
    row = overview[overview.index("IM: Testkardiologi") :]
    row = row[: row.index("</tr>")]
    assert "Godkendt (version 1)" in row
    assert "revision i gang" in row
    assert ">Kladde<" not in row
