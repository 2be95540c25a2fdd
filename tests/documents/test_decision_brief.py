"""The decision brief as a one-page PDF (issue 28, item 1), and who may ask for it. The
actions' balance and resources come from the professional ambition of ``professional``."""

from collections.abc import Callable

import pytest

from ambitions.models import ProfessionalAmbition, StrategicAmbition
from ambitions.strategic import services
from ambitions.strategic.brief import decision_brief
from documents.models import DocumentJob, DocumentKind
from tests.conftest import Cast
from tests.documents.conftest import flat, pdf_info, pdf_text
from tests.documents.test_views import HTMX, post_request

READERS = ["owner", "lead", "core", "steering", "secretariat"]


@pytest.fixture
def resubmitted(cast: Cast, professional: ProfessionalAmbition) -> StrategicAmbition:
    """Version 1 approved with two open conditions, the actions planned, version 2 submitted."""
    ambition = StrategicAmbition.objects.get(specialty=cast.specialty)
    services.ambition_start_revision(ambition=ambition, by=cast.owner)
    services.ambition_submit(ambition=ambition, by=cast.owner)
    return StrategicAmbition.objects.select_related("approved_version").get(pk=ambition.pk)


def test_the_brief_sums_the_actions_and_their_resources(
    cast: Cast, resubmitted: StrategicAmbition
) -> None:
    brief = decision_brief(resubmitted, resubmitted.versions.get(number=2))
    assert brief.action_count == 2
    faglig, *others = brief.action_balance
    assert (faglig.total, faglig.strengthening, faglig.weakening) == (4, 2, 0)
    assert [b.strengthening for b in others] == [0, 0]
    assert len(brief.flags.actions) == 2  # no action strengthens the two other perspectives
    assert brief.totals["hours"] == 240
    assert len(brief.resources) == 2
    assert len(brief.flags.conditions) == 2  # version 1's conditions are still open
    assert brief.changed == []


def test_the_brief_is_one_page_of_pdf(
    cast: Cast,
    resubmitted: StrategicAmbition,
    make_pdf: Callable[..., tuple[DocumentJob, bytes]],
    poppler: None,
) -> None:
    _job, data = make_pdf(DocumentKind.DECISION_BRIEF, cast.specialty, cast.steering, 2)
    assert pdf_info(data)["Pages"] == "1"
    text = flat(pdf_text(data))
    assert "Beslutningsgrundlag" in text
    assert "Version 2" in text
    assert "Ingen planlagt handling styrker perspektivet" in text
    assert "En betingelse fra version 1 er stadig åben" in text
    assert "Intet er ændret siden version 1." in text
    assert "Fælles henvisningsskabelon" in text  # the resources asked for


@pytest.mark.parametrize("persona", READERS)
def test_the_ambitions_readers_may_ask_for_the_brief(
    cast: Cast, resubmitted: StrategicAmbition, persona: str
) -> None:
    client = cast.client_for(getattr(cast, persona))
    response = post_request(client, DocumentKind.DECISION_BRIEF, cast.specialty.slug, 2, HTMX)
    assert response.status_code == 200  # type: ignore[attr-defined]
    assert DocumentJob.objects.filter(kind=DocumentKind.DECISION_BRIEF).count() == 1


@pytest.mark.parametrize("persona", ["outsider", "other_owner"])
def test_others_may_not_ask_for_the_brief(
    cast: Cast, resubmitted: StrategicAmbition, persona: str
) -> None:
    client = cast.client_for(getattr(cast, persona))
    response = post_request(client, DocumentKind.DECISION_BRIEF, cast.specialty.slug, 2, HTMX)
    assert response.status_code == 404  # type: ignore[attr-defined]
    # Nor of a version that does not exist, for the steering group either.
    steering = cast.client_for(cast.steering)
    missing = post_request(steering, DocumentKind.DECISION_BRIEF, cast.specialty.slug, 9, HTMX)
    assert missing.status_code == 404  # type: ignore[attr-defined]
    assert not DocumentJob.objects.exists()
