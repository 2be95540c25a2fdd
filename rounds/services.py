"""Every write of the status rounds and the reminders, each in a transaction.

``round_open`` and ``round_close`` are the secretariat's; closing freezes each specialty's
figures (``rounds.queries.specialty_snapshot``). ``reminders_send`` is what the periodic
Celery task (``rounds.tasks.send_reminders``, run by celery beat) calls: it takes ``today``
and ``now`` from its caller, so a test runs it for any day without waiting.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Sequence

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import ngettext

from people.models import ReminderFrequency, User
from rounds import queries, reminders
from rounds.models import ReminderDigest, ReminderItem, RoundSnapshot, StatusRound
from specialties.models import Specialty

logger = logging.getLogger(__name__)

EMAIL_LANGUAGE = "da"
# A weekly reader gets a digest when the last one is at least this old.
WEEK = datetime.timedelta(days=7)


class RoundClosed(Exception):
    """The round is closed already."""


@transaction.atomic
def round_open(
    *,
    name: str,
    period_start: datetime.date,
    period_end: datetime.date,
    deadline: datetime.date,
    specialties: Sequence[Specialty],
    by: User,
) -> StatusRound:
    """Open a round for these specialties (all of them when the form says so)."""
    round_ = StatusRound.objects.create(
        name=name,
        period_start=period_start,
        period_end=period_end,
        deadline=deadline,
        opened_by=by,
    )
    round_.specialties.set(specialties)
    return round_


@transaction.atomic
def round_close(*, round_: StatusRound, by: User, today: datetime.date) -> StatusRound:
    """Close the round and freeze each of its specialties' figures as they stand today."""
    locked = StatusRound.objects.select_for_update().get(pk=round_.pk)
    if locked.closed_at is not None:
        raise RoundClosed
    specialties = list(
        Specialty.objects.with_people().filter(status_rounds=locked).order_by("name", "pk")
    )
    snapshots = queries.with_key_figures(
        queries.live_snapshots(specialties, locked.opened_at, today), locked, specialties
    )
    RoundSnapshot.objects.bulk_create(
        RoundSnapshot(round=locked, specialty_id=pk, figures=figures, taken_on=today)
        for pk, figures in snapshots.items()
    )
    locked.closed_at = timezone.now()
    locked.closed_by = by
    locked.save(update_fields=["closed_at", "closed_by"])
    return locked


# -- Reminders --------------------------------------------------------------------------------


def _chosen(
    user: User,
    items: list[reminders.DueItem],
    last_digest: datetime.date | None,
    today: datetime.date,
) -> list[reminders.DueItem]:
    """What the person's choice lets through today: everything (daily), everything once a
    week (weekly), nothing (never); the last reminder before a deadline always."""
    frequency = user.reminder_frequency
    if frequency == ReminderFrequency.DAILY:
        return items
    if frequency == ReminderFrequency.WEEKLY and (
        last_digest is None or today - last_digest >= WEEK
    ):
        return items
    return [i for i in items if i.is_last_call]


def reminders_send(*, today: datetime.date, now: datetime.datetime) -> int:
    """Send today's reminder digests: at most one per person and day, each item once.

    Returns the number of e-mails sent. A person whose e-mail cannot be sent is logged and
    tried again at the next run (nothing of theirs is recorded as sent)."""
    due = reminders.reminders_due(today)
    if not due:
        return 0
    keys = [i.key for found in due.values() for i in found]
    sent_keys = set(
        ReminderItem.objects.filter(user_id__in=list(due), key__in=keys).values_list(
            "user_id", "key"
        )
    )
    last_digest: dict[int, datetime.date] = {}
    for user_id, sent_on in ReminderDigest.objects.filter(
        user_id__in=list(due), sent_on__gt=today - WEEK
    ).values_list("user_id", "sent_on"):
        last_digest[user_id] = max(sent_on, last_digest.get(user_id, sent_on))
    sent = 0
    for user_id, found in due.items():
        user = found[0].user
        if not user.email or last_digest.get(user_id) == today:
            continue
        fresh = [i for i in found if (user_id, i.key) not in sent_keys]
        chosen = _chosen(user, fresh, last_digest.get(user_id), today)
        if not chosen:
            continue
        try:
            sent += _send_digest(user, chosen, today=today, now=now)
        except IntegrityError:
            continue  # another run sent this person's digest a moment ago
        except Exception:
            logger.exception("The reminder e-mail to user %s could not be sent", user_id)
    return sent


@transaction.atomic
def _send_digest(
    user: User, items: list[reminders.DueItem], *, today: datetime.date, now: datetime.datetime
) -> int:
    """Record the digest and its items and queue its e-mail, together or not at all."""
    digest = ReminderDigest.objects.create(user=user, sent_on=today, sent_at=now)
    ReminderItem.objects.bulk_create(
        ReminderItem(digest=digest, user=user, key=item.key) for item in items
    )
    site_url = settings.SITE_URL.rstrip("/")
    with translation.override(EMAIL_LANGUAGE):
        context = {
            "recipient": user,
            "items": items,
            "site_url": site_url,
            "settings_link": site_url + reverse("people:settings"),
            "tasks_link": site_url + reverse("programme:my_tasks"),
        }
        subject = ngettext(
            "BASS Ambitions: %(count)s thing waits for you",
            "BASS Ambitions: %(count)s things wait for you",
            len(items),
        ) % {"count": len(items)}
        message = EmailMultiAlternatives(
            subject=subject,
            body=render_to_string("rounds/email/digest.txt", context),
            to=[user.email],
        )
        message.attach_alternative(
            render_to_string("rounds/email/digest.html", context), "text/html"
        )
    # Into the outbox with the digest's record, in one transaction (bass.outbox).
    with get_connection(fail_silently=False) as connection:
        connection.send_messages([message])
    return 1
