"""Who may be responsible for a condition of an approval (issue #11, item 3).

The responsible person follows the condition up and sees its text on the home page, so it
must be someone who may read the ambition (``specialties.permissions.can_view_ambition``): the
form and the service refuse anyone else, and the home page never shows a condition to a
person who cannot read its ambition.
"""

import datetime

import pytest
from django.urls import reverse

from ambitions.models import ApprovalCondition, StrategicAmbition
from ambitions.strategic import services
from tests.ambitions.strategic.conftest import empty_conditions, fill, url
from tests.conftest import Cast


@pytest.fixture
def submitted(cast: Cast) -> StrategicAmbition:
    ambition = services.ambition_start(specialty=cast.specialty, by=cast.owner)
    fill(cast, ambition)
    services.ambition_submit(ambition=ambition, by=cast.owner)
    return StrategicAmbition.objects.get(pk=ambition.pk)


def decide(cast: Cast, responsible: int) -> object:
    return cast.client_for(cast.steering).post(
        url(cast, "decide"),
        {
            "decision": "approve",
            "remark": "Godkendt trods advarslerne i beslutningsgrundlaget.",
            **empty_conditions(),
            "conditions-0-text": "Rekrutteringsplan for Slagelse",
            "conditions-0-deadline": "2027-03-01",
            "conditions-0-responsible": str(responsible),
        },
    )


@pytest.mark.parametrize("persona", ["outsider", "other_owner"])
def test_the_form_refuses_a_responsible_who_may_not_read_the_ambition(
    cast: Cast, submitted: StrategicAmbition, persona: str
) -> None:
    response = decide(cast, getattr(cast, persona).pk)
    assert response.status_code == 200  # type: ignore[attr-defined]
    text = response.text  # type: ignore[attr-defined]
    assert "læse den strategiske ambition" in text  # the field says who may be named
    assert StrategicAmbition.objects.get(pk=submitted.pk).status == "submitted"
    assert not ApprovalCondition.objects.exists()


@pytest.mark.parametrize("persona", ["owner", "lead", "core", "steering", "secretariat"])
def test_anyone_who_reads_the_ambition_may_be_responsible(
    cast: Cast, submitted: StrategicAmbition, persona: str
) -> None:
    response = decide(cast, getattr(cast, persona).pk)
    assert response.status_code == 302  # type: ignore[attr-defined]
    assert ApprovalCondition.objects.get().responsible == getattr(cast, persona)


def test_the_service_refuses_a_responsible_who_may_not_read_the_ambition(
    cast: Cast, submitted: StrategicAmbition
) -> None:
    condition = services.ConditionInput(
        text="Rekrutteringsplan", deadline=datetime.date(2027, 3, 1), responsible=cast.outsider
    )
    with pytest.raises(ValueError, match="may not read"):
        services.ambition_approve(ambition=submitted, by=cast.steering, conditions=[condition])
    assert StrategicAmbition.objects.get(pk=submitted.pk).status == "submitted"
    assert not ApprovalCondition.objects.exists()


def test_the_home_page_shows_no_condition_to_someone_who_cannot_read_the_ambition(
    cast: Cast, submitted: StrategicAmbition
) -> None:
    services.ambition_approve(
        ambition=submitted,
        by=cast.steering,
        conditions=[
            services.ConditionInput(
                text="Rekrutteringsplan", deadline=datetime.date(2027, 3, 1), responsible=cast.lead
            )
        ],
    )
    # Made responsible when they could read it (or written by hand); since then they left.
    ApprovalCondition.objects.update(responsible=cast.outsider)
    assert "Rekrutteringsplan" not in cast.client_for(cast.outsider).get(reverse("home")).text
    ApprovalCondition.objects.update(responsible=cast.lead)
    assert "Rekrutteringsplan" in cast.client_for(cast.lead).get(reverse("home")).text
