"""What a real user met in the browser (issue #30): a saved text is not offered back, the
keyboard focus stays where the person put it, destructive steps ask first, nothing escapes
the viewport at 390 px, and no page raises a Content-Security-Policy error."""

import io
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import ConsoleMessage, Page, expect

from ambitions.models import AreaFramework
from conversations.models import Comment, Notification
from people.models import User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SLUG = "im-kardiologi"
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def demo(reference_data: None) -> None:
    call_command("load_demo", stdout=io.StringIO())


@pytest.fixture
def console_errors(page: Page) -> list[str]:
    errors: list[str] = []

    def keep(message: ConsoleMessage) -> None:
        if message.type == "error":
            errors.append(message.text)

    page.on("console", keep)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def log_in(page: Page, base: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(base + "/log-ind/")
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill("bass-demo")
    page.get_by_role("button", name="Log ind").click()
    expect(page.get_by_role("heading", name="Mine specialer", level=1)).to_be_visible()


def test_a_saved_comment_is_not_offered_back_and_unsaved_text_is(
    demo: None, live_server: object, page: Page, console_errors: list[str]
) -> None:
    base = str(live_server)
    framework = AreaFramework.objects.filter(ambition__specialty__slug=SLUG).order_by("pk")[0]
    url = f"{base}/specialer/{SLUG}/faglig-ambition/rammer/{framework.pk}/"
    log_in(page, base, "styregruppe")
    page.goto(url)
    thread = page.locator(f"#thread-framework-{framework.pk}")
    expect(thread).to_contain_text("Ingen kommentarer endnu")
    # Typed key by key, as a person does, so the draft is kept while they write.
    thread.locator("form").last.get_by_label(re.compile("^Kommentar")).type("Hvem tager den?")
    thread.locator("form").last.get_by_role("button", name="Tilføj kommentar").click()
    expect(thread.get_by_text("Hvem tager den?")).to_be_visible()
    comment = Comment.objects.get(text="Hvem tager den?")
    article = page.locator(f"#comment-{comment.pk}")
    article.locator("summary").click()
    article.get_by_label(re.compile("^Kommentar")).type("Køge fra marts.")
    article.get_by_role("button", name="Send svar").click()
    expect(article.locator(".comment--reply")).to_contain_text("Køge fra marts.")
    page.wait_for_timeout(200)  # past htmx's settle
    expect(page.locator(".draft-offer")).to_have_count(0)
    page.reload()
    expect(thread.get_by_text("Køge fra marts.")).to_be_visible()
    expect(page.locator(".draft-offer")).to_have_count(0)  # saved: nothing is offered back

    # A reply typed and not sent (the person left) is offered back in that reply only.
    article.locator("summary").click()
    article.get_by_label(re.compile("^Kommentar")).type("Ikke sendt endnu")
    page.evaluate("window.onbeforeunload = null")
    page.goto(url)  # the browser's "leave the page?" is answered by Playwright
    article.locator("summary").click()
    offer = article.locator(".draft-offer")
    expect(offer).to_be_visible()
    expect(page.locator(".draft-offer")).to_have_count(1)  # not in the new-comment form
    offer.get_by_role("button", name="Indsæt den ikke-gemte tekst igen").click()
    expect(article.get_by_label(re.compile("^Kommentar"))).to_have_value("Ikke sendt endnu")
    assert not console_errors


def test_focus_stays_where_the_person_put_it(
    demo: None, live_server: object, page: Page, console_errors: list[str]
) -> None:
    base = str(live_server)
    owner = User.objects.get(username="ejer")
    framework = AreaFramework.objects.filter(ambition__specialty__slug=SLUG).order_by("pk")[0]
    comment = Comment.objects.create(
        specialty=framework.ambition.specialty,
        topic="framework",
        framework=framework,
        author=User.objects.get(username="styregruppe"),
        text="Læs denne",
    )
    Notification.objects.create(recipient=owner, comment=comment)
    log_in(page, base, owner.username)
    for url in (f"{base}/", f"{base}/specialer/{SLUG}/faglig-ambition/rammer/{framework.pk}/"):
        page.goto(url)
        # The unread count and the thread arrive after the page: the focus stays on the page.
        expect(page.locator("#nav-notifications .badge")).to_be_visible()
        page.wait_for_timeout(300)
        assert page.evaluate("document.activeElement === document.body")
        page.keyboard.press("Tab")
        expect(page.locator(".skip-link")).to_be_focused()
        # Another swap of the count (as after reading notifications) leaves it there too.
        with page.expect_response(re.compile("/notifikationer/")):
            page.evaluate("htmx.trigger(document.body, 'bass:notifications-read')")
        page.wait_for_timeout(200)
        expect(page.locator(".skip-link")).to_be_focused()
    assert not console_errors
