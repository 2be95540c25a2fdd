"""The admin, as the secretariat uses it: reference data yes, the workflow no (issue #11, item 1).

Workflow state (a strategic ambition's status, approved and working version, specialty)
changes only through the services, so the admin shows it read-only. A specialty that has
work in it cannot be deleted from the admin, and picking people for memberships works.
"""

import pytest
from django.urls import reverse

from ambitions.models import StrategicAmbition
from ambitions.strategic import services
from specialties.models import Specialty
from sustainability.models import Challenge
from tests.ambitions.strategic.conftest import fill
from tests.conftest import Cast


@pytest.fixture
def approved_and_pending(cast: Cast) -> tuple[StrategicAmbition, StrategicAmbition]:
    """``cast.specialty``'s ambition, approved; the other specialty's, submitted and pending."""
    mine = services.ambition_start(specialty=cast.specialty, by=cast.owner)
    fill(cast, mine)
    services.ambition_submit(ambition=mine, by=cast.owner)
    services.ambition_approve(ambition=mine, by=cast.steering)
    theirs = services.ambition_start(specialty=cast.other_specialty, by=cast.other_owner)
    return StrategicAmbition.objects.get(pk=mine.pk), theirs


def test_the_secretariat_reads_a_strategic_ambition_but_cannot_rewrite_its_workflow(
    cast: Cast, approved_and_pending: tuple[StrategicAmbition, StrategicAmbition]
) -> None:
    mine, theirs = approved_and_pending
    client = cast.client_for(cast.secretariat)
    change_url = reverse("admin:ambitions_strategicambition_change", args=[mine.pk])
    page = client.get(change_url)
    assert page.status_code == 200
    for field in ("approved_version", "working_version", "specialty", "status"):
        assert f'name="{field}"' not in page.text
    response = client.post(
        change_url,
        {
            "specialty": str(cast.other_specialty.pk),
            "working_version": "99",
            "approved_version": "",
        },
    )
    assert response.status_code == 403
    after = StrategicAmbition.objects.get(pk=mine.pk)
    assert (after.specialty_id, after.working_version, after.approved_version_id) == (
        mine.specialty_id,
        mine.working_version,
        mine.approved_version_id,
    )
    assert theirs.approved_version_id is None


def test_the_secretariat_cannot_add_or_delete_a_strategic_ambition_in_the_admin(
    cast: Cast, approved_and_pending: tuple[StrategicAmbition, StrategicAmbition]
) -> None:
    mine, _ = approved_and_pending
    client = cast.client_for(cast.secretariat)
    assert client.get(reverse("admin:ambitions_strategicambition_add")).status_code == 403
    delete_url = reverse("admin:ambitions_strategicambition_delete", args=[mine.pk])
    assert client.post(delete_url, {"post": "yes"}).status_code == 403
    assert StrategicAmbition.objects.filter(pk=mine.pk).exists()


def test_a_specialty_with_work_in_it_cannot_be_deleted(cast: Cast) -> None:
    ambition = services.ambition_start(specialty=cast.specialty, by=cast.owner)
    fill(cast, ambition)  # parts, a core challenge, an intervention area
    client = cast.client_for(cast.secretariat)
    delete_url = reverse("admin:specialties_specialty_delete", args=[cast.specialty.pk])
    page = client.get(delete_url).text
    assert "Kan ikke slette speciale" in page
    client.post(delete_url, {"post": "yes"})
    client.post(
        reverse("admin:specialties_specialty_changelist"),
        {"action": "delete_selected", "_selected_action": [cast.specialty.pk], "post": "yes"},
    )
    assert Specialty.objects.filter(pk=cast.specialty.pk).exists()
    assert StrategicAmbition.objects.filter(pk=ambition.pk).exists()
    assert Challenge.objects.filter(specialty=cast.specialty).exists()


def test_a_specialty_with_only_challenges_cannot_be_deleted(cast: Cast) -> None:
    Challenge.objects.create(
        specialty=cast.other_specialty,
        title="Ventelister",
        primary_perspective_id=Challenge._meta.get_field("primary_perspective")
        .related_model.objects.first()  # type: ignore[union-attr]
        .pk,
    )
    client = cast.client_for(cast.secretariat)
    delete_url = reverse("admin:specialties_specialty_delete", args=[cast.other_specialty.pk])
    assert "IM: Testnefrologi: den har udfordringer" in client.get(delete_url).text
    client.post(delete_url, {"post": "yes"})
    assert Specialty.objects.filter(pk=cast.other_specialty.pk).exists()


def test_an_empty_specialty_can_still_be_deleted(cast: Cast) -> None:
    empty = Specialty.objects.create(name="IM: Tom", slug="im-tom")
    client = cast.client_for(cast.secretariat)
    client.post(reverse("admin:specialties_specialty_delete", args=[empty.pk]), {"post": "yes"})
    assert not Specialty.objects.filter(pk=empty.pk).exists()


def test_the_secretariat_picks_people_for_memberships_with_the_autocomplete(cast: Cast) -> None:
    response = cast.client_for(cast.secretariat).get(
        reverse("admin:autocomplete"),
        {
            "app_label": "specialties",
            "model_name": "membership",
            "field_name": "user",
            "term": "Lise",
        },
    )
    assert response.status_code == 200
    assert [r["id"] for r in response.json()["results"]] == [str(cast.lead.pk)]


def test_the_secretariat_still_cannot_browse_or_change_user_accounts(cast: Cast) -> None:
    client = cast.client_for(cast.secretariat)
    assert client.get(reverse("admin:people_user_changelist")).status_code == 403
    assert client.get(reverse("admin:people_user_change", args=[cast.lead.pk])).status_code == 403


@pytest.mark.parametrize("persona", ["owner", "steering", "outsider"])
def test_only_the_secretariat_uses_the_autocomplete(cast: Cast, persona: str) -> None:
    response = cast.client_for(getattr(cast, persona)).get(
        reverse("admin:autocomplete"),
        {"app_label": "specialties", "model_name": "membership", "field_name": "user"},
    )
    assert response.status_code in (302, 403)
