"""The challenges page through HTTP: who may see and change what, editing in place with HTMX,
hostile and oversized input, two people editing at once, the core challenges and history."""

import re
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ambitions.models import StrategicAmbition
from bass.editing import EditConflict
from bass.text import MAX_TEXT_LENGTH
from people.models import User
from sustainability import services
from sustainability.models import Challenge, FocusArea, LensAnswer
from tests.conftest import Cast
from tests.sustainability.factories import ALL_LENSES, make_challenge, perspective

HTMX = {"HX-Request": "true"}
MEMBERS = ["owner", "lead", "core"]
PROGRAMME = ["steering", "secretariat"]
STRANGERS = ["outsider", "other_owner"]


def _page(cast: Cast) -> str:
    return reverse("sustainability:challenges", args=[cast.specialty.slug])


def _url(name: str, cast: Cast, challenge: Challenge | None = None) -> str:
    args: list[object] = [cast.specialty.slug]
    if challenge is not None:
        args.append(challenge.pk)
    return reverse(f"sustainability:{name}", args=args)


def _data(
    title: str = "Lange ventetider",
    *,
    primary: str = "faglig",
    description: str = "",
    lenses: dict[str, str] | None = None,
    focus_areas: list[str] | None = None,
    revision: int | None = None,
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "title": title,
        "description": description,
        "primary_perspective": perspective(primary).pk,
        "focus_areas": [f.pk for f in FocusArea.objects.filter(name__in=focus_areas or [])],
    }
    for code in ("faglig", "personalemaessig", "organisatorisk"):
        data[f"lens_{code}"] = (lenses or {}).get(code, "")
    if revision is not None:
        data["revision"] = revision
    return data


def _state() -> tuple[object, ...]:
    """Everything a refused request must leave as it was."""
    fields = ["pk", "title", "description", "primary_perspective", "is_core", "core_order"]
    return (
        list(Challenge.objects.order_by("pk").values_list(*fields, "revision", "updated_at")),
        list(LensAnswer.objects.order_by("pk").values_list("pk", "perspective", "text")),
        sorted(Challenge.focus_areas.through.objects.values_list("challenge", "focusarea")),
        Challenge.history.count(),
        LensAnswer.history.count(),
    )


def _every_request(cast: Cast, challenge: Challenge) -> list[tuple[str, str, dict[str, Any]]]:
    """(method, url, data) for every view, aimed at the specialty's challenge."""
    return [
        ("get", _page(cast), {}),
        ("get", _url("challenge_edit", cast, challenge), {}),
        ("post", _url("challenge_add", cast), _data("Ny")),
        ("post", _url("challenge_edit", cast, challenge), _data("Ændret", revision=0)),
        ("post", _url("challenge_core", cast, challenge), {"core": "1"}),
        ("post", _url("challenge_move", cast, challenge), {"direction": "up"}),
    ]


# -- Who may see and change what -------------------------------------------------------------


def test_anonymous_is_sent_to_log_in_and_nothing_changes(cast: Cast) -> None:
    challenge = make_challenge(cast.specialty, is_core=True, core_order=1)
    before = _state()
    for method, url, data in _every_request(cast, challenge):
        response = getattr(Client(), method)(url, data)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login"))
    assert _state() == before


@pytest.mark.parametrize("persona", MEMBERS + PROGRAMME)
def test_the_specialtys_people_and_the_programme_see_the_challenges(
    cast: Cast, persona: str
) -> None:
    make_challenge(
        cast.specialty, "Ventelister", lenses=ALL_LENSES, description="Lange *ventetider*"
    )
    response = cast.client_for(getattr(cast, persona)).get(_page(cast))
    assert response.status_code == 200
    text = response.text
    assert "Ventelister" in text
    assert "Lange <em>ventetider</em>" in text
    assert "Hvordan ser problemet ud fra et personaleperspektiv?" in text
    assert ALL_LENSES["organisatorisk"] in text
    assert 'id="part-balance"' in text


@pytest.mark.parametrize("persona", STRANGERS)
def test_outsiders_find_nothing_and_change_nothing(cast: Cast, persona: str) -> None:
    challenge = make_challenge(cast.specialty, is_core=True, core_order=1)
    client = cast.client_for(getattr(cast, persona))
    before = _state()
    for method, url, data in _every_request(cast, challenge):
        response = getattr(client, method)(url, data, headers=HTMX)
        assert response.status_code == 404, url
    assert _state() == before


@pytest.mark.parametrize("persona", MEMBERS)
def test_the_specialtys_people_are_offered_adding_and_editing(cast: Cast, persona: str) -> None:
    challenge = make_challenge(cast.specialty)
    text = cast.client_for(getattr(cast, persona)).get(_page(cast)).text
    assert 'id="challenge-add"' in text
    assert f'hx-get="{_url("challenge_edit", cast, challenge)}"' in text


@pytest.mark.parametrize("persona", PROGRAMME)
def test_the_programme_reads_but_may_not_change_anything(cast: Cast, persona: str) -> None:
    challenge = make_challenge(cast.specialty, is_core=True, core_order=1)
    client = cast.client_for(getattr(cast, persona))
    text = client.get(_page(cast)).text
    assert 'id="challenge-add"' not in text
    # Quoted: the history link (…/<pk>/historik/) starts with the edit address.
    assert f'"{_url("challenge_edit", cast, challenge)}"' not in text
    assert _url("challenge_core", cast, challenge) not in text
    before = _state()
    for method, url, data in _every_request(cast, challenge)[1:]:
        response = getattr(client, method)(url, data, headers=HTMX)
        assert response.status_code == 403, url
    assert _state() == before


def test_a_challenge_of_another_specialty_is_not_found(cast: Cast) -> None:
    elsewhere = make_challenge(cast.other_specialty, "Deres")
    client = cast.client_for(cast.owner)
    before = _state()
    url = reverse("sustainability:challenge_edit", args=[cast.specialty.slug, elsewhere.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, _data("Vores nu", revision=0)).status_code == 404
    core_url = reverse("sustainability:challenge_core", args=[cast.specialty.slug, elsewhere.pk])
    assert client.post(core_url).status_code == 404
    assert _state() == before


def test_an_unknown_specialty_is_404(cast: Cast) -> None:
    url = reverse("sustainability:challenges", args=["im-findes-ikke"])
    assert cast.client_for(cast.steering).get(url).status_code == 404


def test_adding_and_choosing_need_post(cast: Cast) -> None:
    challenge = make_challenge(cast.specialty)
    client = cast.client_for(cast.owner)
    assert client.get(_url("challenge_add", cast)).status_code == 405
    assert client.get(_url("challenge_core", cast, challenge)).status_code == 405
    assert client.get(_url("challenge_move", cast, challenge)).status_code == 405


# -- The page --------------------------------------------------------------------------------


def test_core_challenges_come_first_in_their_order(cast: Cast) -> None:
    make_challenge(cast.specialty, "Almindelig A")
    make_challenge(cast.specialty, "Kerne to", is_core=True, core_order=2)
    make_challenge(cast.specialty, "Kerne en", is_core=True, core_order=1)
    text = cast.client_for(cast.core).get(_page(cast)).text
    positions = [text.index(t) for t in ("Kerne en", "Kerne to", "Almindelig A")]
    assert positions == sorted(positions)


def test_each_challenge_shows_its_perspective_lenses_and_focus_areas(cast: Cast) -> None:
    challenge = make_challenge(
        cast.specialty,
        lenses={"faglig": "Rutinekontroller uden evidens."},
        focus_areas=["Personaletrivsel", "Kapacitetsoverblik"],
        primary="organisatorisk",
    )
    text = cast.client_for(cast.core).get(_page(cast)).text
    article = text[text.index(f'id="challenge-{challenge.pk}"') :]
    article = article[: article.index("</article>")]
    assert "Organisatorisk bæredygtighed" in article
    assert "Hvordan ser problemet ud fra et fagligt perspektiv?" in article
    assert "Rutinekontroller uden evidens." in article
    assert '<li class="tag">Personaletrivsel</li>' in article
    assert '<li class="tag">Kapacitetsoverblik</li>' in article
    # The two lenses without an answer are flagged.
    assert re.findall(r'data-unanswered="(\w+)"', article) == ["personalemaessig", "organisatorisk"]


def test_the_page_warns_when_one_perspective_dominates_and_when_lenses_are_missing(
    cast: Cast,
) -> None:
    make_challenge(cast.specialty, "Ventelister", primary="personalemaessig", lenses=ALL_LENSES)
    make_challenge(cast.specialty, "Sygefravær", primary="personalemaessig", lenses=ALL_LENSES)
    gap = make_challenge(cast.specialty, "Kapacitet", primary="faglig", lenses={"faglig": "x"})
    text = cast.client_for(cast.core).get(_page(cast)).text
    dominant = text[text.index('id="balance-dominant"') :]
    assert "Personalemæssig bæredygtighed" in dominant[: dominant.index("</div>")]
    missing = text[text.index('id="balance-missing"') :]
    missing = missing[: missing.index("</div>")]
    assert f'<a href="#challenge-{gap.pk}">Kapacitet</a>' in missing
    assert "Personalemæssig bæredygtighed, Organisatorisk bæredygtighed" in missing
    assert "Ventelister" not in missing
    assert 'id="balance-rule"' in text
    assert 'id="balance-table"' in text
    assert '<svg xmlns="http://www.w3.org/2000/svg" id="balance-chart"' in text


def test_a_balanced_page_has_no_warnings(cast: Cast) -> None:
    for code in ("faglig", "personalemaessig", "organisatorisk"):
        make_challenge(cast.specialty, f"Udfordring {code}", primary=code, lenses=ALL_LENSES)
    text = cast.client_for(cast.core).get(_page(cast)).text
    assert 'id="balance-dominant"' not in text
    assert 'id="balance-missing"' not in text


def test_the_page_costs_the_same_queries_for_three_or_thirty_challenges(cast: Cast) -> None:
    client = cast.client_for(cast.owner)
    client.get(_page(cast))  # warm the session

    def add(count: int) -> None:
        for number in range(count):
            make_challenge(
                cast.specialty,
                f"Udfordring {Challenge.objects.count()}",
                lenses=ALL_LENSES if number % 2 else {"faglig": "x"},
                focus_areas=["Personaletrivsel", "Fleksibilitet"],
                is_core=number < 2,
                core_order=number + 1,
            )

    def count(*, kept: bool = False) -> int:
        if not kept:
            cache.clear()  # render the cards and the balance again, not the kept ones
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(_page(cast)).status_code == 200
        return len(ctx.captured_queries)

    add(3)
    before = count()
    add(27)
    assert count() == before
    # 14 since each challenge card shows its dependencies on other specialties (one query).
    assert before <= 14
    # Kept until the specialty's content changes: the challenges are not loaded again, nor
    # the perspectives. Read every time: the person (the session is in the cache), the
    # specialty with its content versions, its memberships, sites and strength positions'
    # sites (what a person may do is decided from the database, never from a kept copy),
    # and (for an editor) whether there is a first challenge yet.
    assert count(kept=True) == 6


def test_the_answer_to_a_write_shows_it_though_the_page_was_kept(cast: Cast) -> None:
    """The answer is rendered after the write, in the same request: it must be kept under
    the version the write made, not the one the specialty was loaded under."""
    client = cast.client_for(cast.core)
    make_challenge(cast.specialty, "Ventelister")
    client.get(_page(cast))
    client.get(_page(cast))  # the cards and the specialty are kept now
    added = client.post(_url("challenge_add", cast), _data("Sygefravær"), headers=HTMX)
    assert added.status_code == 200
    assert 'class="challenge__title"' in added.text
    assert "Sygefravær</" in added.text.split('id="challenge-add"')[0]  # in the cards
    assert "Sygefravær</" in client.get(_page(cast)).text


def test_the_form_for_a_new_challenge_comes_when_asked_for(cast: Cast) -> None:
    client = cast.client_for(cast.core)
    add = f'action="{reverse("sustainability:challenge_add", args=[cast.specialty.slug])}"'
    # The first challenge: the form at once.
    assert add in client.get(_page(cast)).text
    make_challenge(cast.specialty, "Ventelister")
    page = client.get(_page(cast)).text
    assert add not in page
    assert "Ny udfordring" in page
    form = client.get(_page(cast) + "?ny=1", headers=HTMX)
    assert form.status_code == 200
    assert form.text.lstrip().startswith('<section id="challenge-add"')
    assert add in form.text
    assert "autofocus" in form.text  # the keyboard goes on in the form
    assert add in client.get(_page(cast) + "?ny=1").text  # without JavaScript
    # Readers never get it.
    reader = cast.client_for(cast.steering)
    assert reader.get(_page(cast) + "?ny=1", headers=HTMX).status_code == 403
    assert add not in reader.get(_page(cast) + "?ny=1").text


# -- Adding and editing with HTMX -----------------------------------------------------------


@pytest.mark.parametrize("persona", MEMBERS)
def test_the_specialtys_people_add_a_challenge_with_htmx(cast: Cast, persona: str) -> None:
    user: User = getattr(cast, persona)
    data = _data(
        "Lange ventetider",
        primary="personalemaessig",
        description="Ventetiden er **for lang**.",
        lenses={"faglig": ALL_LENSES["faglig"], "personalemaessig": "Sygefravær."},
        focus_areas=["Personaletrivsel", "Reducere ventelister og sikre patientrettigheder"],
    )
    response = cast.client_for(user).post(_url("challenge_add", cast), data, headers=HTMX)
    assert response.status_code == 200
    assert "<html" not in response.text  # the fragment, not the page
    assert response.text.lstrip().startswith('<div id="part-challenges">')
    challenge = Challenge.objects.get(specialty=cast.specialty)
    assert f'id="challenge-{challenge.pk}"' in response.text
    assert "Ventetiden er <strong>for lang</strong>." in response.text
    assert challenge.title == "Lange ventetider"
    assert challenge.primary_perspective.code == "personalemaessig"
    assert challenge.created_by == user
    assert not challenge.is_core
    assert {a.perspective.code: a.text for a in challenge.lens_answers.all()} == {
        "faglig": ALL_LENSES["faglig"],
        "personalemaessig": "Sygefravær.",
    }
    assert sorted(f.name for f in challenge.focus_areas.all()) == [
        "Personaletrivsel",
        "Reducere ventelister og sikre patientrettigheder",
    ]
    # The add form is empty again.
    assert 'value="Lange ventetider"' not in response.text


def test_without_htmx_adding_redirects_to_the_challenge(cast: Cast) -> None:
    response = cast.client_for(cast.core).post(_url("challenge_add", cast), _data("Ny"))
    challenge = Challenge.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{_page(cast)}#challenge-{challenge.pk}"


def test_texts_are_normalised_before_they_are_stored(cast: Cast) -> None:
    data = _data(
        "  Venteli\x07ster ", description="Linje et\r\nLinje to  \r\n", lenses={"faglig": " x \r\n"}
    )
    cast.client_for(cast.core).post(_url("challenge_add", cast), data, headers=HTMX)
    challenge = Challenge.objects.get()
    assert challenge.title == "Ventelister"
    assert challenge.description == "Linje et\nLinje to"
    assert challenge.lens_answers.get().text == "x"


def test_invalid_input_keeps_everything_typed(cast: Cast) -> None:
    data = _data(
        "",
        description="Mit udkast til beskrivelsen",
        lenses={"organisatorisk": "Mit svar gennem den organisatoriske linse"},
        focus_areas=["Kapacitetsoverblik"],
    )
    data["primary_perspective"] = ""
    response = cast.client_for(cast.core).post(_url("challenge_add", cast), data, headers=HTMX)
    assert response.status_code == 200
    text = response.text
    assert 'class="error-summary"' in text
    assert re.search(r'<input type="text" name="title"[^>]*aria-invalid="true"', text)
    assert 'id="add-primary_perspective_error"' in text
    assert "Mit udkast til beskrivelsen</textarea>" in text
    assert "Mit svar gennem den organisatoriske linse</textarea>" in text
    kapacitet = FocusArea.objects.get(name="Kapacitetsoverblik")
    assert re.search(
        rf'<input type="checkbox" name="focus_areas" value="{kapacitet.pk}"[^>]*checked', text
    )
    assert not Challenge.objects.exists()


def test_without_htmx_invalid_input_shows_the_page_with_the_errors(cast: Cast) -> None:
    response = cast.client_for(cast.core).post(
        _url("challenge_add", cast), _data("", description="Mit udkast")
    )
    assert response.status_code == 200
    assert "<html" in response.text
    assert 'class="error-summary"' in response.text
    assert "Mit udkast</textarea>" in response.text
    assert not Challenge.objects.exists()


def test_htmx_asks_for_the_edit_form_in_place(cast: Cast) -> None:
    challenge = make_challenge(cast.specialty, lenses=ALL_LENSES, focus_areas=["Fleksibilitet"])
    response = cast.client_for(cast.lead).get(_url("challenge_edit", cast, challenge), headers=HTMX)
    assert response.status_code == 200
    text = response.text
    assert "<html" not in text
    assert text.lstrip().startswith(f'<article id="challenge-{challenge.pk}"')
    assert f'hx-post="{_url("challenge_edit", cast, challenge)}"' in text
    assert '<input type="hidden" name="revision" value="0"' in text
    assert 'value="Ventelister"' in text
    assert f"{ALL_LENSES['personalemaessig']}</textarea>" in text
    flex = FocusArea.objects.get(name="Fleksibilitet")
    assert re.search(rf'value="{flex.pk}"[^>]*checked', text)
    # The lens fields are labelled with the perspective and its reflection question.
    assert f'<label for="c{challenge.pk}-lens_faglig">Faglig bæredygtighed</label>' in text
    assert "Hvordan ser problemet ud fra et fagligt perspektiv?" in text


def test_cancel_asks_for_that_challenges_card_alone(cast: Cast) -> None:
    """The editor's Cancel (components/edit_card.html) asks the page for the card it targets:
    only that card, in its read view, so another card open for editing keeps its text."""
    challenge = make_challenge(cast.specialty)
    other = make_challenge(cast.specialty, "Anden")
    client = cast.client_for(cast.lead)
    editor = client.get(_url("challenge_edit", cast, challenge), headers=HTMX).text
    assert f'hx-get="{_page(cast)}"' in editor
    assert f'hx-target="#challenge-{challenge.pk}"' in editor
    assert f'href="{_page(cast)}#challenge-{challenge.pk}"' in editor
    assert "hx-select" not in editor

    target = {**HTMX, "HX-Target": f"challenge-{challenge.pk}"}
    text = client.get(_page(cast), headers=target).text
    assert "<html" not in text
    assert text.lstrip().startswith(f'<article id="challenge-{challenge.pk}"')
    assert f'id="challenge-{other.pk}"' not in text
    assert "<form" not in text.split("challenge__header")[0]  # the read view, not the editor


@pytest.mark.parametrize("target", ["challenge-999999", "challenge-x", "part-balance", "main"])
def test_a_request_for_a_card_that_is_not_there_gets_the_page(cast: Cast, target: str) -> None:
    elsewhere = make_challenge(cast.other_specialty, "Deres")
    client = cast.client_for(cast.lead)
    for asked in (target, f"challenge-{elsewhere.pk}"):
        text = client.get(_page(cast), headers={**HTMX, "HX-Target": asked}).text
        assert "<html" in text
        assert "Deres" not in text
    boosted = {**HTMX, "HX-Boosted": "true", "HX-Target": f"challenge-{elsewhere.pk}"}
    assert "<html" in client.get(_page(cast), headers=boosted).text


def test_without_htmx_the_edit_url_is_the_page_with_the_challenge_in_edit_mode(cast: Cast) -> None:
    challenge = make_challenge(cast.specialty)
    other = make_challenge(cast.specialty, "Anden")
    text = cast.client_for(cast.core).get(_url("challenge_edit", cast, challenge)).text
    assert "<html" in text
    assert f'action="{_url("challenge_edit", cast, challenge)}"' in text
    assert f'action="{_url("challenge_edit", cast, other)}"' not in text
    assert 'id="challenge-add"' in text


@pytest.mark.parametrize("persona", MEMBERS)
def test_the_specialtys_people_edit_a_challenge_with_htmx(cast: Cast, persona: str) -> None:
    challenge = make_challenge(
        cast.specialty, lenses=ALL_LENSES, focus_areas=["Fleksibilitet"], primary="faglig"
    )
    data = _data(
        "Ventelister i ambulatoriet",
        primary="organisatorisk",
        lenses={"faglig": "Nyt fagligt svar", "organisatorisk": ALL_LENSES["organisatorisk"]},
        focus_areas=["Kapacitetsoverblik"],
        revision=0,
    )
    user: User = getattr(cast, persona)
    response = cast.client_for(user).post(
        _url("challenge_edit", cast, challenge), data, headers=HTMX
    )
    assert response.status_code == 200
    text = response.text
    assert text.lstrip().startswith(f'<article id="challenge-{challenge.pk}"')
    assert "Ventelister i ambulatoriet" in text
    assert "<textarea" not in text  # shown, not edited
    assert '<section id="part-balance"' in text
    assert 'hx-swap-oob="true"' in text
    challenge.refresh_from_db()
    assert challenge.title == "Ventelister i ambulatoriet"
    assert challenge.primary_perspective.code == "organisatorisk"
    assert challenge.revision == 1
    # Changed, kept, and emptied (so deleted) lens answers.
    assert {a.perspective.code: a.text for a in challenge.lens_answers.all()} == {
        "faglig": "Nyt fagligt svar",
        "organisatorisk": ALL_LENSES["organisatorisk"],
    }
    assert [f.name for f in challenge.focus_areas.all()] == ["Kapacitetsoverblik"]


def test_without_htmx_saving_redirects_to_the_challenge(cast: Cast) -> None:
    challenge = make_challenge(cast.specialty)
    response = cast.client_for(cast.core).post(
        _url("challenge_edit", cast, challenge), _data("Nyt navn", revision=0)
    )
    assert response.status_code == 302
    assert response["Location"] == f"{_page(cast)}#challenge-{challenge.pk}"


def test_an_invalid_edit_keeps_what_was_typed_and_saves_nothing(cast: Cast) -> None:
    challenge = make_challenge(cast.specialty, lenses=ALL_LENSES)
    before = _state()
    data = _data("", description="Halvfærdig tekst", lenses={"faglig": "Mit nye svar"}, revision=0)
    response = cast.client_for(cast.core).post(
        _url("challenge_edit", cast, challenge), data, headers=HTMX
    )
    assert response.status_code == 200
    assert 'class="error-summary"' in response.text
    assert "Halvfærdig tekst</textarea>" in response.text
    assert "Mit nye svar</textarea>" in response.text
    assert _state() == before


def test_an_edit_without_its_revision_is_refused(cast: Cast) -> None:
    challenge = make_challenge(cast.specialty)
    before = _state()
    response = cast.client_for(cast.core).post(
        _url("challenge_edit", cast, challenge), _data("Uden revision"), headers=HTMX
    )
    assert response.status_code == 200
    assert 'class="error-summary"' in response.text
    assert _state() == before


# -- Hostile and oversized input ------------------------------------------------------------

SCRIPT = "<script>alert(1)</script>"


def test_typed_html_is_shown_as_text_never_run(cast: Cast) -> None:
    client = cast.client_for(cast.core)
    data = _data(SCRIPT, description=f"Før {SCRIPT} efter", lenses={"faglig": SCRIPT})
    added = client.post(_url("challenge_add", cast), data, headers=HTMX)
    challenge = Challenge.objects.get()
    assert challenge.title == SCRIPT  # stored as typed; escaped when shown
    for text in (
        added.text,
        client.get(_page(cast)).text,
        client.get(_url("challenge_edit", cast, challenge), headers=HTMX).text,
        client.get(_url("challenge_edit", cast, challenge)).text,
    ):
        assert SCRIPT not in text
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text


def test_a_javascript_link_never_becomes_a_link(cast: Cast) -> None:
    client = cast.client_for(cast.core)
    evil = "[klik](javascript:alert(1)) og [ok](https://www.regionsjaelland.dk/)"
    data = _data("Links", description=evil, lenses={"organisatorisk": evil})
    client.post(_url("challenge_add", cast), data, headers=HTMX)
    page = client.get(_page(cast)).text
    edit_page = client.get(_url("challenge_edit", cast, Challenge.objects.get())).text
    for text in (page, edit_page):
        assert not re.search(r"href=\s*[\"']?\s*javascript:", text, re.IGNORECASE)
    assert page.count('href="https://www.regionsjaelland.dk/"') == 2  # description and lens
    assert "[klik](javascript:alert(1)) og" in edit_page  # kept as typed, for editing


@pytest.mark.parametrize("field", ["description", "lens_organisatorisk"])
def test_oversized_text_is_refused_with_nothing_half_saved(
    reference_data: None, cast: Cast, field: str
) -> None:
    # A transactional test: a write that was not rolled back would really be in the database.
    challenge = make_challenge(cast.specialty, lenses=ALL_LENSES, focus_areas=["Fleksibilitet"])
    before = _state()
    data = _data(
        "Ny titel",
        description="Kort",
        lenses={"faglig": "Nyt svar", "organisatorisk": "Også nyt"},
        focus_areas=["Kapacitetsoverblik"],
        revision=0,
    )
    data[field] = "x" * (MAX_TEXT_LENGTH + 1)
    response = cast.client_for(cast.core).post(
        _url("challenge_edit", cast, challenge), data, headers=HTMX
    )
    assert response.status_code == 200
    assert f"{MAX_TEXT_LENGTH + 1}" in response.text  # the message says how long it is
    assert 'class="error-summary"' in response.text
    assert _state() == before


def test_the_service_refuses_oversized_text_before_writing_anything(
    reference_data: None, cast: Cast
) -> None:
    challenge = make_challenge(cast.specialty, lenses=ALL_LENSES)
    before = _state()
    with pytest.raises(ValueError, match="more than"):
        services.challenge_update(
            challenge=challenge,
            by=cast.core,
            revision=0,
            title="Ny titel",
            description="",
            primary_perspective=perspective("faglig"),
            lens_answers={perspective("faglig"): "x" * (MAX_TEXT_LENGTH + 1)},
            focus_areas=[],
        )
    assert _state() == before


def test_an_oversized_new_challenge_is_not_created(cast: Cast) -> None:
    data = _data("Ny", lenses={"faglig": "x" * (MAX_TEXT_LENGTH + 1)})
    response = cast.client_for(cast.core).post(_url("challenge_add", cast), data, headers=HTMX)
    assert str(MAX_TEXT_LENGTH + 1) in response.text
    assert not Challenge.objects.exists()
    assert not LensAnswer.objects.exists()


# -- Two people editing at once -------------------------------------------------------------


def test_of_two_edits_from_the_same_revision_the_first_wins_and_the_second_sees_both(
    cast: Cast,
) -> None:
    challenge = make_challenge(cast.specialty, lenses=ALL_LENSES)
    owner, core = cast.client_for(cast.owner), cast.client_for(cast.core)
    # Both open the form at revision 0.
    for client in (owner, core):
        form = client.get(_url("challenge_edit", cast, challenge), headers=HTMX).text
        assert '<input type="hidden" name="revision" value="0"' in form

    first = owner.post(
        _url("challenge_edit", cast, challenge),
        _data("Ejerens titel", lenses={"faglig": "Ejerens faglige svar"}, revision=0),
        headers=HTMX,
    )
    assert first.status_code == 200
    second = core.post(
        _url("challenge_edit", cast, challenge),
        _data("Kernens titel", lenses={"faglig": "Kernens faglige svar"}, revision=0),
        headers=HTMX,
    )
    assert second.status_code == 200
    text = second.text
    assert f'id="challenge-{challenge.pk}-conflict"' in text
    # The other person's saved version, who saved it ...
    theirs = text[text.index(f'id="challenge-{challenge.pk}-theirs"') :]
    assert "Ejerens titel" in theirs
    assert "Ejerens faglige svar" in theirs
    assert "Ole Ejer" in text
    # ... and what this person typed, still in the form, now at the new revision.
    assert 'value="Kernens titel"' in text
    assert "Kernens faglige svar</textarea>" in text
    assert '<input type="hidden" name="revision" value="1"' in text
    challenge.refresh_from_db()
    assert challenge.title == "Ejerens titel"
    assert challenge.revision == 1

    # Having compared, the second person saves again on purpose, and that goes through.
    third = core.post(
        _url("challenge_edit", cast, challenge),
        _data("Kernens titel", lenses={"faglig": "Kernens faglige svar"}, revision=1),
        headers=HTMX,
    )
    assert third.status_code == 200
    assert "-conflict" not in third.text
    challenge.refresh_from_db()
    assert challenge.title == "Kernens titel"
    assert challenge.revision == 2
    assert challenge.lens_answers.get(perspective__code="faglig").text == "Kernens faglige svar"


def test_the_service_raises_a_conflict_carrying_the_saved_challenge(cast: Cast) -> None:
    challenge = make_challenge(cast.specialty)
    fields: dict[str, Any] = {
        "description": "",
        "primary_perspective": perspective("faglig"),
        "lens_answers": {},
        "focus_areas": [],
    }
    services.challenge_update(
        challenge=challenge, by=cast.owner, revision=0, title="Først", **fields
    )
    with pytest.raises(EditConflict) as caught:
        services.challenge_update(
            challenge=challenge, by=cast.core, revision=0, title="Sidst", **fields
        )
    assert caught.value.current.title == "Først"
    assert caught.value.current.revision == 1


# -- Core challenges ----------------------------------------------------------------------


def _core_orders(cast: Cast) -> list[tuple[str, int]]:
    return list(
        Challenge.objects.filter(specialty=cast.specialty, is_core=True)
        .order_by("core_order")
        .values_list("title", "core_order")
    )


@pytest.mark.parametrize("persona", ["owner", "lead"])
def test_owner_and_leads_choose_and_order_the_core_challenges(cast: Cast, persona: str) -> None:
    a, b, c = (make_challenge(cast.specialty, t) for t in ("A", "B", "C"))
    client = cast.client_for(getattr(cast, persona))
    for challenge in (b, a, c):
        response = client.post(_url("challenge_core", cast, challenge), {"core": "1"}, headers=HTMX)
        assert response.status_code == 200
        assert response.text.lstrip().startswith('<div id="part-challenges">')
    assert _core_orders(cast) == [("B", 1), ("A", 2), ("C", 3)]

    client.post(_url("challenge_move", cast, a), {"direction": "up"}, headers=HTMX)
    assert _core_orders(cast) == [("A", 1), ("B", 2), ("C", 3)]
    client.post(_url("challenge_move", cast, a), {"direction": "down"}, headers=HTMX)
    client.post(_url("challenge_move", cast, a), {"direction": "down"}, headers=HTMX)
    assert _core_orders(cast) == [("B", 1), ("C", 2), ("A", 3)]
    # At the ends nothing moves.
    client.post(_url("challenge_move", cast, a), {"direction": "down"}, headers=HTMX)
    client.post(_url("challenge_move", cast, b), {"direction": "up"}, headers=HTMX)
    assert _core_orders(cast) == [("B", 1), ("C", 2), ("A", 3)]

    # Taking one out closes the gap: the order stays 1..n.
    response = client.post(_url("challenge_core", cast, c), {"core": "0"}, headers=HTMX)
    assert response.status_code == 200
    assert _core_orders(cast) == [("B", 1), ("A", 2)]
    c.refresh_from_db()
    assert (c.is_core, c.core_order) == (False, 0)
    # Without a value the choice toggles.
    client.post(_url("challenge_core", cast, c), headers=HTMX)
    assert _core_orders(cast) == [("B", 1), ("A", 2), ("C", 3)]
    # Choosing core challenges is not an edit of the text: open forms stay valid.
    assert set(Challenge.objects.values_list("revision", flat=True)) == {0}


def test_the_page_offers_moving_only_where_a_move_is_possible(cast: Cast) -> None:
    first = make_challenge(cast.specialty, "Første", is_core=True, core_order=1)
    last = make_challenge(cast.specialty, "Sidste", is_core=True, core_order=2)
    ordinary = make_challenge(cast.specialty, "Almindelig")
    text = cast.client_for(cast.owner).get(_page(cast)).text

    def article(challenge: Challenge) -> str:
        start = text.index(f'id="challenge-{challenge.pk}"')
        return text[start : text.index("</article>", start)]

    assert 'value="up"' not in article(first)
    assert 'value="down"' in article(first)
    assert 'value="up"' in article(last)
    assert 'value="down"' not in article(last)
    assert "direction" not in article(ordinary)
    assert 'name="core" value="1"' in article(ordinary)
    assert 'name="core" value="0"' in article(first)


def test_without_htmx_choosing_redirects_to_the_challenge(cast: Cast) -> None:
    challenge = make_challenge(cast.specialty)
    client = cast.client_for(cast.owner)
    response = client.post(_url("challenge_core", cast, challenge), {"core": "1"})
    assert response.status_code == 302
    assert response["Location"] == f"{_page(cast)}#challenge-{challenge.pk}"
    response = client.post(_url("challenge_move", cast, challenge), {"direction": "up"})
    assert response.status_code == 302


@pytest.mark.parametrize("persona", ["core", "steering", "secretariat"])
def test_others_may_not_choose_core_challenges(cast: Cast, persona: str) -> None:
    ordinary = make_challenge(cast.specialty, "Almindelig")
    core = make_challenge(cast.specialty, "Kerne", is_core=True, core_order=1)
    make_challenge(cast.specialty, "Kerne 2", is_core=True, core_order=2)
    client = cast.client_for(getattr(cast, persona))
    assert _url("challenge_core", cast, ordinary) not in client.get(_page(cast)).text
    before = _state()
    for url, data in (
        (_url("challenge_core", cast, ordinary), {"core": "1"}),
        (_url("challenge_core", cast, core), {"core": "0"}),
        (_url("challenge_move", cast, core), {"direction": "down"}),
    ):
        assert client.post(url, data, headers=HTMX).status_code == 403
    assert _state() == before


def test_core_challenges_are_fixed_while_the_ambition_is_submitted(cast: Cast) -> None:
    challenge = make_challenge(cast.specialty, "Kerne", is_core=True, core_order=1)
    ordinary = make_challenge(cast.specialty, "Almindelig")
    ambition = StrategicAmbition.objects.create(specialty=cast.specialty)
    StrategicAmbition.objects.filter(pk=ambition.pk).update(status="submitted")
    before = _state()
    for persona in ("owner", "lead"):
        client = cast.client_for(getattr(cast, persona))
        text = client.get(_page(cast)).text
        assert 'id="core-locked"' in text
        assert _url("challenge_core", cast, ordinary) not in text
        assert client.post(_url("challenge_core", cast, ordinary), headers=HTMX).status_code == 403
        assert (
            client.post(
                _url("challenge_move", cast, challenge), {"direction": "down"}, headers=HTMX
            ).status_code
            == 403
        )
    assert _state() == before


def test_core_challenges_may_be_chosen_while_the_ambition_is_a_draft(cast: Cast) -> None:
    StrategicAmbition.objects.create(specialty=cast.specialty)
    challenge = make_challenge(cast.specialty)
    response = cast.client_for(cast.owner).post(
        _url("challenge_core", cast, challenge), headers=HTMX
    )
    assert response.status_code == 200
    assert _core_orders(cast) == [("Ventelister", 1)]


def test_bad_moves_are_refused(cast: Cast) -> None:
    ordinary = make_challenge(cast.specialty, "Almindelig")
    core = make_challenge(cast.specialty, "Kerne", is_core=True, core_order=1)
    client = cast.client_for(cast.owner)
    before = _state()
    assert (
        client.post(_url("challenge_move", cast, ordinary), {"direction": "up"}).status_code == 400
    )
    assert (
        client.post(_url("challenge_move", cast, core), {"direction": "sideways"}).status_code
        == 400
    )
    assert client.post(_url("challenge_move", cast, core)).status_code == 400
    assert client.post(_url("challenge_core", cast, core), {"core": "maybe"}).status_code == 400
    assert _state() == before


def test_a_gap_in_the_core_order_is_closed_by_the_next_change(cast: Cast) -> None:
    make_challenge(cast.specialty, "A", is_core=True, core_order=2)
    make_challenge(cast.specialty, "B", is_core=True, core_order=5)
    c = make_challenge(cast.specialty, "C")
    services.challenge_set_core(challenge=c, by=cast.owner, is_core=True)
    assert _core_orders(cast) == [("A", 1), ("B", 2), ("C", 3)]


# -- History -------------------------------------------------------------------------------


def test_history_records_who_changed_what(cast: Cast) -> None:
    cast.client_for(cast.core).post(
        _url("challenge_add", cast),
        _data("Ventelister", lenses={"faglig": "Første svar"}, focus_areas=["Fleksibilitet"]),
        headers=HTMX,
    )
    challenge = Challenge.objects.get()
    cast.client_for(cast.owner).post(
        _url("challenge_edit", cast, challenge),
        _data("Ventelister i ambulatoriet", lenses={"personalemaessig": "Nyt svar"}, revision=0),
        headers=HTMX,
    )
    cast.client_for(cast.lead).post(_url("challenge_core", cast, challenge), headers=HTMX)

    records = list(challenge.history.order_by("history_date", "history_id"))
    created = records[0]
    assert (created.history_type, created.history_user, created.title) == (
        "+",
        cast.core,
        "Ventelister",
    )
    edited = [r for r in records if r.title == "Ventelister i ambulatoriet" and not r.is_core]
    assert edited
    assert {r.history_user for r in edited} == {cast.owner}
    made_core = records[-1]
    assert (made_core.history_user, made_core.is_core, made_core.core_order) == (cast.lead, True, 1)
    # The focus areas are part of the history too.
    tagged = [r for r in records if r.history_user == cast.core]
    assert ["Fleksibilitet"] in [[f.focusarea.name for f in r.focus_areas.all()] for r in tagged]

    lens_history = LensAnswer.history.order_by("history_date", "history_id")
    assert [(h.history_type, h.text, h.history_user) for h in lens_history] == [
        ("+", "Første svar", cast.core),
        ("-", "Første svar", cast.owner),  # emptied, so deleted
        ("+", "Nyt svar", cast.owner),
    ]


# -- Issue #11, item 5: a core challenge is part of the ambition ------------------------------


@pytest.mark.parametrize("status", ["submitted", "approved"])
def test_a_core_challenge_is_fixed_with_the_ambition_but_ordinary_ones_are_not(
    cast: Cast, status: str
) -> None:
    """What the steering group decides on (and what was approved) is what the page shows:
    a core challenge's text, lenses and tags change only while the parts do (draft or
    returned). The core team's ordinary challenges stay open for work at any time."""
    core = make_challenge(cast.specialty, "Kerne", is_core=True, core_order=1)
    ordinary = make_challenge(cast.specialty, "Almindelig")
    ambition = StrategicAmbition.objects.create(specialty=cast.specialty)
    StrategicAmbition.objects.filter(pk=ambition.pk).update(status=status)
    before = _state()
    for persona in MEMBERS:
        client = cast.client_for(getattr(cast, persona))
        page = client.get(_page(cast)).text
        assert f'href="{_url("challenge_edit", cast, core)}"' not in page
        assert f'href="{_url("challenge_edit", cast, ordinary)}"' in page
        assert 'id="core-locked"' in page
        assert client.get(_url("challenge_edit", cast, core), headers=HTMX).status_code == 403
        response = client.post(
            _url("challenge_edit", cast, core), _data("Omskrevet", revision=0), headers=HTMX
        )
        assert response.status_code == 403
    assert _state() == before
    with pytest.raises(services.ChallengeLocked):
        services.challenge_update(
            challenge=core,
            by=cast.owner,
            revision=0,
            title="Omskrevet",
            description="",
            primary_perspective=core.primary_perspective,
            lens_answers={},
            focus_areas=[],
        )
    assert _state() == before
    response = cast.client_for(cast.core).post(
        _url("challenge_edit", cast, ordinary), _data("Stadig åben", revision=0), headers=HTMX
    )
    assert response.status_code == 200
    assert Challenge.objects.get(pk=ordinary.pk).title == "Stadig åben"


def test_a_core_challenge_is_edited_while_the_ambition_is_a_draft(cast: Cast) -> None:
    core = make_challenge(cast.specialty, "Kerne", is_core=True, core_order=1)
    StrategicAmbition.objects.create(specialty=cast.specialty)
    response = cast.client_for(cast.core).post(
        _url("challenge_edit", cast, core), _data("Omskrevet", revision=0), headers=HTMX
    )
    assert response.status_code == 200
    assert Challenge.objects.get(pk=core.pk).title == "Omskrevet"
