"""What a real user met in the browser (issue #30): a saved text is not offered back, the
keyboard focus stays where the person put it, destructive steps ask first, nothing escapes
the viewport at 390 px, and no page raises a Content-Security-Policy error."""

import datetime
import io
import re

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import ConsoleMessage, Dialog, Page, expect

from ambitions.models import AreaFramework
from conversations.models import Comment, Notification
from improvement.models import ChangeIdea, Driver
from people.models import User
from rounds.services import round_open
from specialties.models import Specialty
from tests.browser.test_programme import assert_accessible

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
    expect(page.get_by_role("heading", name="Forside", level=1)).to_be_visible()


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


def test_removing_a_driver_asks_first_and_keeps_it_in_the_history(
    demo: None, live_server: object, page: Page, console_errors: list[str]
) -> None:
    base = str(live_server)
    framework = AreaFramework.objects.filter(ambition__specialty__slug=SLUG).order_by("pk")[0]
    primary = Driver.objects.create(framework=framework, text="Ensartet praksis")
    secondary = Driver.objects.create(framework=framework, parent=primary, text="Skabelon")
    idea = ChangeIdea.objects.create(driver=secondary, text="Tjekliste ved visitation")
    log_in(page, base, "kerneteam")
    page.goto(f"{base}/specialer/{SLUG}/forbedring/rammer/{framework.pk}/driverdiagram/")
    questions: list[str] = []

    def answer(dialog: Dialog, accept: bool) -> None:
        questions.append(dialog.message)
        if accept:
            dialog.accept()
        else:
            dialog.dismiss()

    remove = page.locator(f"#driver-{primary.pk} > form.driver__delete button")
    page.once("dialog", lambda dialog: answer(dialog, accept=False))
    remove.click()
    page.wait_for_timeout(300)
    assert questions, "no question before the removal"
    assert "1 sekundære drivere, 1 forandringsidéer" in questions[0], questions
    assert Driver.objects.filter(pk=primary.pk).exists()  # "no" removes nothing

    page.once("dialog", lambda dialog: answer(dialog, accept=True))
    remove.click()
    expect(page.locator(f"#driver-{primary.pk}")).to_have_count(0)
    assert not Driver.objects.filter(pk=primary.pk).exists()
    # What went is in the history, each part of it, by who removed it.
    for model, pk in ((Driver, primary.pk), (Driver, secondary.pk), (ChangeIdea, idea.pk)):
        deleted = model.history.filter(id=pk, history_type="-").get()  # type: ignore[attr-defined]
        assert deleted.history_user.username == "kerneteam"
    assert not console_errors


def test_closing_a_round_asks_first_and_says_it_is_final(
    demo: None, live_server: object, page: Page, console_errors: list[str]
) -> None:
    base = str(live_server)
    today = timezone.localdate()
    round_ = round_open(
        name="Status forår",
        period_start=today - datetime.timedelta(days=90),
        period_end=today,
        deadline=today + datetime.timedelta(days=7),
        specialties=list(Specialty.objects.filter(slug=SLUG)),
        by=User.objects.get(username="sekretariat"),
    )
    log_in(page, base, "sekretariat")
    page.goto(f"{base}/runder/{round_.pk}/")
    page.get_by_role("link", name="Luk runden…").click()
    question = page.get_by_role("region", name="Luk runden endeligt?")
    expect(question).to_contain_text("kan ikke åbnes igen")
    expect(question).to_contain_text("Fristen")  # before its deadline: said so
    round_.refresh_from_db()
    assert round_.is_open  # asking closed nothing
    question.get_by_role("link", name="Nej, lad den være åben").click()
    expect(page.get_by_role("link", name="Luk runden…")).to_be_visible()
    page.get_by_role("link", name="Luk runden…").click()
    page.get_by_role("button", name="Ja, luk runden endeligt").click()
    expect(page.locator(".messages")).to_contain_text("lukket")
    round_.refresh_from_db()
    assert not round_.is_open
    assert not console_errors


def test_since_the_last_round_names_its_column_for_what_it_compares(
    demo: None, live_server: object, page: Page
) -> None:
    base = str(live_server)
    log_in(page, base, "ejer")
    page.goto(f"{base}/runder/speciale/{SLUG}/")
    table = page.locator("table").first
    expect(table.locator("thead")).to_contain_text("Opdateret siden sidste runde")
    expect(table.locator("thead")).not_to_contain_text("Opdateret i denne runde")


def test_an_unread_count_does_not_widen_a_phone_page(
    demo: None, live_server: object, page: Page, console_errors: list[str]
) -> None:
    """Every page of the matrix is measured in test_accessibility.py; this one shows the cause
    (the count's visually hidden "ulæste" outside the menu's scroll box) on its own."""
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
    page.set_viewport_size(PHONE)  # type: ignore[arg-type]
    log_in(page, base, owner.username)
    expect(page.locator("#nav-notifications .badge")).to_be_visible()
    wider = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert wider <= 0, f"{wider} px sideways scrolling"
    assert not console_errors


@pytest.mark.parametrize("viewport", [None, PHONE])
def test_the_log_in_page_opens_with_the_focus_in_the_username(
    demo: None, live_server: object, page: Page, viewport: dict[str, int] | None
) -> None:
    """Item 11: a person types their name at once, without reaching for the mouse."""
    if viewport:
        page.set_viewport_size(viewport)
    page.goto(str(live_server) + "/log-ind/")
    expect(page.get_by_label("Brugernavn")).to_be_focused()


@pytest.mark.parametrize("viewport", [None, PHONE])
def test_a_form_sent_back_with_errors_puts_the_focus_on_the_first_field_to_fix(
    demo: None, live_server: object, page: Page, viewport: dict[str, int] | None
) -> None:
    """Item 9: adding an indicator with errors left them off screen and unfocused; fields
    that must be filled in were not marked. "Record progress" opens the card at its first
    measurement (item 11)."""
    from ambitions.models import Action

    if viewport:
        page.set_viewport_size(viewport)
    base = str(live_server)
    action = (
        Action.objects.filter(focus_area__framework__ambition__specialty__slug=SLUG)
        .exclude(indicators=None)
        .order_by("pk")[0]
    )
    log_in(page, base, "leder")
    page.goto(f"{base}/specialer/{SLUG}/faglig-ambition/fokusomraader/{action.focus_area_id}/")
    card = page.locator(f"article#action-{action.pk}")
    card.get_by_role("link", name=re.compile("^Registrér fremdrift")).click()
    first = action.indicators.order_by("pk")[0]
    expect(page.locator(f"#me{first.pk}-measured_on")).to_be_focused()
    card.locator("summary", has_text="Tilføj en indikator for fremdrift").click()
    name = card.locator(f"#in{action.pk}-name")
    star = name.evaluate(
        "field => getComputedStyle(field.parentElement.querySelector('label'), '::after').content"
    )
    assert "*" in star
    card.get_by_role("button", name="Tilføj indikator").click()
    invalid = page.locator(f"#in{action.pk}-name[aria-invalid='true']")
    expect(invalid).to_be_focused()
    expect(invalid).to_be_in_viewport()
    assert_accessible(page)
