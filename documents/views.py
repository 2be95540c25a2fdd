"""The PDF button's three requests: ask for a document, follow its job, download it."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_POST, require_safe

from bass.http import HtmxHttpRequest, signed_in_user, wants_fragment
from documents import queries, services
from documents.access import get_document_for_request, get_job_for_view, get_site_for_document
from documents.forms import DocumentRequestForm
from documents.models import DocumentJob, JobState

JOB = "documents/job.html"
BAD_REQUEST = "documents/bad_request.html"


def _context(job: DocumentJob) -> dict[str, Any]:
    return {
        "job": job,
        "specialty": job.specialty,
        # A stale job is shown with "try again", which queues it again through the request.
        "is_stale": job.is_stale,
        "polling": job.is_active and not job.is_stale,
        # Waiting for the broker: ask less often, each ask tries to reach it.
        "poll_every": "5s" if job.is_waiting_for_broker else "1s",
    }


@require_POST
@login_required
def document_request(request: HtmxHttpRequest) -> HttpResponse:
    """Ask for a PDF: answers with the job's status (HTMX) or redirects to its page."""
    form = DocumentRequestForm(request.POST)
    if not form.is_valid():
        # A damaged or forged button: say so in Danish rather than an empty 400.
        template = BAD_REQUEST + "#reason" if wants_fragment(request) else BAD_REQUEST
        return render(request, template, status=400)
    kind = form.cleaned_data["kind"]
    object_id = form.cleaned_data["object_id"]
    specialty = get_document_for_request(
        request.user, kind=kind, slug=form.cleaned_data["specialty"], object_id=object_id
    )
    site = get_site_for_document(
        kind=kind, specialty=specialty, object_id=object_id, site_id=form.cleaned_data["matrikel"]
    )
    job = services.document_request(
        kind=kind, specialty=specialty, object_id=object_id, by=signed_in_user(request), site=site
    )
    if not wants_fragment(request):
        return redirect("documents:job", pk=job.pk)
    # Eager mode (no Redis) may have finished the job meanwhile: show it as it is now.
    job.refresh_from_db()
    return render(request, JOB + "#document_job", _context(job))


@require_safe
@login_required
def job(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """A document job: its page, or (HTMX) the status fragment the button polls."""
    job = get_job_for_view(request.user, pk)
    # The broker was down when the job was asked for: each poll tries to hand it over.
    services.document_send_waiting(job=job)
    template = JOB + "#document_job" if wants_fragment(request) else JOB
    return render(request, template, _context(job))


@require_safe
@login_required
def download(request: HtmxHttpRequest, pk: int) -> FileResponse:
    """The PDF, streamed, for whoever may read the document now."""
    job = get_job_for_view(request.user, pk)
    if job.state != JobState.DONE or not job.file.name:
        raise Http404
    try:
        handle = job.file.storage.open(job.file.name, "rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=queries.download_filename(job),
        content_type="application/pdf",
    )
    # Drafts and status are not for shared caches, nor for the browser's history.
    patch_cache_control(response, private=True, no_store=True)
    return response
