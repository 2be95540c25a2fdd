"""The secretariat's people pages through HTTP (issue 24): the list, deactivating and
reactivating a person, their programme role and their roles in specialties; who may not."""

import pytest
from django.test import Client
from django.urls import reverse

from people.models import ProgrammeRole
from specialties.models import Invitation, Membership, Site
from tests.conftest import Cast, delivered

HTMX = {"HX-Request": "true", "HX-Target": "part-person"}
OTHERS = ["owner", "lead", "core", "steering", "outsider", "other_owner"]


def test_the_secretariat_sees_everyone_with_their_roles(cast: Cast) -> None:
    response = cast.client_for(cast.secretariat).get(reverse("persons:list"))
    assert response.status_code == 200
    assert "Ole Ejer" in response.text
    assert "Specialeejer, IM: Testkardiologi" in response.text
    assert "Afventende invitationer" not in response.text  # none yet


@pytest.mark.parametrize("persona", OTHERS)
def test_no_one_else_sees_the_people_pages(cast: Cast, persona: str) -> None:
    client = cast.client_for(getattr(cast, persona))
    assert client.get(reverse("persons:list")).status_code == 403
    assert client.get(reverse("persons:detail", args=[cast.core.pk])).status_code == 403


def test_anonymous_is_sent_to_log_in(cast: Cast) -> None:
    response = Client().get(reverse("persons:list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_secretariat_invites_from_the_people_page(cast: Cast) -> None:
    data = {
        "invite-first_name": "Ib",
        "invite-last_name": "Ide",
        "invite-email": "ib@regionsjaelland.dk",
        "invite-specialty": cast.other_specialty.pk,
        "invite-role": "owner",
    }
    # The other specialty has an owner already.
    response = cast.client_for(cast.secretariat).post(reverse("persons:invite"), data)
    assert response.status_code == 400
    data["invite-role"] = "implementation_lead"
    response = cast.client_for(cast.secretariat).post(
        reverse("persons:invite"), data, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert 'id="part-invitations"' in response.text
    assert "ib@regionsjaelland.dk" in response.text
    assert Invitation.objects.get().specialty == cast.other_specialty
    assert len(delivered()) == 1


@pytest.mark.parametrize("persona", OTHERS)
def test_no_one_else_invites_from_the_people_page(cast: Cast, persona: str) -> None:
    data = {
        "invite-first_name": "Ib",
        "invite-last_name": "Ide",
        "invite-email": "ib@regionsjaelland.dk",
        "invite-specialty": cast.specialty.pk,
        "invite-role": "implementation_lead",
    }
    response = cast.client_for(getattr(cast, persona)).post(reverse("persons:invite"), data)
    assert response.status_code == 403
    assert not Invitation.objects.exists()


def test_a_deactivated_person_cannot_sign_in_and_keeps_their_name(cast: Cast) -> None:
    cast.core.set_password("Kerne-kodeord-2026")
    cast.core.save()
    signed_in = Client()
    assert signed_in.login(username="core", password="Kerne-kodeord-2026")
    url = reverse("persons:active", args=[cast.core.pk])
    response = cast.client_for(cast.secretariat).post(url, {"active": "0"}, headers=HTMX)
    assert response.status_code == 200
    assert "Deaktiveret" in response.text
    cast.core.refresh_from_db()
    assert not cast.core.is_active
    # Their session ends, and a password no longer lets them in.
    assert signed_in.get(reverse("home")).status_code == 302
    assert not Client().login(username="core", password="Kerne-kodeord-2026")
    # Still on the specialty page by name, but no longer counted by the core-team rule.
    page = cast.client_for(cast.owner).get(cast.specialty.get_absolute_url())
    assert "Karen Kerne" in page.text
    # Reactivated: they sign in again.
    cast.client_for(cast.secretariat).post(url, {"active": "1"})
    assert Client().login(username="core", password="Kerne-kodeord-2026")


def test_the_secretariat_cannot_deactivate_itself(cast: Cast) -> None:
    url = reverse("persons:active", args=[cast.secretariat.pk])
    response = cast.client_for(cast.secretariat).post(url, {"active": "0"})
    assert response.status_code == 400
    cast.secretariat.refresh_from_db()
    assert cast.secretariat.is_active


@pytest.mark.parametrize("persona", OTHERS)
def test_no_one_else_deactivates(cast: Cast, persona: str) -> None:
    url = reverse("persons:active", args=[cast.core.pk])
    assert cast.client_for(getattr(cast, persona)).post(url, {"active": "0"}).status_code == 403
    assert Client().post(url, {"active": "0"}).status_code == 302
    cast.core.refresh_from_db()
    assert cast.core.is_active


def test_roles_are_given_and_taken_with_history(cast: Cast) -> None:
    client = cast.client_for(cast.secretariat)
    add = reverse("persons:membership_add", args=[cast.outsider.pk])
    response = client.post(
        add,
        {
            "role-specialty": cast.specialty.pk,
            "role-role": "implementation_lead",
            "role-site": Site.objects.get(short_name="Slagelse").pk,
        },
        headers=HTMX,
    )
    assert response.status_code == 200
    membership = Membership.objects.get(user=cast.outsider)
    assert membership.role == "implementation_lead"
    record = Membership.history.get(user_id=cast.outsider.pk, history_type="+")
    assert record.history_user == cast.secretariat
    # The same role twice, or a second owner, is refused.
    again = client.post(add, {"role-specialty": cast.specialty.pk, "role-role": "owner"})
    assert again.status_code == 400
    assert Membership.objects.filter(user=cast.outsider).count() == 1
    remove = reverse("persons:membership_remove", args=[cast.outsider.pk, membership.pk])
    assert client.post(remove, headers=HTMX).status_code == 200
    assert not Membership.objects.filter(user=cast.outsider).exists()
    taken = Membership.history.get(user_id=cast.outsider.pk, history_type="-")
    assert taken.history_user == cast.secretariat
    # The specialty page's history of roles shows both.
    page = client.get(cast.specialty.get_absolute_url())
    assert page.text.count(str(cast.outsider)) >= 2


def test_a_membership_of_another_person_is_not_found(cast: Cast) -> None:
    membership = Membership.objects.get(user=cast.core)
    url = reverse("persons:membership_remove", args=[cast.outsider.pk, membership.pk])
    assert cast.client_for(cast.secretariat).post(url).status_code == 404
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_the_programme_role_is_given(cast: Cast) -> None:
    url = reverse("persons:programme_role", args=[cast.outsider.pk])
    response = cast.client_for(cast.secretariat).post(url, {"programme_role": "steering_group"})
    assert response.status_code == 302
    cast.outsider.refresh_from_db()
    assert cast.outsider.programme_role == ProgrammeRole.STEERING_GROUP


@pytest.mark.parametrize("persona", OTHERS)
def test_no_one_else_changes_roles(cast: Cast, persona: str) -> None:
    client = cast.client_for(getattr(cast, persona))
    membership = Membership.objects.get(user=cast.core)
    urls = [
        (reverse("persons:programme_role", args=[cast.core.pk]), {"programme_role": "secretariat"}),
        (
            reverse("persons:membership_add", args=[cast.core.pk]),
            {"role-specialty": cast.specialty.pk, "role-role": "implementation_lead"},
        ),
        (reverse("persons:membership_remove", args=[cast.core.pk, membership.pk]), {}),
    ]
    for url, data in urls:
        assert client.post(url, data).status_code == 403
        assert Client().post(url, data).status_code == 302
    cast.core.refresh_from_db()
    assert cast.core.programme_role == ""
    assert list(Membership.objects.filter(user=cast.core)) == [membership]
