"""The programme's own strategic ambition (written and versioned by the secretariat) and
the programme plan (each specialty's phases, as a timeline)."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from ambitions.models import PartKind
from people.models import User
from programme import services
from programme.models import ProgrammePart, ProgrammeVersion
from tests.conftest import Cast

PAGE = reverse("programme:ambition")
PLAN = reverse("programme:plan")
ALL = ["owner", "lead", "core", "steering", "secretariat", "outsider", "other_owner"]
HTMX = {"HX-Request": "true", "HX-Target": "programme-part-situationsbillede"}


def part_url(kind: str = PartKind.SITUATION) -> str:
    return reverse("programme:part", kwargs={"kind": kind})


def save(client: Client, text: str, revision: int, **headers: str) -> object:
    return client.post(
        part_url(),
        {f"{PartKind.SITUATION}-text": text, f"{PartKind.SITUATION}-revision": revision},
        headers=headers,
    )


@pytest.mark.parametrize("persona", ALL)
def test_every_programme_member_reads_the_ambition_and_the_plan(cast: Cast, persona: str) -> None:
    client = cast.client_for(getattr(cast, persona))
    expected = 404 if persona == "outsider" else 200
    assert client.get(PAGE).status_code == expected
    assert client.get(PLAN).status_code == expected
    if expected == 200:
        assert ("?rediger=1" in client.get(PAGE).text) is (persona == "secretariat")


def test_anonymous_is_sent_to_log_in(cast: Cast) -> None:
    for url in (PAGE, PLAN, part_url()):
        response = Client().get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(
    ("persona", "status"), [("steering", 403), ("owner", 403), ("outsider", 404)]
)
def test_only_the_secretariat_writes_it(cast: Cast, persona: str, status: int) -> None:
    services.programme_parts_ensure()
    client = cast.client_for(getattr(cast, persona))
    assert client.get(part_url() + "?rediger=1").status_code == status
    assert save(client, "Ikke min tekst", 0).status_code == status  # type: ignore[attr-defined]
    assert client.post(reverse("programme:version_add"), {"note": "x"}).status_code == status
    assert ProgrammePart.objects.get(kind=PartKind.SITUATION).text == ""
    assert not ProgrammeVersion.objects.exists()


def test_the_secretariat_edits_a_part_in_place_with_history(cast: Cast) -> None:
    client = cast.client_for(cast.secretariat)
    assert client.get(PAGE).status_code == 200
    form = client.get(part_url() + "?rediger=1", headers=HTMX)
    assert form.status_code == 200
    assert "<form" in form.text
    response = save(client, "Regionen har **lange** ventelister.", 0, **HTMX)
    assert response.status_code == 200  # type: ignore[attr-defined]
    assert "<strong>lange</strong>" in response.text  # type: ignore[attr-defined]
    part = ProgrammePart.objects.get(kind=PartKind.SITUATION)
    assert part.revision == 1
    assert part.updated_by == cast.secretariat
    assert part.history.first().history_user == cast.secretariat  # type: ignore[attr-defined]
    # Without JavaScript the same form works as a plain post.
    plain = save(client, "Ny tekst.", 1)
    assert plain.status_code == 302  # type: ignore[attr-defined]


def test_a_concurrent_save_shows_both_texts(cast: Cast) -> None:
    services.programme_parts_ensure()
    client = cast.client_for(cast.secretariat)
    save(client, "Den første tekst.", 0, **HTMX)
    response = save(client, "Den anden tekst.", 0, **HTMX)
    text = response.text  # type: ignore[attr-defined]
    assert 'id="programme-part-situationsbillede-conflict"' in text
    assert "Den første tekst." in text
    assert "Den anden tekst." in text
    assert ProgrammePart.objects.get(kind=PartKind.SITUATION).text == "Den første tekst."


def test_a_version_freezes_the_five_parts(cast: Cast) -> None:
    client = cast.client_for(cast.secretariat)
    client.get(PAGE)
    save(client, "Version ét.", 0)
    response = client.post(reverse("programme:version_add"), {"note": "Styregruppemøde"})
    assert response.status_code == 302
    version = ProgrammeVersion.objects.get()
    assert version.number == 1
    assert version.saved_by == cast.secretariat
    assert len(version.content["parts"]) == 5
    save(client, "Version to.", 1)
    client.post(reverse("programme:version_add"), {"note": ""})
    assert list(ProgrammeVersion.objects.values_list("number", flat=True)) == [2, 1]
    old = cast.client_for(cast.core).get(reverse("programme:version", kwargs={"number": 1})).text
    assert "Version ét." in old
    assert "Version to." not in old
    assert "Styregruppemøde" in old
    missing = cast.client_for(cast.core).get(reverse("programme:version", kwargs={"number": 9}))
    assert missing.status_code == 404


def test_the_plan_shows_each_specialtys_phase_as_a_timeline(db: None) -> None:
    call_command("load_demo", stdout=io.StringIO())
    client = Client()
    client.force_login(User.objects.get(username="kerneteam"))
    page = client.get(PLAN)
    rows = {r.specialty.name: r for r in page.context["timeline"].rows}
    assert rows["IM: Kardiologi"].current.phase == "implementation"
    assert rows["IM: Lungesygdomme"].current.phase == "strategic_ambition"
    assert rows["IM: Nefrologi"].current is None
    assert "<svg" in page.text
    assert "Implementering" in page.text
    assert "Ikke startet" in page.text
