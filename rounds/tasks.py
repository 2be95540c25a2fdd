"""Background work of the status rounds: the reminder digest, run by celery beat.

The task is thin: it calls ``rounds.services.reminders_send`` for today. The beat schedule
(``CELERY_BEAT_SCHEDULE`` in ``config/settings.py``) runs it once a day; running it more often
sends nothing twice (the sent-log keeps one digest per person and day).
"""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from rounds import services


@shared_task(acks_late=True, soft_time_limit=300, time_limit=360)
def send_reminders() -> int:
    """Send today's reminder digests. Returns the number of e-mails sent."""
    return services.reminders_send(today=timezone.localdate(), now=timezone.now())
