"""A mail server that refuses: the notification is retried, and nobody gets it twice.

A small SMTP server of the test's own (a socketserver, no dependency) refuses the first
connection outright (421, "busy"), then on the second takes the first message and refuses
the second (451, "try again later"), then takes everything. A real worker, on a Redis of
the test's own, runs the submission notification for two steering-group members. Before
the fix the retry sent the whole batch again, so the first member got the e-mail twice.
"""

from __future__ import annotations

import socketserver
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pytest

from ambitions.models import AmbitionVersion, Status, StrategicAmbition
from people.models import ProgrammeRole
from tests.conftest import Cast
from tests.factories import UserFactory
from tests.faults.conftest import (
    Process,
    RedisServer,
    database_url_of_this_run,
    send_task,
    service_env,
    wait_for,
    wait_for_worker,
    worker_args,
)


@dataclass
class Refusals:
    """What the server did: connections, refusals and the messages it took, by recipient."""

    connections: int = 0
    refused: list[str] = field(default_factory=list)
    delivered: Counter[str] = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)


class RefusingSMTP(socketserver.StreamRequestHandler):
    record: Refusals

    def reply(self, line: str) -> None:
        self.wfile.write(f"{line}\r\n".encode())

    def handle(self) -> None:
        with self.record.lock:
            self.record.connections += 1
            connection = self.record.connections
        if connection == 1:
            self.record.refused.append("421 at connect")
            self.reply("421 4.3.2 Service not available, try again later")
            return
        self.reply("220 fault-test ESMTP")
        recipients: list[str] = []
        messages = 0
        while line := self.rfile.readline():
            command = line.decode(errors="replace").strip()
            verb = command.split(" ", 1)[0].upper()
            if verb in {"EHLO", "HELO"}:
                self.reply("250 fault-test")
            elif verb == "MAIL":
                recipients = []
                self.reply("250 OK")
            elif verb == "RCPT":
                recipients.append(command.split(":", 1)[1].strip(" <>"))
                self.reply("250 OK")
            elif verb == "DATA":
                self.reply("354 End data with <CR><LF>.<CR><LF>")
                while self.rfile.readline() not in (b".\r\n", b".\n", b""):
                    pass
                messages += 1
                if connection == 2 and messages == 2:
                    self.record.refused.append(f"451 for {', '.join(recipients)}")
                    self.reply("451 4.3.0 Try again later")
                else:
                    with self.record.lock:
                        self.record.delivered.update(recipients)
                    self.reply("250 OK queued")
            elif verb == "RSET" or verb == "NOOP":
                self.reply("250 OK")
            elif verb == "QUIT":
                self.reply("221 Bye")
                return
            else:
                self.reply("502 Command not implemented")


@pytest.fixture
def smtp_server() -> Iterator[tuple[int, Refusals]]:
    record = Refusals()
    handler = type("Handler", (RefusingSMTP,), {"record": record})
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1], record
    server.shutdown()
    server.server_close()


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_a_refusing_mail_server_is_retried_and_nobody_gets_the_mail_twice(
    reference_data: None,
    cast: Cast,
    redis_server: RedisServer,
    processes: Callable[..., Process],
    smtp_server: tuple[int, Refusals],
) -> None:
    port, record = smtp_server
    second = UserFactory(username="steering2", programme_role=ProgrammeRole.STEERING_GROUP)
    ambition = StrategicAmbition.objects.create(specialty=cast.specialty, status=Status.SUBMITTED)
    version = AmbitionVersion.objects.create(
        ambition=ambition, number=1, content={}, submitted_by=cast.owner
    )
    env = service_env(
        DATABASE_URL=database_url_of_this_run(),
        REDIS_URL=redis_server.url,
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(port),
        EMAIL_TIMEOUT="5",
    )
    worker = processes("worker", worker_args(), env)
    wait_for_worker(worker)
    send_task(redis_server.url, "ambitions.tasks.notify_submitted", [version.pk])

    wait_for("the notification", lambda: "succeeded" in worker.output(), timeout=60, every=0.1)
    log = worker.output()
    assert record.refused == ["421 at connect", f"451 for {second.email}"]
    # Each of the two got exactly one e-mail, over three connections (two retries).
    assert record.delivered == Counter({cast.steering.email: 1, second.email: 1})
    assert record.connections == 3
    assert log.count("Retry in") == 2
    pauses = [
        line.split("Retry in")[1].split(":")[0].strip()
        for line in log.splitlines()
        if "Retry in" in line
    ]
    print(
        f"SMTP: refused {record.refused}; {record.connections} connections, 2 retries "
        f"(after {', '.join(pauses)}); delivered {dict(record.delivered)}"
    )
