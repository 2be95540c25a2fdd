"""Whom a person without a role contacts (issue 29, item 4): the secretariat writes a name
and an e-mail on a page of its own; the person with no role sees them on the home page, with
what they may read meanwhile; the steering group's home page is not about specialties."""

from __future__ import annotations

import pytest
from django.urls import reverse

from programme.models import SecretariatContact
from tests.conftest import Cast

URL = reverse("programme:contact")
DATA = {"name": "Karin Holm, BASS-sekretariatet", "email": "bass@example.org"}


def test_the_secretariat_writes_the_contact(cast: Cast) -> None:
    client = cast.client_for(cast.secretariat)
    page = client.get(URL)
    assert page.status_code == 200
    assert "Kontakt for personer uden en rolle" in page.text
    response = client.post(URL, DATA)
    assert response.status_code == 302
    contact = SecretariatContact.objects.get()
    assert (contact.name, contact.email, contact.updated_by) == (
        DATA["name"],
        DATA["email"],
        cast.secretariat,
    )
    # Written again, it is the same one row.
    client.post(URL, {**DATA, "email": "ny@example.org"})
    assert SecretariatContact.objects.get().email == "ny@example.org"
    assert 'value="ny@example.org"' in client.get(URL).text


def test_a_bad_address_is_refused_and_kept_in_the_form(cast: Cast) -> None:
    response = cast.client_for(cast.secretariat).post(URL, {**DATA, "email": "ikke en adresse"})
    assert response.status_code == 400
    assert 'value="ikke en adresse"' in response.text
    assert not SecretariatContact.objects.exists()


@pytest.mark.parametrize("persona", ["owner", "lead", "core", "steering", "outsider"])
def test_no_one_else_writes_it(cast: Cast, persona: str) -> None:
    client = cast.client_for(getattr(cast, persona))
    assert client.get(URL).status_code == 403
    assert client.post(URL, DATA).status_code == 403
    assert not SecretariatContact.objects.exists()


def test_an_anonymous_person_is_sent_to_log_in(cast: Cast) -> None:
    response = cast.client_for(None).post(URL, DATA)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert not SecretariatContact.objects.exists()


def test_a_person_without_a_role_sees_whom_to_contact_and_what_to_read(cast: Cast) -> None:
    client = cast.client_for(cast.outsider)
    before = client.get(reverse("home")).text
    assert "Bed BASS-sekretariatet om at tilføje dig." in before
    assert "bass@example.org" not in before
    cast.client_for(cast.secretariat).post(URL, DATA)
    text = client.get(reverse("home")).text  # the kept page is made again
    assert "Du er ikke tilknyttet et speciale endnu." in text
    assert "Bed BASS-sekretariatet om at tilføje dig: skriv til Karin Holm" in text
    assert '<a href="mailto:bass@example.org">bass@example.org</a>' in text
    assert "Det kan du læse imens" in text
    for name in ["specialties:list", "inspiration:library", "inspiration:task_shifts"]:
        assert f'href="{reverse(name)}"' in text, name


@pytest.mark.parametrize("persona", ["steering", "secretariat"])
def test_the_programme_is_not_told_it_has_no_specialty(cast: Cast, persona: str) -> None:
    cast.client_for(cast.secretariat).post(URL, DATA)
    text = cast.client_for(getattr(cast, persona)).get(reverse("home")).text
    assert "<h1>Forside</h1>" in text
    assert "Mine specialer" not in text
    assert "Du er ikke tilknyttet et speciale endnu." not in text
    assert "bass@example.org" not in text
    # Only the secretariat is offered the page that writes it.
    assert (f'href="{URL}"' in text) == (persona == "secretariat")


@pytest.mark.parametrize("persona", ["owner", "core"])
def test_a_specialty_person_sees_their_specialties_not_this(cast: Cast, persona: str) -> None:
    cast.client_for(cast.secretariat).post(URL, DATA)
    text = cast.client_for(getattr(cast, persona)).get(reverse("home")).text
    assert "Specialer, du er en del af" in text
    assert "bass@example.org" not in text
