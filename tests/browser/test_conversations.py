"""A comment and a reply on a framework (desktop) and on an action card (390 px) in headless
Chromium, the unread count they leave in the owner's menu, and the list that reads them."""

import io
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from playwright.sync_api import Locator, Page, expect

from ambitions.models import Action, AreaFramework
from conversations.models import Comment, Notification

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SLUG = "im-kardiologi"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def demo(reference_data: None) -> None:
    call_command("load_demo", stdout=io.StringIO())


def log_in(page: Page, base: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(base + "/log-ind/")
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill("bass-demo")
    page.get_by_role("button", name="Log ind").click()
    expect(page.get_by_role("heading", name="Forside", level=1)).to_be_visible()


def assert_fits_and_accessible(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert width <= 0, f"{width} px sideways scrolling"
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def comment_and_reply(page: Page, thread: Locator, question: str, answer: str) -> None:
    main_form = thread.locator("form").last
    main_form.get_by_label(re.compile("^Kommentar")).fill(question)
    main_form.get_by_role("button", name="Tilføj kommentar").click()
    expect(thread.get_by_text(question)).to_be_visible()
    comment = Comment.objects.get(text=question)
    article = page.locator(f"#comment-{comment.pk}")
    expect(article).to_be_focused()  # the keyboard follows the new comment
    article.locator("summary").click()
    article.get_by_label(re.compile("^Kommentar")).fill(answer)
    article.get_by_role("button", name="Send svar").click()
    expect(page.locator(f"#comment-{comment.pk} .comment--reply")).to_contain_text(answer)
    assert Comment.objects.get(text=answer).parent == comment


@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["desktop", "390 px"])
def test_a_comment_and_a_reply_on_a_framework_and_an_action(
    demo: None, live_server: object, page: Page, size: dict[str, int]
) -> None:
    base = str(live_server)
    page.set_viewport_size(size)  # type: ignore[arg-type]
    framework = AreaFramework.objects.filter(ambition__specialty__slug=SLUG).order_by("pk")[0]
    action = Action.objects.filter(focus_area__framework__ambition__specialty__slug=SLUG)[0]

    log_in(page, base, "styregruppe")
    page.goto(f"{base}/specialer/{SLUG}/faglig-ambition/rammer/{framework.pk}/")
    thread = page.locator(f"#thread-framework-{framework.pk}")
    expect(thread).to_contain_text("Ingen kommentarer endnu")  # loaded into place
    comment_and_reply(page, thread, "Hvem tager visitationen?", "Det gør Køge fra marts.")
    assert_fits_and_accessible(page)

    page.goto(f"{base}/specialer/{SLUG}/faglig-ambition/fokusomraader/{action.focus_area_id}/")
    card = page.locator(f"#action-{action.pk}")
    card.get_by_role("link", name=re.compile("^Kommentarer")).click()
    thread = page.locator(f"#thread-action-{action.pk}")
    expect(thread).to_be_visible()
    comment_and_reply(page, thread, "Er udkastet sendt i høring?", "Ja, i sidste uge.")
    assert_fits_and_accessible(page)

    # The owner was told of all four; the menu counts them after the page has loaded.
    assert Notification.objects.filter(recipient__username="ejer").count() == 4
    log_in(page, base, "ejer")
    badge = page.locator("#nav-notifications .badge")
    expect(badge).to_have_text(re.compile(r"^4\s*ulæste$"))
    page.locator("#nav-notifications").click()
    expect(page.get_by_role("heading", name="Notifikationer", level=1)).to_be_visible()
    expect(page.locator("li.notification--unread")).to_have_count(4)
    # Shown is read: the badge goes once the page has told the server.
    expect(page.locator("#nav-notifications .badge")).to_have_count(0)
    assert not Notification.objects.filter(recipient__username="ejer", read_at=None).exists()
    assert_fits_and_accessible(page)
    page.get_by_role("link", name="Er udkastet sendt i høring?").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(action.title)
