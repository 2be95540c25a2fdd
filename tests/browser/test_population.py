"""The population picture in headless Chromium (issue 26, item 2): the implementation lead
reads IM: Kardiologi's picture from the demo (one strength position met, one flagged),
offers a service at a site and names a strength position. Axe at desktop and 390 px, and
nothing wider than a phone."""

import io

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from specialties.models import Site, StrengthPosition
from tests.browser.test_programme import log_in
from tests.browser.test_sites import assert_fits_and_accessible

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def demo(reference_data: None) -> None:
    call_command("load_demo", stdout=io.StringIO())


def test_the_lead_reads_and_writes_the_population_picture(
    demo: None, live_server: object, page: Page
) -> None:
    log_in(page, str(live_server), "leder")
    page.goto(str(live_server) + "/specialer/im-kardiologi/")
    expect(page.locator("#population-grid")).to_be_visible()
    assert_fits_and_accessible(page)
    page.get_by_role("link", name="Åbn og redigér populationsbilledet").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Populationsbillede")
    expect(page.get_by_text("Kun 1 hospital: programmet kræver mindst 2.")).to_be_visible()
    assert_fits_and_accessible(page)

    page.get_by_text("Ydelser på Holbæk Sygehus").click()
    site = page.locator(f"#site-{Site.objects.get(short_name='Holbæk').pk}")
    site.get_by_label("Sengeafsnit:", exact=True).check()
    site.get_by_label("Patientgrupper (Sengeafsnit)").fill("Hjertesvigt, ældre")
    site.get_by_role("button", name="Gem ydelserne på Holbæk Sygehus").click()
    expect(page.locator(".population-table")).to_contain_text("Hjertesvigt, ældre")

    page.get_by_label("Styrkeposition:", exact=True).fill("Atrieflimren")
    page.get_by_label("Holbæk", exact=True).check()
    page.get_by_label("Slagelse", exact=True).check()
    page.get_by_role("button", name="Tilføj styrkepositionen").click()
    expect(page.locator(".strength-positions")).to_contain_text("Atrieflimren")
    assert StrengthPosition.objects.get(name="Atrieflimren").is_met
    expect(page.locator("#history-heading")).to_be_visible()
    assert_fits_and_accessible(page)
