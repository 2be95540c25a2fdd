"""Making a document: build its HTML, and unless a finished job already holds a PDF of
exactly that HTML, render and store a new one.

``document_render`` is what the Celery task (``documents.tasks``) calls. A job never stays
"running" after it returns: every way out records done, failed (with a reason a person can
read) or queued-for-retry. Asking for a document is ``documents.services``.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import logging
from dataclasses import dataclass

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import OperationalError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from documents import builders, pdf
from documents.models import DocumentJob, Failure, JobState

logger = logging.getLogger(__name__)

# Errors that pass: a full or flaky disk, a dropped database or network connection. The task
# retries them with growing pauses; anything else is a fault in the document and fails now.
TRANSIENT_ERRORS: tuple[type[Exception], ...] = (OSError, OperationalError)
# A job that keeps getting lost (its worker killed at the time limit, again and again) is
# given up rather than queued for ever.
MAX_ATTEMPTS = 5


# -- Making -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rendered:
    """A document's HTML and what identifies its PDF.

    Only text: the database objects the document was built from are garbage once it is
    rendered, so they take no memory (nor the garbage collector's time) while WeasyPrint
    lays out a long report.
    """

    title: str
    html: str
    content_hash: str


def content_hash(html: str) -> str:
    """sha256 of the HTML and the render options: equal hashes, equal PDFs."""
    options = json.dumps(pdf.RENDER_OPTIONS, sort_keys=True)
    return hashlib.sha256(f"{options}\n{html}".encode()).hexdigest()


def page_css() -> dict[str, str]:
    """The margin boxes' words as CSS ``content`` values, in the active language."""
    return {
        "page": pdf.css_content(
            _("Page %(page)s of %(pages)s"), page="counter(page)", pages="counter(pages)"
        ),
        "specialty": pdf.css_content(
            _("Specialty") + ": %(name)s", name="string(header-specialty)"
        ),
        "date": pdf.css_content(_("Date") + ": %(date)s", date="string(header-date)"),
    }


def render_html(
    kind: str,
    specialty_id: int | None,
    object_id: int | None,
    today: datetime.date | None = None,
    *,
    site_id: int | None = None,
) -> Rendered:
    """Build the document and its HTML, in the programme's language (Danish): the same
    document whoever asks, whichever language their screen is in."""
    with translation.override(settings.LANGUAGE_CODE):
        document = builders.build(
            kind, specialty_id, object_id, today or timezone.localdate(), site_id=site_id
        )
        html = render_to_string(
            document.template,
            {
                **document.context,
                "document": document,
                "language": settings.LANGUAGE_CODE,
                "page_css": page_css(),
                "marking_css": pdf.css_string(document.marking) if document.marking else "",
            },
        )
    return Rendered(title=document.title, html=html, content_hash=content_hash(html))


def document_render(
    *, job_id: int, last_try: bool = True, redelivered: bool = False
) -> DocumentJob | None:
    """Make the job's PDF, or reuse an identical one. Returns the job, or None if there was
    nothing to do (done already, or another worker has it).

    Transient errors are raised for the task to retry, with the job queued again, unless
    this is the last try; every other error fails the job with a reason. ``redelivered``:
    the broker gave the message back because the worker on it died, so a "running" job is
    taken over instead of left to the worker that no longer exists.
    """
    job = _start(job_id, redelivered=redelivered)
    if job is None:
        return None
    try:
        rendered = render_html(job.kind, job.specialty_id, job.object_id, site_id=job.site_id)
        same = _finished_with(job, rendered.content_hash)
        if same is not None:
            return _finish(job, rendered, name=same.file.name)
        data = pdf.write_pdf(rendered.html)
        name = job.file.storage.save(
            job.file.field.generate_filename(job, f"{job.kind}-{job.pk}.pdf"), ContentFile(data)
        )
        return _finish(job, rendered, name=name)
    except builders.DocumentUnavailable as exc:
        return _fail(job, Failure.UNAVAILABLE, exc)
    except SoftTimeLimitExceeded as exc:
        return _fail(job, Failure.TIMEOUT, exc)
    except TRANSIENT_ERRORS as exc:
        if last_try:
            return _fail(job, Failure.TRANSIENT, exc)
        logger.warning("Document job %s: %s; it will be tried again", job.pk, describe(exc))
        DocumentJob.objects.filter(pk=job.pk).update(
            state=JobState.QUEUED, queued_at=timezone.now(), error=describe(exc)
        )
        raise
    except Exception as exc:
        # A template, data or layout error: trying again would give the same error.
        logger.exception("Document job %s failed", job.pk)
        return _fail(job, Failure.RENDER_ERROR, exc)


def _start(job_id: int, *, redelivered: bool = False) -> DocumentJob | None:
    with transaction.atomic():
        job = DocumentJob.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.state in (JobState.DONE, JobState.FAILED):
            return None
        if job.state == JobState.RUNNING and not (redelivered or job.is_stale):
            # A second message for a job a worker is still on (pressed twice, sent again).
            return None
        job.attempts += 1
        job.state = JobState.RUNNING
        job.started_at = timezone.now()
        job.save(update_fields=["attempts", "state", "started_at"])
    if job.attempts > MAX_ATTEMPTS:
        _fail(job, Failure.GAVE_UP, None)
        return None
    return job


def _finished_with(job: DocumentJob, digest: str) -> DocumentJob | None:
    """A finished job of the same document with the same content, whose file is still there."""
    for same in (
        DocumentJob.objects.for_document(job.kind, job.specialty_id, job.object_id, job.site_id)
        .filter(state=JobState.DONE, content_hash=digest)
        .exclude(pk=job.pk)
        .exclude(file="")
        .order_by("-finished_at")[:3]
    ):
        if same.file.storage.exists(same.file.name):
            return same
    return None


def _finish(job: DocumentJob, rendered: Rendered, *, name: str) -> DocumentJob:
    job.file.name = name
    job.title = rendered.title
    job.content_hash = rendered.content_hash
    job.state = JobState.DONE
    job.failure_reason = ""
    job.error = ""
    job.finished_at = timezone.now()
    job.save(
        update_fields=[
            "file",
            "title",
            "content_hash",
            "state",
            "failure_reason",
            "error",
            "finished_at",
        ]
    )
    return job


def _fail(job: DocumentJob, reason: Failure, exc: BaseException | None) -> DocumentJob:
    job.state = JobState.FAILED
    job.failure_reason = reason
    job.error = describe(exc) if exc is not None else ""
    job.finished_at = timezone.now()
    job.save(update_fields=["state", "failure_reason", "error", "finished_at"])
    return job


def describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:2000]
