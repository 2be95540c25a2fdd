"""Accepting an invitation with the work account (issue 24): the account the first sign-in
makes is matched to the invitation by e-mail and gets its role; another address is not."""

from typing import Any

from django.test import Client
from django.urls import reverse

from people.models import User
from specialties.models import Invitation, Membership
from tests.conftest import Cast, delivered
from tests.people.test_sso import provider, sign_in, sso_on  # noqa: F401 (fixtures)
from tests.specialties.test_invitations import _invite, _invite_data


def _accept_with_work_account(link: str, answers: dict[str, Any], **claims: Any) -> Client:
    visitor = Client()
    page = visitor.get(link)
    assert page.status_code == 200
    assert "Log ind med arbejdskonto" in page.text
    response = visitor.post(link + "arbejdskonto/")
    assert response.status_code == 302
    assert response["Location"] == reverse("sso_start")
    sign_in(visitor, answers, **claims)
    return visitor


def test_the_work_account_is_matched_by_email_and_gets_the_role(
    cast: Cast,
    sso_on: None,  # noqa: F811
    provider: dict[str, Any],  # noqa: F811
) -> None:
    link = _invite(cast, cast.client_for(cast.owner), **{"invite-email": "kiho@regionsjaelland.dk"})
    assert "arbejdskonto" in delivered()[-1].body
    visitor = _accept_with_work_account(link, provider)
    user = User.objects.get(sso_subject="11111111-2222-3333-4444-555555555555")
    assert Membership.objects.get(user=user).role == "core_team"
    assert Invitation.objects.get().accepted_by == user
    assert visitor.get(reverse("home")).status_code == 200
    assert Client().get(link).status_code == 410  # used


def test_another_address_is_not_given_the_role(
    cast: Cast,
    sso_on: None,  # noqa: F811
    provider: dict[str, Any],  # noqa: F811
) -> None:
    link = _invite(cast, cast.client_for(cast.owner))  # nina.ny@…, not kiho@…
    visitor = _accept_with_work_account(link, provider)
    user = User.objects.get(sso_subject="11111111-2222-3333-4444-555555555555")
    assert not Membership.objects.filter(user=user).exists()
    assert Invitation.objects.get().accepted_at is None
    page = visitor.get(reverse("home"))
    assert "ikke den, invitationen blev sendt til" in page.text


def test_without_sso_the_work_account_button_is_not_there(cast: Cast) -> None:
    link = _invite(cast, cast.client_for(cast.owner))
    assert "arbejdskonto" not in Client().get(link).text
    assert Client().post(link + "arbejdskonto/").status_code == 404
    assert _invite_data()  # the same form as the password path
