"""Issue 24: signing in with the work account through a real OpenID Connect provider.

CI starts oidc-provider (.ci/oidc/provider.mjs) on 127.0.0.1:9400; on a laptop without it
the test is skipped, in CI (CI=true) it fails. The provider's log-in form takes any name,
which becomes the subject; the app must make one account for it and find it again.
"""

import copy
import os
from collections.abc import Iterator

import pytest
import requests
from django.conf import settings
from django.test import override_settings
from playwright.sync_api import Page, expect

from people import sso
from people.models import ProgrammeRole, User
from tests.conftest import require_service

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ISSUER = os.environ.get("OIDC_TEST_ISSUER", "http://127.0.0.1:9400")


def provider_running() -> bool:
    try:
        return requests.get(f"{ISSUER}/.well-known/openid-configuration", timeout=2).ok
    except requests.RequestException:
        return False


@pytest.fixture
def sso_configured() -> Iterator[None]:
    require_service(provider_running(), f"the OpenID Connect provider at {ISSUER}")
    sso.discover.cache_clear()
    policy = copy.deepcopy(settings.CONTENT_SECURITY_POLICY)
    policy["DIRECTIVES"]["form-action"].append(ISSUER)  # as settings.py adds it with SSO
    with override_settings(
        CONTENT_SECURITY_POLICY=policy,
        SSO_ENABLED=True,
        OIDC_ISSUER=ISSUER,
        OIDC_RP_CLIENT_ID="bass",
        OIDC_RP_CLIENT_SECRET="bass-ci-secret",
        OIDC_SECRETARIAT_GROUPS=["bass-secretariat"],
    ):
        yield
    sso.discover.cache_clear()


def sign_in_at_provider(page: Page, base: str, name: str) -> None:
    page.goto(base + "/log-ind/")
    page.get_by_role("link", name="Log ind med arbejdskonto").click()
    # The provider's own pages: its log-in form, then its consent.
    page.wait_for_url(f"{ISSUER}/interaction/**")
    page.locator("input[name=login]").fill(name)
    page.locator("input[name=password]").fill("any")
    page.locator("button[type=submit]").click()
    if page.url.startswith(f"{ISSUER}/interaction/"):
        page.locator("button[type=submit]").click()  # consent
    expect(page.get_by_role("heading", name="Forside", level=1)).to_be_visible()


def test_a_work_account_signs_in_through_the_provider_and_is_found_again(
    sso_configured: None, live_server: object, page: Page
) -> None:
    # The provider's client holds for loopback on any port, by address, not by "localhost".
    base = str(live_server).replace("localhost", "127.0.0.1")

    sign_in_at_provider(page, base, "kirsten")
    user = User.objects.get(sso_subject="kirsten")
    assert (user.first_name, user.last_name) == ("Kirsten", "Arbejdskonto")
    assert user.email == "kirsten@regionsjaelland.example"
    assert user.programme_role == ProgrammeRole.NONE
    assert not user.has_usable_password()

    # Sign out (here and at the provider), then in again: the same account, no second one.
    page.get_by_role("button", name="Log ud").click()
    page.wait_for_url(lambda url: url.startswith(ISSUER) or "/log-ind/" in url)
    if page.url.startswith(ISSUER):
        page.locator("button[type=submit]").first.click()  # the provider asks to confirm
    expect(page.get_by_role("heading", name="Log ind", level=1)).to_be_visible()
    sign_in_at_provider(page, base, "kirsten")
    assert User.objects.filter(sso_subject="kirsten").count() == 1
    assert User.objects.count() == 1

    # A person in the secretariat's group gets the programme role from the claim.
    page.context.clear_cookies()
    sign_in_at_provider(page, base, "sekretariat-anne")
    assert User.objects.get(sso_subject="sekretariat-anne").is_secretariat
