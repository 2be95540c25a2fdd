"""The inspiration library in headless Chromium, at desktop width and at 390 px: a core-team
member searches the library (HTMX, as they type), opens a case, and cites it from an action;
the pages pass axe and fit a phone.

Elements are found by id and by the cases' own titles (reference data), not by the
interface's words, which are translated separately.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from playwright.sync_api import Browser, Page, expect

from ambitions.models import Action, ProfessionalAmbition
from inspiration.models import ActionInspiration
from sustainability.models import Challenge, FocusArea
from tests.ambitions.professional.conftest import (
    approved,
    drafted,
    frameworks_of,
    make_action,
    make_focus_area,
    professional,
)
from tests.conftest import Cast
from tests.factories import PASSWORD

pytestmark = [
    pytest.mark.browser,
    # serialized_rollback: the flush after the test would take the reference data with it.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

__all__ = ["approved", "drafted", "professional"]

WIDTHS = {"desktop": {"width": 1280, "height": 900}, "390 px": {"width": 390, "height": 844}}
OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


def _log_in(page: Page, base_url: str, username: str) -> None:
    page.goto(base_url + "/log-ind/")
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    expect(page.get_by_role("heading", name="Forside", level=1)).to_be_visible()


def _settled(page: Page) -> None:
    expect(
        page.locator(".htmx-request, .htmx-swapping, .htmx-settling, .htmx-added")
    ).to_have_count(0)


def _fits(page: Page) -> None:
    assert page.evaluate(OVERFLOW) <= 0
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


@pytest.fixture
def action(cast: Cast, professional: ProfessionalAmbition) -> Action:
    focus_area = make_focus_area(frameworks_of(professional)[1], "Rekruttering")
    challenge = Challenge.objects.get(specialty=cast.specialty, title="Rekruttering")
    challenge.focus_areas.set(FocusArea.objects.filter(name="Rekruttering og fastholdelse"))
    return make_action(
        focus_area,
        responsible=cast.core,
        title="Husassistent på sengeafsnittet",
        challenges=[challenge],
    )


@pytest.mark.parametrize("width", WIDTHS)
def test_search_the_library_and_cite_a_case_from_an_action(
    reference_data: None,
    cast: Cast,
    action: Action,
    live_server: object,
    browser: Browser,
    width: str,
) -> None:
    base = str(live_server)
    context = browser.new_context(locale="da-DK", viewport=WIDTHS[width])  # type: ignore[arg-type]
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        _log_in(page, base, cast.core.username)
        page.goto(base + reverse("inspiration:library"))
        fve = page.locator("#case-fve-bilen-kolding")
        mamma = page.locator("#case-ai-mamma")
        expect(mamma).to_be_visible()
        _fits(page)

        # Typing searches (HTMX): only the FVE car has a paramedic.
        page.locator("#id_q").fill("paramediciner")
        _settled(page)
        expect(fve).to_be_visible()
        expect(mamma).to_have_count(0)
        assert "q=paramediciner" in page.url  # the search is in the address, to share
        fve.get_by_role("link").click()
        expect(page.locator("#case-title")).to_have_text(
            "FVE-bilen fra akutafdelingen på Kolding sygehus"
        )
        expect(page.locator("#case-source")).to_contain_text("s. 48")
        _fits(page)

        # From the action's card on its focus area, to its inspiration, and cite the case.
        page.goto(
            base
            + reverse(
                "professional:focus_area",
                kwargs={"slug": cast.specialty.slug, "pk": action.focus_area_id},
            )
        )
        page.locator(f"#action-{action.pk}-inspiration").click()
        expect(page.locator("#no-citations")).to_be_visible()
        # The challenge the action answers suggests the Horsens case.
        expect(page.locator("#action-suggestions")).to_contain_text(
            "Tværfaglighed på hjertemedicinsk afdeling i Horsens"
        )
        _fits(page)
        page.locator("#cite-case").select_option(
            label="FVE-bilen fra akutafdelingen på Kolding sygehus"
        )
        page.locator("#cite-note").fill("Fremskudt visitation.")
        page.locator("#part-citations .panel button[type=submit]").click()
        _settled(page)
        expect(page.locator("#citation-fve-bilen-kolding")).to_contain_text("Fremskudt visitation.")
        expect(page.locator("#citation-done")).to_be_visible()
        _fits(page)
        citation = ActionInspiration.objects.get(action=action)
        assert (citation.case.slug, citation.created_by) == ("fve-bilen-kolding", cast.core)

        # And stop citing it again: asked first, with the case named.
        questions: list[str] = []
        page.once("dialog", lambda dialog: (questions.append(dialog.message), dialog.accept()))
        page.locator("#citation-fve-bilen-kolding button[type=submit]").click()
        _settled(page)
        expect(page.locator("#no-citations")).to_be_visible()
        assert len(questions) == 1
        assert "FVE-bilen fra akutafdelingen på Kolding sygehus" in questions[0]
        assert not ActionInspiration.objects.filter(action=action).exists()
    finally:
        context.close()
