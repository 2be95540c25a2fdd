"""Issue 24 in the browser: the owner invites a person to the core team from the core-team
section (HTMX), the person opens the e-mail's link, chooses a password and is signed in;
at desktop width and on a phone (390 px), with axe on every page on the way."""

import io
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core import mail
from django.core.management import call_command
from playwright.sync_api import Browser, Page, expect

from people.models import User
from specialties.models import Membership

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "Et-langt-kodeord-2026"


@pytest.fixture
def demo(reference_data: None) -> None:
    call_command("load_demo", stdout=io.StringIO())


def assert_accessible(page: Page) -> None:
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def _page(browser: Browser, width: int) -> Page:
    context = browser.new_context(locale="da-DK", viewport={"width": width, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    return page


@pytest.mark.parametrize("width", [1280, 390])
def test_invite_accept_and_signed_in(
    demo: None, live_server: object, browser: Browser, width: int
) -> None:
    base = str(live_server)
    owner = _page(browser, width)
    owner.goto(base + "/")
    owner.get_by_label("Brugernavn").fill("ejer")
    owner.get_by_label("Adgangskode").fill("bass-demo")
    owner.get_by_role("button", name="Log ind").click()
    owner.goto(base + "/specialer/im-kardiologi/")
    owner.get_by_role("link", name="Invitér en person").click()
    form = owner.locator("#part-core-team form.form")
    expect(form.get_by_label("Fornavn")).to_be_focused()  # loaded by HTMX, focus on it
    form.get_by_label("Fornavn").fill("Nanna")
    form.get_by_label("Efternavn").fill("Nyborg")
    form.get_by_label("E-mail").fill("nanna.nyborg@regionsjaelland.example")
    form.get_by_label("Matrikel").select_option(label="Slagelse")
    form.get_by_label("Faggruppe").select_option(label="Sygeplejerske")
    assert_accessible(owner)
    form.get_by_role("button", name="Send invitation").click()
    section = owner.locator("#part-core-team")
    expect(section.get_by_role("button", name="Træk tilbage Nanna Nyborg")).to_be_visible()
    expect(section.get_by_text("nanna.nyborg@regionsjaelland.example")).to_be_visible()
    assert_accessible(owner)
    owner.context.close()

    (message,) = [m for m in mail.outbox if "nanna.nyborg" in m.to[0]]
    link = re.search(r"http://\S+/personer/invitation/\S+/", message.body)
    assert link
    path = "/" + link.group(0).split("/", 3)[3]

    invited = _page(browser, width)
    invited.goto(base + path)
    expect(invited.get_by_role("heading", name="Accepter invitationen")).to_be_visible()
    assert_accessible(invited)
    expect(invited.get_by_text("Du er inviteret som kerneteammedlem")).to_be_visible()
    invited.locator("input[name=new_password1]").fill(PASSWORD)
    invited.get_by_label("Bekræftelse af ny adgangskode").fill(PASSWORD)
    invited.get_by_role("button", name="Gem adgangskode og log ind").click()
    expect(invited.get_by_role("heading", name="Forside", level=1)).to_be_visible()
    expect(invited.get_by_role("link", name="IM: Kardiologi", exact=True)).to_be_visible()
    assert_accessible(invited)
    scroll = invited.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, f"the home page scrolls sideways at {width} px"

    user = User.objects.get(email="nanna.nyborg@regionsjaelland.example")
    assert Membership.objects.get(user=user).role == Membership.Role.CORE_TEAM

    # The link is used: opened again, it is refused in Danish.
    invited.goto(base + path)
    expect(invited.get_by_text("Invitationslinket er allerede brugt.")).to_be_visible()
    assert_accessible(invited)
    invited.context.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_the_secretariat_deactivates_a_person_on_the_people_pages(
    demo: None, live_server: object, browser: Browser, width: int
) -> None:
    base = str(live_server)
    page = _page(browser, width)
    page.goto(base + "/")
    page.get_by_label("Brugernavn").fill("sekretariat")
    page.get_by_label("Adgangskode").fill("bass-demo")
    page.get_by_role("button", name="Log ind").click()
    page.get_by_role("link", name="Personer").first.click()
    expect(page.get_by_role("heading", name="Personer", level=1)).to_be_visible()
    # The demo's pending invitation is listed.
    expect(page.get_by_role("button", name="Træk tilbage Signe Vinther")).to_be_visible()
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.get_by_role("link", name="Sofie Lund Mikkelsen").click()
    expect(page.get_by_role("heading", name="Sofie Lund Mikkelsen", level=1)).to_be_visible()
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.get_by_role("button", name="Deaktivér").click()
    expect(page.get_by_role("button", name="Genaktivér")).to_be_visible()
    assert_accessible(page)
    assert not User.objects.get(username="kerneteam").is_active
    page.context.close()
