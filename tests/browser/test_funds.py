"""Transition funds in headless Chromium, at desktop width and at 390 px (issue 28, item 6):
the lead asks (a Danish error beside the amount keeps what was typed, then a good amount
sends it), the steering group reduces it without a remark (an error beside the remark), then
with one; each page has 0 axe violations."""

import io

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from playwright.sync_api import Browser, Page, expect

from ambitions.models import FundsRequest, FundsState

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = {"desktop": {"width": 1280, "height": 900}, "390 px": {"width": 390, "height": 844}}


@pytest.fixture
def demo(reference_data: None) -> None:
    call_command("load_demo", stdout=io.StringIO())


def signed_in(browser: Browser, base_url: str, username: str, size: dict[str, int]) -> Page:
    page = browser.new_context(locale="da-DK", viewport=size).new_page()  # type: ignore[arg-type]
    page.set_default_timeout(15_000)
    page.goto(base_url + "/log-ind/")
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill("bass-demo")
    page.get_by_role("button", name="Log ind").click()
    expect(page.get_by_role("heading", name="Forside", level=1)).to_be_visible()
    return page


def assert_accessible(page: Page) -> None:
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def assert_fits(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], width  # type: ignore[index]


@pytest.mark.parametrize("width", list(WIDTHS))
def test_ask_for_funds_and_reduce_them(
    demo: None, live_server: object, browser: Browser, width: str
) -> None:
    base = str(live_server)
    size = WIDTHS[width]
    lead = signed_in(browser, base, "leder", size)
    lead.goto(base + "/specialer/im-kardiologi/faglig-ambition/transitionsmidler/")
    expect(lead.get_by_role("heading", level=1)).to_contain_text("Transitionsmidler")
    # The demo: one reduced grant and one open request.
    expect(lead.get_by_text("bevilget reduceret")).to_be_visible()
    expect(lead.locator('[data-funds="state"]', has_text="afventer beslutning")).to_be_visible()
    lead.get_by_text("Ansøg om transitionsmidler").click()
    assert_accessible(lead)
    lead.get_by_label("Hvad midlerne er til").select_option(index=1)
    lead.get_by_label("Beløb (kr.)").fill("0")
    lead.get_by_label("Begrundelse").fill("Frikøb til fælles visitation.")
    lead.get_by_label("Periode fra").fill("01.01.2027")
    lead.get_by_label("Periode til").fill("30.06.2027")
    lead.get_by_role("button", name="Send til styregruppen").click()
    expect(lead.get_by_text("Beløbet skal være mere end 0 kr.")).to_be_visible()
    expect(lead.get_by_label("Begrundelse")).to_have_value("Frikøb til fælles visitation.")
    assert_accessible(lead)
    if width == "390 px":
        assert_fits(lead)
    lead.get_by_label("Beløb (kr.)").fill("90000")
    lead.get_by_role("button", name="Send til styregruppen").click()
    expect(lead.locator("article.funds", has_text="90.000 kr.")).to_be_visible()
    new = FundsRequest.objects.get(amount=90_000)
    assert new.state == FundsState.OPEN

    steering = signed_in(browser, base, "styregruppe", size)
    steering.get_by_role("link", name="Åbne ansøgninger om transitionsmidler").click()
    expect(steering.get_by_role("heading", level=1)).to_have_text(
        "Åbne ansøgninger om transitionsmidler"
    )
    assert_accessible(steering)
    if width == "390 px":
        assert_fits(steering)
    card = steering.locator(f"#part-funds-request-{new.pk}")
    card.get_by_label("Bevil et reduceret beløb").check()
    card.get_by_label("Bevilget beløb (kr.)").fill("60000")
    card.get_by_role("button", name="Registrér beslutningen").click()
    card = steering.locator(f"#part-funds-request-{new.pk}")
    expect(card.get_by_text("Skriv hvorfor")).to_be_visible()
    expect(card.get_by_label("Bevilget beløb (kr.)")).to_have_value("60000")
    assert_accessible(steering)
    card.get_by_label("Bemærkning").fill("Halvdelen nu, resten efter evaluering.")
    card.get_by_role("button", name="Registrér beslutningen").click()
    expect(steering.locator(f"#part-funds-request-{new.pk}")).to_contain_text("bevilget reduceret")
    new.refresh_from_db()
    assert (new.state, new.granted_amount) == (FundsState.REDUCED, 60_000)
    steering.goto(base + "/beslutninger/")
    expect(steering.get_by_text("Halvdelen nu, resten efter evaluering.")).to_be_visible()
    assert_accessible(steering)
