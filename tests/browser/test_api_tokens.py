"""The token page and the calendar page in headless Chromium on the demo region: the
secretariat issues a token to the lead (shown once) and withdraws it, then makes its own
calendar address; axe at desktop and 390 px on every step."""

import io

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from api.models import ApiToken, CalendarFeed
from people.models import User
from tests.browser.test_rounds import assert_accessible, log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def demo(reference_data: None) -> None:
    call_command("load_demo", stdout=io.StringIO())


def test_issue_and_withdraw_a_token(demo: None, live_server: object, page: Page) -> None:
    base = str(live_server)
    page.on("dialog", lambda dialog: dialog.accept())  # hx-confirm asks before withdrawing
    log_in(page, base, "sekretariat")
    lead = User.objects.get(username="leder")
    page.goto(base + f"/personer/{lead.pk}/")
    page.get_by_role("link", name="Adgangsnøgler").click()
    expect(page.get_by_role("heading", name=f"Adgangsnøgler: {lead}", level=1)).to_be_visible()
    expect(page.get_by_text("Ingen adgangsnøgler.")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Hvad nøglen skal bruges til").fill("Regionens BI-rapport")
    page.get_by_role("button", name="Udsted nøglen").click()
    expect(page.get_by_role("heading", name="Den nye nøgle")).to_be_visible()
    token = ApiToken.objects.get(user=lead)
    secret = page.get_by_role("textbox", name="Nøgle", exact=True).input_value()
    assert secret.startswith(token.prefix)
    assert token.secret_hash != secret
    expect(page.get_by_role("cell", name="Regionens BI-rapport", exact=True)).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Træk tilbage Regionens BI-rapport").click()
    expect(page.get_by_text("Trukket tilbage")).to_be_visible()
    token.refresh_from_db()
    assert token.withdrawn_at is not None
    assert_accessible(page)

    page.goto(base + "/mine-indstillinger/")
    page.get_by_role("link", name="Kalender og adgangsnøgler til API'et").click()
    expect(page.get_by_role("heading", name="Kalender og adgangsnøgler", level=1)).to_be_visible()
    expect(page.get_by_role("cell", name="Demo: regionens BI-rapport", exact=True)).to_be_visible()
    page.get_by_role("button", name="Lav min kalenderadresse").click()
    address = page.get_by_role("textbox", name="Kalenderadresse", exact=True)
    expect(address).to_be_visible()
    feed = CalendarFeed.objects.get(user__username="sekretariat")
    expect(page.get_by_role("textbox", name="Kalenderadresse", exact=True)).to_have_value(
        f"{base}/kalender/{feed.secret}.ics"
    )
    assert_accessible(page)
