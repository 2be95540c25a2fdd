"""Where the library meets the work: cases suggested for a challenge by its tags, and the
cases an action cites, edited by those who may edit the action."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from ambitions.models import Action, ProfessionalAmbition
from inspiration import queries
from inspiration.models import ActionInspiration, Case
from sustainability.models import Challenge, FocusArea, Perspective
from tests.ambitions.professional.conftest import frameworks_of, make_action, make_focus_area
from tests.conftest import Cast

pytestmark = pytest.mark.django_db


def _challenge(cast: Cast, perspective: str, *areas: str) -> Challenge:
    challenge = Challenge.objects.create(
        specialty=cast.specialty,
        title="Svær rekruttering af sygeplejersker",
        primary_perspective=Perspective.objects.get(code=perspective),
    )
    challenge.focus_areas.set(FocusArea.objects.filter(name__in=areas))
    return challenge


def _titles(challenge: Challenge) -> list[str]:
    fresh = queries.challenge_with_tags(Challenge.objects.get(pk=challenge.pk))
    return [s.case.title for s in queries.suggestions_for([fresh])]


def test_suggestions_follow_the_focus_areas_first(cast: Cast) -> None:
    challenge = _challenge(
        cast, "personalemaessig", "Rekruttering og fastholdelse", "Stærke tværfaglige miljøer"
    )
    titles = _titles(challenge)
    # Horsens shares both focus areas (2 + 2) and the staff perspective (1); OUH one focus
    # area (2) and the perspective (1); the rest only the perspective.
    assert titles[:2] == [
        "Tværfaglighed på hjertemedicinsk afdeling i Horsens",
        "Fordeling af vagtbyrden på Odense Universitetshospital",
    ]
    # Only cases that share a focus area, and the best few: sharing a perspective alone
    # made every case a suggestion for every challenge (issue 30, item 11).
    sharing = set(
        Case.objects.filter(
            focus_areas__name__in=["Rekruttering og fastholdelse", "Stærke tværfaglige miljøer"]
        ).values_list("title", flat=True)
    )
    assert set(titles) <= sharing
    assert len(titles) == min(len(sharing), queries.MAX_SUGGESTIONS)
    assert len(titles) < Case.objects.count()
    assert "Et Samlet Patientoverblik" not in titles  # organisational only


def test_a_challenge_without_focus_areas_gets_the_best_few_of_its_perspective(
    cast: Cast,
) -> None:
    titles = _titles(_challenge(cast, "faglig"))
    assert 0 < len(titles) <= queries.MAX_SUGGESTIONS
    faglig = set(Case.objects.filter(perspectives__code="faglig").values_list("title", flat=True))
    assert set(titles) <= faglig


def test_changing_the_tags_changes_the_suggestions(cast: Cast) -> None:
    challenge = _challenge(cast, "organisatorisk", "Distribuering af viden")
    before = _titles(challenge)
    assert before[0] in {"eHospitalet", "Et Samlet Patientoverblik"}
    assert "Fordeling af vagtbyrden på Odense Universitetshospital" not in before
    challenge.focus_areas.set(FocusArea.objects.filter(name="Fleksibilitet"))
    after = _titles(challenge)
    assert after[0] == "Fordeling af vagtbyrden på Odense Universitetshospital"


def test_a_case_without_shared_tags_is_never_suggested(cast: Cast) -> None:
    challenge = _challenge(cast, "organisatorisk")
    Case.objects.filter(perspectives__code="organisatorisk").update(title="x")
    for case in Case.objects.filter(perspectives__code="organisatorisk"):
        case.perspectives.clear()
        case.focus_areas.clear()
    assert _titles(challenge) == []


def test_the_challenge_page_shows_the_suggestions(cast: Cast) -> None:
    challenge = _challenge(cast, "personalemaessig", "Fleksibilitet")
    url = reverse("inspiration:challenge", kwargs={"slug": cast.specialty.slug, "pk": challenge.pk})
    page = cast.client_for(cast.core).get(url)
    assert page.status_code == 200
    first = page.context["suggestions"][0]
    assert first.case.slug == "ouh-vagtbyrde"
    assert [a.name for a in first.focus_areas] == ["Fleksibilitet"]
    # The challenges page links to it.
    challenges = cast.client_for(cast.core).get(
        reverse("sustainability:challenges", kwargs={"slug": cast.specialty.slug})
    )
    assert url in challenges.text


@pytest.mark.parametrize(("who", "status"), [("outsider", 404), ("other_owner", 404)])
def test_a_challenge_is_for_whom_reads_the_specialtys_challenges(
    cast: Cast, who: str, status: int
) -> None:
    challenge = _challenge(cast, "faglig")
    url = reverse("inspiration:challenge", kwargs={"slug": cast.specialty.slug, "pk": challenge.pk})
    assert cast.client_for(getattr(cast, who)).get(url).status_code == status
    assert cast.client_for(cast.steering).get(url).status_code == 200


# -- An action cites cases ----------------------------------------------------------------


@pytest.fixture
def action(cast: Cast, professional: ProfessionalAmbition) -> Action:
    focus_area = make_focus_area(frameworks_of(professional)[1], "Rekruttering")
    challenge = Challenge.objects.get(specialty=cast.specialty, title="Rekruttering")
    challenge.focus_areas.set(FocusArea.objects.filter(name="Rekruttering og fastholdelse"))
    return make_action(
        focus_area,
        responsible=cast.core,
        title="Husassistent på sengeafsnittet",
        challenges=[challenge],
    )


def _url(cast: Cast, action: Action) -> str:
    return reverse("inspiration:action", kwargs={"slug": cast.specialty.slug, "pk": action.pk})


@pytest.mark.parametrize("who", ["core", "lead", "owner"])
def test_the_specialtys_people_cite_and_remove_a_case(cast: Cast, action: Action, who: str) -> None:
    client = cast.client_for(getattr(cast, who))
    horsens = Case.objects.get(slug="horsens-hjertemedicin")
    response = client.post(
        _url(cast, action),
        {"case": horsens.pk, "note": "Husassistenten og vagtplanen."},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="part-citations",
    )
    assert response.status_code == 200
    assert 'id="citation-horsens-hjertemedicin"' in response.text
    citation = ActionInspiration.objects.get(action=action)
    assert (citation.case, citation.note, citation.created_by) == (
        horsens,
        "Husassistenten og vagtplanen.",
        getattr(cast, who),
    )
    response = client.post(_url(cast, action), {"case": horsens.pk, "remove": "on"})
    assert response.status_code == 302
    assert not ActionInspiration.objects.filter(action=action).exists()


@pytest.mark.parametrize(
    ("who", "status"), [("steering", 403), ("secretariat", 403), ("outsider", 404)]
)
def test_others_may_not_cite(cast: Cast, action: Action, who: str, status: int) -> None:
    client = cast.client_for(getattr(cast, who))
    case = Case.objects.get(slug="ai-mamma")
    assert client.post(_url(cast, action), {"case": case.pk}).status_code == status
    assert not ActionInspiration.objects.exists()
    page = client.get(_url(cast, action))
    if status == 403:
        assert page.status_code == 200
        assert 'id="cite-heading"' not in page.text
    else:
        assert page.status_code == 404


def test_another_specialtys_programme_member_reads_but_does_not_cite(
    cast: Cast, action: Action
) -> None:
    client = cast.client_for(cast.other_owner)
    assert client.get(_url(cast, action)).status_code == 200
    case = Case.objects.get(slug="ai-mamma")
    assert client.post(_url(cast, action), {"case": case.pk}).status_code == 403


def test_the_action_page_suggests_by_its_challenges_and_links_from_the_card(
    cast: Cast, action: Action
) -> None:
    client = cast.client_for(cast.core)
    page = client.get(_url(cast, action))
    suggested = [s.case.slug for s in page.context["suggestions"]]
    assert suggested[0] in {"horsens-hjertemedicin", "ouh-vagtbyrde"}
    focus_area = reverse(
        "professional:focus_area", kwargs={"slug": cast.specialty.slug, "pk": action.focus_area_id}
    )
    assert _url(cast, action) in client.get(focus_area).text


def test_a_case_that_is_not_a_choice_is_a_field_error(cast: Cast, action: Action) -> None:
    client = cast.client_for(cast.core)
    client.cookies["django_language"] = "da"
    for bad in ("", "abc", "99999999"):
        response = client.post(_url(cast, action), {"case": bad})
        assert response.status_code == 200
        assert 'aria-invalid="true"' in response.text
    assert not ActionInspiration.objects.exists()


def test_citing_twice_keeps_one_citation(cast: Cast, action: Action) -> None:
    client = Client()
    client.force_login(cast.core)
    case = Case.objects.get(slug="ehospitalet")
    client.post(_url(cast, action), {"case": case.pk})
    client.post(_url(cast, action), {"case": case.pk, "note": "Ny note."})
    assert list(ActionInspiration.objects.values_list("note", flat=True)) == ["Ny note."]


def test_a_cited_case_shows_on_its_actions_card(cast: Cast, action: Action) -> None:
    """Issue 30, item 11: the case an action learns from was only on the library's page."""
    case = Case.objects.get(slug="horsens-hjertemedicin")
    ActionInspiration.objects.create(action=action, case=case, created_by=cast.core)
    url = reverse(
        "professional:focus_area",
        kwargs={"slug": cast.specialty.slug, "pk": action.focus_area_id},
    )
    page = cast.client_for(cast.lead).get(url).content.decode()
    card = page[page.index(f'id="action-{action.pk}"') :]
    assert "Cases, den lærer af" in card
    assert reverse("inspiration:case", kwargs={"slug": case.slug}) in card
