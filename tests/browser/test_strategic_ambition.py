"""The strategic ambition's whole round in headless Chromium: the owner writes and submits,
the steering group returns it with a remark, the owner revises and resubmits, it is approved."""

import io
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from playwright.sync_api import Browser, Page, expect

from ambitions.models import StrategicAmbition, Transition

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(reference_data: None) -> None:
    call_command("load_demo", stdout=io.StringIO())


def signed_in(browser: Browser, base_url: str, username: str) -> Page:
    page = browser.new_context(locale="da-DK").new_page()
    page.set_default_timeout(10_000)
    page.goto(base_url + "/log-ind/")
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill("bass-demo")
    page.get_by_role("button", name="Log ind").click()
    expect(page.get_by_role("heading", name="Forside", level=1)).to_be_visible()
    return page


def assert_accessible(page: Page) -> None:
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def edit_part(page: Page, name: str, text: str) -> None:
    page.get_by_role("link", name=re.compile(f"^Redigér\\W+{name}$")).click()
    field = page.get_by_role("textbox", name=name)
    expect(field).to_be_visible()
    field.fill(text)
    page.get_by_role("button", name="Gem", exact=True).click()
    expect(page.get_by_text(text)).to_be_visible()


def submit(page: Page) -> None:
    page.get_by_text("Indsend til styregruppen…").click()  # asks first, then the real button
    page.get_by_role("button", name=re.compile(r"^Ja, indsend version \d+$")).click()


def decide(page: Page, base_url: str, choice: str, remark: str) -> None:
    page.goto(base_url + "/")
    page.get_by_role("link", name="IM: Kardiologi: Version").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Beslutning om IM: Kardiologi")
    assert_accessible(page)
    page.get_by_label(choice).check()
    page.get_by_label("Bemærkning").fill(remark)
    page.get_by_role("button", name="Registrér beslutningen").click()


def test_write_submit_return_revise_resubmit_approve(
    demo: None, live_server: object, browser: Browser
) -> None:
    base = str(live_server)
    owner = signed_in(browser, base, "ejer")
    owner.get_by_role("link", name="IM: Kardiologi", exact=True).click()
    owner.get_by_role("link", name="Åbn den strategiske ambition").click()
    expect(owner.get_by_text("Version 1 er den godkendte og gældende.")).to_be_visible()
    assert_accessible(owner)

    owner.get_by_text("Start en revision…").click()  # asks first
    owner.get_by_role("button", name="Ja, start revisionen").click()
    expect(owner.get_by_text("En ny kladde er åbnet.")).to_be_visible()
    owner.evaluate("window.__sameDocument = true")
    edit_part(owner, "Forudsætninger", "Fælles vagtplan og transitionsmidler til 2027.")
    assert owner.evaluate("window.__sameDocument") is True  # saved in place, no reload
    owner.reload()
    expect(owner.get_by_text("Ændret siden godkendelsen:")).to_be_visible()
    submit(owner)
    expect(owner.get_by_text("Version 2 er indsendt til styregruppen.")).to_be_visible()

    steering = signed_in(browser, base, "styregruppe")
    decide(
        steering, base, "Returnér til specialeejeren", "Beskriv hvem der finansierer vagtplanen."
    )
    expect(steering.get_by_text("returneret til specialeejeren")).to_be_visible()

    owner.reload()
    expect(owner.get_by_text("Beskriv hvem der finansierer vagtplanen.").first).to_be_visible()
    edit_part(owner, "Forudsætninger", "Vagtplanen finansieres af transitionsmidler i 2027.")
    submit(owner)
    expect(owner.get_by_text("Version 3 er indsendt til styregruppen.")).to_be_visible()

    decide(steering, base, "Godkend", "Godkendt.")
    expect(steering.get_by_text("Den strategiske ambition er godkendt.")).to_be_visible()

    ambition = StrategicAmbition.objects.get(specialty__slug="im-kardiologi")
    assert ambition.status == "approved"
    assert ambition.approved_version.number == 3
    assert list(
        Transition.objects.filter(ambition=ambition).values_list("to_status", flat=True)
    ) == ["submitted", "approved", "draft", "submitted", "returned", "submitted", "approved"]
    steering.goto(base + "/beslutninger/")
    expect(steering.get_by_text("Beskriv hvem der finansierer vagtplanen.")).to_be_visible()
