"""What the PDFs say, read back with poppler-utils: sections, Danish letters, markings on
every page, page numbers, the running header, metadata, tagging, and hostile text made
harmless.

Words of the interface are compared with their translation (``gettext`` in Danish), so the
tests hold before and after the translators' work; names and texts are the fixtures' data.
"""

from __future__ import annotations

import datetime
import re
import zlib
from collections.abc import Callable

import pytest
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext

from ambitions.models import (
    AreaFramework,
    InterventionFocusArea,
    ProfessionalAmbition,
    StrategicAmbition,
)
from documents import rendering
from documents.models import DocumentJob
from tests.conftest import Cast
from tests.documents.conftest import flat, pdf_info, pdf_text

pytestmark = pytest.mark.usefixtures("poppler")

Kind = DocumentJob.Kind
MakePdf = Callable[..., tuple[DocumentJob, bytes]]


def da(message: str) -> str:
    with translation.override("da"):
        return gettext(message)


def pages(data: bytes) -> int:
    return int(pdf_info(data)["Pages"])


def page_label(page: int, total: int) -> str:
    """ "Side 1 af 3" once translated (the words come from the catalogue)."""
    return da("Page %(page)s of %(pages)s") % {"page": page, "pages": total}


def pdf_objects(data: bytes) -> bytes:
    """The PDF with its compressed streams unpacked, to look for dictionary entries."""
    parts = [data]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            parts.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return b"".join(parts)


def assert_on_every_page(data: bytes, *texts: str) -> None:
    total = pages(data)
    for page in range(1, total + 1):
        text = flat(pdf_text(data, page))
        for expected in texts:
            assert expected in text, f"{expected!r} missing on page {page} of {total}"
        assert page_label(page, total) in text


def assert_well_formed(data: bytes, job: DocumentJob, author: str) -> None:
    """Metadata, tagging (PDF/UA-1) and the document's language."""
    assert data.startswith(b"%PDF-")
    info = pdf_info(data)
    assert info["Title"] == job.title
    assert info["Author"] == author
    assert info["Tagged"] == "yes"
    assert info["JavaScript"] == "no"
    objects = pdf_objects(data)
    assert b"/Lang (da)" in objects
    assert b'pdfuaid:part="1"' in objects


# -- The strategic ambition -------------------------------------------------------------------


def test_the_working_copy_is_marked_as_a_draft_on_every_page(
    cast: Cast, draft: StrategicAmbition, make_pdf: MakePdf
) -> None:
    job, data = make_pdf(Kind.STRATEGIC_AMBITION, cast.specialty, cast.owner)
    assert pages(data) >= 2
    today = date_format(timezone.localdate(), "j. F Y")
    assert da("Draft").upper() == "KLADDE"
    assert_on_every_page(
        data,
        "KLADDE",
        f"{da('Specialty')}: IM: Testkardiologi",
        f"{da('Date')}: {today}",
    )
    assert_well_formed(data, job, author="Ole Ejer")
    # In the words of the catalogue today:
    first = flat(pdf_text(data, 1))
    assert f"Side 1 af {pages(data)}" in first
    assert "Speciale: IM: Testkardiologi" in first
    assert f"Dato: {today}" in first


def test_the_strategic_ambition_has_its_five_parts_lenses_areas_and_balance(
    cast: Cast, draft: StrategicAmbition, make_pdf: MakePdf
) -> None:
    _, data = make_pdf(Kind.STRATEGIC_AMBITION, cast.specialty, cast.owner)
    text = flat(pdf_text(data))
    parts = [
        "1. Situationsbillede",
        "2. Kerneudfordringer",
        "3. Strategisk ambition",
        "4. Forudsætninger",
        "5. Strategiske indsatsområder",
    ]
    positions = [text.index(part) for part in parts]
    assert positions == sorted(positions)
    # Danish letters, from the data and from the translated interface.
    assert "ÆØÅ æøå" in text
    assert "Ærø og Øresund" in text
    assert "Kerneudfordringerne i prioriteret rækkefølge" in text
    # Core challenges through their three lenses.
    for lens in ["Faglig bæredygtighed", "Personalemæssig bæredygtighed", "Organisatorisk"]:
        assert lens in text
    assert "Ventelister: højt sygefravær i ambulatoriet." in text
    assert "Rekruttering på små matrikler" in text
    # Intervention areas, and the balance chart (inline SVG) with its words.
    assert "Indsatsområderne" in text
    assert "Ensartet visitation" in text
    assert "Fælles vagtlag" in text
    assert "Balancen mellem perspektiverne" in text
    assert "Primært perspektiv" in text
    assert "Løn under transport" in text


def test_a_submitted_version_awaits_the_decision_on_every_page(
    cast: Cast, submitted: StrategicAmbition, make_pdf: MakePdf
) -> None:
    job, data = make_pdf(Kind.STRATEGIC_AMBITION, cast.specialty, cast.owner, object_id=1)
    assert "INDSENDT – AFVENTER BESLUTNING" in flat(pdf_text(data))
    assert_on_every_page(data, "INDSENDT – AFVENTER BESLUTNING")
    assert "KLADDE" not in pdf_text(data)
    assert job.title == "Strategisk ambition – IM: Testkardiologi – Version 1"


def test_an_approved_version_shows_its_approval_and_conditions(
    cast: Cast, approved: StrategicAmbition, make_pdf: MakePdf
) -> None:
    job, data = make_pdf(Kind.STRATEGIC_AMBITION, cast.specialty, cast.steering, object_id=1)
    text = flat(pdf_text(data))
    assert "KLADDE" not in text
    assert "INDSENDT" not in text
    steering = str(cast.steering)
    assert f"{steering} godkendte version 1 på styregruppens vegne." in text
    assert "Godkendt med betingelser." in text
    assert "Betingelser for godkendelsen" in text
    assert "Økonomien afklares med direktionen" in text
    assert "Overskredet" in text  # the condition whose deadline has passed
    assert "Vagtplanen forelægges styregruppen" in text
    assert_well_formed(data, job, author="Ole Ejer")
    assert page_label(1, pages(data)) in flat(pdf_text(data, 1))


def test_a_version_keeps_what_it_froze(
    cast: Cast, approved: StrategicAmbition, make_pdf: MakePdf
) -> None:
    """The document of version 1 shows version 1, not what the challenges became later."""
    from sustainability.models import Challenge

    Challenge.objects.filter(title="Ventelister").update(title="Omdøbt udfordring")
    _, data = make_pdf(Kind.STRATEGIC_AMBITION, cast.specialty, cast.owner, object_id=1)
    text = flat(pdf_text(data))
    assert "1. Ventelister" in text
    assert "Omdøbt udfordring" not in text


def test_hostile_text_reaches_the_pdf_as_harmless_text(
    cast: Cast, professional: ProfessionalAmbition, make_pdf: MakePdf
) -> None:
    """Markup people type is shown as the characters they typed: no element, no script, no
    link to javascript:, nothing fetched from elsewhere."""
    rendered = rendering.render_html(Kind.STRATEGIC_AMBITION, cast.specialty.pk, 1)
    assert "<script" not in rendered.html
    assert "<img" not in rendered.html
    assert "javascript:" not in re.sub(r"\[klik her\]\(javascript:alert\(1\)\)", "", rendered.html)
    assert "&lt;script&gt;" in rendered.html

    framework = AreaFramework.objects.order_by("order").first()
    focus_area = InterventionFocusArea.objects.order_by("pk").first()
    assert framework is not None
    assert focus_area is not None
    for kind, object_id in [
        (Kind.STRATEGIC_AMBITION, 1),
        (Kind.FRAMEWORK, framework.pk),
        (Kind.ACTIONS, focus_area.pk),
    ]:
        _, data = make_pdf(kind, cast.specialty, cast.owner, object_id=object_id)
        assert pdf_info(data)["JavaScript"] == "no"
        objects = pdf_objects(data)
        for needle in [b"/JavaScript", b"/JS ", b"/URI", b"/Launch", b"/XObject <</Im"]:
            assert needle not in objects
        text = flat(pdf_text(data))
        assert '<script>alert("pwned")</script>' in text  # literally, as typed


# -- The professional ambition's documents ------------------------------------------------


def test_the_framework_document(
    cast: Cast, professional: ProfessionalAmbition, make_pdf: MakePdf
) -> None:
    framework = AreaFramework.objects.get(title="Ensartet visitation")
    job, data = make_pdf(Kind.FRAMEWORK, cast.specialty, cast.core, object_id=framework.pk)
    text = flat(pdf_text(data))
    for heading in ["Purpose", "Outcome goals", "Actor landscape", "Focus areas", "Core team"]:
        assert da(heading) in text
    assert "Formålet med ensartet visitation: færre ventedage." in text
    assert "Ventetiden halveres" in text
    assert "Ventedage til udredning" in text
    assert "Almen praksis på Lolland-Falster" in text
    assert "Fokus: Ensartet visitation" in text
    assert "Karen Kerne" in text
    assert "Lise Leder" in text
    assert "Ventelister" in text  # the challenge its intervention area answers
    assert "Fælles vagtlag" not in text
    assert_on_every_page(data, f"{da('Specialty')}: IM: Testkardiologi")
    assert_well_formed(data, job, author="Ole Ejer")


def test_the_actions_document_computes_what_is_late_and_on_track(
    cast: Cast, professional: ProfessionalAmbition, make_pdf: MakePdf
) -> None:
    focus_area = InterventionFocusArea.objects.get(title="Fokus: Ensartet visitation")
    _, data = make_pdf(Kind.ACTIONS, cast.specialty, cast.lead, object_id=focus_area.pk)
    text = flat(pdf_text(data))
    assert "1. Fælles henvisningsskabelon (Ensartet visitation)" in text
    assert da("Late: past its end date") in text
    assert "Skabelon godkendt" in text
    assert da("Overdue") in text
    assert "Andel korrekte henvisninger" in text
    assert da("On track") in text
    assert "Ventedage på ekkokardiografi" in text
    assert da("No measurements yet.") in text
    assert "Ensartet kvalitet på tværs af matriklerne." in text
    assert "Viden flytter sig – ikke patienten." in text
    assert "Alle henvisninger bruger skabelonen." in text
    assert "Karen Kerne" in text


def test_status_and_progress_is_a_landscape_table(
    cast: Cast, professional: ProfessionalAmbition, make_pdf: MakePdf
) -> None:
    _, data = make_pdf(Kind.STATUS, cast.specialty, cast.owner)
    width, _, height = pdf_info(data)["Page size"].split()[:3]
    assert float(width) > float(height)
    text = flat(pdf_text(data))
    assert da("Status of the strategic intervention areas") in text
    assert "Ensartet visitation" in text
    assert "Fælles vagtlag" in text
    assert "Forankret i afdelingsledelsen på SUH Køge." in text
    assert "Almen praksis på Lolland-Falster" in text
    assert "Godt i gang – ærligt talt." in text
    assert_on_every_page(data, f"{da('Specialty')}: IM: Testkardiologi")


def test_a_long_table_repeats_its_header_on_every_page(
    cast: Cast, professional: ProfessionalAmbition, make_pdf: MakePdf
) -> None:
    import datetime

    from ambitions.models import Action, Milestone

    action = Action.objects.order_by("pk").first()
    assert action is not None
    Milestone.objects.bulk_create(
        Milestone(
            action=action,
            title=f"Delmål nummer {number:03d}",
            due_date=action.start_date + datetime.timedelta(days=number),
        )
        for number in range(1, 121)
    )
    _, data = make_pdf(Kind.ACTIONS, cast.specialty, cast.owner, object_id=action.focus_area_id)
    with_rows = [
        page for page in range(1, pages(data) + 1) if "Delmål nummer" in pdf_text(data, page)
    ]
    assert len(with_rows) >= 2
    for page in with_rows:
        lines = [line.strip() for line in pdf_text(data, page).splitlines()]
        header = lines.index(da("Title"))
        first_row = next(i for i, line in enumerate(lines) if line.startswith("Delmål nummer"))
        assert header < first_row, f"no table header above the rows on page {page}"


def test_only_the_dejavu_fonts_are_embedded(
    cast: Cast, professional: ProfessionalAmbition, make_pdf: MakePdf
) -> None:
    import shutil
    import subprocess

    _, data = make_pdf(Kind.SPECIALTY_REPORT, cast.specialty, cast.owner)
    pdffonts = shutil.which("pdffonts")
    assert pdffonts is not None
    out = subprocess.run(  # noqa: S603 - our own arguments, no shell
        [pdffonts, "-"], input=data, capture_output=True, check=True
    ).stdout.decode()
    fonts = [line.split()[0] for line in out.splitlines()[2:] if line.strip()]
    assert fonts
    for font in fonts:
        assert "DejaVu" in font, font
    assert all(" yes " in line for line in out.splitlines()[2:] if line.strip())  # embedded


# -- The reports ------------------------------------------------------------------------------


def test_the_specialty_report_has_contents_with_page_numbers(
    cast: Cast, professional: ProfessionalAmbition, make_pdf: MakePdf
) -> None:
    job, data = make_pdf(Kind.SPECIALTY_REPORT, cast.specialty, cast.secretariat)
    assert pages(data) >= 3
    text = flat(pdf_text(data))
    contents = flat(pdf_text(data, 1))
    for number, heading in enumerate(
        [
            "Summary",
            "Status and progress",
            "Balance between the perspectives",
            "Progress indicators",
            "Overdue work",
            "Loose ends",
        ],
        start=1,
    ):
        title = f"{number}. {da(heading)}"
        # The contents line ends in a leader and the page the section starts on.
        found = re.search(re.escape(title) + r" ?\.{3,} ?(\d+)", contents)
        assert found is not None, title
        page = int(found.group(1))
        assert title in flat(pdf_text(data, page))
    # Status, balance, indicators and the overdue work, computed.
    assert "Forankret i afdelingsledelsen på SUH Køge." in text
    assert "Primært perspektiv" in text
    # A summary: the one measured indicator is on track, so none is listed, and it says so.
    assert "Andel korrekte henvisninger" not in text
    assert da("Every measured progress indicator is on track.") in text
    assert "Økonomien afklares med direktionen" in text  # the overdue condition
    assert "Vagtplanen forelægges styregruppen" not in text  # not overdue
    assert "Skabelon godkendt" in text  # the overdue milestone
    assert "Ventedage på ekkokardiografi" in text  # unmeasured: a loose end
    assert_on_every_page(data, f"{da('Specialty')}: IM: Testkardiologi")
    assert_well_formed(data, job, author="Ole Ejer")


def test_the_specialty_report_without_a_professional_ambition(
    cast: Cast, draft: StrategicAmbition, make_pdf: MakePdf
) -> None:
    _, data = make_pdf(Kind.SPECIALTY_REPORT, cast.specialty, cast.owner)
    text = flat(pdf_text(data))
    assert "Kladde" in text  # the strategic ambition's state
    assert "Balancen mellem perspektiverne" in text


def test_the_programme_report_covers_every_specialty(
    cast: Cast, professional: ProfessionalAmbition, make_pdf: MakePdf
) -> None:
    from specialties.models import Specialty

    job, data = make_pdf(Kind.PROGRAMME_REPORT, None, cast.steering)
    text = flat(pdf_text(data))
    names = list(Specialty.objects.order_by("name").values_list("name", flat=True))
    assert len(names) == 11
    for name in names:
        assert name in text
    contents = flat(pdf_text(data, 1)) + flat(pdf_text(data, 2))
    # Each specialty starts on a page of its own, and the running header follows it.
    found = re.search(r"IM: Testnefrologi ?\.{3,} ?(\d+)", contents)
    assert found is not None
    page = flat(pdf_text(data, int(found.group(1))))
    assert f"{da('Specialty')}: IM: Testnefrologi" in page
    assert "Økonomien afklares med direktionen" in text
    assert "Ole Ejer" in text
    assert_well_formed(data, job, author=da("BASS secretariat"))
    assert_on_every_page(data, da("Date"))


def test_the_specialty_report_lists_the_most_pressing_and_counts_the_rest(
    cast: Cast, professional: ProfessionalAmbition
) -> None:
    """A specialty with a year of work: the status report stays a summary. Its lists show
    the REPORT_LIST_LIMIT most overdue and say how many more there are."""
    from ambitions.models import Action, InterventionFocusArea
    from documents import builders

    focus_area = InterventionFocusArea.objects.filter(framework__ambition=professional).first()
    assert focus_area is not None
    today = timezone.localdate()
    extra = builders.REPORT_LIST_LIMIT + 5
    for n in range(extra):
        Action.objects.create(
            focus_area=focus_area,
            title=f"Sen handling {n:02d}",
            purpose="…",
            responsible=cast.lead,
            start_date=today - datetime.timedelta(days=200),
            end_date=today - datetime.timedelta(days=100 - n),
        )
    with translation.override("da"):
        document = builders.build(Kind.SPECIALTY_REPORT, cast.specialty.pk, None, today)
    late = document.context["lists"].late_actions
    assert late.total >= extra
    assert len(late.items) == builders.REPORT_LIST_LIMIT
    assert late.items[0].title == "Sen handling 00"  # the longest overdue first
    html = rendering.render_html(Kind.SPECIALTY_REPORT, cast.specialty.pk, None, today).html
    assert "Sen handling 00" in html
    assert f"Sen handling {extra - 1:02d}" not in html
    assert f"Og {late.more} flere i dokumenterne for fokusområderne" in html
