"""The real pages in headless Chromium: log in as the demo owner, see and change the team."""

import io

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from playwright.sync_api import Page, expect

from specialties.models import Membership

# serialized_rollback: the flush after each test would take the reference data with it.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def demo(reference_data: None) -> None:
    call_command("load_demo", stdout=io.StringIO())


def log_in(page: Page, base_url: str, username: str) -> None:
    page.goto(base_url + "/")
    expect(page.get_by_role("heading", name="Log ind")).to_be_visible()
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill("bass-demo")
    page.get_by_role("button", name="Log ind").click()


def assert_accessible(page: Page) -> None:
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def test_the_demo_owner_logs_in_and_sees_their_specialty(
    demo: None, live_server: object, page: Page
) -> None:
    log_in(page, str(live_server), "ejer")
    expect(page.get_by_role("heading", name="Forside", level=1)).to_be_visible()
    expect(page.get_by_role("link", name="IM: Kardiologi", exact=True)).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="IM: Kardiologi", exact=True).click()
    expect(page.get_by_role("heading", name="IM: Kardiologi", level=1)).to_be_visible()
    expect(page.get_by_text("Kerneteamet opfylder reglen på alle matrikler.")).to_be_visible()
    assert_accessible(page)


def test_the_owner_changes_the_core_team_in_place(
    demo: None, live_server: object, page: Page
) -> None:
    log_in(page, str(live_server), "ejer")
    page.get_by_role("link", name="IM: Kardiologi", exact=True).click()
    page.evaluate("window.__sameDocument = true")  # survives HTMX swaps, not a reload
    holbaek = Membership.objects.filter(
        specialty__slug="im-kardiologi", role="core_team", site__short_name="Holbæk"
    ).select_related("user")
    leaving = holbaek[0].user

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name=f"Fjern {leaving}").click()
    warning = page.get_by_text("Kerneteamet er ikke komplet.")
    expect(warning).to_be_visible()
    expect(page.locator("#part-core-team")).to_contain_text("Holbæk: mangler 1")
    assert page.evaluate("window.__sameDocument") is True

    # A clinical representative without a site is refused next to the field.
    page.get_by_role("link", name="Vælg en person").click()
    page.get_by_label("Person").select_option(label=str(leaving))
    page.get_by_label("Faggruppe").select_option(label="Læge")
    page.get_by_role("button", name="Tilføj", exact=True).click()
    expect(page.get_by_text("En klinisk repræsentant hører til en matrikel")).to_be_visible()
    expect(page.get_by_label("Person")).to_have_value(str(leaving.pk))  # kept what was typed

    page.get_by_role("combobox", name="Matrikel").select_option(label="Holbæk")
    page.get_by_role("button", name="Tilføj", exact=True).click()
    expect(page.get_by_text("Kerneteamet opfylder reglen på alle matrikler.")).to_be_visible()
    assert page.evaluate("window.__sameDocument") is True
    assert holbaek.count() == len(list(holbaek))  # fresh query
    assert Membership.objects.filter(user=leaving, role="core_team").exists()


def test_keyboard_users_can_skip_to_the_content(
    demo: None, live_server: object, page: Page
) -> None:
    log_in(page, str(live_server), "kerneteam")
    expect(page.get_by_role("heading", name="Forside", level=1)).to_be_visible()
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Spring til indhold")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()


def test_others_see_the_team_but_cannot_change_it(
    demo: None, live_server: object, page: Page
) -> None:
    log_in(page, str(live_server), "ude")
    expect(page.get_by_text("Du er ikke tilknyttet et speciale endnu.")).to_be_visible()
    page.get_by_role("link", name="Specialer", exact=True).click()
    assert_accessible(page)
    page.get_by_role("link", name="IM: Kardiologi", exact=True).click()
    expect(page.get_by_role("heading", name="Kerneteam", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Tilføj", exact=True)).to_have_count(0)
