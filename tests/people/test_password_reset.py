"""Issue 24: "Glemt adgangskode", Django's own password reset in Danish, through HTTP."""

import re

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from people.models import User
from tests.conftest import delivered
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def ask(client: Client, email: str) -> None:
    response = client.post(reverse("password_reset"), {"email": email})
    assert response.status_code == 302
    assert response["Location"] == reverse("password_reset_done")


def link_in_mail() -> str:
    (message,) = delivered()
    found = re.search(r"https?://\S+/glemt-adgangskode/\S+/\S+/", message.body)
    assert found, message.body
    return found.group(0)


def test_the_log_in_page_links_to_the_reset() -> None:
    page = Client().get(reverse("login")).content.decode()
    assert f'href="{reverse("password_reset")}"' in page
    assert "Glemt adgangskode" in page


@override_settings(SITE_URL="https://bass.regionsjaelland.dk")
def test_a_local_account_gets_a_one_time_link_in_danish() -> None:
    user = UserFactory(email="lone@example.org")
    client = Client()
    ask(client, "lone@example.org")
    assert delivered()[0].subject == "BASS Ambitions: vælg en ny adgangskode"
    link = link_in_mail()
    # Where people reach the app, never the host the request claimed.
    assert link.startswith("https://bass.regionsjaelland.dk/glemt-adgangskode/")
    path = link.removeprefix("https://bass.regionsjaelland.dk")

    form = client.get(path, follow=True)
    assert "Vælg en ny adgangskode" in form.content.decode()
    set_url = form.redirect_chain[-1][0]
    done = client.post(
        set_url, {"new_password1": "Ny-kode-til-BASS-7", "new_password2": "Ny-kode-til-BASS-7"}
    )
    assert done["Location"] == reverse("password_reset_complete")
    user.refresh_from_db()
    assert user.check_password("Ny-kode-til-BASS-7")

    # The same link again: refused.
    again = Client().get(path, follow=True).content.decode()
    assert "Linket er ikke gyldigt" in again


def test_an_expired_link_is_refused() -> None:
    UserFactory(email="lone@example.org")
    ask(Client(), "lone@example.org")
    path = "/" + link_in_mail().split("/", 3)[3]
    with override_settings(PASSWORD_RESET_TIMEOUT=-1):
        page = Client().get(path, follow=True).content.decode()
    assert "Linket er ikke gyldigt" in page


def test_no_mail_for_an_unknown_address_or_a_work_account() -> None:
    User.objects.create_user(username="sso", email="sso@example.org", sso_subject="oid-1")
    client = Client()
    ask(client, "nobody@example.org")
    ask(client, "sso@example.org")  # no password here: it is changed at the work account
    assert delivered() == []
