"""Durable e-mail (issue 23, item 2): every message the app sends is a row in an outbox.

``EMAIL_BACKEND`` is django-post-office's backend, so ``send_messages`` anywhere in the app
(the workflow's notifications, comments, reminders, invitations, Django's password reset)
writes an ``Email`` row, in the transaction of the change that causes it: a change that
rolls back sends nothing, and a change that commits has its e-mail in the database whatever
happens to Redis or the mail server afterwards. The real delivery backend is
``POST_OFFICE["BACKENDS"]["default"]`` (settings: ``EMAIL_BACKEND`` from the environment).

``send_outbox`` delivers what is due. It runs after each commit that queued mail (a kick;
without a broker, in-process at once) and every minute from beat, which picks up whatever a
kick missed: a broker that was down, a worker that died, a retry that fell due. One run at a
time across every machine (a PostgreSQL advisory lock), so nobody gets a message twice.
A message the mail server refuses is tried again after growing pauses (1, 2, 4 … minutes,
at most two hours) for more than a day (``POST_OFFICE["MAX_RETRIES"]``), then marked failed.
The secretariat reads every message, its state and the mail server's answers in the admin
(*Post Office*).
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from celery import shared_task
from django.db import connection, transaction
from django.utils import timezone
from post_office.mail import get_queued, send_queued
from post_office.models import STATUS, Email

logger = logging.getLogger(__name__)

# The pause after the n-th refusal: 1, 2, 4 … minutes, never more than RETRY_CAP. With
# settings.POST_OFFICE["MAX_RETRIES"] = 20 a message is tried for about 28 hours.
RETRY_CAP = datetime.timedelta(hours=2)
# Any number that no other advisory lock of this database uses: "BASS" in ASCII.
LOCK_KEY = 0x42415353


def retry_delay(retries: int) -> datetime.timedelta:
    """How long to wait before the next try of a message refused ``retries`` times."""
    return min(datetime.timedelta(minutes=2 ** max(retries - 1, 0)), RETRY_CAP)


@contextmanager
def _one_sender() -> Iterator[bool]:
    """Whether this process may send now: on PostgreSQL, it holds the advisory lock (another
    machine's run is sending otherwise); SQLite has one machine and locks its writes."""
    if connection.vendor != "postgresql":
        yield True
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [LOCK_KEY])
        (mine,) = cursor.fetchone()
    try:
        yield bool(mine)
    finally:
        if mine:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [LOCK_KEY])


def _space_retries(since: datetime.datetime) -> int:
    """Give each message refused in this run its growing pause (post-office's own is fixed)."""
    refused = list(
        Email.objects.filter(status=STATUS.requeued, last_updated__gte=since).only(
            "pk", "number_of_retries", "last_updated", "scheduled_time"
        )
    )
    for email in refused:
        email.scheduled_time = email.last_updated + retry_delay(email.number_of_retries or 0)
    Email.objects.bulk_update(refused, ["scheduled_time"])
    return len(refused)


@shared_task(ignore_result=True, acks_late=True, soft_time_limit=240, time_limit=300)
def send_outbox() -> int:
    """Deliver every message that is due; returns how many went. Runs until nothing due is
    left (a message refused now waits for its pause, so the loop ends)."""
    sent = 0
    with _one_sender() as mine:
        if not mine:
            return 0
        started = timezone.now()
        try:
            while get_queued().exists():
                delivered, failed, requeued = send_queued()
                sent += delivered
                if failed:
                    logger.error("%s e-mail(s) given up after every retry", failed)
                if not (delivered or failed or requeued):
                    break
        finally:
            _space_retries(started)
            _forget_texts(started)
    return sent


def _forget_texts(since: datetime.datetime) -> int:
    """Clear the text of each message delivered in this run: an invitation or a password
    reset carries a one-time link, which must not outlive its sending in the database or
    its backups. Recipient, subject, state and the log stay; a message given up keeps its
    text, so the secretariat can send it again once the mail server is mended."""
    done = Email.objects.filter(status=STATUS.sent, last_updated__gte=since)
    return done.exclude(message="", html_message="").update(message="", html_message="")


# How long the outbox keeps a message's record (recipient, subject, state, log).
KEEP = datetime.timedelta(days=90)


@shared_task(ignore_result=True, soft_time_limit=240, time_limit=300)
def clean_outbox() -> int:
    """Delete the records of messages older than ``KEEP`` (beat, nightly)."""
    deleted, _ = Email.objects.filter(created__lt=timezone.now() - KEEP).delete()
    return deleted


def _kick() -> None:
    send_outbox.delay()


def kick_after_commit(sender: Any = None, **kwargs: Any) -> None:
    """post-office's ``email_queued``: deliver once the transaction that queued the mail
    commits. ``robust``: a broker that is down is logged, not turned into an error page for
    a change that did happen; beat's run sends the mail when it is back."""
    transaction.on_commit(_kick, robust=True)
