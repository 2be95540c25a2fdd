"""The decision brief on the decision page (issue 28, item 1): the facts beside the text,
each shortfall flagged, and an approval despite a flag carries a remark into the register."""

import datetime

import pytest
from django.urls import reverse

from ambitions.models import (
    AmbitionVersion,
    ApprovalCondition,
    PartKind,
    StrategicAmbition,
    Transition,
)
from ambitions.strategic import services
from ambitions.strategic.brief import decision_brief
from specialties.models import Membership
from sustainability.models import Challenge, LensAnswer, Perspective
from tests.ambitions.strategic.conftest import empty_conditions, submitted, url
from tests.conftest import Cast
from tests.factories import MembershipFactory

HTMX = {"HX-Request": "true"}


def pending(ambition: StrategicAmbition) -> AmbitionVersion:
    return ambition.versions.get(outcome="pending")


def make_complete(cast: Cast) -> None:
    """Two clinical core-team members at each of the specialty's sites, and every lens of
    the core challenge answered: nothing in the brief falls short."""
    koege, slagelse = cast.specialty.sites.order_by("order")
    MembershipFactory(specialty=cast.specialty, role=Membership.Role.CORE_TEAM, site=koege)
    for _ in range(2):
        MembershipFactory(specialty=cast.specialty, role=Membership.Role.CORE_TEAM, site=slagelse)
    challenge = Challenge.objects.get(specialty=cast.specialty, is_core=True)
    for code in ["personalemaessig", "organisatorisk"]:
        LensAnswer.objects.create(
            challenge=challenge, perspective=Perspective.objects.get(code=code), text="Set herfra."
        )


def test_the_steering_group_sees_the_brief_with_its_flags(
    cast: Cast, ambition: StrategicAmbition
) -> None:
    submitted(cast, ambition)
    page = cast.client_for(cast.steering).get(url(cast, "decide")).text
    assert "Beslutningsgrundlag" in page
    # The core-team rule per site: one clinical member at Køge, none at Slagelse.
    assert "Kerneteamet har 1 af mindst 2 kliniske repræsentanter på" in page
    assert "Kerneteamet har 0 af mindst 2 kliniske repræsentanter på" in page
    # Only the professional lens of the one core challenge is answered.
    assert "Ingen kerneudfordring er belyst fra perspektivet “Personalemæssig" in page
    assert "4 punkter lever ikke op til vejledningerne" in page
    assert "Ingen handlinger er planlagt endnu." in page
    assert "Ingen version er godkendt før: dette er den første beslutning." in page
    # The one-page PDF of the brief is asked for from the same page.
    assert 'name="kind" value="decision_brief"' in page


def test_approving_with_a_flag_needs_a_remark_and_keeps_what_was_typed(
    cast: Cast, ambition: StrategicAmbition
) -> None:
    submitted(cast, ambition)
    response = cast.client_for(cast.steering).post(
        url(cast, "decide"),
        {
            "decision": "approve",
            **empty_conditions(),
            "conditions-0-text": "Rekrutteringsplan for Slagelse",
            "conditions-0-deadline": "1.3.2027",
            "conditions-0-responsible": cast.lead.pk,
        },
    )
    assert response.status_code == 200
    assert "Beslutningsgrundlaget har 4 advarsler: skriv, hvorfor I godkender alligevel." in (
        response.text
    )
    assert "Rekrutteringsplan for Slagelse" in response.text  # what was typed stays
    ambition.refresh_from_db()
    assert ambition.status == "submitted"
    assert not ApprovalCondition.objects.exists()


def test_the_remark_and_the_flags_go_into_the_decision_register(
    cast: Cast, ambition: StrategicAmbition
) -> None:
    submitted(cast, ambition)
    steering = cast.client_for(cast.steering)
    steering.post(
        url(cast, "decide"),
        {
            "decision": "approve",
            "remark": "Kerneteamet suppleres inden sommer.",
            **empty_conditions(),
        },
    )
    ambition.refresh_from_db()
    assert ambition.status == "approved"
    entry = Transition.objects.get(to_status="approved")
    assert entry.remark == "Kerneteamet suppleres inden sommer."
    assert len(entry.flags) == 4
    assert any("Slagelse" in flag for flag in entry.flags)
    register = steering.get(reverse("decision_register")).text
    assert "Kerneteamet suppleres inden sommer." in register
    assert "Besluttet med 4 advarsler i beslutningsgrundlaget" in register


def test_without_flags_an_approval_needs_no_remark(cast: Cast, ambition: StrategicAmbition) -> None:
    make_complete(cast)
    submitted(cast, ambition)
    steering = cast.client_for(cast.steering)
    assert "Intet i beslutningsgrundlaget falder under vejledningernes krav." in (
        steering.get(url(cast, "decide")).text
    )
    steering.post(url(cast, "decide"), {"decision": "approve", **empty_conditions()})
    ambition.refresh_from_db()
    assert ambition.status == "approved"
    assert Transition.objects.get(to_status="approved").flags == []


def test_the_service_refuses_an_approval_over_flags_without_a_remark(
    cast: Cast, ambition: StrategicAmbition
) -> None:
    ambition = submitted(cast, ambition)
    with pytest.raises(ValueError, match="remark"):
        services.ambition_approve(ambition=ambition, by=cast.steering, flags=["Mangler."])
    ambition.refresh_from_db()
    assert ambition.status == "submitted"


def test_a_revision_shows_what_changed_and_the_open_conditions(
    cast: Cast, ambition: StrategicAmbition
) -> None:
    make_complete(cast)
    ambition = submitted(cast, ambition)
    services.ambition_approve(
        ambition=ambition,
        by=cast.steering,
        conditions=[
            services.ConditionInput(
                text="Rekrutteringsplan",
                deadline=datetime.date(2027, 3, 1),
                responsible=cast.lead,
            )
        ],
    )
    ambition.refresh_from_db()
    services.ambition_start_revision(ambition=ambition, by=cast.owner)
    part = ambition.parts.get(kind=PartKind.PREREQUISITES)
    services.part_save(part=part, text="Nye forudsætninger.", base_revision=1, by=cast.owner)
    ambition = submitted(cast, StrategicAmbition.objects.get(pk=ambition.pk))
    brief = decision_brief(ambition, pending(ambition))
    assert brief.changed == ["Forudsætninger"]
    assert brief.flags.conditions == [
        "En betingelse fra version 1 er stadig åben (frist 1. marts 2027): Rekrutteringsplan"
    ]
    page = cast.client_for(cast.steering).get(url(cast, "decide")).text
    assert "Ændret siden version 1:" in page
    assert "Rekrutteringsplan" in page


@pytest.mark.parametrize("persona", ["owner", "lead", "core", "secretariat"])
def test_only_the_steering_group_sees_the_brief_on_the_decision_page(
    cast: Cast, ambition: StrategicAmbition, persona: str
) -> None:
    submitted(cast, ambition)
    response = cast.client_for(getattr(cast, persona)).get(url(cast, "decide"))
    assert response.status_code == 403
    assert "Beslutningsgrundlag" not in response.text


@pytest.mark.parametrize("persona", ["outsider", "other_owner"])
def test_outsiders_do_not_learn_the_brief_exists(
    cast: Cast, ambition: StrategicAmbition, persona: str
) -> None:
    submitted(cast, ambition)
    assert cast.client_for(getattr(cast, persona)).get(url(cast, "decide")).status_code == 404
