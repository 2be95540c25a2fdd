"""Transition funds (issue 28, item 6): the owner or a lead asks, the steering group grants,
reduces or refuses with a remark; the decision goes into the decision register and the
requester's e-mail; a decided request never changes; the totals per specialty."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from ambitions.models import FundsRequest, FundsState, ProfessionalAmbition
from ambitions.professional import funds as services
from ambitions.professional.queries import funds as queries
from tests.ambitions.professional.conftest import frameworks_of, make_action, make_focus_area
from tests.conftest import Cast, delivered

HTMX = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "part-funds"}


def _ask(professional: ProfessionalAmbition, **overrides: str) -> dict[str, str]:
    framework = frameworks_of(professional)[0]
    return {
        "funds-subject": f"framework-{framework.pk}",
        "funds-amount": "250000",
        "funds-reason": "Frikøb af to sygeplejersker til fælles visitation.",
        "funds-period_start": "01.02.2026",
        "funds-period_end": "31.12.2026",
        **overrides,
    }


def _request(cast: Cast, professional: ProfessionalAmbition, amount: int = 250_000) -> FundsRequest:
    return services.funds_request_submit(
        specialty=cast.specialty,
        by=cast.lead,
        data=services.FundsInput(
            amount=amount,
            reason="Frikøb.",
            period_start=datetime.date(2026, 1, 1),
            period_end=datetime.date(2026, 12, 31),
            framework=frameworks_of(professional)[0],
        ),
    )


def _funds_mails() -> list[object]:
    return [m for m in delivered() if "transitionsmidler" in m.subject]


# -- Asking ----------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["owner", "lead"])
def test_the_owner_or_a_lead_asks_for_funds_for_an_area_or_an_action(
    cast: Cast, professional: ProfessionalAmbition, who: str
) -> None:
    action = make_action(make_focus_area(frameworks_of(professional)[0]), responsible=cast.core)
    client = cast.client_for(getattr(cast, who))
    url = reverse("professional:funds", kwargs={"slug": cast.specialty.slug})
    response = client.post(url, _ask(professional, **{"funds-subject": f"action-{action.pk}"}))
    assert response.status_code == 302
    funds_request = FundsRequest.objects.get()
    assert funds_request.action == action
    assert funds_request.framework is None
    assert funds_request.amount == 250_000
    assert funds_request.state == FundsState.OPEN
    assert funds_request.requested_by == getattr(cast, who)
    page = client.get(url)
    assert "250.000 kr." in page.text
    assert action.title in page.text


@pytest.mark.parametrize(
    ("field", "value", "error"),
    [
        ("funds-amount", "0", "Beløbet skal være mere end 0 kr."),
        ("funds-amount", "-5", "Beløbet skal være mere end 0 kr."),
        ("funds-amount", "12,5", "Skriv beløbet i hele kroner, fx 250000."),
        ("funds-reason", "   ", "Skriv, hvad midlerne skal bruges til."),
        ("funds-period_end", "01.01.2026", "Perioden skal slutte på eller efter sin start."),
        ("funds-subject", "action-999999", "Vælg den handling eller det indsatsområde"),
    ],
)
def test_a_wrong_request_gets_a_danish_error_beside_the_field_and_keeps_what_was_typed(
    cast: Cast, professional: ProfessionalAmbition, field: str, value: str, error: str
) -> None:
    client = cast.client_for(cast.owner)
    url = reverse("professional:funds", kwargs={"slug": cast.specialty.slug})
    response = client.post(url, _ask(professional, **{field: value}), **HTMX)
    assert response.status_code == 200
    assert error in response.text
    assert 'id="part-funds"' in response.text
    assert "<html" not in response.text  # the fragment, not the page
    assert "Frikøb af to sygeplejersker til fælles visitation." in response.text or (
        field == "funds-reason"
    )
    assert not FundsRequest.objects.exists()


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("core", 403),
        ("steering", 403),
        ("secretariat", 403),
        ("outsider", 404),
        ("other_owner", 404),
    ],
)
def test_nobody_else_asks_for_funds(
    cast: Cast, professional: ProfessionalAmbition, who: str, status: int
) -> None:
    client = cast.client_for(getattr(cast, who))
    url = reverse("professional:funds", kwargs={"slug": cast.specialty.slug})
    assert client.post(url, _ask(professional)).status_code == status
    assert not FundsRequest.objects.exists()


def test_a_request_cannot_be_for_another_specialtys_area(
    cast: Cast, professional: ProfessionalAmbition
) -> None:
    other = ProfessionalAmbition(specialty=cast.other_specialty)
    with pytest.raises(ValueError, match="another specialty"):
        services.funds_request_submit(
            specialty=cast.other_specialty if False else cast.specialty,
            by=cast.owner,
            data=services.FundsInput(
                amount=1,
                reason="x",
                period_start=datetime.date(2026, 1, 1),
                period_end=datetime.date(2026, 1, 2),
                framework=frameworks_of(professional)[0].__class__(ambition=other, title="Fremmed"),
            ),
        )


# -- Deciding ----------------------------------------------------------------------------------


def _decide(cast: Cast, funds_request: FundsRequest, user: object = None, **data: str) -> object:
    client = cast.client_for(user or cast.steering)  # type: ignore[arg-type]
    prefix = f"decide-{funds_request.pk}"
    return client.post(
        reverse("funds:decide", kwargs={"pk": funds_request.pk}),
        {f"{prefix}-{key}": value for key, value in data.items()},
    )


def test_the_steering_group_grants_in_full_into_the_register_and_the_requesters_mail(
    cast: Cast, professional: ProfessionalAmbition
) -> None:
    funds_request = _request(cast, professional)
    page = cast.client_for(cast.steering).get(reverse("funds:open"))
    assert "Frikøb." in page.text
    response = _decide(cast, funds_request, decision="granted")
    assert response.status_code == 302  # type: ignore[attr-defined]
    funds_request.refresh_from_db()
    assert funds_request.state == FundsState.GRANTED
    assert funds_request.granted_amount == 250_000
    assert funds_request.decided_by == cast.steering
    assert funds_request.decided_at is not None
    register = cast.client_for(cast.steering).get(reverse("decision_register"))
    assert "Transitionsmidler" in register.text
    assert "bevilget" in register.text
    mails = _funds_mails()
    assert len(mails) == 1
    assert mails[0].to == [cast.lead.email]
    assert "fuldt ud" in mails[0].body
    assert "transitionsmidler" in mails[0].body


def test_a_reduction_needs_an_amount_below_the_request_and_a_remark(
    cast: Cast, professional: ProfessionalAmbition
) -> None:
    funds_request = _request(cast, professional)
    response = _decide(cast, funds_request, decision="reduced", granted_amount="300000")
    assert "En reduceret bevilling er mindre end de 250.000 kr." in response.text  # type: ignore[attr-defined]
    assert "Skriv hvorfor" in response.text  # type: ignore[attr-defined]
    assert 'value="300000"' in response.text  # type: ignore[attr-defined]
    funds_request.refresh_from_db()
    assert funds_request.state == FundsState.OPEN
    _decide(cast, funds_request, decision="reduced", granted_amount="150000", remark="Halvt år.")
    funds_request.refresh_from_db()
    assert (funds_request.state, funds_request.granted_amount) == (FundsState.REDUCED, 150_000)
    assert funds_request.remark == "Halvt år."
    assert "150.000 kr." in _funds_mails()[-1].body


def test_a_refusal_needs_a_remark(cast: Cast, professional: ProfessionalAmbition) -> None:
    funds_request = _request(cast, professional)
    response = _decide(cast, funds_request, decision="refused")
    assert "Skriv hvorfor" in response.text  # type: ignore[attr-defined]
    _decide(cast, funds_request, decision="refused", remark="Ingen midler i år.")
    funds_request.refresh_from_db()
    assert (funds_request.state, funds_request.granted_amount) == (FundsState.REFUSED, 0)


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("owner", 403),
        ("lead", 403),
        ("core", 403),
        ("secretariat", 403),
        ("outsider", 404),
        ("other_owner", 404),
    ],
)
def test_only_the_steering_group_decides(
    cast: Cast, professional: ProfessionalAmbition, who: str, status: int
) -> None:
    funds_request = _request(cast, professional)
    response = _decide(cast, funds_request, getattr(cast, who), decision="granted")
    assert response.status_code == status  # type: ignore[attr-defined]
    funds_request.refresh_from_db()
    assert funds_request.state == FundsState.OPEN


@pytest.mark.parametrize(
    ("who", "status"),
    [("steering", 200), ("secretariat", 200), ("owner", 404), ("core", 404), ("outsider", 404)],
)
def test_who_sees_the_open_requests(cast: Cast, who: str, status: int) -> None:
    assert cast.client_for(getattr(cast, who)).get(reverse("funds:open")).status_code == status


def test_the_secretariat_sees_the_open_requests_without_a_form(
    cast: Cast, professional: ProfessionalAmbition
) -> None:
    _request(cast, professional)
    page = cast.client_for(cast.secretariat).get(reverse("funds:open"))
    assert "Frikøb." in page.text
    assert "decide-" not in page.text


def test_a_decided_request_is_not_decided_again(
    cast: Cast, professional: ProfessionalAmbition
) -> None:
    """Two deciders at once: the second read the request open, the first decided it; the
    second's decision is refused, and the first stands."""
    funds_request = _request(cast, professional)
    stale = FundsRequest.objects.get(pk=funds_request.pk)  # read by the second decider
    services.funds_request_decide(
        funds_request=funds_request, by=cast.steering, state="refused", granted_amount=None,
        remark="Nej.",
    )  # fmt: skip
    with pytest.raises(services.FundsAlreadyDecided):
        services.funds_request_decide(
            funds_request=stale, by=cast.steering, state="granted", granted_amount=None, remark=""
        )
    response = _decide(cast, funds_request, decision="granted")
    assert response.status_code == 302  # type: ignore[attr-defined]
    funds_request.refresh_from_db()
    assert (funds_request.state, funds_request.remark) == (FundsState.REFUSED, "Nej.")
    assert len(_funds_mails()) == 1


def test_the_specialtys_people_read_its_requests_and_outsiders_do_not(
    cast: Cast, professional: ProfessionalAmbition
) -> None:
    _request(cast, professional)
    url = reverse("professional:funds", kwargs={"slug": cast.specialty.slug})
    for who in ("owner", "lead", "core", "steering", "secretariat"):
        page = cast.client_for(getattr(cast, who)).get(url)
        assert page.status_code == 200, who
        assert ("Send til styregruppen" in page.text) == (who in ("owner", "lead")), who
    for who in ("outsider", "other_owner"):
        assert cast.client_for(getattr(cast, who)).get(url).status_code == 404


# -- Totals --------------------------------------------------------------------------------------


def test_totals_per_specialty_in_one_query(
    cast: Cast, professional: ProfessionalAmbition, django_assert_num_queries: object
) -> None:
    first = _request(cast, professional, 100_000)
    second = _request(cast, professional, 40_000)
    _request(cast, professional, 7_000)
    services.funds_request_decide(
        funds_request=first, by=cast.steering, state="reduced", granted_amount=60_000,
        remark="Mindre.",
    )  # fmt: skip
    services.funds_request_decide(
        funds_request=second, by=cast.steering, state="refused", granted_amount=None,
        remark="Nej.",
    )  # fmt: skip
    with django_assert_num_queries(1):  # type: ignore[operator]
        totals = queries.totals_by_specialty()
    assert totals[cast.specialty.pk] == queries.FundsTotals(
        requested=147_000, granted=60_000, open=7_000
    )
    assert cast.other_specialty.pk not in totals
    with django_assert_num_queries(1):  # type: ignore[operator]
        assert queries.totals(cast.specialty.pk).granted == 60_000


def _two_decided_one_open(cast: Cast, professional: ProfessionalAmbition) -> None:
    first = _request(cast, professional, 100_000)
    second = _request(cast, professional, 40_000)
    _request(cast, professional, 7_000)
    services.funds_request_decide(
        funds_request=first, by=cast.steering, state="reduced", granted_amount=60_000,
        remark="Mindre.",
    )  # fmt: skip
    services.funds_request_decide(
        funds_request=second, by=cast.steering, state="refused", granted_amount=None,
        remark="Nej.",
    )  # fmt: skip


def test_the_professional_overview_totals_the_funds_for_who_may_see_them(
    cast: Cast, professional: ProfessionalAmbition
) -> None:
    _two_decided_one_open(cast, professional)
    url = reverse("professional:overview", kwargs={"slug": cast.specialty.slug})
    page = cast.client_for(cast.lead).get(url)
    assert 'id="funds-totals"' in page.text
    for figure in ("147.000 kr.", "60.000 kr.", "7.000 kr."):
        assert figure in page.text
    # A programme member of another specialty learns from the approved work, not its money.
    learner = cast.client_for(cast.other_owner).get(url)
    assert learner.status_code == 200
    assert 'id="funds-totals"' not in learner.text


def test_the_programme_overview_totals_funds_per_specialty_in_a_fixed_number_of_queries(
    cast: Cast, professional: ProfessionalAmbition
) -> None:
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = cast.client_for(cast.steering)
    url = reverse("programme:overview")
    _request(cast, professional, 1_000)
    cache.clear()
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    _two_decided_one_open(cast, professional)
    cache.clear()
    with CaptureQueriesContext(connection) as more:
        page = client.get(url)
    assert len(more.captured_queries) == len(one.captured_queries)
    row = page.text.split(f'id="row-{cast.specialty.slug}"')[1].split("</tr>")[0]
    assert 'data-funds="requested">148.000<' in row
    assert 'data-funds="granted">60.000<' in row
    assert 'data-funds="open">8.000<' in row
    footer = page.text.split("<tfoot>")[1]
    assert 'data-funds="requested">148.000<' in footer


def test_the_reports_print_the_funds(cast: Cast, professional: ProfessionalAmbition) -> None:
    from documents.models import DocumentKind
    from documents.rendering import render_html

    _two_decided_one_open(cast, professional)
    specialty = render_html(DocumentKind.SPECIALTY_REPORT, cast.specialty.pk, None).html
    assert "Transitionsmidler" in specialty
    assert "Mindre." in specialty  # the reduction's remark
    assert "bevilget reduceret" in specialty
    assert "afventer beslutning" in specialty
    programme = render_html(DocumentKind.PROGRAMME_REPORT, None, None).html
    section = programme.split('id="funds"')[1]
    assert cast.specialty.name in section
    assert "147.000" in section
    assert "60.000" in section


def test_a_deleted_action_leaves_its_decided_request_named(
    cast: Cast, professional: ProfessionalAmbition
) -> None:
    action = make_action(
        make_focus_area(frameworks_of(professional)[0]), responsible=cast.core, title="Tele-ekko"
    )
    funds_request = services.funds_request_submit(
        specialty=cast.specialty,
        by=cast.owner,
        data=services.FundsInput(
            amount=5_000,
            reason="Udstyr.",
            period_start=datetime.date(2026, 1, 1),
            period_end=datetime.date(2026, 6, 30),
            action=action,
        ),
    )
    action.delete()
    funds_request.refresh_from_db()
    assert funds_request.action is None
    assert funds_request.subject == "Tele-ekko"
    page = cast.client_for(cast.owner).get(
        reverse("professional:funds", kwargs={"slug": cast.specialty.slug})
    )
    assert "Tele-ekko" in page.text


def test_a_steering_member_with_a_role_in_the_specialty_does_not_decide_its_funds(
    cast: Cast, professional: ProfessionalAmbition
) -> None:
    from specialties.models import Membership

    funds_request = _request(cast, professional)
    Membership.objects.create(
        specialty=cast.specialty, user=cast.steering, role=Membership.Role.CORE_TEAM,
        site=cast.specialty.sites.first(),
    )  # fmt: skip
    page = cast.client_for(cast.steering).get(reverse("funds:open"))
    assert "et andet medlem af styregruppen skal beslutte" in page.text
    assert f"decide-{funds_request.pk}-decision" not in page.text
    response = _decide(cast, funds_request, decision="granted")
    assert response.status_code == 302  # type: ignore[attr-defined]
    funds_request.refresh_from_db()
    assert funds_request.state == FundsState.OPEN
    with pytest.raises(ValueError, match="holds a role"):
        services.funds_request_decide(
            funds_request=funds_request, by=cast.steering, state="granted",
            granted_amount=None, remark="",
        )  # fmt: skip
