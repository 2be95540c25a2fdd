"""The log-in page as a person meets it (issue 30, item 11)."""

from django.test import Client
from django.urls import reverse


def test_the_username_field_has_the_focus_when_the_page_opens(db: None) -> None:
    page = Client().get(reverse("login")).content.decode()
    field = next(line for line in page.splitlines() if 'name="username"' in line)
    assert "autofocus" in field
