"""History pages of actions, frameworks (with their status rows) and challenges: who, when,
and each field before and after; refused to whoever may not read the specialty's history."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from ambitions.models import Action, AreaFramework
from bass.editing import record_as
from sustainability.models import Challenge, LensAnswer
from tests.conftest import Cast
from tests.conversations.conftest import Work

pytestmark = pytest.mark.django_db


def framework_history(cast: Cast, work: Work) -> str:
    return reverse(
        "professional:framework_history",
        kwargs={"slug": cast.specialty.slug, "pk": work.framework.pk},
    )


def action_history(cast: Cast, work: Work) -> str:
    return reverse(
        "professional:action_history", kwargs={"slug": cast.specialty.slug, "pk": work.action.pk}
    )


def test_an_actions_history_shows_who_when_before_and_after(cast: Cast, work: Work) -> None:
    action = Action.objects.get(pk=work.action.pk)
    action.title = "Fælles visitation i hele regionen"
    action.status = "delayed"
    action.end_date = datetime.date(2026, 3, 31)
    action.responsible = cast.lead
    action.purpose = "Samme visitation på alle matrikler."
    record_as(action, cast.lead).save()
    page = cast.client_for(cast.core).get(action_history(cast, work)).content.decode()
    newest = page[page.index('id="history"') :]
    assert cast.lead.get_full_name() in newest
    # Short values: before and after.
    assert "Fælles visitationsretningslinje</del>" in newest
    assert "Fælles visitation i hele regionen</ins>" in newest
    assert "I gang</del>" in newest
    assert "Forsinket</ins>" in newest
    assert "31. december 2025</del>" in newest
    assert "31. marts 2026</ins>" in newest
    assert "Karen Kerne</del>" in newest
    assert "Lise Leder</ins>" in newest
    # Longer text: a word diff.
    assert "<ins>" in newest
    assert "matrikler" in newest
    # The newest change comes first; an unchanged field is not listed in it.
    first_change = newest[: newest.index("</li>")]
    assert "Lise Leder" in first_change
    assert "Forsinket" in first_change
    assert "Succeskriterier" not in first_change


def test_a_frameworks_history_includes_its_status_row(cast: Cast, work: Work) -> None:
    as_lead = cast.client_for(cast.lead)
    framework = AreaFramework.objects.get(pk=work.framework.pk)
    response = as_lead.post(
        reverse(
            "professional:status_update", kwargs={"slug": cast.specialty.slug, "pk": framework.pk}
        ),
        {
            f"status-{framework.pk}-anchoring": "Ledelsesforum",
            f"status-{framework.pk}-timeline": "Forår 2026",
            f"status-{framework.pk}-revision": framework.revision,
        },
    )
    assert response.status_code == 302
    page = cast.client_for(cast.steering).get(framework_history(cast, work)).content.decode()
    assert "Ledelsesforum</ins>" in page or "Ledelsesforum" in page.split("<ins>", 1)[1]
    assert cast.lead.get_full_name() in page


@pytest.mark.parametrize("who", ["owner", "lead", "core", "steering", "secretariat"])
def test_the_specialtys_people_and_the_programme_read_the_history(
    cast: Cast, work: Work, who: str
) -> None:
    client = cast.client_for(getattr(cast, who))
    assert client.get(framework_history(cast, work)).status_code == 200
    assert client.get(action_history(cast, work)).status_code == 200


@pytest.mark.parametrize("who", ["outsider", "other_owner"])
def test_outsiders_and_other_specialties_are_refused(cast: Cast, work: Work, who: str) -> None:
    """Another specialty's owner reads the approved work, not its history (LEARNING_RULE)."""
    client = cast.client_for(getattr(cast, who))
    assert client.get(framework_history(cast, work)).status_code == 404
    assert client.get(action_history(cast, work)).status_code == 404


def test_anonymous_is_sent_to_log_in(cast: Cast, work: Work) -> None:
    response = Client().get(action_history(cast, work))
    assert response.status_code == 302
    assert "/log-ind/" in response["Location"]


def test_the_pages_link_to_the_histories(cast: Cast, work: Work) -> None:
    slug = cast.specialty.slug
    client = cast.client_for(cast.core)
    framework_page = client.get(
        reverse("professional:framework", kwargs={"slug": slug, "pk": work.framework.pk})
    ).content.decode()
    assert framework_history(cast, work) in framework_page
    focus_page = client.get(
        reverse("professional:focus_area", kwargs={"slug": slug, "pk": work.action.focus_area_id})
    ).content.decode()
    assert action_history(cast, work) in focus_page
    other = cast.client_for(cast.other_owner).get(
        reverse("professional:focus_area", kwargs={"slug": slug, "pk": work.action.focus_area_id})
    )
    assert action_history(cast, work) not in other.content.decode()


def test_the_history_pages_count_their_queries(
    cast: Cast, work: Work, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    action = Action.objects.get(pk=work.action.pk)
    for n, who in enumerate([cast.core, cast.lead, cast.owner] * 5):
        action.title = f"Titel {n}"
        action.responsible = who
        record_as(action, who).save()
    client = cast.client_for(cast.core)
    with django_assert_max_num_queries(11):  # the same for 1 change or 15
        page = client.get(action_history(cast, work)).content.decode()
    assert "Titel 14</ins>" in page
    with django_assert_max_num_queries(11):
        client.get(framework_history(cast, work))


# -- Challenges --------------------------------------------------------------------------------


def challenge_history(cast: Cast, challenge: Challenge) -> str:
    return reverse(
        "sustainability:challenge_history",
        kwargs={"slug": cast.specialty.slug, "pk": challenge.pk},
    )


def test_a_challenges_history_shows_its_fields_and_its_answers(cast: Cast, work: Work) -> None:
    challenge = Challenge.objects.get(specialty=cast.specialty, title="Ventelister")
    challenge.title = "Lange ventelister"
    record_as(challenge, cast.core).save()
    answer = LensAnswer.objects.get(challenge=challenge)
    answer.text = "Ventelister set fra patientens side."
    record_as(answer, cast.core).save()
    client = cast.client_for(cast.core)
    page = client.get(challenge_history(cast, challenge)).content.decode()
    assert "Ventelister</del>" in page
    assert "Lange ventelister</ins>" in page
    assert "patientens" in page
    assert "Faglig" in page
    assert cast.core.get_full_name() in page
    list_page = client.get(
        reverse("sustainability:challenges", kwargs={"slug": cast.specialty.slug})
    ).content.decode()
    assert challenge_history(cast, challenge) in list_page


@pytest.mark.parametrize("who", ["outsider", "other_owner"])
def test_a_challenges_history_is_refused_to_outsiders(cast: Cast, work: Work, who: str) -> None:
    challenge = Challenge.objects.get(specialty=cast.specialty, title="Ventelister")
    response = cast.client_for(getattr(cast, who)).get(challenge_history(cast, challenge))
    assert response.status_code == 404


def test_another_specialtys_challenge_is_not_found_under_this_slug(cast: Cast, work: Work) -> None:
    challenge = Challenge.objects.get(specialty=cast.specialty, title="Ventelister")
    url = reverse(
        "sustainability:challenge_history",
        kwargs={"slug": cast.other_specialty.slug, "pk": challenge.pk},
    )
    assert cast.client_for(cast.steering).get(url).status_code == 404
