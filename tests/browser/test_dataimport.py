"""Data in by the file in headless Chromium on the demo region (issue 27, item 3): the
core-team member downloads the template, uploads a file with an error and sees it in the
preview, uploads it corrected, saves it, and undoes it from the history; axe at desktop and
390 px on every page on the way."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import Page, expect

from ambitions.models import Measurement, ProgressIndicator
from dataimport.models import DataImport
from tests.browser.test_rounds import assert_accessible, log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def demo(reference_data: None) -> None:
    call_command("load_demo", stdout=io.StringIO())


def _csv(indicator: ProgressIndicator, value: str) -> bytes:
    day = timezone.localdate() - datetime.timedelta(days=2)
    return (
        "Indikator-nr.;Indikator;Dato;Værdi;Note\n"
        f"{indicator.pk};{indicator.name};{day:%d.%m.%Y};{value};Fra regnearket\n"
    ).encode()


def test_a_file_from_template_to_undo(demo: None, live_server: object, page: Page) -> None:
    base = str(live_server)
    indicator = (
        ProgressIndicator.objects.filter(
            action__focus_area__framework__ambition__specialty__slug="im-kardiologi"
        )
        .order_by("-pk")
        .first()
    )
    assert indicator is not None
    log_in(page, base, "kerneteam")
    page.get_by_role("navigation", name="Hovedmenu").get_by_role(
        "link", name="Indlæs fra fil"
    ).click()
    expect(page.get_by_role("heading", name="Indlæs fra en fil", level=1)).to_be_visible()
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Excel-skabelon (.xlsx)").first.click()
    assert download.value.suggested_filename == "skabelon-maalinger.xlsx"

    page.get_by_label("Målinger af indikatorer").check()
    page.get_by_label("Fil (Excel .xlsx eller CSV)").set_input_files(
        files=[{"name": "uge.csv", "mimeType": "text/csv", "buffer": _csv(indicator, "mange")}]
    )
    page.get_by_role("button", name="Vis forhåndsvisning").click()
    expect(page.get_by_text("1 af 1 rækker har en fejl.")).to_be_visible()
    expect(page.get_by_text("Værdi: Skriv værdien som et tal, fx 12,5.")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Fil (Excel .xlsx eller CSV)").set_input_files(
        files=[{"name": "uge.csv", "mimeType": "text/csv", "buffer": _csv(indicator, "12,5")}]
    )
    page.get_by_role("button", name="Vis forhåndsvisning").click()
    expect(page.get_by_text("Filen har 1 række, uden fejl.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Gem 1 række som én import").click()
    expect(page.get_by_role("heading", name="Importhistorik", level=1)).to_be_visible()
    expect(page.get_by_text("er gemt som én import")).to_be_visible()
    assert_accessible(page)
    saved = DataImport.objects.get(file_name="uge.csv")
    assert Measurement.objects.filter(indicator=indicator, note="Fra regnearket").count() == 1

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Fortryd importen uge.csv").click()
    expect(page.get_by_text("Importen af “uge.csv” er fortrudt: 1 rækker slettet.")).to_be_visible()
    assert_accessible(page)
    saved.refresh_from_db()
    assert saved.undone_at is not None
    assert not Measurement.objects.filter(indicator=indicator, note="Fra regnearket").exists()
