"""Dependencies between specialties (issue 26, item 4), through HTTP: who may ask, change,
withdraw and answer, what each side sees (page, home page, Mine opgaver), the e-mails through
the outbox, the history, and Programoverblik's count of open ones."""

from __future__ import annotations

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ambitions.models import Dependency, DependencyState
from people.models import User
from specialties.models import Membership
from sustainability.models import Challenge, Perspective
from tests.conftest import Cast, delivered

HTMX = {"HX-Request": "true"}
NEED = "Scanningskapacitet: 10 ekstra CT-tider om ugen"


@pytest.fixture
def challenge(cast: Cast) -> Challenge:
    return Challenge.objects.create(
        specialty=cast.specialty,
        title="Ventelister",
        primary_perspective=Perspective.objects.order_by("order").first(),
    )


@pytest.fixture
def other_lead(cast: Cast) -> User:
    from tests.factories import MembershipFactory, UserFactory

    lead = UserFactory(username="other_lead", email="other_lead@example.org")
    MembershipFactory(
        specialty=cast.other_specialty, user=lead, role=Membership.Role.IMPLEMENTATION_LEAD
    )
    return lead


def _url(name: str, slug: str, pk: int | None = None) -> str:
    kwargs: dict[str, object] = {"slug": slug}
    if pk is not None:
        kwargs["pk"] = pk
    return reverse(f"dependencies:{name}", kwargs=kwargs)


def _ask_data(cast: Cast, challenge: Challenge, prefix: str = "", **extra: str) -> dict[str, str]:
    data = {
        "depends_on": str(cast.other_specialty.pk),
        "subject": f"challenge-{challenge.pk}",
        "need": NEED,
        "needed_by": "01.09.2026",
        **extra,
    }
    return {f"{prefix}{k}": v for k, v in data.items()}


def _ask(cast: Cast, challenge: Challenge, by: User | None = None) -> Dependency:
    client = cast.client_for(by or cast.owner)
    response = client.post(_url("add", cast.specialty.slug), _ask_data(cast, challenge))
    assert response.status_code == 302
    return Dependency.objects.get()


@pytest.mark.parametrize("persona", ["owner", "lead"])
def test_the_owner_or_a_lead_names_a_dependency_in_place_and_the_other_owner_is_told(
    cast: Cast, challenge: Challenge, other_lead: User, persona: str
) -> None:
    client = cast.client_for(getattr(cast, persona))
    response = client.post(
        _url("add", cast.specialty.slug),
        _ask_data(cast, challenge),
        headers={**HTMX, "HX-Target": "part-asked"},
    )
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<section id="part-asked"')
    dependency = Dependency.objects.get()
    assert dependency.specialty == cast.specialty
    assert dependency.depends_on == cast.other_specialty
    assert dependency.challenge == challenge
    assert dependency.needed_by == datetime.date(2026, 9, 1)
    assert dependency.state == DependencyState.OPEN
    assert dependency.history.count() == 1
    assert NEED in response.text
    mails = delivered()
    assert sorted(m.to[0] for m in mails) == sorted([cast.other_owner.email, other_lead.email])
    assert "IM: Testkardiologi" in mails[0].subject
    assert NEED in mails[0].body
    assert f"/specialer/{cast.other_specialty.slug}/afhaengigheder/#dependency-" in mails[0].body


@pytest.mark.parametrize("persona", ["core", "steering", "secretariat"])
def test_who_may_read_but_not_ask_is_refused_and_nothing_changes(
    cast: Cast, challenge: Challenge, persona: str
) -> None:
    client = cast.client_for(getattr(cast, persona))
    assert client.get(_url("list", cast.specialty.slug)).status_code == 200
    response = client.post(_url("add", cast.specialty.slug), _ask_data(cast, challenge))
    assert response.status_code == 403
    assert not Dependency.objects.exists()


@pytest.mark.parametrize("persona", ["outsider", "other_owner"])
def test_outsiders_see_nothing_of_the_specialtys_dependencies(
    cast: Cast, challenge: Challenge, persona: str
) -> None:
    client = cast.client_for(getattr(cast, persona))
    assert client.get(_url("list", cast.specialty.slug)).status_code == 404
    assert (
        client.post(_url("add", cast.specialty.slug), _ask_data(cast, challenge)).status_code == 404
    )
    assert not Dependency.objects.exists()


def test_anonymous_is_sent_to_log_in(cast: Cast) -> None:
    response = Client().get(_url("list", cast.specialty.slug))
    assert response.status_code == 302
    assert "/log-ind/" in response["Location"]


def test_a_wrong_form_keeps_what_was_typed_and_says_what_is_wrong_in_danish(
    cast: Cast, challenge: Challenge
) -> None:
    client = cast.client_for(cast.owner)
    response = client.post(
        _url("add", cast.specialty.slug),
        _ask_data(cast, challenge, depends_on="", need="", needed_by="31.02.2026"),
        headers={**HTMX, "HX-Target": "part-asked"},
    )
    assert response.status_code == 200
    text = response.text
    assert "Vælg det speciale, I afhænger af." in text
    assert "Skriv, hvad jeres speciale har brug for." in text
    assert "Skriv datoen som dd.mm.åååå" in text
    assert "31.02.2026" in text  # kept as typed
    assert f'value="challenge-{challenge.pk}" selected' in text
    assert not Dependency.objects.exists()
    # Neither the specialty itself nor another specialty's challenge can be named.
    for bad in (
        {"depends_on": str(cast.specialty.pk)},
        {"subject": "challenge-999999"},
    ):
        response = client.post(_url("add", cast.specialty.slug), _ask_data(cast, challenge, **bad))
        assert response.status_code == 200
        assert not Dependency.objects.exists()


def test_the_other_owner_sees_it_on_the_home_page_and_answers_it(
    cast: Cast, challenge: Challenge
) -> None:
    dependency = _ask(cast, challenge)
    delivered().clear()
    other = cast.client_for(cast.other_owner)
    home = other.get(reverse("home")).text
    assert "IM: Testkardiologi afhænger af jer" in home
    assert (
        f"/specialer/{cast.other_specialty.slug}/afhaengigheder/#dependency-{dependency.pk}" in home
    )
    tasks = other.get(reverse("programme:my_tasks")).text
    assert "Andre specialers afhængigheder af jeres, som I skal svare på" in tasks
    # The answer form, in place; a decline needs its remark, kept with the choice.
    answer = _url("answer", cast.other_specialty.slug, dependency.pk)
    target = {**HTMX, "HX-Target": f"dependency-{dependency.pk}"}
    form = other.get(answer, headers=target)
    assert form.status_code == 200
    assert form.text.lstrip().startswith(f'<article id="dependency-{dependency.pk}"')
    prefix = f"answer-{dependency.pk}-"
    refused = other.post(
        answer, {f"{prefix}state": "declined", f"{prefix}remark": " "}, headers=target
    )
    assert "Skriv, hvorfor jeres speciale siger nej." in refused.text
    assert re.search(r'value="declined"[^>]*checked', refused.text)
    dependency.refresh_from_db()
    assert dependency.state == DependencyState.OPEN
    accepted = other.post(
        answer,
        {f"{prefix}state": "accepted", f"{prefix}remark": "To ekstra CT-tider fra 1. maj."},
        headers=target,
    )
    assert accepted.status_code == 200
    assert "To ekstra CT-tider fra 1. maj." in accepted.text
    dependency.refresh_from_db()
    assert dependency.state == DependencyState.ACCEPTED
    assert dependency.answered_by == cast.other_owner
    assert [h.state for h in dependency.history.order_by("history_date")] == ["open", "accepted"]
    mails = delivered()
    assert sorted(m.to[0] for m in mails) == sorted([cast.owner.email, cast.lead.email])
    assert "To ekstra CT-tider fra 1. maj." in mails[0].body
    # The asker sees the answer on their page and home page; the other no longer has it to do.
    asker = cast.client_for(cast.owner)
    assert "To ekstra CT-tider fra 1. maj." in asker.get(_url("list", cast.specialty.slug)).text
    assert "IM: Testnefrologi har sagt ja til" in asker.get(reverse("home")).text
    assert "afhænger af jer" not in other.get(reverse("home")).text
    # Answered: no second answer, no change.
    assert (
        other.post(answer, {f"{prefix}state": "declined", f"{prefix}remark": "Nej."}).status_code
        == 403
    )
    assert asker.get(_url("edit", cast.specialty.slug, dependency.pk)).status_code == 403


def test_only_the_other_specialtys_owner_and_leads_answer(
    cast: Cast, challenge: Challenge, other_lead: User
) -> None:
    dependency = _ask(cast, challenge)
    data = {
        f"answer-{dependency.pk}-state": "accepted",
        f"answer-{dependency.pk}-remark": "Ja.",
    }
    # The asker's own people may not answer for the other specialty, not even under its slug.
    for user, expected in [
        (cast.owner, 404),
        (cast.lead, 404),
        (cast.steering, 403),
        (cast.secretariat, 403),
        (cast.outsider, 404),
    ]:
        response = cast.client_for(user).post(
            _url("answer", cast.other_specialty.slug, dependency.pk), data
        )
        assert response.status_code == expected, user
    # Under the asking specialty's address the answer is never found.
    response = cast.client_for(cast.other_owner).post(
        _url("answer", cast.specialty.slug, dependency.pk), data
    )
    assert response.status_code == 404
    dependency.refresh_from_db()
    assert dependency.state == DependencyState.OPEN
    response = cast.client_for(other_lead).post(
        _url("answer", cast.other_specialty.slug, dependency.pk), data
    )
    assert response.status_code == 302
    dependency.refresh_from_db()
    assert dependency.state == DependencyState.ACCEPTED


def test_a_question_goes_back_to_the_asker_whose_change_asks_again(
    cast: Cast, challenge: Challenge
) -> None:
    dependency = _ask(cast, challenge)
    other = cast.client_for(cast.other_owner)
    prefix = f"answer-{dependency.pk}-"
    other.post(
        _url("answer", cast.other_specialty.slug, dependency.pk),
        {f"{prefix}state": "question", f"{prefix}remark": "Hvilke ugedage?"},
    )
    asker = cast.client_for(cast.lead)
    assert "IM: Testnefrologi spørger om" in asker.get(reverse("home")).text
    delivered().clear()
    edit = _url("edit", cast.specialty.slug, dependency.pk)
    target = {**HTMX, "HX-Target": f"dependency-{dependency.pk}"}
    form = asker.get(edit, headers=target)
    assert form.status_code == 200
    assert NEED in form.text
    response = asker.post(
        edit,
        _ask_data(
            cast,
            challenge,
            prefix=f"dependency-{dependency.pk}-",
            need="CT-tider tirsdag og torsdag",
        ),
        headers=target,
    )
    assert response.status_code == 200
    dependency.refresh_from_db()
    assert dependency.state == DependencyState.OPEN
    assert dependency.need == "CT-tider tirsdag og torsdag"
    assert [m.to[0] for m in delivered()] == [cast.other_owner.email]
    # The core team reads but may not change it.
    assert cast.client_for(cast.core).post(edit, _ask_data(cast, challenge)).status_code == 403


def test_the_asker_withdraws_and_the_other_side_is_told(cast: Cast, challenge: Challenge) -> None:
    dependency = _ask(cast, challenge)
    delivered().clear()
    withdraw = _url("withdraw", cast.specialty.slug, dependency.pk)
    assert cast.client_for(cast.core).post(withdraw).status_code == 403
    assert cast.client_for(cast.other_owner).post(withdraw).status_code == 404
    response = cast.client_for(cast.owner).post(
        withdraw, headers={**HTMX, "HX-Target": f"dependency-{dependency.pk}"}
    )
    assert response.status_code == 200
    assert "Trukket tilbage" in response.text
    dependency.refresh_from_db()
    assert dependency.state == DependencyState.WITHDRAWN
    assert [m.to[0] for m in delivered()] == [cast.other_owner.email]
    assert "afhænger af jer" not in cast.client_for(cast.other_owner).get(reverse("home")).text


def test_both_sides_and_the_programme_read_the_dependency(cast: Cast, challenge: Challenge) -> None:
    _ask(cast, challenge)
    for user, slug in [
        (cast.core, cast.specialty.slug),
        (cast.other_owner, cast.other_specialty.slug),
        (cast.steering, cast.specialty.slug),
        (cast.secretariat, cast.other_specialty.slug),
    ]:
        page = cast.client_for(user).get(_url("list", slug))
        assert page.status_code == 200
        assert NEED in page.text
    # The other specialty's owner reads it on their own page, not the asker's.
    assert (
        cast.client_for(cast.other_owner).get(_url("list", cast.specialty.slug)).status_code == 404
    )


def test_the_overview_counts_open_dependencies_per_specialty(
    cast: Cast, challenge: Challenge
) -> None:
    _ask(cast, challenge)
    page = cast.client_for(cast.steering).get(reverse("programme:overview"))
    rows = {r.specialty.slug: r.dependencies for r in page.context["rows"]}
    assert rows[cast.specialty.slug].asked == 1
    assert rows[cast.specialty.slug].asked_of == 0
    assert rows[cast.other_specialty.slug].asked == 0
    assert rows[cast.other_specialty.slug].asked_of == 1
    assert page.context["totals"].depended == 1


def test_open_counts_are_two_queries_whatever_the_number(
    cast: Cast, challenge: Challenge, django_assert_num_queries: object
) -> None:
    from ambitions.dependencies.queries import open_counts

    for _ in range(3):
        _ask_many = Dependency.objects.create(
            specialty=cast.specialty,
            depends_on=cast.other_specialty,
            challenge=challenge,
            need=NEED,
            created_by=cast.owner,
        )
    Dependency.objects.create(
        specialty=cast.other_specialty,
        depends_on=cast.specialty,
        challenge=Challenge.objects.create(
            specialty=cast.other_specialty,
            title="Kapacitet",
            primary_perspective=challenge.primary_perspective,
        ),
        need=NEED,
        created_by=cast.other_owner,
        state=DependencyState.QUESTION,
    )
    with django_assert_num_queries(2):  # type: ignore[operator]
        counts = open_counts([cast.specialty.pk, cast.other_specialty.pk])
    assert counts[cast.specialty.pk].asked == 3
    assert counts[cast.specialty.pk].asked_of == 0  # a question waits for the asker
    assert counts[cast.other_specialty.pk].asked == 1
    assert counts[cast.other_specialty.pk].asked_of == 3


def test_an_answer_leaves_the_askers_home_page_after_two_weeks(
    cast: Cast, challenge: Challenge
) -> None:
    dependency = _ask(cast, challenge)
    Dependency.objects.filter(pk=dependency.pk).update(
        state=DependencyState.DECLINED,
        answer="Ingen kapacitet.",
        answered_by=cast.other_owner,
        answered_at=timezone.now() - datetime.timedelta(days=15),
    )
    from ambitions.dependencies.queries import waiting_for

    assert waiting_for(cast.owner, timezone.localdate()) == []


def test_the_asker_sees_the_answer_on_the_challenge(cast: Cast, challenge: Challenge) -> None:
    dependency = _ask(cast, challenge)
    prefix = f"answer-{dependency.pk}-"
    cast.client_for(cast.other_owner).post(
        _url("answer", cast.other_specialty.slug, dependency.pk),
        {f"{prefix}state": "accepted", f"{prefix}remark": "To ekstra CT-tider fra 1. maj."},
    )
    page = cast.client_for(cast.core).get(
        reverse("sustainability:challenges", kwargs={"slug": cast.specialty.slug})
    )
    assert "Afhænger af andre specialer" in page.text
    assert "To ekstra CT-tider fra 1. maj." in page.text
    assert f"#dependency-{dependency.pk}" in page.text
