"""Key figures (issue 27) in headless Chromium on the demo region: the steering group reads
before and after, the secretariat defines a key figure, Kardiologi's owner records a month's
value (a bad one first) and reads the trends; axe at desktop and 390 px on every page."""

import io

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from effect.models import KeyFigure, KeyFigureValue
from tests.browser.test_rounds import assert_accessible, log_in, log_out

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def demo(reference_data: None) -> None:
    call_command("load_demo", stdout=io.StringIO())


def test_key_figures_from_definition_to_before_and_after(
    demo: None, live_server: object, page: Page
) -> None:
    base = str(live_server)
    log_in(page, base, "styregruppe")
    page.get_by_role("navigation", name="Hovedmenu").get_by_role(
        "link", name="Effekt", exact=True
    ).click()
    expect(page.get_by_role("heading", name="Før og efter", level=1)).to_be_visible()
    expect(page.get_by_role("heading", name="IM: Kardiologi", level=2)).to_be_visible()
    # The demo's second year is better than its first: a signal, and an improvement.
    expect(page.get_by_text("Forbedring").first).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="IM: Kardiologi", exact=True).first.click()
    expect(page.get_by_role("heading", name="Effektmål og udvikling", level=1)).to_be_visible()
    expect(page.locator("svg.run-chart").first).to_be_visible()
    expect(page.get_by_label("Værdi:", exact=True)).to_have_count(
        0
    )  # the steering group reads only
    assert_accessible(page)
    log_out(page)

    log_in(page, base, "sekretariat")
    page.goto(base + "/effekt/")
    expect(page.get_by_role("heading", name="Effektmål", level=1)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Definér et effektmål").click()
    expect(page.get_by_role("heading", name="Definér et effektmål", level=1)).to_be_visible()
    page.get_by_label("Navn:", exact=True).fill("Merarbejde")
    page.get_by_label("Enhed:", exact=True).fill("timer")
    page.get_by_label("Lavere er bedre").check()
    page.get_by_role("button", name="Gem effektmålet").click()
    # No specialty and not per site: the error stands next to the specialties.
    expect(page.get_by_text("Vælg de specialer, der registrerer effektmålet")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("IM: Kardiologi").check()
    page.get_by_role("button", name="Gem effektmålet").click()
    expect(page.get_by_text("Effektmålet er gemt.")).to_be_visible()
    assert KeyFigure.objects.filter(name="Merarbejde", specialties__slug="im-kardiologi").exists()
    log_out(page)

    log_in(page, base, "ejer")
    page.goto(base + "/specialer/im-kardiologi/")
    page.get_by_role("link", name="Effektmål og udvikling").click()
    expect(page.get_by_role("heading", name="Effektmål og udvikling", level=1)).to_be_visible()
    before = KeyFigureValue.objects.count()
    page.get_by_label("Effektmål:", exact=True).select_option(label="Merarbejde (timer)")
    page.get_by_label("Matrikel:", exact=True).select_option(label="SUH Køge")
    page.get_by_label("Måned:", exact=True).fill("01.2026")
    page.get_by_label("Værdi:", exact=True).fill("seks")
    page.get_by_role("button", name="Registrér værdien").click()
    expect(page.get_by_text("Skriv et tal, fx 6,5.")).to_be_visible()
    assert KeyFigureValue.objects.count() == before
    assert_accessible(page)
    page.get_by_label("Værdi:", exact=True).fill("42,5")
    page.get_by_role("button", name="Registrér værdien").click()
    expect(page.get_by_text("Værdien er registreret.")).to_be_visible()
    value = KeyFigureValue.objects.get(key_figure__name="Merarbejde")
    assert str(value.value) == "42.50"
    assert value.recorded_by.username == "ejer"
