"""Invitations through HTTP (issue 24): who may invite, resend and withdraw, and the link
itself: accepted once, refused when expired, withdrawn, replaced or used, in Danish."""

import datetime
import hashlib
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from people.models import User
from specialties.models import Invitation, Membership, Profession, Site, Specialty
from tests.conftest import Cast, delivered

HTMX = {"HX-Request": "true", "HX-Target": "part-core-team"}
PASSWORD = "Et-langt-kodeord-2026"


def _invite_data(**extra: object) -> dict[str, object]:
    data = {
        "invite-first_name": "Nina",
        "invite-last_name": "Ny",
        "invite-email": "nina.ny@regionsjaelland.dk",
        "invite-role": "core_team",
        "invite-site": Site.objects.get(short_name="Slagelse").pk,
        "invite-profession": Profession.objects.get(name="Sygeplejerske").pk,
    }
    data.update(extra)
    return data


def _invite(cast: Cast, client: Client, **extra: object) -> str:
    """Invite as ``client`` and return the link from the e-mail."""
    response = client.post(
        reverse("specialties:invite", args=[cast.specialty.slug]), _invite_data(**extra)
    )
    assert response.status_code == 302, response.content
    return _link(delivered()[-1].body)


def _link(body: str) -> str:
    match = re.search(r"http://\S+/personer/invitation/(\S+)/", body)
    assert match, body
    return reverse("persons:invitation_accept", args=[match.group(1)])


@pytest.mark.parametrize("persona", ["owner", "lead", "secretariat"])
def test_the_owner_leads_and_secretariat_invite_to_the_core_team(cast: Cast, persona: str) -> None:
    client = cast.client_for(getattr(cast, persona))
    response = client.post(
        reverse("specialties:invite", args=[cast.specialty.slug]), _invite_data(), headers=HTMX
    )
    assert response.status_code == 200
    assert "Nina Ny" in response.text  # listed as pending in the core-team section
    invitation = Invitation.objects.get()
    assert invitation.role == "core_team"
    assert invitation.invited_by == getattr(cast, persona)
    assert len(delivered()) == 1
    message = delivered()[0]
    assert message.to == ["nina.ny@regionsjaelland.dk"]
    assert "Invitation til BASS Ambitions" in message.subject
    token = _link(message.body).rstrip("/").rsplit("/", 1)[-1]
    # Only a hash of the link's token is stored.
    assert token not in invitation.token_hash
    assert invitation.token_hash == hashlib.sha256(token.encode()).hexdigest()


@pytest.mark.parametrize("persona", ["core", "steering", "outsider", "other_owner"])
def test_others_may_not_invite(cast: Cast, persona: str) -> None:
    client = cast.client_for(getattr(cast, persona))
    response = client.post(
        reverse("specialties:invite", args=[cast.specialty.slug]), _invite_data()
    )
    assert response.status_code == 403
    assert not Invitation.objects.exists()
    assert not delivered()


def test_anonymous_may_not_invite(cast: Cast) -> None:
    response = Client().post(
        reverse("specialties:invite", args=[cast.specialty.slug]), _invite_data()
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert not Invitation.objects.exists()


def test_the_owner_invites_only_to_the_core_team(cast: Cast) -> None:
    client = cast.client_for(cast.owner)
    response = client.post(
        reverse("specialties:invite", args=[cast.specialty.slug]),
        _invite_data(**{"invite-role": "implementation_lead"}),
    )
    assert response.status_code == 400
    assert not Invitation.objects.exists()


def test_the_secretariat_invites_to_any_role(cast: Cast) -> None:
    client = cast.client_for(cast.secretariat)
    _invite(cast, client, **{"invite-role": "implementation_lead"})
    assert Invitation.objects.get().role == "implementation_lead"


def test_an_address_already_in_the_app_is_refused(cast: Cast) -> None:
    cast.core.email = "nina.ny@regionsjaelland.dk"
    cast.core.save()
    response = cast.client_for(cast.owner).post(
        reverse("specialties:invite", args=[cast.specialty.slug]), _invite_data()
    )
    assert response.status_code == 400
    assert "allerede" in response.text
    assert not Invitation.objects.exists()


def test_the_form_opens_in_the_core_team_section(cast: Cast) -> None:
    client = cast.client_for(cast.owner)
    url = reverse("specialties:detail", args=[cast.specialty.slug]) + "?inviter=1"
    response = client.get(url, headers=HTMX)
    assert response.status_code == 200
    assert 'id="part-core-team"' in response.text
    assert "invite-email" in response.text
    assert cast.client_for(cast.core).get(url).status_code == 403


def test_accepting_sets_a_password_makes_the_member_and_signs_in(cast: Cast) -> None:
    link = _invite(cast, cast.client_for(cast.owner))
    visitor = Client()
    page = visitor.get(link)
    assert page.status_code == 200
    assert "Nina Ny" in page.text
    response = visitor.post(link, {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert response.status_code == 302
    user = User.objects.get(email="nina.ny@regionsjaelland.dk")
    assert user.username == "nina.ny@regionsjaelland.dk"
    assert user.check_password(PASSWORD)
    membership = Membership.objects.get(user=user)
    assert (membership.specialty, membership.role) == (cast.specialty, "core_team")
    assert membership.site == Site.objects.get(short_name="Slagelse")
    # The membership history records the role given.
    assert Membership.history.filter(user_id=user.pk, history_type="+").exists()
    assert visitor.get(reverse("home")).status_code == 200  # signed in
    assert Client().login(username=user.username, password=PASSWORD)
    invitation = Invitation.objects.get()
    assert invitation.accepted_by == user
    assert invitation.accepted_at is not None
    # The core-team rule now counts her at Slagelse.
    specialty = Specialty.objects.with_people().get(pk=cast.specialty.pk)
    counted = {
        c.site.short_name: c.clinical_representatives for c in specialty.core_team_coverage()
    }
    assert counted["Slagelse"] == 1


def test_a_used_link_is_refused(cast: Cast) -> None:
    link = _invite(cast, cast.client_for(cast.owner))
    Client().post(link, {"new_password1": PASSWORD, "new_password2": PASSWORD})
    again = Client().post(link, {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert again.status_code == 410
    assert "allerede brugt" in again.text
    assert User.objects.filter(email="nina.ny@regionsjaelland.dk").count() == 1


def test_an_expired_link_is_refused(cast: Cast) -> None:
    link = _invite(cast, cast.client_for(cast.owner))
    Invitation.objects.update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    response = Client().post(link, {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert response.status_code == 410
    assert "udløbet" in response.text
    assert not User.objects.filter(email="nina.ny@regionsjaelland.dk").exists()


def test_a_withdrawn_link_is_refused(cast: Cast) -> None:
    link = _invite(cast, cast.client_for(cast.owner))
    invitation = Invitation.objects.get()
    url = reverse("specialties:invitation_withdraw", args=[cast.specialty.slug, invitation.pk])
    assert cast.client_for(cast.lead).post(url, headers=HTMX).status_code == 200
    response = Client().get(link)
    assert response.status_code == 410
    assert "trukket tilbage" in response.text


def test_sending_again_replaces_the_link(cast: Cast) -> None:
    old_link = _invite(cast, cast.client_for(cast.owner))
    invitation = Invitation.objects.get()
    url = reverse("specialties:invitation_resend", args=[cast.specialty.slug, invitation.pk])
    response = cast.client_for(cast.owner).post(url)
    assert response.status_code == 302
    assert len(delivered()) == 2
    new_link = _link(delivered()[-1].body)
    assert new_link != old_link
    assert Client().get(old_link).status_code == 410
    assert Client().get(new_link).status_code == 200


def test_a_made_up_link_is_refused(db: None) -> None:
    response = Client().get(reverse("persons:invitation_accept", args=["opdigtet"]))
    assert response.status_code == 410
    assert "ikke gyldigt" in response.text


@pytest.mark.parametrize("persona", ["core", "steering", "outsider", "other_owner"])
@pytest.mark.parametrize("action", ["invitation_resend", "invitation_withdraw"])
def test_others_may_not_resend_or_withdraw(cast: Cast, persona: str, action: str) -> None:
    _invite(cast, cast.client_for(cast.owner))
    invitation = Invitation.objects.get()
    before = (invitation.token_hash, invitation.withdrawn_at)
    url = reverse(f"specialties:{action}", args=[cast.specialty.slug, invitation.pk])
    assert cast.client_for(getattr(cast, persona)).post(url).status_code == 403
    assert Client().post(url).status_code == 302  # anonymous: to log-ind
    invitation.refresh_from_db()
    assert (invitation.token_hash, invitation.withdrawn_at) == before
    assert len(delivered()) == 1


def test_the_owner_cannot_withdraw_a_lead_invitation(cast: Cast) -> None:
    _invite(cast, cast.client_for(cast.secretariat), **{"invite-role": "implementation_lead"})
    invitation = Invitation.objects.get()
    url = reverse("specialties:invitation_withdraw", args=[cast.specialty.slug, invitation.pk])
    assert cast.client_for(cast.owner).post(url).status_code == 403
    assert cast.client_for(cast.secretariat).post(url).status_code == 302
    invitation.refresh_from_db()
    assert invitation.withdrawn_at is not None


def test_another_specialtys_invitation_is_not_found_under_this_one(cast: Cast) -> None:
    client = cast.client_for(cast.secretariat)
    client.post(
        reverse("specialties:invite", args=[cast.other_specialty.slug]),
        _invite_data(**{"invite-site": Site.objects.get(short_name="SUH Køge").pk}),
    )
    invitation = Invitation.objects.get()
    url = reverse("specialties:invitation_withdraw", args=[cast.specialty.slug, invitation.pk])
    assert client.post(url).status_code == 404
