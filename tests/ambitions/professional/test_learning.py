"""Learning across specialties (issue 12): an approved strategic ambition and the
professional ambition built on it are read by every programme member; drafts, submitted
versions, comments, history and challenges stay with the specialty and the programme."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from ambitions.models import PartKind, StrategicAmbition
from ambitions.strategic import services
from specialties import permissions as specialty_permissions
from tests.conftest import Cast

ALL = ["owner", "lead", "core", "steering", "secretariat", "outsider", "other_owner"]
MEMBERS = ["owner", "lead", "core", "steering", "secretariat", "other_owner"]


def url(cast: Cast, name: str, **kwargs: object) -> str:
    return reverse(name, kwargs={"slug": cast.specialty.slug, **kwargs})


def private_pages(cast: Cast) -> list[str]:
    """What stays with the specialty's people, the steering group and the secretariat."""
    return [
        url(cast, "ambitions:versions"),
        url(cast, "ambitions:part_history", kind=PartKind.SITUATION),
        url(cast, "ambitions:part", kind=PartKind.SITUATION),
        url(cast, "sustainability:challenges"),
    ]


@pytest.mark.parametrize(
    ("persona", "member"),
    [(p, p in MEMBERS) for p in ALL],
)
def test_who_is_a_programme_member(cast: Cast, persona: str, member: bool) -> None:
    assert specialty_permissions.is_programme_member(getattr(cast, persona)) is member


def test_an_inactive_person_is_no_programme_member(cast: Cast) -> None:
    cast.other_owner.is_active = False
    assert not specialty_permissions.is_programme_member(cast.other_owner)


def test_a_draft_stays_with_the_specialty(cast: Cast, drafted: StrategicAmbition) -> None:
    for persona in ("other_owner", "outsider"):
        client = cast.client_for(getattr(cast, persona))
        assert client.get(url(cast, "ambitions:detail")).status_code == 404
        assert client.get(url(cast, "ambitions:approved")).status_code == 404
        assert client.get(url(cast, "professional:overview")).status_code == 404


def test_a_submitted_version_stays_with_the_specialty(
    cast: Cast, drafted: StrategicAmbition
) -> None:
    services.ambition_submit(ambition=drafted, by=cast.owner)
    client = cast.client_for(cast.other_owner)
    assert client.get(url(cast, "ambitions:detail")).status_code == 404
    assert client.get(url(cast, "ambitions:approved")).status_code == 404


@pytest.mark.parametrize("persona", ALL)
def test_the_approved_version_is_read_by_every_programme_member(
    cast: Cast, approved: StrategicAmbition, persona: str
) -> None:
    client = cast.client_for(getattr(cast, persona))
    page = client.get(url(cast, "ambitions:approved"))
    professional = client.get(url(cast, "professional:overview"))
    if persona not in MEMBERS:
        assert page.status_code == 404
        assert professional.status_code == 404
        return
    assert page.status_code == 200
    assert "Tekst om Situationsbillede." in page.text
    assert "Ensartet visitation" in page.text
    assert "Ventelister" in page.text
    # The rule is stated on the page.
    assert "kan læses af alle i programmet" in page.text
    assert professional.status_code == 200


def test_another_specialtys_owner_is_sent_from_the_working_copy_to_the_approved_version(
    cast: Cast, approved: StrategicAmbition
) -> None:
    client = cast.client_for(cast.other_owner)
    response = client.get(url(cast, "ambitions:detail"))
    assert response.status_code == 302
    assert response["Location"] == url(cast, "ambitions:approved")
    specialty_page = client.get(cast.specialty.get_absolute_url()).text
    assert url(cast, "ambitions:approved") in specialty_page
    assert url(cast, "sustainability:challenges") not in specialty_page


def test_comments_history_versions_and_challenges_stay_private(
    cast: Cast, approved: StrategicAmbition
) -> None:
    part = approved.parts.get(kind=PartKind.SITUATION)
    services.comment_add(part=part, by=cast.steering, text="Et spørgsmål fra styregruppen")
    client = cast.client_for(cast.other_owner)
    assert "Et spørgsmål fra styregruppen" not in client.get(url(cast, "ambitions:approved")).text
    for page in private_pages(cast):
        assert client.get(page).status_code == 404, page
    comment = client.post(
        url(cast, "ambitions:comment_add", kind=PartKind.SITUATION),
        {f"comment-{PartKind.SITUATION}-text": "Hej"},
    )
    assert comment.status_code == 404
    assert part.comments.count() == 1
    # The specialty's own people still read all of it.
    core = cast.client_for(cast.core)
    for page in private_pages(cast):
        assert core.get(page).status_code == 200, page


def test_a_revision_in_progress_is_not_shown_to_other_specialties(
    cast: Cast, approved: StrategicAmbition
) -> None:
    services.ambition_start_revision(ambition=approved, by=cast.owner)
    part = approved.parts.get(kind=PartKind.SITUATION)
    services.part_save(
        part=part, text="Hemmelig ny kladde.", base_revision=part.revision, by=cast.owner
    )
    client = cast.client_for(cast.other_owner)
    page = client.get(url(cast, "ambitions:approved")).text
    assert "Tekst om Situationsbillede." in page
    assert "Hemmelig ny kladde." not in page
    assert client.get(url(cast, "ambitions:detail")).status_code == 302
    # The owner reads the approved version too, with a way back to the working copy.
    owner_page = cast.client_for(cast.owner).get(url(cast, "ambitions:approved")).text
    assert url(cast, "ambitions:detail") in owner_page


def test_anonymous_is_sent_to_log_in(cast: Cast, approved: StrategicAmbition) -> None:
    response = Client().get(url(cast, "ambitions:approved"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
