"""The programme's pages in headless Chromium: the steering group filters Programoverblik
and opens a specialty; Mine opgaver, the programme and search; axe at desktop and 390 px."""

import io
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from playwright.sync_api import Page, expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WIDTHS = [(1280, 900), (390, 844)]


@pytest.fixture
def demo(reference_data: None) -> None:
    call_command("load_demo", stdout=io.StringIO())


def log_in(page: Page, base_url: str, username: str) -> None:
    page.goto(base_url + "/")
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill("bass-demo")
    page.get_by_role("button", name="Log ind").click()
    expect(page.get_by_role("heading", name="Forside", level=1)).to_be_visible()


def assert_accessible(page: Page) -> None:
    for width, height in WIDTHS:
        page.set_viewport_size({"width": width, "height": height})
        results = Axe().run(page)
        assert results.violations_count == 0, f"{width} px: " + results.generate_report()


def test_the_steering_group_filters_the_overview_and_opens_a_specialty(
    demo: None, live_server: object, page: Page
) -> None:
    log_in(page, str(live_server), "styregruppe")
    page.get_by_role("navigation", name="Hovedmenu").get_by_role(
        "link", name="Programoverblik"
    ).click()
    expect(page.get_by_role("heading", name="Programoverblik", level=1)).to_be_visible()
    table = page.locator("table.overview tbody")
    expect(table.get_by_role("link", name="IM: Kardiologi", exact=True)).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Strategisk ambition").select_option(label="Indsendt")
    page.get_by_role("button", name="Filtrér").click()
    expect(page.locator("#overview-count")).to_contain_text("1 speciale")
    expect(table.get_by_role("link", name="IM: Lungesygdomme")).to_be_visible()
    expect(table.get_by_role("link", name="IM: Kardiologi", exact=True)).to_have_count(0)

    page.get_by_role("link", name="Vis alle").click()
    page.get_by_role("link", name="Handlinger over slutdato").click()
    expect(page.locator("th[aria-sort='descending']")).to_contain_text("Handlinger over slutdato")
    first = table.locator("tr").first.get_by_role("link")
    expect(first).to_have_text("IM: Kardiologi")
    first.click()
    expect(page.get_by_role("heading", name="IM: Kardiologi", level=1)).to_be_visible()


def test_mine_opgaver_the_programme_and_search_are_accessible(
    demo: None, live_server: object, page: Page
) -> None:
    log_in(page, str(live_server), "leder")
    # The demo lead's tasks (the late prerequisite and the accepted dependency among them).
    expect(
        page.get_by_role("link", name=re.compile(r"^Se alle dine opgaver \(\d+\)$"))
    ).to_be_visible()
    page.get_by_role("link", name="Mine opgaver").first.click()
    expect(page.get_by_role("heading", name="Mine opgaver", level=1)).to_be_visible()
    expect(page.get_by_text("Overskredet").first).to_be_visible()
    assert_accessible(page)

    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Programmet").click()
    expect(page.get_by_role("heading", name="Programmets strategiske ambition")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Programplanen").click()
    expect(page.locator("svg[role='img']")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Søg").click()
    page.get_by_role("searchbox").fill("ventelister")
    page.get_by_role("button", name="Søg").click()
    expect(page.locator(".search-results mark").first).to_be_visible()
    assert_accessible(page)


def test_the_secretariat_edits_the_programmes_ambition_in_place(
    demo: None, live_server: object, page: Page
) -> None:
    log_in(page, str(live_server), "sekretariat")
    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Programmet").click()
    page.evaluate("window.__sameDocument = true")
    page.get_by_role("link", name=re.compile(r"^Redigér\W+Situationsbillede$")).click()
    field = page.get_by_role("textbox", name="Situationsbillede")
    field.fill("Et nyt situationsbillede.")
    assert_accessible(page)
    page.get_by_role("button", name="Gem", exact=True).click()
    expect(page.get_by_text("Et nyt situationsbillede.")).to_be_visible()
    assert page.evaluate("window.__sameDocument") is True


def test_a_lungesygdomme_core_member_learns_from_kardiologi(
    demo: None, live_server: object, page: Page
) -> None:
    """Learning across specialties: the approved ambition of another specialty, read-only."""
    log_in(page, str(live_server), "katrine.juul")
    page.get_by_role("link", name="Specialer", exact=True).click()
    page.get_by_role("link", name="IM: Kardiologi", exact=True).click()
    page.get_by_role("link", name="Læs den godkendte strategiske ambition").click()
    expect(page.get_by_role("heading", name="Strategisk ambition: IM: Kardiologi")).to_be_visible()
    expect(page.get_by_text("kan læses af alle i programmet")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Faglig ambition").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Faglig ambition")
    assert_accessible(page)


def test_the_overview_fits_a_1280_px_screen_without_scrolling_sideways(
    demo: None, live_server: object, page: Page
) -> None:
    """Issue 30, item 11: the overview scrolled sideways on a common laptop screen."""
    page.set_viewport_size({"width": 1280, "height": 800})
    log_in(page, str(live_server), "styregruppe")
    page.goto(str(live_server) + "/program/overblik/")
    expect(page.get_by_role("heading", name="Programoverblik", level=1)).to_be_visible()
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    # Nor does the table scroll inside its own box: every column is in view.
    table = page.get_by_role("table", name="Programoverblik")
    box = table.evaluate(
        "t => { const s = t.closest('.table-scroll') || t.parentElement;"
        " return [s.scrollWidth, s.clientWidth]; }"
    )
    assert box[0] <= box[1], box
    assert_accessible(page)
