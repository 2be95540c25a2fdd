"""Background work of the strategic-ambition workflow: the e-mail notifications.

The tasks are thin: they take an id, load what the e-mail needs and call
``ambitions.notifications``. The workflow functions in ``ambitions.services`` call
``enqueue_submitted`` / ``enqueue_decided`` inside their atomic block; the task is only
queued once that block has committed, so a worker never looks for a row that is not there
yet and a rolled-back decision sends nothing.
"""

from __future__ import annotations

import logging

from celery import Task
from celery.utils.time import get_exponential_backoff_interval
from django.db import transaction
from django.db.models import Prefetch

from ambitions.models import AmbitionVersion, ApprovalCondition, Transition
from ambitions.strategic import notifications
from bass.mail_tasks import BACKOFF_MAX, mail_task
from specialties.models import Membership

logger = logging.getLogger(__name__)


def _retry_for_the_rest(task: Task, partly: notifications.PartlySent) -> Exception:
    """Retry a send that reached some people, for the others only (same pause as autoretry;
    after the last retry the mail server's error is raised)."""
    countdown = get_exponential_backoff_interval(
        factor=1, retries=task.request.retries, maximum=BACKOFF_MAX, full_jitter=True
    )
    logger.warning("%s: %s; retrying for the others", task.name, partly)
    return task.retry(
        kwargs={**(task.request.kwargs or {}), "sent_to": partly.delivered},
        exc=partly.error,
        countdown=countdown,
    )


@mail_task(bind=True)
def notify_submitted(self: Task, version_id: int, sent_to: list[int] | None = None) -> int:
    """Tell the steering group that a version was submitted. Returns the messages sent
    (by this try; ``sent_to``: who got theirs on an earlier one)."""
    version = (
        AmbitionVersion.objects.select_related("ambition__specialty", "submitted_by")
        .filter(pk=version_id)
        .first()
    )
    if version is None:
        logger.warning("Version %s no longer exists; no submission e-mail sent", version_id)
        return 0
    try:
        return notifications.send_submitted(version=version, skip=sent_to or ())
    except notifications.PartlySent as partly:
        raise _retry_for_the_rest(self, partly) from partly.error


@mail_task(bind=True)
def notify_decided(self: Task, transition_id: int, sent_to: list[int] | None = None) -> int:
    """Tell the owner and implementation leads of a decision. Returns the messages sent
    (by this try; ``sent_to``: who got theirs on an earlier one)."""
    transition = (
        Transition.objects.select_related("ambition__specialty", "version")
        .prefetch_related(
            Prefetch(
                "ambition__specialty__memberships",
                queryset=Membership.objects.select_related("user"),
            ),
            Prefetch(
                "version__conditions",
                queryset=ApprovalCondition.objects.select_related("responsible"),
            ),
        )
        .filter(pk=transition_id)
        .first()
    )
    if transition is None:
        logger.warning("Transition %s no longer exists; no decision e-mail sent", transition_id)
        return 0
    try:
        return notifications.send_decided(transition=transition, skip=sent_to or ())
    except notifications.PartlySent as partly:
        raise _retry_for_the_rest(self, partly) from partly.error


def enqueue_submitted(version: AmbitionVersion) -> None:
    """Queue the submission e-mail for when the current transaction commits."""
    version_id = version.pk
    # robust: the submission is committed by then; a broker that is down is logged rather
    # than turned into an error page for a change that did happen.
    transaction.on_commit(lambda: notify_submitted.delay(version_id), robust=True)


def enqueue_decided(transition: Transition) -> None:
    """Queue the decision e-mail for when the current transaction commits."""
    transition_id = transition.pk
    transaction.on_commit(lambda: notify_decided.delay(transition_id), robust=True)
