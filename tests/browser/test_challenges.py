"""The challenges page in headless Chromium: add, edit in place, cancel, choose core challenges
with HTMX, with the balance following along; and the page passes axe.

Elements are found by id, structure and the perspectives' names (reference data), not by the
interface's words, which are translated separately. BASS_SCREENSHOTS=<dir> keeps screenshots.
"""

import os

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from sustainability.models import Challenge
from tests.conftest import Cast
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = os.environ.get("BASS_SCREENSHOTS", "")


def _log_in(page: Page, base_url: str, username: str) -> None:
    page.goto(base_url + "/log-ind/")
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    expect(page.get_by_role("heading", name="Forside", level=1)).to_be_visible()


def _assert_accessible(page: Page) -> None:
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def _shot(page: Page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


def _add(page: Page, title: str, perspective: str, lenses: dict[str, str]) -> None:
    form = page.locator("#challenge-add form")
    form.locator("#add-title").fill(title)
    form.get_by_role("radio", name=perspective).check()
    for label, text in lenses.items():
        form.get_by_role("textbox", name=label).fill(text)
    form.locator("button[type=submit]").click()
    expect(page.locator(".challenge__title", has_text=title)).to_be_visible()
    _wait_for_htmx(page)


def _wait_for_htmx(page: Page) -> None:
    """Until htmx has swapped and settled: typing into a form it is still settling is lost."""
    # A locator, not wait_for_function: that evaluates a string, which the page's
    # Content-Security-Policy (no 'unsafe-eval') forbids.
    expect(
        page.locator(".htmx-request, .htmx-swapping, .htmx-settling, .htmx-added")
    ).to_have_count(0)


def test_the_owner_works_with_the_challenges_in_place(
    reference_data: None,
    cast: Cast,
    live_server: object,
    page: Page,
) -> None:
    _log_in(page, str(live_server), "owner")
    page.goto(f"{live_server}/specialer/{cast.specialty.slug}/udfordringer/")
    page.evaluate("window.__sameDocument = true")  # survives HTMX swaps, not a reload
    _assert_accessible(page)

    _add(
        page,
        "Ventelister",
        "Faglig bæredygtighed",
        {
            "Faglig bæredygtighed": "Rutinekontroller uden evidens.",
            "Personalemæssig bæredygtighed": "Højt sygefravær i ambulatoriet.",
            "Organisatorisk bæredygtighed": "Ventetid på ydelser fra et andet speciale.",
        },
    )
    _add(page, "Rekruttering", "Faglig bæredygtighed", {})
    _assert_accessible(page)
    _add(page, "Uddannelse", "Organisatorisk bæredygtighed", {})
    assert page.evaluate("window.__sameDocument") is True
    expect(page.locator("#balance-dominant")).to_contain_text("Faglig bæredygtighed")
    expect(page.locator("#balance-missing")).to_contain_text("Rekruttering")
    _shot(page, "challenges-added")
    _assert_accessible(page)

    # Edit in place; the balance follows (out of band) once the perspective changes.
    rekruttering = Challenge.objects.get(title="Rekruttering")
    card = page.locator(f"#challenge-{rekruttering.pk}")
    card.locator(".challenge__actions a").click()
    card.get_by_role("radio", name="Personalemæssig bæredygtighed").check()
    card.get_by_role("textbox", name="Personalemæssig bæredygtighed").fill("Svært at rekruttere.")
    _shot(page, "challenge-editing")
    _assert_accessible(page)
    card.locator("button[type=submit]").click()
    expect(card.get_by_text("Svært at rekruttere.")).to_be_visible()
    expect(page.locator("#balance-dominant")).to_have_count(0)
    assert page.evaluate("window.__sameDocument") is True

    # Cancel puts the challenge back as it was.
    card.locator(".challenge__actions a").click()
    card.get_by_role("textbox", name="Personalemæssig bæredygtighed").fill("Ikke gemt")
    card.get_by_role("link", name="Annullér", exact=True).click()
    expect(card.get_by_text("Svært at rekruttere.")).to_be_visible()
    expect(card.locator("textarea")).to_have_count(0)

    # Core challenges: choose two and swap them.
    ventelister = Challenge.objects.get(title="Ventelister")
    for challenge in (rekruttering, ventelister):
        page.locator(f"#challenge-{challenge.pk} form[action$='/kerne/'] button").click()
        expect(page.locator(f"#challenge-{challenge.pk}.challenge--core")).to_be_visible()
    page.locator(f"#challenge-{ventelister.pk} form[action$='/flyt/'] button").click()
    expect(page.locator(".challenge").first).to_have_id(f"challenge-{ventelister.pk}")
    assert page.evaluate("window.__sameDocument") is True
    assert list(
        Challenge.objects.filter(is_core=True).order_by("core_order").values_list("title")
    ) == [("Ventelister",), ("Rekruttering",)]
    _shot(page, "challenges-core")
    _assert_accessible(page)
