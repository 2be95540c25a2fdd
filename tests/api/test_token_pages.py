"""The token pages: the secretariat issues and withdraws; a person sees and withdraws their
own; nobody else does either."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from api import services
from api.models import ApiToken
from tests.conftest import Cast

HX = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "part-tokens"}


def _url(cast: Cast) -> str:
    return reverse("access:person_tokens", kwargs={"pk": cast.owner.pk})


def test_the_secretariat_issues_a_token_shown_once(cast: Cast) -> None:
    client = cast.client_for(cast.secretariat)
    response = client.post(_url(cast), {"name": "  Regionens   BI  "}, **HX)
    assert response.status_code == 200
    token = ApiToken.objects.get()
    assert (token.user, token.created_by, token.name) == (
        cast.owner,
        cast.secretariat,
        "Regionens BI",
    )
    secret = re.search(r'id="new-token" type="text" readonly value="([^"]+)"', response.text)[1]
    assert secret.startswith(token.prefix)
    assert secret in response.text
    assert 'id="part-tokens"' in response.text
    assert "<html" not in response.text  # the fragment only
    again = client.get(_url(cast))
    assert secret not in again.text
    assert token.prefix in again.text


def test_a_token_needs_a_name(cast: Cast) -> None:
    response = cast.client_for(cast.secretariat).post(_url(cast), {"name": " "}, **HX)
    assert response.status_code == 400
    assert not ApiToken.objects.exists()


@pytest.mark.parametrize("persona", ["owner", "lead", "core", "steering", "outsider"])
def test_nobody_else_issues_or_opens_the_page(cast: Cast, persona: str) -> None:
    client = cast.client_for(getattr(cast, persona))
    assert client.get(_url(cast)).status_code == 403
    assert client.post(_url(cast), {"name": "Mit"}).status_code == 403
    assert not ApiToken.objects.exists()


def test_anonymous_is_sent_to_log_in(cast: Cast) -> None:
    response = Client().get(_url(cast))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_the_secretariat_withdraws_with_htmx(cast: Cast) -> None:
    token, _secret = services.token_issue(user=cast.owner, name="BI", by=cast.secretariat)
    url = reverse("access:token_withdraw", kwargs={"pk": token.pk})
    response = cast.client_for(cast.secretariat).post(url, **HX)
    assert response.status_code == 200
    token.refresh_from_db()
    assert token.withdrawn_at is not None
    assert token.withdrawn_by == cast.secretariat
    assert "Trukket tilbage" in response.text


def test_a_person_withdraws_their_own(cast: Cast) -> None:
    token, _secret = services.token_issue(user=cast.owner, name="BI", by=cast.secretariat)
    url = reverse("access:token_withdraw", kwargs={"pk": token.pk})
    response = cast.client_for(cast.owner).post(url, {"from": "mine"})
    assert response.status_code == 302
    assert response["Location"] == reverse("access:mine")
    token.refresh_from_db()
    assert token.withdrawn_by == cast.owner


@pytest.mark.parametrize("persona", ["lead", "steering", "outsider"])
def test_nobody_else_withdraws_it(cast: Cast, persona: str) -> None:
    token, _secret = services.token_issue(user=cast.owner, name="BI", by=cast.secretariat)
    url = reverse("access:token_withdraw", kwargs={"pk": token.pk})
    assert cast.client_for(getattr(cast, persona)).post(url).status_code == 404
    token.refresh_from_db()
    assert token.withdrawn_at is None


def test_my_page_lists_my_tokens_only(cast: Cast) -> None:
    mine, _secret = services.token_issue(user=cast.owner, name="Mit BI", by=cast.secretariat)
    services.token_issue(user=cast.lead, name="Ledelsens", by=cast.secretariat)
    page = cast.client_for(cast.owner).get(reverse("access:mine"))
    assert page.status_code == 200
    assert mine.prefix in page.text
    assert "Mit BI" in page.text
    assert "Ledelsens" not in page.text
    assert "Udsted" not in page.text  # issuing is the secretariat's
