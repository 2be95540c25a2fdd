"""Prerequisites in the status rounds (issue 28, item 3): the round page and "Siden sidste
runde" show those not in place, flag the late ones, and a closed round keeps them frozen."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone

from ambitions.models import Prerequisite, PrerequisiteState
from ambitions.strategic import services as strategic
from rounds import services
from rounds.models import StatusRound
from tests.conftest import Cast

TODAY = timezone.localdate()


def _prerequisite(cast: Cast, title: str, days: int, state: str) -> Prerequisite:
    prerequisite = strategic.prerequisite_save(
        specialty=cast.specialty,
        by=cast.owner,
        data=strategic.PrerequisiteInput(
            title=title,
            description="",
            responsible=cast.lead,
            deadline=TODAY + datetime.timedelta(days=days),
        ),
    )
    if state != PrerequisiteState.NOT_STARTED:
        strategic.prerequisite_state_change(
            prerequisite=prerequisite, by=cast.lead, state=PrerequisiteState(state), remark="."
        )
    return prerequisite


def _round(cast: Cast) -> StatusRound:
    return services.round_open(
        name="Status efterår 2026",
        period_start=TODAY - datetime.timedelta(days=90),
        period_end=TODAY,
        deadline=TODAY + datetime.timedelta(days=10),
        specialties=[cast.specialty],
        by=cast.secretariat,
    )


def test_the_round_shows_the_prerequisites_not_in_place_and_keeps_them(cast: Cast) -> None:
    late = _prerequisite(cast, "Budget til vagtlaget", -5, PrerequisiteState.IN_PROGRESS)
    _prerequisite(cast, "Fælles journal", 30, PrerequisiteState.NOT_STARTED)
    _prerequisite(cast, "Aftale med almen praksis", -10, PrerequisiteState.IN_PLACE)
    _prerequisite(cast, "Ny bygning", -10, PrerequisiteState.ABANDONED)
    round_ = _round(cast)
    detail = reverse("rounds:detail", kwargs={"pk": round_.pk})
    page = cast.client_for(cast.steering).get(detail).text
    assert "Forudsætninger, der ikke er på plads" in page
    assert "Budget til vagtlaget" in page
    assert "Fælles journal" in page
    assert "Aftale med almen praksis" not in page  # in place
    assert "Ny bygning" not in page  # given up
    assert page.count("Over fristen") == 1
    assert "Ansvarlig: Lise Leder" in page

    services.round_close(round_=round_, by=cast.secretariat, today=TODAY)
    strategic.prerequisite_state_change(
        prerequisite=late, by=cast.lead, state=PrerequisiteState.IN_PLACE, remark="Bevilget."
    )
    frozen = cast.client_for(cast.steering).get(detail).text
    assert "Budget til vagtlaget" in frozen  # as it stood when the round closed
    snapshot = round_.snapshots.get().figures
    assert [p["title"] for p in snapshot["prerequisites"]] == [
        "Budget til vagtlaget",
        "Fælles journal",
    ]
    assert [p["late"] for p in snapshot["prerequisites"]] == [True, False]

    since = cast.client_for(cast.lead).get(
        reverse("rounds:since", kwargs={"slug": cast.specialty.slug})
    )
    assert since.status_code == 200
    assert "Budget til vagtlaget" not in since.text  # today it is in place
    assert "Fælles journal" in since.text


def test_a_round_without_open_prerequisites_says_so(cast: Cast) -> None:
    round_ = _round(cast)
    page = cast.client_for(cast.steering).get(reverse("rounds:detail", kwargs={"pk": round_.pk}))
    assert "Alle forudsætninger er på plads (eller der er ingen)." in page.text
