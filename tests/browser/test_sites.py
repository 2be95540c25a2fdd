"""The sites in headless Chromium (issue 26): the steering group goes from Programoverblik's
actions per site to a site's page; the lead filters a focus area's actions by site. Axe at
desktop and 390 px, and nothing wider than a phone."""

import io

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from playwright.sync_api import Page, expect

from specialties.models import Site
from tests.browser.test_programme import log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WIDTHS = [(1280, 900), (390, 844)]


@pytest.fixture
def demo(reference_data: None) -> None:
    call_command("load_demo", stdout=io.StringIO())


def assert_fits_and_accessible(page: Page) -> None:
    for width, height in WIDTHS:
        page.set_viewport_size({"width": width, "height": height})
        wider = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert wider <= 0, f"{width} px: {wider} px wider than the viewport"
        results = Axe().run(page)
        assert results.violations_count == 0, f"{width} px: " + results.generate_report()


def test_the_steering_group_reads_a_sites_work(demo: None, live_server: object, page: Page) -> None:
    holbaek = Site.objects.get(short_name="Holbæk")
    log_in(page, str(live_server), "styregruppe")
    page.goto(str(live_server) + "/program/overblik/")
    page.locator("#site-counts-table").get_by_role("link", name=holbaek.name).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(holbaek.name)
    section = page.locator("#site-specialty-im-kardiologi")
    expect(
        section.get_by_role("link", name="Fælles stillingsopslag for Holbæk og Nykøbing F.")
    ).to_be_visible()
    expect(section.get_by_text("Én visitationsenhed for regionen")).to_have_count(0)
    # What Kardiologi offers at Holbæk, and the owner's later change of it.
    services = section.locator('[data-service="acute_admission"]')
    expect(services).to_contain_text("om natten til SUH Køge")
    section.locator(".site-service-changes summary").click()
    expect(section.locator(".site-service-changes ins").first).to_contain_text(
        "om natten til SUH Køge"
    )
    assert_fits_and_accessible(page)


def test_the_lead_filters_a_focus_area_by_site(demo: None, live_server: object, page: Page) -> None:
    koege = Site.objects.get(short_name="SUH Køge")
    log_in(page, str(live_server), "leder")
    page.goto(str(live_server) + "/specialer/im-kardiologi/faglig-ambition/")
    page.get_by_role("link", name="Fælles visitation").first.click()
    expect(page.get_by_text("Én visitationsenhed for regionen").first).to_be_visible()
    page.get_by_label("Handlinger på matriklen").select_option(label=koege.name)
    page.get_by_role("button", name="Vis", exact=True).click()
    expect(page.locator("#focus-area-counts")).to_contain_text(koege.name)
    assert_fits_and_accessible(page)
