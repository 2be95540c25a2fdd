"""Status rounds and Mine indstillinger in headless Chromium on the demo region: the
secretariat opens a round, the lead sees what to update and chooses weekly reminders, the
secretariat closes the round; axe at desktop and 390 px on every page on the way."""

import io

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from playwright.sync_api import Page, expect

from people.models import ReminderFrequency, User
from rounds.models import RoundSnapshot, StatusRound

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


def log_out(page: Page) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("button", name="Log ud").click()


def assert_accessible(page: Page) -> None:
    for width, height in WIDTHS:
        page.set_viewport_size({"width": width, "height": height})
        results = Axe().run(page)
        assert results.violations_count == 0, f"{width} px: " + results.generate_report()
        # Nothing scrolls sideways at 390 px but inside a table's own box.
        overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
        assert not overflow, f"{width} px: the page scrolls sideways"
    page.set_viewport_size({"width": 1280, "height": 900})


def test_a_round_from_opening_to_closing(demo: None, live_server: object, page: Page) -> None:
    base = str(live_server)
    log_in(page, base, "sekretariat")
    page.get_by_role("navigation", name="Hovedmenu").get_by_role(
        "link", name="Statusrunder"
    ).click()
    expect(page.get_by_role("heading", name="Statusrunder", level=1)).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Navn").fill("Status til styregruppen")
    page.get_by_label("Periode fra").fill("01.01.2026")
    page.get_by_label("Periode til").fill("31.03.2026")
    page.get_by_label("Frist for opdatering").fill("15.04.2026")
    page.get_by_label("Alle specialer").check()
    page.get_by_role("button", name="Åbn runden").click()
    expect(page.get_by_role("heading", name="Status til styregruppen", level=1)).to_be_visible()
    expect(page.get_by_role("heading", name="IM: Kardiologi", level=2)).to_be_visible()
    assert_accessible(page)
    log_out(page)

    log_in(page, base, "leder")
    page.get_by_role("link", name="Mine opgaver").first.click()
    expect(
        page.get_by_role("heading", name="Skal opdateres i den åbne statusrunde")
    ).to_be_visible()
    page.get_by_role("link", name="Mine indstillinger").click()
    expect(page.get_by_role("heading", name="Mine indstillinger", level=1)).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Ugentligt").check()
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_text("Dine indstillinger er gemt.")).to_be_visible()
    assert User.objects.get(username="leder").reminder_frequency == ReminderFrequency.WEEKLY
    page.goto(base + "/runder/speciale/im-kardiologi/")
    expect(page.get_by_role("heading", name="Siden sidste runde: IM: Kardiologi")).to_be_visible()
    assert_accessible(page)
    log_out(page)

    log_in(page, base, "sekretariat")
    round_ = StatusRound.objects.get()
    page.goto(base + f"/runder/{round_.pk}/")
    # Closing is final: the page asks first (issue #30, item 3).
    page.get_by_role("link", name="Luk runden…").click()
    expect(page.get_by_role("region", name="Luk runden endeligt?")).to_contain_text(
        "kan ikke åbnes igen"
    )
    page.get_by_role("button", name="Ja, luk runden endeligt").click()
    expect(
        page.get_by_text("Statusrunden er lukket, og dens status er fastfrosset.")
    ).to_be_visible()
    expect(
        page.get_by_role("button", name="PDF: Programmets statusrapport for runden")
    ).to_be_visible()
    assert_accessible(page)
    assert RoundSnapshot.objects.filter(round=round_).count() == round_.specialties.count()
