"""The PDF button through HTTP: ask (HTMX), poll, download, for every persona of the cast.

Permission is asked on every download; whoever may not read a document gets 404 for
everything about it, so neither the document nor the job gives its existence away.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ambitions.models import ProfessionalAmbition, StrategicAmbition
from documents.models import DocumentJob, Failure
from documents.storage import PrivateStorage
from specialties.models import Membership
from tests.conftest import Cast, require_service

Kind = DocumentJob.Kind
State = DocumentJob.State
HTMX = {"HX-Request": "true"}
ALL = ["owner", "lead", "core", "steering", "secretariat", "outsider", "other_owner"]
READERS = ["owner", "lead", "core", "steering", "secretariat"]
PROGRAMME = ["steering", "secretariat"]
Capture = Callable[..., object]


def post_request(
    client: Client,
    kind: str,
    specialty: str = "",
    object_id: int | None = None,
    headers: dict[str, str] | None = None,
) -> object:
    data = {"kind": kind, "specialty": specialty}
    if object_id is not None:
        data["object_id"] = str(object_id)
    return client.post(reverse("documents:request"), data, headers=headers or {})


@pytest.fixture
def done_job(
    cast: Cast, approved: StrategicAmbition, django_capture_on_commit_callbacks: Capture
) -> DocumentJob:
    client = cast.client_for(cast.owner)
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        post_request(client, Kind.STRATEGIC_AMBITION, cast.specialty.slug, 1, HTMX)
    job = DocumentJob.objects.get()
    assert job.state == State.DONE
    return job


# -- Asking, and following the job ---------------------------------------------------------


def test_the_pdf_button_include(cast: Cast, rf: object) -> None:
    """What a page gets from ``{% include "documents/_pdf_button.html" with … %}``."""
    from django.template import Context, Template

    request = rf.get("/")  # type: ignore[attr-defined]
    request.user = cast.owner
    html = Template(
        '{% include "documents/_pdf_button.html" with kind="strategic_ambition" '
        'specialty=specialty object_id=2 label="Version 2" %}'
    ).render(Context({"specialty": cast.specialty, "request": request, "csrf_token": "x"}))
    assert '<div class="pdf-job" aria-live="polite">' in html
    assert f'hx-post="{reverse("documents:request")}"' in html
    assert f'action="{reverse("documents:request")}"' in html  # works without JavaScript too
    assert 'hx-target="closest .pdf-job"' in html
    assert 'name="kind" value="strategic_ambition"' in html
    assert f'name="specialty" value="{cast.specialty.slug}"' in html
    assert 'name="object_id" value="2"' in html
    assert "Version 2" in html
    assert 'name="csrfmiddlewaretoken"' in html


def test_the_button_asks_and_swaps_in_a_status_that_polls(
    cast: Cast, draft: StrategicAmbition, django_capture_on_commit_callbacks: Capture
) -> None:
    client = cast.client_for(cast.lead)
    with django_capture_on_commit_callbacks(execute=False):  # type: ignore[operator]
        response = post_request(client, Kind.STRATEGIC_AMBITION, cast.specialty.slug, None, HTMX)
    assert response.status_code == 200  # type: ignore[attr-defined]
    job = DocumentJob.objects.get()
    assert job.state == State.QUEUED
    assert job.requested_by == cast.lead
    fragment = response.content.decode()  # type: ignore[attr-defined]
    assert "<html" not in fragment
    job_url = reverse("documents:job", kwargs={"pk": job.pk})
    assert f'hx-get="{job_url}"' in fragment
    assert 'hx-trigger="every 1s"' in fragment
    assert 'hx-target="closest .pdf-job"' in fragment

    # While it waits and while it runs, the fragment keeps polling.
    polled = client.get(job_url, headers=HTMX)
    assert polled.status_code == 200
    assert 'hx-trigger="every 1s"' in polled.text
    assert "<html" not in polled.text
    assert "HX-Request" in polled.headers["Vary"]
    DocumentJob.objects.filter(pk=job.pk).update(state=State.RUNNING, started_at=timezone.now())
    assert 'hx-trigger="every 1s"' in client.get(job_url, headers=HTMX).text

    # Done: a download link, and no more polling.
    from documents import rendering

    DocumentJob.objects.filter(pk=job.pk).update(state=State.QUEUED, started_at=None)
    rendering.document_render(job_id=job.pk)
    done = client.get(job_url, headers=HTMX).text
    assert "hx-trigger" not in done
    assert reverse("documents:download", kwargs={"pk": job.pk}) in done


@pytest.mark.django_db(transaction=True)
def test_eager_mode_answers_with_the_download_link_at_once(
    reference_data: None, cast: Cast, draft: StrategicAmbition
) -> None:
    """Without Redis the task runs when the request's job is committed, before the answer."""
    client = cast.client_for(cast.owner)
    response = post_request(client, Kind.STRATEGIC_AMBITION, cast.specialty.slug, None, HTMX)
    job = DocumentJob.objects.get()
    assert job.state == State.DONE
    fragment = response.content.decode()  # type: ignore[attr-defined]
    assert reverse("documents:download", kwargs={"pk": job.pk}) in fragment
    assert "hx-trigger" not in fragment
    job.file.storage.delete(job.file.name)


def test_without_htmx_the_request_leads_to_the_jobs_page(
    cast: Cast, draft: StrategicAmbition, django_capture_on_commit_callbacks: Capture
) -> None:
    client = cast.client_for(cast.owner)
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        response = post_request(client, Kind.STRATEGIC_AMBITION, cast.specialty.slug)
    job = DocumentJob.objects.get()
    job_url = reverse("documents:job", kwargs={"pk": job.pk})
    assert response.status_code == 302  # type: ignore[attr-defined]
    assert response.url == job_url  # type: ignore[attr-defined]
    page = client.get(job_url)
    assert page.status_code == 200
    assert "<html" in page.text
    assert job.title in page.text
    assert reverse("documents:download", kwargs={"pk": job.pk}) in page.text


def test_a_failed_job_shows_its_reason_and_a_try_again_button(
    cast: Cast, draft: StrategicAmbition
) -> None:
    job = DocumentJob.objects.create(
        kind=Kind.STRATEGIC_AMBITION,
        specialty=cast.specialty,
        state=State.FAILED,
        failure_reason=Failure.RENDER_ERROR,
        error="TemplateSyntaxError: secret internals",
    )
    client = cast.client_for(cast.owner)
    fragment = client.get(reverse("documents:job", kwargs={"pk": job.pk}), headers=HTMX).text
    from django.utils.html import escape

    assert escape(str(Failure.RENDER_ERROR.label)) in fragment
    assert "secret internals" not in fragment
    assert "hx-trigger" not in fragment
    assert f'hx-post="{reverse("documents:request")}"' in fragment
    assert 'name="kind" value="strategic_ambition"' in fragment
    assert f'name="specialty" value="{cast.specialty.slug}"' in fragment


def test_a_stale_job_offers_to_try_again_instead_of_polling(
    cast: Cast, draft: StrategicAmbition
) -> None:
    job = DocumentJob.objects.create(
        kind=Kind.STRATEGIC_AMBITION, specialty=cast.specialty, state=State.RUNNING
    )
    assert job.is_stale  # running, and never started: lost
    fragment = cast.client_for(cast.owner).get(
        reverse("documents:job", kwargs={"pk": job.pk}), headers=HTMX
    )
    assert "hx-trigger" not in fragment.text
    assert f'hx-post="{reverse("documents:request")}"' in fragment.text


@pytest.mark.parametrize("persona", ["outsider", "other_owner"])
def test_others_cannot_ask_for_a_specialtys_documents(
    cast: Cast, draft: StrategicAmbition, persona: str
) -> None:
    client = cast.client_for(getattr(cast, persona))
    for kind in [Kind.STRATEGIC_AMBITION, Kind.SPECIALTY_REPORT]:
        assert post_request(client, kind, cast.specialty.slug, None, HTMX).status_code == 404  # type: ignore[attr-defined]
    assert not DocumentJob.objects.exists()


@pytest.mark.parametrize("persona", ALL)
def test_only_the_programme_asks_for_the_programme_report(
    cast: Cast, persona: str, django_capture_on_commit_callbacks: Capture
) -> None:
    client = cast.client_for(getattr(cast, persona))
    with django_capture_on_commit_callbacks(execute=False):  # type: ignore[operator]
        response = post_request(client, Kind.PROGRAMME_REPORT, headers=HTMX)
    expected = 200 if persona in PROGRAMME else 404
    assert response.status_code == expected  # type: ignore[attr-defined]
    assert DocumentJob.objects.exists() == (persona in PROGRAMME)


@pytest.mark.parametrize(
    ("kind", "object_id"),
    [
        (Kind.STRATEGIC_AMBITION, 9),  # no such version
        (Kind.FRAMEWORK, None),
        (Kind.FRAMEWORK, 9999),
        (Kind.ACTIONS, 9999),
        (Kind.STATUS, None),  # no professional ambition yet
        (Kind.SPECIALTY_REPORT, 1),
    ],
)
def test_asking_for_what_does_not_exist_is_404(
    cast: Cast, draft: StrategicAmbition, kind: str, object_id: int | None
) -> None:
    client = cast.client_for(cast.owner)
    response = post_request(client, kind, cast.specialty.slug, object_id, HTMX)
    assert response.status_code == 404  # type: ignore[attr-defined]
    assert not DocumentJob.objects.exists()


def test_another_specialtys_framework_is_not_this_specialtys_document(
    cast: Cast, professional: ProfessionalAmbition
) -> None:
    framework = professional.frameworks.first()
    assert framework is not None
    client = cast.client_for(cast.other_owner)
    response = post_request(client, Kind.FRAMEWORK, cast.other_specialty.slug, framework.pk, HTMX)
    assert response.status_code == 404  # type: ignore[attr-defined]


def test_a_bad_request_and_a_get_are_refused(cast: Cast) -> None:
    client = cast.client_for(cast.owner)
    assert post_request(client, "recipe", cast.specialty.slug).status_code == 400  # type: ignore[attr-defined]
    assert client.get(reverse("documents:request")).status_code == 405


def test_anonymous_people_are_sent_to_log_in(cast: Cast, done_job: DocumentJob) -> None:
    client = Client()
    for url in [
        reverse("documents:job", kwargs={"pk": done_job.pk}),
        reverse("documents:download", kwargs={"pk": done_job.pk}),
    ]:
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))
    assert post_request(client, Kind.STRATEGIC_AMBITION, cast.specialty.slug).status_code == 302  # type: ignore[attr-defined]


# -- Downloading ----------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ALL)
def test_download_asks_permission_of_every_persona(
    cast: Cast, done_job: DocumentJob, persona: str
) -> None:
    client = cast.client_for(getattr(cast, persona))
    download = reverse("documents:download", kwargs={"pk": done_job.pk})
    status = reverse("documents:job", kwargs={"pk": done_job.pk})
    response = client.get(download)
    # Version 1 is the approved one: learning across specialties, another specialty's
    # owner reads it too (issue 12); the outsider, in no specialty, does not.
    if persona not in [*READERS, "other_owner"]:
        assert response.status_code == 404
        assert client.get(status, headers=HTMX).status_code == 404
        return
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"  # issue 25, item 12
    assert b"".join(response.streaming_content).startswith(b"%PDF-")  # type: ignore[attr-defined]
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    # A Danish file name, with the colon of "IM: …" left out.
    name = "Strategisk ambition – IM Testkardiologi – Version 1.pdf"
    assert f"filename*=utf-8''{quote(name)}" in disposition
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


@pytest.mark.parametrize("persona", ALL)
def test_the_programme_report_is_for_the_steering_group_and_secretariat(
    cast: Cast, persona: str, django_capture_on_commit_callbacks: Capture
) -> None:
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        post_request(cast.client_for(cast.secretariat), Kind.PROGRAMME_REPORT, headers=HTMX)
    job = DocumentJob.objects.get()
    assert job.state == State.DONE
    response = cast.client_for(getattr(cast, persona)).get(
        reverse("documents:download", kwargs={"pk": job.pk})
    )
    if persona in PROGRAMME:
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
    else:
        assert response.status_code == 404


def test_permission_is_asked_again_at_every_download(cast: Cast, done_job: DocumentJob) -> None:
    client = cast.client_for(cast.core)
    url = reverse("documents:download", kwargs={"pk": done_job.pk})
    assert client.get(url).status_code == 200
    Membership.objects.filter(specialty=cast.specialty, user=cast.core).delete()
    assert client.get(url).status_code == 404


def test_an_unfinished_job_or_a_lost_file_has_nothing_to_download(
    cast: Cast, done_job: DocumentJob
) -> None:
    client = cast.client_for(cast.owner)
    url = reverse("documents:download", kwargs={"pk": done_job.pk})
    done_job.file.storage.delete(done_job.file.name)
    assert client.get(url).status_code == 404
    queued = DocumentJob.objects.create(kind=Kind.SPECIALTY_REPORT, specialty=cast.specialty)
    assert client.get(reverse("documents:download", kwargs={"pk": queued.pk})).status_code == 404


def test_the_files_have_no_public_url(cast: Cast, done_job: DocumentJob, settings: object) -> None:
    """MEDIA_URL is not served, and the storage refuses to make a URL for a document."""
    client = cast.client_for(cast.owner)
    name = done_job.file.name
    media_url = settings.MEDIA_URL or "/media/"  # type: ignore[attr-defined]
    for url in [f"/{name}", f"/media/{name}", f"{media_url.rstrip('/')}/{name}"]:
        assert client.get(url).status_code == 404
    with pytest.raises(NotImplementedError):
        done_job.file.url  # noqa: B018


# -- The object store ---------------------------------------------------------------------
# With S3_BUCKET set, rendered documents live in an S3-compatible object store. CI starts
# SeaweedFS on loopback and points the whole suite at it (.ci/run), so every document test
# there writes to and reads from a real S3 server; this test proves the files really are
# objects in the bucket, not on the local disk, and that downloads stream them back.


def test_rendered_documents_are_objects_in_the_bucket(cast: Cast, done_job: DocumentJob) -> None:
    require_service(bool(settings.S3_BUCKET), "an S3 server (S3_BUCKET)")
    import boto3

    from documents.s3 import PrivateS3Storage
    from documents.storage import documents_storage

    storage = done_job.file.storage
    assert isinstance(storage, PrivateS3Storage)
    assert isinstance(documents_storage(), PrivateS3Storage)
    options = settings.STORAGES["documents"]["OPTIONS"]
    client = boto3.client(
        "s3",
        endpoint_url=options["endpoint_url"],
        region_name=options["region_name"],
        aws_access_key_id=options["access_key"],
        aws_secret_access_key=options["secret_key"],
    )
    key = storage._normalize_name(done_job.file.name)
    head = client.head_object(Bucket=settings.S3_BUCKET, Key=key)
    assert head["ContentLength"] == done_job.file.size > 1000
    body = client.get_object(Bucket=settings.S3_BUCKET, Key=key)["Body"].read()
    assert body.startswith(b"%PDF-")

    response = cast.client_for(cast.owner).get(f"/dokumenter/{done_job.pk}/hent/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == body  # type: ignore[attr-defined]
    with pytest.raises(NotImplementedError):
        done_job.file.url  # noqa: B018


def test_another_specialty_asks_only_for_the_approved_version_and_the_professional_documents(
    cast: Cast, professional: ProfessionalAmbition, django_capture_on_commit_callbacks: Capture
) -> None:
    """Learning across specialties (issue 12): another specialty's owner may have the PDF
    of the approved version and of the professional ambition, never the working copy or
    the specialty report; the outsider none of them."""
    slug = cast.specialty.slug
    learner = cast.client_for(cast.other_owner)
    with django_capture_on_commit_callbacks(execute=False):  # type: ignore[operator]
        assert post_request(learner, Kind.STRATEGIC_AMBITION, slug, 1, HTMX).status_code == 200  # type: ignore[attr-defined]
        assert post_request(learner, Kind.STATUS, slug, None, HTMX).status_code == 200  # type: ignore[attr-defined]
    for kind, object_id in [
        (Kind.STRATEGIC_AMBITION, None),
        (Kind.STRATEGIC_AMBITION, 7),
        (Kind.SPECIALTY_REPORT, None),
    ]:
        assert post_request(learner, kind, slug, object_id, HTMX).status_code == 404  # type: ignore[attr-defined]
    outsider = cast.client_for(cast.outsider)
    assert post_request(outsider, Kind.STRATEGIC_AMBITION, slug, 1, HTMX).status_code == 404  # type: ignore[attr-defined]
    assert post_request(outsider, Kind.STATUS, slug, None, HTMX).status_code == 404  # type: ignore[attr-defined]


def test_a_job_waiting_for_the_broker_says_so_and_each_poll_tries_again(
    cast: Cast, draft: StrategicAmbition
) -> None:
    """Redis down when the PDF was asked for (end to end: tests/faults/test_redis_stopped)."""
    from unittest import mock

    from documents import tasks

    job = DocumentJob.objects.create(
        kind=Kind.STRATEGIC_AMBITION, specialty=cast.specialty, failure_reason=Failure.QUEUE
    )
    client = cast.client_for(cast.lead)
    job_url = reverse("documents:job", kwargs={"pk": job.pk})
    app = tasks.render_document.app
    before = app.conf.task_always_eager
    app.conf.task_always_eager = False
    try:
        with mock.patch.object(
            tasks.render_document, "delay", side_effect=ConnectionError("refused")
        ) as delay:
            polled = client.get(job_url, headers=HTMX)
        assert delay.call_count == 1
        assert "Din bestilling er gemt" in polled.text
        assert "kan ikke nås lige nu" in polled.text
        assert 'hx-trigger="every 5s"' in polled.text
        with mock.patch.object(tasks.render_document, "delay") as delay:
            polled = client.get(job_url, headers=HTMX)
        delay.assert_called_once_with(job.pk)
        assert 'hx-trigger="every 1s"' in polled.text
        assert "Din bestilling er gemt" not in polled.text
        # Someone who may not read the document triggers nothing.
        DocumentJob.objects.filter(pk=job.pk).update(failure_reason=Failure.QUEUE)
        with mock.patch.object(tasks.render_document, "delay") as delay:
            outsider = cast.client_for(cast.outsider).get(job_url, headers=HTMX)
        assert outsider.status_code in (403, 404)
        assert delay.call_count == 0
    finally:
        app.conf.task_always_eager = before


def test_a_rendered_document_on_disk_is_for_the_apps_account_only(tmp_path: Path) -> None:
    """Issue 25, item 12: documents hold drafts; files 0600 in folders 0700."""
    storage = PrivateStorage(location=tmp_path)
    name = storage.save("jobs/dokument.pdf", ContentFile(b"%PDF-1.7"))
    assert (tmp_path / name).stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "jobs").stat().st_mode & 0o777 == 0o700
