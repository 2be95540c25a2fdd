"""The admin, as the secretariat uses it: reference data yes, the workflow no (issue #11, item 1).

Workflow state (a strategic ambition's status, approved and working version, specialty)
changes only through the services, so the admin shows it read-only. A specialty that has
work in it cannot be deleted from the admin, and picking people for memberships works.
"""

import datetime

import pytest
from django.contrib import admin
from django.db.models import ProtectedError
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from ambitions.models import StrategicAmbition
from ambitions.strategic import services
from inspiration.models import Case
from rounds import services as rounds_services
from rounds.models import RoundSnapshot
from specialties.admin import MembershipInline
from specialties.models import Specialty
from sustainability.models import Challenge
from tests.ambitions.strategic.conftest import fill
from tests.conftest import Cast
from tests.factories import SpecialtyFactory


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


# -- Audit fields and history stay as the app wrote them (issue 25, item 11) -----------------


def _admin_request(user: object) -> HttpRequest:
    request = RequestFactory().post("/")
    request.user = user  # type: ignore[assignment]
    return request


def test_the_secretariat_cannot_type_a_cases_audit_fields(cast: Cast) -> None:
    case = Case.objects.get(slug="horsens-hjertemedicin")
    page = cast.client_for(cast.secretariat).get(
        reverse("admin:inspiration_case_change", args=[case.pk])
    )
    assert page.status_code == 200
    fields = page.context["adminform"].form.fields
    assert "title" in fields
    assert not {"revision", "updated_at", "updated_by"} & set(fields)


def test_two_owners_typed_in_one_save_are_a_field_error_not_a_500(cast: Cast) -> None:
    specialty = SpecialtyFactory(name="IM: Ny", slug="im-ny")
    inline = MembershipInline(Specialty, admin.site)
    formset_class = inline.get_formset(_admin_request(cast.secretariat), specialty)

    def formset(*roles: str) -> BaseInlineFormSet:
        data = {
            "memberships-TOTAL_FORMS": str(len(roles)),
            "memberships-INITIAL_FORMS": "0",
            "memberships-MIN_NUM_FORMS": "0",
            "memberships-MAX_NUM_FORMS": "1000",
        }
        for i, (role, user) in enumerate(zip(roles, [cast.owner, cast.lead], strict=False)):
            data[f"memberships-{i}-user"] = str(user.pk)
            data[f"memberships-{i}-role"] = role
        return formset_class(data, instance=specialty, prefix="memberships")

    two = formset("owner", "owner")
    assert not two.is_valid()
    assert two.forms[1].errors["role"] == ["Specialet har allerede en specialeejer."]
    one = formset("owner", "implementation_lead")
    assert one.is_valid(), one.errors
    one.save()
    assert specialty.memberships.count() == 2


def test_a_control_character_typed_in_a_name_in_the_admin_is_left_out(cast: Cast) -> None:
    form_class = admin.site._registry[Specialty].get_form(_admin_request(cast.secretariat))
    form = form_class({"name": "IM: Ny\x07 Kar\x00diologi", "slug": "im-ny-kardio"})
    form.is_valid()
    assert "name" in form.cleaned_data, form.errors
    assert form.cleaned_data["name"] == "IM: Ny Kardiologi"


def test_a_closed_rounds_snapshot_outlives_no_deletion_of_its_specialty(cast: Cast) -> None:
    today = timezone.localdate()
    round_ = rounds_services.round_open(
        name="Status",
        period_start=today - datetime.timedelta(days=30),
        period_end=today,
        deadline=today,
        specialties=[cast.other_specialty],
        by=cast.secretariat,
    )
    rounds_services.round_close(round_=round_, by=cast.secretariat, today=today)
    snapshot = RoundSnapshot.objects.get(round=round_)
    with pytest.raises(ProtectedError):
        Specialty.objects.get(pk=cast.other_specialty.pk).delete()
    with pytest.raises(ProtectedError):
        round_.delete()
    assert RoundSnapshot.objects.get(pk=snapshot.pk).figures == snapshot.figures
    client = cast.client_for(cast.secretariat)
    delete_url = reverse("admin:specialties_specialty_delete", args=[cast.other_specialty.pk])
    client.post(delete_url, {"post": "yes"})
    assert Specialty.objects.filter(pk=cast.other_specialty.pk).exists()
