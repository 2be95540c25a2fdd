"""Asking for a document: the request, queueing its rendering, and its download name.

``document_request`` is what the PDF button calls: it returns the document's queued or
running job if there is one (so pressing twice renders once), queues a lost one again, or
creates a job and queues the task (``documents.tasks``) once the transaction commits. The
making itself is ``documents.rendering``, which the task calls: the two never import each
other in a loop.
"""

from __future__ import annotations

import logging

from django.db import IntegrityError, transaction
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerUnreachable

from documents import tasks
from documents.models import ACTIVE_STATES, DocumentJob, Failure, JobState
from documents.rendering import describe
from people.models import User
from specialties.models import Site, Specialty

logger = logging.getLogger(__name__)

# What sending a task raises when the broker (Redis) does not answer.
BROKER_ERRORS: tuple[type[Exception], ...] = (BrokerUnreachable, ConnectionError, TimeoutError)


# -- Asking -----------------------------------------------------------------------------------


def document_request(
    *,
    kind: str,
    specialty: Specialty | None,
    object_id: int | None,
    by: User,
    site: Site | None = None,
) -> DocumentJob:
    """The job that will make this document: the one under way, or a new one. With a
    ``site``, the status report for that site only (issue 26).

    The caller has checked that ``by`` may read the document (``documents.access``).
    """
    specialty_id = specialty.pk if specialty is not None else None
    site_id = site.pk if site is not None else None
    with transaction.atomic():
        active = (
            DocumentJob.objects.select_for_update()
            .for_document(kind, specialty_id, object_id, site_id)
            .active()
            .first()
        )
        if active is not None:
            if active.is_stale or active.is_waiting_for_broker:
                _queue_again(active)
            return active
        try:
            # A savepoint: if someone else created the job a moment ago, the partial unique
            # constraint refuses this one and theirs is returned.
            with transaction.atomic():
                job = DocumentJob.objects.create(
                    kind=kind, specialty=specialty, object_id=object_id, site=site, requested_by=by
                )
        except IntegrityError:
            return (
                DocumentJob.objects.for_document(kind, specialty_id, object_id, site_id)
                .active()
                .get()
            )
        _enqueue(job)
        return job


def _queue_again(job: DocumentJob) -> None:
    why = "waited for the broker" if job.is_waiting_for_broker else f"was {job.state} too long"
    logger.warning("Document job %s %s; queued again", job.pk, why)
    job.state = JobState.QUEUED
    job.queued_at = timezone.now()
    job.started_at = None
    job.save(update_fields=["state", "queued_at", "started_at"])
    _enqueue(job)


def _enqueue(job: DocumentJob) -> None:
    job_id = job.pk
    transaction.on_commit(lambda: _send(job_id))


def _send(job_id: int) -> None:
    """Hand the job to Celery (after commit).

    A broker that cannot be reached leaves the job queued and marked as waiting for it
    (``DocumentJob.is_waiting_for_broker``): the request is kept, the person is told, and
    the job is handed over again by ``document_send_waiting`` (the job's status poll, or
    asking again) once the broker answers. Any other error fails the job with a reason.
    """
    try:
        tasks.enqueue(job_id)
    except BROKER_ERRORS as exc:
        logger.warning("The broker cannot be reached; document job %s waits: %s", job_id, exc)
        DocumentJob.objects.filter(pk=job_id, state=JobState.QUEUED).update(
            failure_reason=Failure.QUEUE, error=describe(exc)
        )
    except Exception as exc:
        # Without Redis the task runs right here, and its own failures are already recorded
        # on the job; this is for a bug past the task's handlers.
        logger.exception("Could not run or queue document job %s", job_id)
        DocumentJob.objects.filter(pk=job_id, state__in=ACTIVE_STATES).update(
            state=JobState.FAILED,
            failure_reason=Failure.QUEUE,
            error=describe(exc),
            finished_at=timezone.now(),
        )
    else:
        DocumentJob.objects.filter(
            pk=job_id, state=JobState.QUEUED, failure_reason=Failure.QUEUE
        ).update(failure_reason="", error="")


def document_send_waiting(*, job: DocumentJob) -> None:
    """Hand a job that is waiting for the broker over again (no-op for any other job).

    Safe to repeat: a worker ignores a second message for a job it has started or finished.
    """
    if job.is_waiting_for_broker:
        _send(job.pk)
        job.refresh_from_db()


# -- Downloading ------------------------------------------------------------------------------
