"""The status report PDFs for one site (issue 26, item 1): the specialty's status report and
the programme report, asked for with ``matrikel`` as the pages' filter names it, count only
the actions that concern the site and show the actions per site; who may ask, and what is
refused."""

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from ambitions.models import Action, ProfessionalAmbition
from documents import services
from documents.models import DocumentJob, DocumentKind
from specialties.models import Site
from tests.conftest import Cast
from tests.documents.conftest import flat, pdf_text


def _ask(client: Client, **data: object) -> int:
    return client.post(reverse("documents:request"), data).status_code


@pytest.fixture
def slagelse_action(professional: ProfessionalAmbition) -> Action:
    """One of the two actions names Slagelse; the other names no site (every site)."""
    action = Action.objects.filter(focus_area__framework__ambition=professional).order_by("pk")[0]
    action.sites.set([Site.objects.get(short_name="Slagelse")])
    return action


def test_the_specialty_report_for_a_site_counts_its_actions(
    cast: Cast,
    slagelse_action: Action,
    django_capture_on_commit_callbacks: Callable[..., object],
    poppler: None,
) -> None:
    koege = Site.objects.get(short_name="SUH Køge")
    client = cast.client_for(cast.lead)
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[attr-defined]
        assert (
            _ask(client, kind="specialty_report", specialty=cast.specialty.slug, matrikel=koege.pk)
            == 302
        )
    job = DocumentJob.objects.get(kind=DocumentKind.SPECIALTY_REPORT)
    assert job.site == koege
    assert job.state == DocumentJob.State.DONE, (job.failure_reason, job.error)
    with job.file.storage.open(job.file.name, "rb") as handle:
        text = flat(pdf_text(handle.read()))
    assert koege.name in job.title
    assert (
        "Tallene tæller kun de handlinger, der vedrører Sjællands Universitetshospital, Køge."
        in (text)
    )
    assert "Handlinger pr. matrikel" in text
    # The Slagelse action is not Køge's: one action of the two is in the report.
    assert slagelse_action.title not in text


def test_the_report_for_every_site_and_for_one_are_different_documents(
    cast: Cast, professional: ProfessionalAmbition
) -> None:
    koege = Site.objects.get(short_name="SUH Køge")
    every = services.document_request(
        kind=DocumentKind.SPECIALTY_REPORT, specialty=cast.specialty, object_id=None, by=cast.lead
    )
    one = services.document_request(
        kind=DocumentKind.SPECIALTY_REPORT,
        specialty=cast.specialty,
        object_id=None,
        by=cast.lead,
        site=koege,
    )
    assert every.pk != one.pk
    assert (every.site, one.site) == (None, koege)


@pytest.mark.parametrize(
    ("kind", "site", "why"),
    [
        ("status", "SUH Køge", "status og fremdrift is not counted by site"),
        ("specialty_report", "Holbæk", "the specialty is not at Holbæk"),
        ("specialty_report", None, "no such site"),
    ],
)
def test_a_site_report_that_cannot_be_is_404(
    cast: Cast, professional: ProfessionalAmbition, kind: str, site: str | None, why: str
) -> None:
    site_id = Site.objects.get(short_name=site).pk if site else 9999
    client = cast.client_for(cast.owner)
    assert _ask(client, kind=kind, specialty=cast.specialty.slug, matrikel=site_id) == 404, why
    assert not DocumentJob.objects.exists()


def test_the_programme_report_for_a_site(
    cast: Cast,
    slagelse_action: Action,
    django_capture_on_commit_callbacks: Callable[..., object],
    poppler: None,
) -> None:
    slagelse = Site.objects.get(short_name="Slagelse")
    # Only the steering group and the secretariat read the programme report.
    for outsider in (cast.owner, cast.lead, cast.core):
        assert _ask(cast.client_for(outsider), kind="programme_report", matrikel=slagelse.pk) == 404
    assert not DocumentJob.objects.exists()
    site_page = cast.client_for(cast.steering).get(reverse("programme:site", args=[slagelse.pk]))
    assert 'type="hidden" name="matrikel"' in site_page.text
    owner_page = cast.client_for(cast.owner).get(reverse("programme:site", args=[slagelse.pk]))
    assert 'type="hidden" name="matrikel"' not in owner_page.text
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[attr-defined]
        assert (
            _ask(cast.client_for(cast.steering), kind="programme_report", matrikel=slagelse.pk)
            == 302
        )
    job = DocumentJob.objects.get(kind=DocumentKind.PROGRAMME_REPORT)
    assert job.site == slagelse
    assert job.state == DocumentJob.State.DONE, (job.failure_reason, job.error)
    with job.file.storage.open(job.file.name, "rb") as handle:
        text = flat(pdf_text(handle.read()))
    assert "Tallene tæller kun de handlinger, der vedrører Slagelse Sygehus." in text
    assert cast.specialty.name in text
    # IM: Testnefrologi is at SUH Køge only: not in Slagelse's report.
    assert cast.other_specialty.name not in text


def test_the_status_page_filtered_by_site_offers_its_report(
    cast: Cast, professional: ProfessionalAmbition
) -> None:
    koege = Site.objects.get(short_name="SUH Køge")
    url = reverse("professional:status", args=[cast.specialty.slug])
    page = cast.client_for(cast.lead).get(url, {"matrikel": koege.pk}).text
    assert f'name="matrikel" value="{koege.pk}"' in page
    assert "Statusrapport for specialet – Sjællands Universitetshospital, Køge" in page
    assert 'type="hidden" name="matrikel"' not in cast.client_for(cast.lead).get(url).text
