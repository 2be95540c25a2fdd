"""Background work of the documents: rendering a PDF.

The task is thin: it takes a job id and calls ``rendering.document_render``, which records
every outcome on the job. Transient errors (``rendering.TRANSIENT_ERRORS``) are retried with
growing pauses; the last try records the failure instead of raising. ``acks_late`` with
``reject_on_worker_lost`` puts the message back if the worker dies mid-render, and the
redelivered message takes the job over at once (``rendering.document_render``); a job left
"running" by a worker whose message never came back is queued again when someone asks
(``DocumentJob.is_stale``).
"""

from __future__ import annotations

from celery import Task, shared_task
from celery.exceptions import Retry
from django.conf import settings

from documents import rendering

MAX_RETRIES = 3


@shared_task(
    bind=True,
    autoretry_for=rendering.TRANSIENT_ERRORS,
    retry_backoff=2,
    retry_backoff_max=60,
    retry_jitter=True,
    max_retries=MAX_RETRIES,
    acks_late=True,
    reject_on_worker_lost=True,
    # Nobody reads the result (the job row is the result); without this, sending the task
    # with Redis down first waits ~20 s for the result store and then breaks it for good.
    ignore_result=True,
    soft_time_limit=settings.CELERY_TASK_SOFT_TIME_LIMIT,
    time_limit=settings.CELERY_TASK_TIME_LIMIT,
)
def render_document(self: Task, job_id: int) -> str:
    """Make the PDF of document job ``job_id``. Returns the job's state afterwards."""
    delivery = self.request.delivery_info or {}
    job = rendering.document_render(
        job_id=job_id,
        last_try=self.request.retries >= MAX_RETRIES,
        # The broker gives a message back when the worker process on it died (the pool
        # child killed, out of memory): that job says "running", but nobody is on it.
        redelivered=bool(delivery.get("redelivered")),
    )
    return job.state if job is not None else "skipped"


def enqueue(job_id: int) -> None:
    """Hand the job to a worker, or without a broker (eager mode) run it here and now.

    Celery's eager mode stops at the first retry when eager errors propagate (as they do
    here), so the retries are run here, one after the other, with the same ``retries``
    count a worker would see; the last one records a failure instead of raising.
    """
    if not render_document.app.conf.task_always_eager:
        render_document.delay(job_id)
        return
    for retries in range(MAX_RETRIES + 1):
        try:
            render_document.apply(args=(job_id,), retries=retries, throw=True)
        except Retry:
            continue
        return
