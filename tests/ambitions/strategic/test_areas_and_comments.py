"""Intervention areas edited and removed in place, and comments refused or kept, per role.

The views that had no test of who may and who may not use them: an area's edit and delete,
and the refusal branches of adding a comment.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ambitions.models import Comment, InterventionArea, PartKind, StrategicAmbition
from ambitions.strategic import services
from sustainability.models import Challenge, Perspective
from tests.ambitions.strategic.conftest import HTMX, submitted, url
from tests.conftest import Cast


@pytest.fixture
def area(ambition: StrategicAmbition) -> InterventionArea:
    return InterventionArea.objects.get(ambition=ambition)


def _area_data(area: InterventionArea, title: str, revision: int, **extra: object) -> dict:
    prefix = f"area-{area.pk}"
    challenge = Challenge.objects.get(specialty=area.ambition.specialty)
    return {
        f"{prefix}-title": title,
        f"{prefix}-description": "Beskrivelse",
        f"{prefix}-challenges": [challenge.pk],
        f"{prefix}-perspectives": [Perspective.objects.get(code="faglig").pk],
        f"{prefix}-revision": revision,
        **extra,
    }


# -- Editing an intervention area -----------------------------------------------------------


@pytest.mark.parametrize("persona", ["owner", "lead"])
def test_owner_and_leads_edit_an_area_in_place(
    cast: Cast, area: InterventionArea, persona: str
) -> None:
    client = cast.client_for(getattr(cast, persona))
    form = client.get(url(cast, "area_edit", pk=area.pk), headers=HTMX)
    assert form.status_code == 200
    assert f'name="area-{area.pk}-title"' in form.text
    assert 'value="Ensartet visitation"' in form.text

    saved = client.post(
        url(cast, "area_edit", pk=area.pk), _area_data(area, "Fælles visitation", 0), headers=HTMX
    )
    assert saved.status_code == 200
    assert "Fælles visitation" in saved.text
    area.refresh_from_db()
    assert (area.title, area.revision) == ("Fælles visitation", 1)


def test_without_htmx_an_area_edit_redirects_to_the_areas(
    cast: Cast, area: InterventionArea
) -> None:
    response = cast.client_for(cast.owner).post(
        url(cast, "area_edit", pk=area.pk), _area_data(area, "Ny titel", 0)
    )
    assert response.status_code == 302
    assert response["Location"].endswith("#part-areas")


@pytest.mark.parametrize(
    ("persona", "status"),
    [("core", 403), ("steering", 403), ("secretariat", 403), ("outsider", 404)],
)
def test_others_may_not_edit_an_area(
    cast: Cast, area: InterventionArea, persona: str, status: int
) -> None:
    client = cast.client_for(getattr(cast, persona))
    assert client.get(url(cast, "area_edit", pk=area.pk)).status_code == status
    response = client.post(url(cast, "area_edit", pk=area.pk), _area_data(area, "Overtaget", 0))
    assert response.status_code == status
    area.refresh_from_db()
    assert area.title == "Ensartet visitation"


def test_an_area_of_another_ambition_is_404(cast: Cast, area: InterventionArea) -> None:
    other = services.ambition_start(specialty=cast.other_specialty, by=cast.other_owner)
    foreign = services.intervention_area_save(
        ambition=other, by=cast.other_owner, title="Fremmed", description="", challenges=[],
        perspectives=[],
    )  # fmt: skip
    response = cast.client_for(cast.owner).get(url(cast, "area_edit", pk=foreign.pk))
    assert response.status_code == 404


def test_a_concurrent_area_edit_shows_both_and_keeps_mine(
    cast: Cast, area: InterventionArea
) -> None:
    cast.client_for(cast.lead).post(
        url(cast, "area_edit", pk=area.pk), _area_data(area, "Lederens titel", 0), headers=HTMX
    )
    response = cast.client_for(cast.owner).post(
        url(cast, "area_edit", pk=area.pk), _area_data(area, "Ejerens titel", 0), headers=HTMX
    )
    assert response.status_code == 200
    theirs = response.text[response.text.index(f'id="area-{area.pk}-theirs"') :]
    assert "Lederens titel" in theirs  # theirs, shown
    assert 'value="Ejerens titel"' in response.text  # mine, still in the form
    assert f'name="area-{area.pk}-revision" value="1"' in response.text
    area.refresh_from_db()
    assert area.title == "Lederens titel"


def test_an_area_of_a_submitted_ambition_is_not_changed(
    cast: Cast,
    ambition: StrategicAmbition,
    area: InterventionArea,
) -> None:
    submitted(cast, ambition)
    response = cast.client_for(cast.owner).post(
        url(cast, "area_edit", pk=area.pk), _area_data(area, "For sent", 0), headers=HTMX
    )
    assert response.status_code == 200
    assert 'value="For sent"' in response.text  # kept, to copy
    area.refresh_from_db()
    assert area.title == "Ensartet visitation"


def test_an_invalid_area_edit_keeps_what_was_typed(cast: Cast, area: InterventionArea) -> None:
    response = cast.client_for(cast.owner).post(
        url(cast, "area_edit", pk=area.pk), _area_data(area, "", 0), headers=HTMX
    )
    assert "Giv indsatsområdet en titel." in response.text
    assert "Beskrivelse" in response.text


# -- Removing an intervention area ----------------------------------------------------------


@pytest.mark.parametrize("persona", ["owner", "lead"])
def test_owner_and_leads_remove_an_area(cast: Cast, area: InterventionArea, persona: str) -> None:
    response = cast.client_for(getattr(cast, persona)).post(
        url(cast, "area_delete", pk=area.pk), headers=HTMX
    )
    assert response.status_code == 200
    assert not InterventionArea.objects.filter(pk=area.pk).exists()
    assert area.history.filter(history_type="-").exists()  # the history keeps it


def test_without_htmx_removing_redirects_to_the_areas(cast: Cast, area: InterventionArea) -> None:
    response = cast.client_for(cast.owner).post(url(cast, "area_delete", pk=area.pk))
    assert response.status_code == 302
    assert not InterventionArea.objects.filter(pk=area.pk).exists()


@pytest.mark.parametrize(
    ("persona", "status"),
    [("core", 403), ("steering", 403), ("secretariat", 403), ("outsider", 404)],
)
def test_others_may_not_remove_an_area(
    cast: Cast, area: InterventionArea, persona: str, status: int
) -> None:
    response = cast.client_for(getattr(cast, persona)).post(url(cast, "area_delete", pk=area.pk))
    assert response.status_code == status
    assert InterventionArea.objects.filter(pk=area.pk).exists()


def test_an_area_of_a_submitted_ambition_is_not_removed(
    cast: Cast,
    ambition: StrategicAmbition,
    area: InterventionArea,
) -> None:
    submitted(cast, ambition)
    response = cast.client_for(cast.owner).post(url(cast, "area_delete", pk=area.pk), headers=HTMX)
    assert response.status_code == 200
    assert InterventionArea.objects.filter(pk=area.pk).exists()


# -- Comments -------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["outsider", "other_owner"])
def test_those_who_may_not_read_may_not_comment(
    cast: Cast,
    ambition: StrategicAmbition,
    persona: str,
) -> None:
    kind = PartKind.SITUATION
    response = cast.client_for(getattr(cast, persona)).post(
        url(cast, "comment_add", kind=kind), {f"comment-{kind}-text": "Udefra"}, headers=HTMX
    )
    assert response.status_code == 404
    assert not Comment.objects.exists()


def test_an_empty_comment_without_htmx_shows_the_page_with_the_error(
    cast: Cast,
    ambition: StrategicAmbition,
) -> None:
    kind = PartKind.SITUATION
    response = cast.client_for(cast.core).post(
        url(cast, "comment_add", kind=kind), {f"comment-{kind}-text": " "}
    )
    assert response.status_code == 200
    assert "Skriv kommentaren, før du sender den." in response.text
    assert "<h1" in response.text  # the whole page, not a fragment
    assert not Comment.objects.exists()


def test_a_comment_without_htmx_redirects_to_its_part(
    cast: Cast,
    ambition: StrategicAmbition,
) -> None:
    kind = PartKind.SITUATION
    response = cast.client_for(cast.core).post(
        url(cast, "comment_add", kind=kind), {f"comment-{kind}-text": "Et spørgsmål"}
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"#part-section-{kind}")
    assert Comment.objects.get().text == "Et spørgsmål"


def test_the_comments_fragment_reads_only_its_part(
    cast: Cast,
    ambition: StrategicAmbition,
) -> None:
    """The fragment builds its own context: adding a comment does not load the areas, the
    core challenges or the timeline of the whole page."""
    kind = PartKind.SITUATION
    client = cast.client_for(cast.core)
    with CaptureQueriesContext(connection) as queries:
        response = client.post(
            url(cast, "comment_add", kind=kind), {f"comment-{kind}-text": "Kort"}, headers=HTMX
        )
    assert response.status_code == 200
    sql = " ".join(q["sql"] for q in queries.captured_queries)
    assert "ambitions_interventionarea" not in sql
    assert "ambitions_transition" not in sql
    assert "ambitions_approvalcondition" not in sql


# -- The decision register, page by page ------------------------------------------------------


def test_the_decision_register_shows_a_page_at_a_time(
    cast: Cast, ambition: StrategicAmbition
) -> None:
    from ambitions.models import Transition
    from ambitions.strategic.views.decisions import REGISTER_PAGE_SIZE

    Transition.objects.bulk_create(
        Transition(
            ambition=ambition, from_status="draft", to_status="submitted", by=cast.owner,
            remark=f"Indsendelse {n:03d}",
        )
        for n in range(REGISTER_PAGE_SIZE + 3)
    )  # fmt: skip
    client = cast.client_for(cast.steering)
    first = client.get(reverse("decision_register"))
    assert first.status_code == 200
    assert first.text.count("Indsendelse ") == REGISTER_PAGE_SIZE
    assert 'rel="next"' in first.text
    second = client.get(reverse("decision_register") + "?side=2")
    assert second.text.count("Indsendelse ") == 3
    assert 'rel="prev"' in second.text
    assert client.get(reverse("decision_register") + "?side=x").status_code == 200


def test_the_decision_register_is_kept_until_a_decision_is_made(
    cast: Cast, ambition: StrategicAmbition
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from ambitions.models import Transition

    client = cast.client_for(cast.steering)
    assert "Indsendelse nu" not in client.get(reverse("decision_register")).text
    with CaptureQueriesContext(connection) as kept:
        client.get(reverse("decision_register"))
    # Session, user, the specialties' ids and the menu's role check: no entries loaded.
    assert len(kept.captured_queries) <= 5
    Transition.objects.create(
        ambition=ambition, from_status="draft", to_status="submitted", by=cast.owner,
        remark="Indsendelse nu",
    )  # fmt: skip
    assert "Indsendelse nu" in client.get(reverse("decision_register")).text
