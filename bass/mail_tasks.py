"""One way to declare a task that sends e-mail (issue 21, item 3): ``@mail_task``.

An unreachable or refusing mail server is usually a passing condition: the task tries again
later, with growing pauses (1, 2, 4 … s, at most ``BACKOFF_MAX``, with full jitter), rather
than lose the message; it is acknowledged only when done (a worker that dies gives it
back), keeps no result, and has time limits. Written once here, used by every app that
sends mail.
"""

from __future__ import annotations

import smtplib
from collections.abc import Callable
from typing import Any

from celery import shared_task

RETRY_ON = (smtplib.SMTPException, ConnectionError, OSError)
MAX_RETRIES = 5
BACKOFF_MAX = 600


def mail_task(*, bind: bool = False) -> Callable[[Callable[..., Any]], Any]:
    """``@shared_task`` with the e-mail tasks' retry, acknowledgement and time limits."""
    return shared_task(  # type: ignore[call-overload]
        bind=bind,
        autoretry_for=RETRY_ON,
        retry_backoff=True,
        retry_backoff_max=BACKOFF_MAX,
        max_retries=MAX_RETRIES,
        acks_late=True,
        ignore_result=True,
        soft_time_limit=30,
        time_limit=60,
    )
