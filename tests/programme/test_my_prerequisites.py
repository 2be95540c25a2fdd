"""Mine opgaver: the prerequisites a person is responsible for, when due or late (issue 28,
item 3)."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone

from ambitions.models import PrerequisiteState
from ambitions.strategic import services
from specialties.models import Membership
from tests.conftest import Cast

URL = reverse("programme:my_tasks")
TODAY = timezone.localdate()


def _add(cast: Cast, title: str, days: int) -> None:
    services.prerequisite_save(
        specialty=cast.specialty,
        by=cast.owner,
        data=services.PrerequisiteInput(
            title=title,
            description="",
            responsible=cast.core,
            deadline=TODAY + datetime.timedelta(days=days),
        ),
    )


def test_the_responsible_person_sees_prerequisites_due_or_late(cast: Cast) -> None:
    _add(cast, "Snart", 10)
    _add(cast, "Senere", 40)
    _add(cast, "Forsinket", -2)
    _add(cast, "På plads for længst", -20)
    done = cast.specialty.prerequisites.get(title="På plads for længst")
    services.prerequisite_state_change(
        prerequisite=done, by=cast.core, state=PrerequisiteState.IN_PLACE, remark="Klar."
    )
    response = cast.client_for(cast.core).get(URL)
    groups = {g.kind: g.items for g in response.context["groups"]}
    texts = [str(i.text) for i in groups["prerequisite"]]
    assert len(texts) == 2
    assert texts[0].startswith("Forudsætningen “Forsinket” skulle have været på plads")
    assert texts[1].startswith("Forudsætningen “Snart” skal være på plads")
    assert groups["prerequisite"][0].overdue
    late = cast.specialty.prerequisites.get(title="Forsinket")
    assert f"#prerequisite-{late.pk}" in response.text
    assert "Dine forudsætninger med frist inden 14 dage eller over fristen" in response.text
    for persona in ("owner", "lead", "other_owner"):
        kinds = [g.kind for g in cast.client_for(getattr(cast, persona)).get(URL).context["groups"]]
        assert "prerequisite" not in kinds, persona


def test_a_person_who_left_the_specialty_is_no_longer_asked(cast: Cast) -> None:
    _add(cast, "Forsinket", -2)
    Membership.objects.filter(user=cast.core, specialty=cast.specialty).delete()
    kinds = [g.kind for g in cast.client_for(cast.core).get(URL).context["groups"]]
    assert "prerequisite" not in kinds
