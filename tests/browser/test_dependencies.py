"""Dependencies between specialties in headless Chromium (issue 26, item 4): Radiologi's owner
finds IM: Kardiologi's open dependency on the home page and answers it with a question; the
error of a decline without a remark stands next to the field and keeps the choice. IM:
Kardiologi's lead sees the question on the home page and changes the dependency, which asks
again. Axe at desktop and 390 px, and nothing wider than a phone."""

import io

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from ambitions.models import Dependency, DependencyState
from tests.browser.test_first_hour import wait_for_htmx
from tests.browser.test_programme import log_in
from tests.browser.test_sites import assert_fits_and_accessible

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def demo(reference_data: None) -> None:
    call_command("load_demo", stdout=io.StringIO())


def test_radiologi_answers_and_kardiologi_asks_again(
    demo: None, live_server: object, page: Page
) -> None:
    base = str(live_server)
    open_one = Dependency.objects.get(specialty__slug="im-kardiologi", state=DependencyState.OPEN)
    card = page.locator(f"#dependency-{open_one.pk}")

    log_in(page, base, "henrik.dalsgaard")
    page.get_by_role("link", name="IM: Kardiologi afhænger af jer").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Radiologi")
    assert_fits_and_accessible(page)
    card.get_by_role("link", name="Svar").click()
    card.get_by_label("Afvis").check()
    card.get_by_role("button", name="Gem").click()
    expect(card.get_by_text("Skriv, hvorfor jeres speciale siger nej.")).to_be_visible()
    expect(card.get_by_label("Afvis")).to_be_checked()
    assert_fits_and_accessible(page)
    card.get_by_label("Stil et spørgsmål").check()
    card.get_by_label("Bemærkning").fill("Kan scanningerne ligge om eftermiddagen?")
    card.get_by_role("button", name="Gem").click()
    expect(card.get_by_text("Spørgsmål stillet")).to_be_visible()
    expect(card.get_by_text("Kan scanningerne ligge om eftermiddagen?")).to_be_visible()

    page.context.clear_cookies()
    log_in(page, base, "leder")
    page.get_by_role("link", name="Radiologi spørger om").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("IM: Kardiologi")
    card.get_by_role("link", name="Ændr og spørg igen").click()
    wait_for_htmx(page)  # the form is htmx's before it is sent
    need = card.get_by_label("Hvad I har brug for")
    need.fill("")
    card.get_by_role("button", name="Gem").click()
    expect(card.get_by_text("Skriv, hvad jeres speciale har brug for.")).to_be_visible()
    assert_fits_and_accessible(page)
    need.fill("Hjerte-MR: 4 ekstra scanninger om måneden, gerne om eftermiddagen")
    card.get_by_role("button", name="Gem").click()
    expect(card.get_by_text("Afventer svar")).to_be_visible()
    expect(card.locator("dd", has_text="gerne om eftermiddagen")).to_be_visible()
    assert_fits_and_accessible(page)
    open_one.refresh_from_db()
    assert open_one.state == DependencyState.OPEN
