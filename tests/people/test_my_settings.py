"""Mine indstillinger: every signed-in person sets their own e-mail choices, and only theirs."""

from __future__ import annotations

import pytest
from django.urls import reverse

from people.models import ReminderFrequency
from tests.conftest import Cast

pytestmark = pytest.mark.django_db

URL = "/mine-indstillinger/"


def test_the_url_is_mine_indstillinger() -> None:
    assert reverse("people:settings") == URL


def test_a_person_sees_and_saves_their_choices(cast: Cast) -> None:
    client = cast.client_for(cast.outsider)  # no role at all: the page is for everyone
    page = client.get(URL)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Mine indstillinger" in text
    assert "Påmindelser på e-mail" in text
    assert "Dagligt, når der er noget" in text

    response = client.post(URL, {"reminder_frequency": "weekly"})
    assert response.status_code == 302
    assert response["Location"] == URL
    cast.outsider.refresh_from_db()
    assert cast.outsider.reminder_frequency == ReminderFrequency.WEEKLY
    assert cast.outsider.comment_emails is False  # an unticked box
    # Nobody else's choices changed.
    cast.core.refresh_from_db()
    assert cast.core.reminder_frequency == ReminderFrequency.DAILY
    assert cast.core.comment_emails

    client.post(URL, {"reminder_frequency": "never", "comment_emails": "on"})
    cast.outsider.refresh_from_db()
    assert cast.outsider.reminder_frequency == ReminderFrequency.NEVER
    assert cast.outsider.comment_emails is True


def test_a_bad_choice_is_a_field_error_and_changes_nothing(cast: Cast) -> None:
    client = cast.client_for(cast.core)
    response = client.post(URL, {"reminder_frequency": "hourly", "comment_emails": ""})
    assert response.status_code == 400
    assert "Marker en gyldig valgmulighed" in response.content.decode()
    cast.core.refresh_from_db()
    assert cast.core.reminder_frequency == ReminderFrequency.DAILY
    assert cast.core.comment_emails


def test_anonymous_is_sent_to_log_in(cast: Cast) -> None:
    client = cast.client_for(None)
    for response in (client.get(URL), client.post(URL, {"reminder_frequency": "never"})):
        assert response.status_code == 302
        assert response["Location"].startswith("/log-ind/")


def test_the_user_menu_links_to_the_settings(cast: Cast) -> None:
    text = cast.client_for(cast.core).get(reverse("home")).content.decode()
    assert f'href="{URL}"' in text
