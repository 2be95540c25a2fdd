"""The admin speaks Danish (issue 29, item 3): its own pages, our models, and django-axes'
log-in throttle, which ships no Danish ("Axes", "Access attempts")."""

from __future__ import annotations

import re

from axes.models import AccessAttempt
from django.urls import reverse

from tests.conftest import Cast


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"(?s)<[^>]+>", " ", html))


def test_the_admin_index_is_danish(cast: Cast) -> None:
    response = cast.client_for(cast.secretariat).get(reverse("admin:index"))
    assert response.status_code == 200
    text = _text(response.text)
    assert "Spærring af log-in" in text
    assert "Adgangsforsøg" in text
    for english in ["Axes", "Access attempt", "Recent actions", "View site", "Log out"]:
        assert english not in text, english


def test_the_login_locks_are_listed_in_danish(cast: Cast) -> None:
    AccessAttempt.objects.create(
        username="ejer",
        ip_address="10.1.2.3",
        user_agent="x",
        http_accept="*/*",
        path_info="/log-ind/",
        get_data="",
        post_data="",
        failures_since_start=3,
    )
    client = cast.client_for(cast.secretariat)
    text = _text(client.get(reverse("admin:axes_accessattempt_changelist")).text)
    for danish in ["Tidspunkt", "IP-adresse", "Brugernavn", "Mislykkede log-in", "Spærret"]:
        assert danish in text, danish
    for english in ["Attempt Time", "IP Address", "Failed Logins", "Locked Out", "Axes"]:
        assert english not in text, english
