"""Separation of duties (issue 25, item 6): a steering-group member who holds a role in the
specialty, or submitted the version, does not decide on it; another member does."""

import pytest

from ambitions.models import AmbitionVersion, StrategicAmbition
from ambitions.strategic import services
from specialties.models import Membership
from tests.ambitions.strategic.conftest import empty_conditions, submitted, url
from tests.conftest import Cast
from tests.factories import UserFactory


@pytest.mark.parametrize("role", [choice.value for choice in Membership.Role])
def test_a_steering_member_with_a_role_in_the_specialty_does_not_decide(
    cast: Cast, ambition: StrategicAmbition, role: str
) -> None:
    submitted(cast, ambition)
    if role == Membership.Role.OWNER:
        Membership.objects.filter(specialty=cast.specialty, role=role).delete()
    Membership.objects.create(specialty=cast.specialty, user=cast.steering, role=role)
    client = cast.client_for(cast.steering)

    page = client.get(url(cast, "decide"))
    assert page.status_code == 200
    assert "Du har en rolle i dette speciale" in page.text
    assert 'name="decision"' not in page.text
    assert "Tekst om Situationsbillede." in page.text  # the version is still shown
    for decision in ("approve", "return"):
        response = client.post(
            url(cast, "decide"),
            {"decision": decision, "remark": "Godkendt af mig selv.", **empty_conditions()},
            follow=True,
        )
        assert "Du har en rolle i dette speciale" in response.text
    ambition.refresh_from_db()
    assert ambition.status == "submitted"
    assert AmbitionVersion.objects.get().outcome == "pending"
    detail = client.get(url(cast, "detail")).text
    assert url(cast, "decide") not in detail  # no button that would be refused

    # Another member of the steering group decides.
    other = UserFactory(programme_role="steering_group")
    cast.client_for(other).post(
        url(cast, "decide"), {"decision": "approve", "remark": "Godkendt.", **empty_conditions()}
    )
    ambition.refresh_from_db()
    assert ambition.status == "approved"


def test_whoever_submitted_the_version_does_not_decide_even_after_leaving_the_role(
    cast: Cast, ambition: StrategicAmbition
) -> None:
    Membership.objects.filter(specialty=cast.specialty, role="owner").update(user=cast.steering)
    services.ambition_submit(ambition=ambition, by=cast.steering)
    Membership.objects.filter(user=cast.steering).delete()
    client = cast.client_for(cast.steering)

    page = client.get(url(cast, "decide"))
    assert "Du indsendte denne version" in page.text
    assert 'name="decision"' not in page.text
    client.post(
        url(cast, "decide"), {"decision": "approve", "remark": "Godkendt.", **empty_conditions()}
    )
    ambition.refresh_from_db()
    assert ambition.status == "submitted"


def test_the_services_refuse_it_whatever_the_view(cast: Cast, ambition: StrategicAmbition) -> None:
    submitted(cast, ambition)
    Membership.objects.create(specialty=cast.specialty, user=cast.steering, role="core_team")
    with pytest.raises(services.ConflictOfInterest):
        services.ambition_approve(ambition=ambition, by=cast.steering)
    with pytest.raises(services.ConflictOfInterest):
        services.ambition_return(ambition=ambition, by=cast.steering, remark="Nej.")
    ambition.refresh_from_db()
    assert ambition.status == "submitted"
