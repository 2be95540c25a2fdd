"""Status og fremdrift shows the prerequisites not in place, the late ones flagged, to those
who read the strategic ambition; a reader of the approved work from another specialty does
not see the specialty's working list (issue 28, item 3)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from ambitions.models import PrerequisiteState, ProfessionalAmbition
from ambitions.strategic import services
from tests.conftest import Cast


def _add(cast: Cast, title: str, days: int) -> None:
    services.prerequisite_save(
        specialty=cast.specialty,
        by=cast.owner,
        data=services.PrerequisiteInput(
            title=title,
            description="",
            responsible=cast.lead,
            deadline=timezone.localdate() + datetime.timedelta(days=days),
        ),
    )


@pytest.mark.parametrize("persona", ["owner", "lead", "core", "steering", "secretariat"])
def test_the_status_page_lists_the_prerequisites_not_in_place(
    cast: Cast, professional: ProfessionalAmbition, persona: str
) -> None:
    _add(cast, "Budget til vagtlaget", -4)
    _add(cast, "Aftale med almen praksis", 10)
    done = cast.specialty.prerequisites.get(title="Aftale med almen praksis")
    services.prerequisite_state_change(
        prerequisite=done, by=cast.lead, state=PrerequisiteState.IN_PLACE, remark="Klar."
    )
    status = reverse("professional:status", kwargs={"slug": cast.specialty.slug})
    page = cast.client_for(getattr(cast, persona)).get(status).text
    assert "Forudsætninger, der ikke er på plads" in page
    assert "Budget til vagtlaget" in page
    assert "Over fristen" in page
    assert "Aftale med almen praksis" not in page


def test_another_specialtys_reader_does_not_see_them(
    cast: Cast, professional: ProfessionalAmbition
) -> None:
    _add(cast, "Budget til vagtlaget", -4)
    status = reverse("professional:status", kwargs={"slug": cast.specialty.slug})
    response = cast.client_for(cast.other_owner).get(status)
    assert response.status_code == 200
    assert "Budget til vagtlaget" not in response.text
