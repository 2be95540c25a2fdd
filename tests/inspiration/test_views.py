"""The library's pages: who reads, who edits, search and filters, editing in place."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from inspiration.models import Case, Classification
from sustainability.models import FocusArea, Perspective
from tests.conftest import Cast

pytestmark = pytest.mark.django_db

LIBRARY = reverse("inspiration:library")
HX = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "part-results"}


def _case_url(slug: str = "horsens-hjertemedicin") -> str:
    return reverse("inspiration:case", kwargs={"slug": slug})


def _case_data(case: Case, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "title": case.title,
        "setting": case.setting,
        "specialty": case.specialty_id or "",
        "specialty_text": case.specialty_text,
        "background": case.background,
        "what_they_did": case.what_they_did,
        "prerequisites_and_barriers": case.prerequisites_and_barriers,
        "results": case.results,
        "potential": case.potential,
        "source_part": case.source_part,
        "source_page": case.source_page or "",
        "classifications": [c.pk for c in case.classifications.all()],
        "perspectives": [p.pk for p in case.perspectives.all()],
        "focus_areas": [f.pk for f in case.focus_areas.all()],
        "revision": case.revision,
    }
    data.update(changes)
    return data


@pytest.mark.parametrize("who", ["outsider", "core", "owner", "steering", "secretariat"])
def test_everyone_signed_in_reads_the_library(cast: Cast, who: str) -> None:
    client = cast.client_for(getattr(cast, who))
    page = client.get(LIBRARY)
    assert page.status_code == 200
    assert "FVE-bilen fra akutafdelingen på Kolding sygehus" in page.text
    assert client.get(_case_url()).status_code == 200
    assert client.get(reverse("inspiration:task_shifts")).status_code == 200
    can_add = reverse("inspiration:case_add") in page.text
    assert can_add == (who == "secretariat")


def test_anonymous_is_sent_to_log_in(cast: Cast) -> None:
    for url in (LIBRARY, _case_url(), reverse("inspiration:task_shifts")):
        response = Client().get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_the_library_page_in_a_fixed_number_of_queries(
    cast: Cast, django_assert_max_num_queries: object
) -> None:
    client = cast.client_for(cast.outsider)
    client.get(LIBRARY)  # the session and the person, loaded once
    with django_assert_max_num_queries(14):  # type: ignore[operator]
        assert client.get(LIBRARY).status_code == 200
    with django_assert_max_num_queries(14):  # type: ignore[operator]
        assert client.get(LIBRARY, {"q": "sygeplejersker"}).status_code == 200


def test_search_finds_danish_words_and_marks_nothing_else(cast: Cast) -> None:
    client = cast.client_for(cast.outsider)
    page = client.get(LIBRARY, {"q": "paramediciner"})
    assert "FVE-bilen" in page.text
    assert "AI Mamma" not in page.text
    none = client.get(LIBRARY, {"q": "zzzikkeetord"})
    assert 'id="no-cases"' in none.text


def test_filters_narrow_the_cases(cast: Cast) -> None:
    client = cast.client_for(cast.core)
    gap = Classification.objects.get(code="moderniseringsgab")
    page = client.get(LIBRARY, {"classification": gap.pk})
    assert "AI Mamma" in page.text
    assert "Tværfaglighed på hjertemedicinsk afdeling" not in page.text
    staff = Perspective.objects.get(code="personalemaessig")
    area = FocusArea.objects.get(name="Rekruttering og fastholdelse")
    page = client.get(LIBRARY, {"perspective": staff.pk, "focus_area": area.pk})
    titles = [c.title for c in page.context["cases"]]
    assert titles == [
        "Fordeling af vagtbyrden på Odense Universitetshospital",
        "Tværfaglighed på hjertemedicinsk afdeling i Horsens",
    ]


def test_a_bad_filter_is_a_danish_field_error_not_a_500(cast: Cast) -> None:
    client = cast.client_for(
        cast.core,
    )
    client.cookies["django_language"] = "da"
    page = client.get(LIBRARY, {"classification": "999999", "perspective": "x"})
    assert page.status_code == 200
    assert 'id="filter-errors"' in page.text
    assert len(page.context["cases"]) == Case.objects.count()


def test_htmx_search_gets_the_results_only(cast: Cast) -> None:
    page = cast.client_for(cast.core).get(LIBRARY, {"q": "geriater"}, **HX)
    assert page.status_code == 200
    assert page.text.lstrip().startswith('<section id="part-results"')
    assert "Tag snakken" in page.text


@pytest.mark.parametrize("who", ["outsider", "core", "owner", "steering"])
def test_only_the_secretariat_edits_and_adds(cast: Cast, who: str) -> None:
    client = cast.client_for(getattr(cast, who))
    case = Case.objects.get(slug="horsens-hjertemedicin")
    assert client.get(_case_url(), {"rediger": "1"}).status_code == 403
    response = client.post(_case_url(), _case_data(case, title="Ændret"))
    assert response.status_code == 403
    assert client.get(reverse("inspiration:case_add")).status_code == 403
    count = Case.objects.count()
    response = client.post(reverse("inspiration:case_add"), _case_data(case, title="Ny case"))
    assert response.status_code == 403
    assert Case.objects.count() == count
    case.refresh_from_db()
    assert case.title == "Tværfaglighed på hjertemedicinsk afdeling i Horsens"
    assert case.revision == 0
    assert 'id="case-edit"' not in client.get(_case_url()).text


def test_the_secretariat_edits_a_case_in_place(cast: Cast) -> None:
    client = cast.client_for(cast.secretariat)
    case = Case.objects.get(slug="horsens-hjertemedicin")
    form = client.get(_case_url(), {"rediger": "1"}, HTTP_HX_REQUEST="true")
    assert form.status_code == 200
    assert 'hx-post="' + _case_url() in form.text
    ward = Classification.objects.get(code="teknologi")
    response = client.post(
        _case_url(),
        _case_data(case, results="Én sygeplejerske færre.", classifications=[ward.pk]),
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert "Én sygeplejerske færre." in response.text
    case.refresh_from_db()
    assert case.revision == 1
    assert case.updated_by == cast.secretariat
    assert list(case.classifications.all()) == [ward]


def test_two_secretaries_one_case_the_second_sees_both(cast: Cast) -> None:
    client = cast.client_for(cast.secretariat)
    case = Case.objects.get(slug="ai-mamma")
    first = client.post(_case_url("ai-mamma"), _case_data(case, results="Første."))
    assert first.status_code == 302
    second = client.post(_case_url("ai-mamma"), _case_data(case, results="Anden."))
    assert second.status_code == 200
    assert 'id="part-case-conflict"' in second.text
    assert "Anden." in second.text  # the writer's own text is still in the form
    case.refresh_from_db()
    assert case.results == "Første."


def test_danish_field_errors_and_nothing_saved(cast: Cast) -> None:
    client = cast.client_for(cast.secretariat)
    client.cookies["django_language"] = "da"
    case = Case.objects.get(slug="ehospitalet")
    page = client.post(
        _case_url("ehospitalet"),
        _case_data(case, what_they_did="  ", source_page="nul", focus_areas=["x"]),
        HTTP_HX_REQUEST="true",
    )
    assert page.status_code == 200
    assert "Beskriv, hvad de har gjort." in page.text
    case.refresh_from_db()
    assert case.revision == 0


def test_the_secretariat_adds_a_case(cast: Cast) -> None:
    client = cast.client_for(cast.secretariat)
    case = Case.objects.get(slug="ehospitalet")
    response = client.post(
        reverse("inspiration:case_add"),
        _case_data(case, title="Akutsygeplejersker i Næstved", revision=""),
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    added = Case.objects.get(title="Akutsygeplejersker i Næstved")
    assert response["HX-Redirect"] == _case_url(added.slug)
    assert added.slug == "akutsygeplejersker-i-naestved"
    assert added.updated_by == cast.secretariat
    invalid = client.post(reverse("inspiration:case_add"), {"title": ""}, HTTP_HX_REQUEST="true")
    assert invalid.status_code == 200
    assert 'id="part-case-form"' in invalid.text


def test_an_unknown_case_is_404(cast: Cast) -> None:
    assert cast.client_for(cast.core).get(_case_url("findes-ikke")).status_code == 404


def test_task_shifts_filter_by_specialty_and_level(cast: Cast) -> None:
    client = cast.client_for(cast.outsider)
    url = reverse("inspiration:task_shifts")
    from specialties.models import Specialty

    geriatri = Specialty.objects.get(slug="im-geriatri")
    page = client.get(url, {"specialty": geriatri.pk})
    assert [s.specialty for s in page.context["shifts"]] == [geriatri]
    page = client.get(url, {"level": "technology"})
    assert {s.level for s in page.context["shifts"]} == {"technology"}
    assert client.get(url, {"level": "nonsense"}).status_code == 200


@pytest.mark.parametrize(
    "changes",
    [
        {"what_they_did": "x" * 1_000_001},
        {"title": "\x00\x01\x02"},
        {"source_page": "99999999999999999999"},
        {"specialty": "-1"},
        {"classifications": ["1.5"]},
        {"revision": "-3"},
    ],
)
def test_hostile_input_is_a_field_error_and_nothing_is_stored(
    cast: Cast, changes: dict[str, object]
) -> None:
    client = cast.client_for(cast.secretariat)
    case = Case.objects.get(slug="digirehab")
    response = client.post(_case_url("digirehab"), _case_data(case, **changes))
    assert response.status_code == 200
    assert 'class="error-summary" role="alert"' in response.text
    case.refresh_from_db()
    assert case.revision == 0
    count = Case.objects.count()
    added = client.post(reverse("inspiration:case_add"), _case_data(case, **changes))
    assert added.status_code == 200
    assert Case.objects.count() == count
