"""Background work of the strategic-ambition workflow: the e-mail notifications.

The tasks are thin: they take an id, load what the e-mail needs and call
``ambitions.notifications``. The workflow functions in ``ambitions.services`` call
``enqueue_submitted`` / ``enqueue_decided`` inside their atomic block; the task is only
queued once that block has committed, so a worker never looks for a row that is not there
yet and a rolled-back decision sends nothing.
"""

from __future__ import annotations

import logging
import smtplib

from celery import shared_task
from django.db import transaction
from django.db.models import Prefetch

from ambitions.models import AmbitionVersion, ApprovalCondition, Transition
from ambitions.strategic import notifications
from specialties.models import Membership

logger = logging.getLogger(__name__)

# An unreachable or refusing mail server is usually a passing condition: try again later,
# with growing pauses, rather than lose the notification.
RETRY_ON = (smtplib.SMTPException, ConnectionError, OSError)


@shared_task(
    autoretry_for=RETRY_ON,
    retry_backoff=True,
    max_retries=5,
    acks_late=True,
    soft_time_limit=30,
    time_limit=60,
)
def notify_submitted(version_id: int) -> int:
    """Tell the steering group that a version was submitted. Returns the messages sent."""
    version = (
        AmbitionVersion.objects.select_related("ambition__specialty", "submitted_by")
        .filter(pk=version_id)
        .first()
    )
    if version is None:
        logger.warning("Version %s no longer exists; no submission e-mail sent", version_id)
        return 0
    return notifications.send_submitted(version=version)


@shared_task(
    autoretry_for=RETRY_ON,
    retry_backoff=True,
    max_retries=5,
    acks_late=True,
    soft_time_limit=30,
    time_limit=60,
)
def notify_decided(transition_id: int) -> int:
    """Tell the owner and implementation leads of a decision. Returns the messages sent."""
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
    return notifications.send_decided(transition=transition)


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
