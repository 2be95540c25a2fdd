"""The decision brief flags the prerequisites that are late (issue 28, item 3): one not in
place past its deadline is a flag, one in place or given up is not."""

import datetime

from django.utils import timezone

from ambitions.models import PrerequisiteState, StrategicAmbition, Transition
from ambitions.strategic import services
from tests.ambitions.strategic.conftest import empty_conditions, submitted, url
from tests.ambitions.strategic.test_decision_brief import make_complete
from tests.conftest import Cast


def _add(cast: Cast, title: str, days: int, state: PrerequisiteState | None = None) -> None:
    prerequisite = services.prerequisite_save(
        specialty=cast.specialty,
        by=cast.owner,
        data=services.PrerequisiteInput(
            title=title,
            description="",
            responsible=cast.lead,
            deadline=timezone.localdate() + datetime.timedelta(days=days),
        ),
    )
    if state is not None:
        services.prerequisite_state_change(
            prerequisite=prerequisite, by=cast.lead, state=state, remark="."
        )


def test_a_late_prerequisite_is_a_flag_of_the_brief(
    cast: Cast, ambition: StrategicAmbition
) -> None:
    make_complete(cast)
    _add(cast, "Budget til vagtlaget", -3)
    _add(cast, "Fælles journal", 20)
    _add(cast, "Aftale med almen praksis", -9, PrerequisiteState.IN_PLACE)
    _add(cast, "Ny bygning", -9, PrerequisiteState.ABANDONED)
    submitted(cast, ambition)
    steering = cast.client_for(cast.steering)
    page = steering.get(url(cast, "decide")).text
    assert "Forudsætninger over fristen" in page
    assert "Forudsætningen “Budget til vagtlaget” er ikke på plads" in page
    assert "ansvarlig Lise Leder" in page
    assert "Fælles journal" not in page
    assert "Aftale med almen praksis" not in page
    assert "Ny bygning" not in page
    assert "1 punkt lever ikke op til vejledningerne" in page
    steering.post(
        url(cast, "decide"),
        {"decision": "approve", "remark": "Budgettet afklares i marts.", **empty_conditions()},
    )
    (flag,) = Transition.objects.get(to_status="approved").flags
    assert "Budget til vagtlaget" in flag


def test_without_late_prerequisites_the_brief_says_so(
    cast: Cast, ambition: StrategicAmbition
) -> None:
    make_complete(cast)
    _add(cast, "Fælles journal", 20)
    submitted(cast, ambition)
    page = cast.client_for(cast.steering).get(url(cast, "decide")).text
    assert "Ingen forudsætning er over fristen." in page
    assert "Intet i beslutningsgrundlaget falder under vejledningernes krav." in page
