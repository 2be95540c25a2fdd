"""Redis stopped and the mail server refusing for ten minutes, then both back: every e-mail
arrives, exactly once (issue 23, item 2).

The web app runs under gunicorn and a real worker beside it, their broker on a Redis of this
test's own; the mail server is a real SMTP server (aiosmtpd) that answers 421 while told
to. With Redis stopped, two people ask for a password reset: the web app answers as usual,
the e-mails are written to the outbox, and the kick after commit cannot reach the broker.
Redis comes back; beat's minute tick (sent here by hand) has the worker try: the mail server
refuses, and each message waits 1, 2, 4, 8 minutes (the test moves the clock by making the
message due, rather than sleeping). After more than ten minutes of refusals the mail server
takes mail again, and the next tick delivers each message once; later ticks send nothing.
Before the outbox a message lived only in the broker: with Redis down it was never sent, and
after about 31 s of refusals it was dropped.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from post_office.models import STATUS, Email

from bass import outbox
from tests.conftest import Cast
from tests.faults.conftest import (
    Browser,
    Process,
    RedisServer,
    database_url_of_this_run,
    free_port,
    gunicorn_args,
    send_task,
    service_env,
    wait_for,
    wait_for_server,
    wait_for_worker,
    worker_args,
)


class SometimesRefusing:
    """An aiosmtpd handler: 421 to every recipient while ``refusing``, else takes the mail."""

    def __init__(self) -> None:
        self.refusing = True
        self.refusals = 0
        self.delivered: Counter[str] = Counter()

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: Any
    ) -> str:
        if self.refusing:
            self.refusals += 1
            return "421 4.3.2 Service not available, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.delivered.update(envelope.rcpt_tos)
        return "250 OK queued"


@pytest.fixture
def smtp_server() -> Iterator[tuple[int, SometimesRefusing]]:
    from aiosmtpd.controller import Controller

    handler = SometimesRefusing()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    yield port, handler
    controller.stop()


def _resets() -> Any:
    return Email.objects.filter(subject__contains="adgangskode")


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_redis_down_and_a_refusing_mail_server_lose_no_e_mail_and_send_none_twice(
    reference_data: None,
    cast: Cast,
    redis_server: RedisServer,
    processes: Callable[..., Process],
    smtp_server: tuple[int, SometimesRefusing],
) -> None:
    smtp_port, smtp = smtp_server
    env = service_env(
        DATABASE_URL=database_url_of_this_run(),
        REDIS_URL=redis_server.url,
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(smtp_port),
        EMAIL_TIMEOUT="5",
    )
    port = free_port()
    web = processes("web", gunicorn_args(port), env)
    worker = processes("worker", worker_args(), env)
    wait_for_server(web, port)
    wait_for_worker(worker)

    # Redis stops; two people ask for a new password. The web app answers as usual.
    redis_server.stop()
    people = [cast.owner, cast.lead]
    for person in people:
        visitor = Browser(port)
        visitor.get(reverse("password_reset"))
        status, _, _ = visitor.post(reverse("password_reset"), {"email": person.email})
        assert status == 302, web.output()[-2000:]
    assert sorted(e.to[0] for e in _resets()) == sorted(p.email for p in people)
    assert set(_resets().values_list("status", flat=True)) == {STATUS.queued}

    # Redis is back; the mail server refuses for more than ten minutes of pauses.
    redis_server.start()
    refused_for = datetime.timedelta()
    for tries in range(1, 5):
        send_task(redis_server.url, "bass.outbox.send_outbox", [])  # beat's tick
        wait_for(
            f"refusal {tries}",
            lambda tries=tries: all(e.number_of_retries == tries for e in _resets()),
            timeout=60,
            every=0.2,
        )
        assert set(_resets().values_list("status", flat=True)) == {STATUS.requeued}
        refused_for += outbox.retry_delay(tries)
        _resets().update(scheduled_time=timezone.now())  # the pause is over
    assert refused_for >= datetime.timedelta(minutes=10)
    assert smtp.delivered == Counter()

    smtp.refusing = False
    send_task(redis_server.url, "bass.outbox.send_outbox", [])
    wait_for(
        "the delivery",
        lambda: set(_resets().values_list("status", flat=True)) == {STATUS.sent},
        timeout=60,
        every=0.2,
    )
    for _ in range(2):  # later ticks find nothing to send
        send_task(redis_server.url, "bass.outbox.send_outbox", [])
    runs = "bass.outbox.send_outbox"
    wait_for("seven runs", lambda: worker.output().count(f"{runs}") >= 14, timeout=60, every=0.2)
    assert smtp.delivered == Counter({p.email: 1 for p in people})
    print(
        f"outbox: {smtp.refusals} refusals over {refused_for} of pauses with Redis down first; "
        f"delivered {dict(smtp.delivered)}"
    )
