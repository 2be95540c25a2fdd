"""The dilemma register on the strategic ambition's page (issue 28, item 2): who may add and
change dilemmas, what the page and the PDF show, and edits in place with HTMX."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from ambitions.models import Action, Dilemma, Principle, StrategicAmbition
from sustainability.models import Challenge
from tests.ambitions.strategic.conftest import url
from tests.conftest import Cast

HTMX = {"HX-Request": "true", "HX-Target": "part-dilemmas"}
EDITORS = ["owner", "lead"]


def data(cast: Cast, prefix: str = "dilemma", **extra: object) -> dict[str, object]:
    challenge = Challenge.objects.get(specialty=cast.specialty)
    return {
        f"{prefix}-title": "Nærhed eller robuste vagtlag",
        f"{prefix}-description": "To matrikler kan ikke begge have døgnvagt.",
        f"{prefix}-view_faglig": "Kvaliteten kræver volumen.",
        f"{prefix}-view_personalemaessig": "Vagtbyrden bliver for tung.",
        f"{prefix}-view_organisatorisk": "Populationsansvaret deles.",
        f"{prefix}-principles": [p.pk for p in Principle.objects.all()[:2]],
        f"{prefix}-options": "- Samle vagten i Køge\n- Rotere mellem matriklerne",
        f"{prefix}-challenges": [challenge.pk],
        f"{prefix}-revision": "0",
        **{f"{prefix}-{k}": v for k, v in extra.items()},
    }


@pytest.mark.parametrize("persona", EDITORS)
def test_the_owner_and_leads_add_a_dilemma_in_place(
    cast: Cast, ambition: StrategicAmbition, persona: str
) -> None:
    client = cast.client_for(getattr(cast, persona))
    response = client.post(url(cast, "dilemma_add"), data(cast), headers=HTMX)
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<section id="part-dilemmas"')
    dilemma = Dilemma.objects.get()
    assert dilemma.specialty == cast.specialty
    assert dilemma.views["personalemaessig"] == "Vagtbyrden bliver for tung."
    assert dilemma.principles.count() == 2
    assert [c.title for c in dilemma.challenges.all()] == ["Ventelister"]
    assert "Nærhed eller robuste vagtlag" in response.text
    assert "Åben" in response.text
    page = cast.client_for(cast.core).get(url(cast, "detail")).text
    assert "Vagtbyrden bliver for tung." in page  # every reader sees the register


def test_recording_the_decision_needs_who_and_when(cast: Cast, ambition: StrategicAmbition) -> None:
    owner = cast.client_for(cast.owner)
    owner.post(url(cast, "dilemma_add"), data(cast), headers=HTMX)
    dilemma = Dilemma.objects.get()
    edit = url(cast, "dilemma_edit", pk=dilemma.pk)
    form = owner.get(edit, headers=HTMX)
    assert f'name="dilemma-{dilemma.pk}-title"' in form.text
    prefix = f"dilemma-{dilemma.pk}"
    missing = owner.post(edit, data(cast, prefix, decision="Vagten samles i Køge."), headers=HTMX)
    assert "Sig, hvem der besluttede og hvornår." in missing.text
    assert "Vagten samles i Køge." in missing.text  # what was typed stays
    dilemma.refresh_from_db()
    assert dilemma.decision == ""
    owner.post(
        edit,
        data(
            cast,
            prefix,
            decision="Vagten samles i Køge.",
            decided_by="Specialeejeren med de implementeringsansvarlige",
            decided_on="1.2.2026",
        ),
        headers=HTMX,
    )
    dilemma.refresh_from_db()
    assert dilemma.is_decided
    assert dilemma.decided_on.isoformat() == "2026-02-01"
    assert dilemma.revision == 1
    page = owner.get(url(cast, "detail")).text
    assert "Besluttet af Specialeejeren med de implementeringsansvarlige den 1. februar 2026." in (
        page
    )


def test_a_stale_edit_shows_the_saved_version_and_keeps_the_text(
    cast: Cast, ambition: StrategicAmbition
) -> None:
    owner = cast.client_for(cast.owner)
    owner.post(url(cast, "dilemma_add"), data(cast), headers=HTMX)
    dilemma = Dilemma.objects.get()
    prefix = f"dilemma-{dilemma.pk}"
    edit = url(cast, "dilemma_edit", pk=dilemma.pk)
    cast.client_for(cast.lead).post(edit, data(cast, prefix, title="Lederens titel"), headers=HTMX)
    late = owner.post(edit, data(cast, prefix, title="Ejerens titel"), headers=HTMX)
    assert "Lederens titel" in late.text
    assert "Ejerens titel" in late.text
    assert Dilemma.objects.get().title == "Lederens titel"


@pytest.mark.parametrize("persona", ["core", "steering", "secretariat"])
def test_readers_may_not_add_or_change_dilemmas(
    cast: Cast, ambition: StrategicAmbition, persona: str
) -> None:
    cast.client_for(cast.owner).post(url(cast, "dilemma_add"), data(cast), headers=HTMX)
    dilemma = Dilemma.objects.get()
    client = cast.client_for(getattr(cast, persona))
    assert client.post(url(cast, "dilemma_add"), data(cast)).status_code == 403
    edit = url(cast, "dilemma_edit", pk=dilemma.pk)
    assert client.get(edit).status_code == 403
    prefix = f"dilemma-{dilemma.pk}"
    assert client.post(edit, data(cast, prefix, title="Ændret")).status_code == 403
    assert Dilemma.objects.get().title == "Nærhed eller robuste vagtlag"
    assert Dilemma.objects.count() == 1
    page = client.get(url(cast, "detail")).text
    assert "Nærhed eller robuste vagtlag" in page
    assert url(cast, "dilemma_edit", pk=dilemma.pk) not in page


@pytest.mark.parametrize("persona", ["outsider", "other_owner"])
def test_outsiders_find_nothing(cast: Cast, ambition: StrategicAmbition, persona: str) -> None:
    cast.client_for(cast.owner).post(url(cast, "dilemma_add"), data(cast), headers=HTMX)
    dilemma = Dilemma.objects.get()
    client = cast.client_for(getattr(cast, persona))
    assert client.post(url(cast, "dilemma_add"), data(cast)).status_code == 404
    assert client.get(url(cast, "dilemma_edit", pk=dilemma.pk)).status_code == 404
    assert Dilemma.objects.count() == 1


def test_without_htmx_adding_redirects_to_the_register(
    cast: Cast, ambition: StrategicAmbition
) -> None:
    response = cast.client_for(cast.owner).post(url(cast, "dilemma_add"), data(cast))
    assert response.status_code == 302
    assert response["Location"].endswith("#part-dilemmas")


def test_a_dilemma_links_only_its_own_specialtys_challenges(
    cast: Cast, ambition: StrategicAmbition
) -> None:
    foreign = Challenge.objects.create(
        specialty=cast.other_specialty,
        title="Fremmed",
        primary_perspective=Challenge.objects.get().primary_perspective,
    )
    response = cast.client_for(cast.owner).post(
        url(cast, "dilemma_add"), {**data(cast), "dilemma-challenges": [foreign.pk]}, headers=HTMX
    )
    assert response.status_code == 200
    assert not Dilemma.objects.exists()


def _page_and_tables(client: Client, page_url: str) -> tuple[str, str]:
    """The page, and the SQL it took to answer it."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(page_url)
    assert response.status_code == 200
    return response.text, " ".join(q["sql"] for q in queries.captured_queries)


def test_the_register_is_kept_until_a_dilemma_changes(
    cast: Cast, ambition: StrategicAmbition
) -> None:
    """The add form lists every action of the specialty (hundreds in a large one): the
    register is kept per content version, apart for those who may edit, and a change shows
    at once."""
    owner = cast.client_for(cast.owner)
    owner.post(url(cast, "dilemma_add"), data(cast), headers=HTMX)
    detail = url(cast, "detail")
    dilemmas, actions = Dilemma._meta.db_table, Action._meta.db_table
    _, computed = _page_and_tables(owner, detail)
    assert dilemmas in computed
    assert actions in computed  # the add form's checkboxes
    again, kept = _page_and_tables(owner, detail)
    assert dilemmas not in kept
    assert actions not in kept
    assert 'name="dilemma-title"' in again
    reader = cast.client_for(cast.core)
    seen, _ = _page_and_tables(reader, detail)
    assert "Nærhed eller robuste vagtlag" in seen
    assert 'name="dilemma-title"' not in seen  # the editors' copy is theirs
    dilemma = Dilemma.objects.get()
    prefix = f"dilemma-{dilemma.pk}"
    owner.post(url(cast, "dilemma_edit", pk=dilemma.pk), data(cast, prefix, title="Ny titel"))
    after, _ = _page_and_tables(reader, detail)
    assert "Ny titel" in after
    assert "Nærhed eller robuste vagtlag" not in after
