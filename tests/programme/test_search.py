"""Search: Danish full-text search on PostgreSQL, a plain fallback on SQLite, and never a
result the person may not read."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from ambitions.models import PartKind, ProfessionalAmbition, StrategicAmbition
from ambitions.strategic import services
from programme import search
from tests.ambitions.professional.conftest import frameworks_of, make_action, make_focus_area
from tests.conftest import Cast, require_service

URL = reverse("programme:search")
ALL = ["owner", "lead", "core", "steering", "secretariat", "outsider", "other_owner"]


@pytest.fixture
def content(cast: Cast, professional: ProfessionalAmbition) -> StrategicAmbition:
    """An approved ambition whose situation, an action and a comment speak of waiting lists."""
    ambition = professional.specialty.strategic_ambition
    situation = ambition.parts.get(kind=PartKind.SITUATION)
    # Approved parts are not edited through the service; the text is set as a fixture.
    situation.text = "Lange ventelister på hjertesvigtsambulatoriet <script>alert(1)</script>."
    situation.save(update_fields=["text"])
    focus_area = make_focus_area(frameworks_of(professional)[0])
    action = make_action(focus_area, responsible=cast.core, title="Fælles visitation")
    action.purpose = "Kortere ventelister gennem ens visitation."
    action.save(update_fields=["purpose"])
    services.comment_add(part=situation, by=cast.steering, text="Hvor lange er ventelisterne?")
    return ambition


def kinds(user_client: Client, query: str) -> set[str]:
    return {h.kind for h in user_client.get(URL, {"q": query}).context["hits"]}


@pytest.mark.parametrize("persona", ALL)
def test_every_signed_in_person_may_search(cast: Cast, persona: str) -> None:
    assert cast.client_for(getattr(cast, persona)).get(URL, {"q": "x"}).status_code == 200


def test_anonymous_is_sent_to_log_in(cast: Cast) -> None:
    response = Client().get(URL, {"q": "ventelister"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_specialtys_people_find_everything(cast: Cast, content: StrategicAmbition) -> None:
    for persona in ("owner", "core", "steering", "secretariat"):
        found = kinds(cast.client_for(getattr(cast, persona)), "ventelister")
        # The core challenge "Ventelister" of the fixture, the part, the area answering it?
        assert {"part", "action", "comment", "challenge"} <= found, persona


def test_results_are_marked_and_escaped(cast: Cast, content: StrategicAmbition) -> None:
    page = cast.client_for(cast.owner).get(URL, {"q": "ventelister"}).text
    assert "<mark>" in page
    assert "<script>alert(1)</script>" not in page
    # What a person wrote is escaped; only the search's own markers become HTML.
    assert search._marked("a <b>\x02x\x03") == "a &lt;b&gt;<mark>x</mark>"
    snippet = search._plain_snippet("<i>Ventelister</i>", ["ventelister"])
    assert snippet == "&lt;i&gt;<mark>Ventelister</mark>&lt;/i&gt;"


def test_a_snippet_shows_the_words_without_markdowns_marks(cast: Cast) -> None:
    """Issue 30, item 11: "**Ventelister**" read as asterisks in the search results."""
    snippet = search._plain_snippet(
        "## Mål\n**Kortere** _ventelister_ i `visitation`", ["ventelister"]
    )
    for mark in "*#`":
        assert mark not in snippet
    assert "Kortere <mark>ventelister</mark> i visitation" in snippet
    assert search._marked("**\x02Ventelister\x03** og snake_case") == (
        "<mark>Ventelister</mark> og snake_case"
    )


def test_the_outsider_finds_nothing(cast: Cast, content: StrategicAmbition) -> None:
    assert search.search(cast.outsider, "ventelister") == []


def test_another_specialty_finds_only_the_approved_content(
    cast: Cast, content: StrategicAmbition
) -> None:
    client = cast.client_for(cast.other_owner)
    # The approved page shows the core challenges: the learning rule lets them be found.
    # The situation's "ventelister" was written after the approval (the fixture): it is
    # the working copy's, not the approved page's, so it is not found here.
    assert kinds(client, "ventelister") == {"challenge", "action"}
    assert kinds(client, "tekst om situationsbillede") == {"part"}
    hits = client.get(URL, {"q": "ventelister"}).context["hits"]
    assert all("/godkendt/" in h.url or "/faglig-ambition/" in h.url for h in hits)
    (challenge,) = [h for h in hits if h.kind == "challenge"]
    assert challenge.url.endswith("#approved-kerneudfordringer")
    assert challenge.title == "Ventelister"
    # Never the comments, nor a challenge that is not core (not on the approved page).
    from sustainability.models import Challenge

    Challenge.objects.create(
        specialty=cast.specialty,
        title="Ventelister i skyggen",
        primary_perspective=Challenge.objects.first().primary_perspective,  # type: ignore[union-attr]
    )
    assert "skyggen" not in " ".join(h.title for h in search.search(cast.other_owner, "skyggen"))
    # A revision in progress is not the approved version: its draft is not found, and the
    # approved version still is (issue 30, item 8).
    services.ambition_start_revision(ambition=content, by=cast.owner)
    part = content.parts.get(kind=PartKind.AMBITION)
    services.part_save(
        part=part, text="Hemmeligt udkast", base_revision=part.revision, by=cast.owner
    )
    situation = content.parts.get(kind=PartKind.SITUATION)
    services.part_save(
        part=situation, text="Helt ny tekst", base_revision=situation.revision, by=cast.owner
    )
    assert kinds(client, "ventelister") == {"challenge", "action"}
    assert kinds(client, "tekst om situationsbillede") == {"part"}
    assert kinds(client, "hemmeligt") == set()
    assert kinds(client, "helt ny tekst") == set()
    assert kinds(cast.client_for(cast.owner), "hemmeligt") == {"part"}


def test_a_new_approval_replaces_what_other_specialties_find(
    cast: Cast, content: StrategicAmbition
) -> None:
    from ambitions.models import VersionSection

    services.ambition_start_revision(ambition=content, by=cast.owner)
    situation = content.parts.get(kind=PartKind.SITUATION)
    services.part_save(
        part=situation,
        text="Nu om akutmodtagelsen",
        base_revision=situation.revision,
        by=cast.owner,
    )
    services.ambition_submit(ambition=content, by=cast.owner)
    # Submitted, not yet approved: still the first version.
    assert kinds(cast.client_for(cast.other_owner), "akutmodtagelsen") == set()
    services.ambition_approve(ambition=content, by=cast.steering)
    assert kinds(cast.client_for(cast.other_owner), "akutmodtagelsen") == {"part"}
    assert VersionSection.objects.filter(version__ambition=content).count() > 2


def test_a_draft_is_never_found_by_other_specialties(
    cast: Cast, drafted: StrategicAmbition
) -> None:
    part = drafted.parts.get(kind=PartKind.SITUATION)
    services.part_save(
        part=part, text="Ventelister i kladden", base_revision=part.revision, by=cast.owner
    )
    assert search.search(cast.other_owner, "ventelister") == []
    assert {h.kind for h in search.search(cast.lead, "ventelister")} >= {"part"}


def test_an_empty_or_too_short_query_finds_nothing(cast: Cast, content: StrategicAmbition) -> None:
    assert search.search(cast.owner, "") == []
    assert search.search(cast.owner, "a") == []
    page = cast.client_for(cast.owner).get(URL, {"q": "a"})
    assert "mindst ét ord" in page.text


@pytest.mark.services
def test_danish_inflections_on_postgresql(cast: Cast, content: StrategicAmbition) -> None:
    """ "ventelisten" finds "ventelister" (Danish stemming), ranked, marked."""
    require_service(connection.vendor == "postgresql", "PostgreSQL (DATABASE_URL)")
    hits = search.search(cast.owner, "ventelisten")
    assert {"part", "action", "comment"} <= {h.kind for h in hits}
    assert all("<mark>" in h.snippet for h in hits)
    assert [h.rank for h in hits] == sorted((h.rank for h in hits), reverse=True)
    assert "<mark>ventelister</mark>" in "".join(h.snippet for h in hits)
    # And still only what may be read.
    assert {h.kind for h in search.search(cast.other_owner, "ventelisten")} == {
        "challenge",
        "action",
    }
    assert search.search(cast.outsider, "ventelisten") == []


@pytest.mark.services
def test_the_vectors_are_stored_indexed_and_kept_on_every_write(
    cast: Cast, content: StrategicAmbition
) -> None:
    """A trigger keeps each record's words (an update through any path), a GIN index finds
    them, and the search reads the stored vector."""
    require_service(connection.vendor == "postgresql", "PostgreSQL (DATABASE_URL)")
    from ambitions.models import Action

    action = Action.objects.get(title="Fælles visitation")
    assert "visitation" in str(
        Action.objects.values_list("search_vector", flat=True).get(pk=action.pk)
    )
    Action.objects.filter(pk=action.pk).update(purpose="Hurtigere udredning af hjertesvigt")
    assert {h.title for h in search.search(cast.owner, "udredningen")} == {"Fælles visitation"}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE indexdef LIKE '%%gin (search_vector)%%'"
        )
        indexes = {row[0] for row in cursor.fetchall()}
    for table in (
        "ambitions_action",
        "ambitions_ambitionpart",
        "ambitions_comment",
        "ambitions_interventionarea",
        "ambitions_versionsection",
        "sustainability_challenge",
    ):
        assert f"{table}_search_vector_gin" in indexes
