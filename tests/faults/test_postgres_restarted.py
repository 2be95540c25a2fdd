"""PostgreSQL restarted: the next requests recover, and so does the worker.

The web app (gunicorn) and a Celery worker run on a PostgreSQL cluster of this test's own,
created with initdb and migrated, and on a Redis of its own. Both keep their database
connections open between requests (CONN_MAX_AGE). The test restarts the cluster, which
ends every connection; with ``conn_health_checks`` each process finds its connection dead
at the start of the next request or task and opens a new one, so no request after the
restart fails. While the cluster is down, pages answer 500 at once rather than hang.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from django.urls import reverse

from tests.faults.conftest import (
    ROOT,
    Browser,
    PostgresCluster,
    Process,
    RedisServer,
    free_port,
    gunicorn_args,
    service_env,
    wait_for,
    wait_for_server,
    wait_for_worker,
    worker_args,
)

# Run in the app's own process against the test's cluster: the tables, a steering-group
# member and a session for them (printed), as a person who logged in before the fault.
SIGN_IN = """
from django.core.management import call_command
from django.test import Client
call_command("migrate", verbosity=0)
from people.models import ProgrammeRole, User
user = User.objects.create_user(
    "styregruppe", "s@example.org", "x", programme_role=ProgrammeRole.STEERING_GROUP
)
client = Client()
client.force_login(user)
print(client.cookies["sessionid"].value)
"""

JOB = re.compile(r'hx-get="(/dokumenter/\d+/)"')


def manage(env: dict[str, str], *args: str) -> str:
    out = subprocess.run(  # noqa: S603 - our own arguments
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr[-3000:]
    return out.stdout.strip()


def make_pdf(person: Browser) -> bool:
    """Ask for the programme report and follow its job until its PDF can be downloaded."""
    status, text, _ = person.post(
        reverse("documents:request"), {"kind": "programme_report"}, htmx=True
    )
    assert status == 200, text[-2000:]
    found = JOB.search(text)
    assert found is not None, text
    job_url = found.group(1)

    def finished() -> str:
        status, text, _ = person.get(job_url, htmx=True)
        assert status == 200, text[-2000:]
        return text if "hx-trigger" not in text else ""

    text = wait_for("the PDF", finished, timeout=60, every=0.2)
    return f'href="{job_url}hent/"' in text


@pytest.mark.services
def test_after_a_postgresql_restart_the_next_requests_and_tasks_succeed(
    postgres_cluster: PostgresCluster,
    redis_server: RedisServer,
    processes: Callable[..., Process],
    tmp_path: Path,
) -> None:
    env = service_env(DATABASE_URL=postgres_cluster.url, REDIS_URL=redis_server.url)
    # Documents on disk in the test's folder, whatever object store CI gives the suite.
    env.pop("S3_BUCKET", None)
    env["MEDIA_ROOT"] = str(tmp_path / "media")
    session = manage(env, "shell", "-c", SIGN_IN).splitlines()[-1]

    port = free_port()
    server = processes("web", gunicorn_args(port), env)
    worker = processes("worker", worker_args(), env)
    wait_for_server(server, port)
    wait_for_worker(worker)
    person = Browser(port, {"sessionid": session})
    pages = [reverse("home"), reverse("programme:overview"), reverse("decision_register")]
    for page in pages:
        assert person.get(page)[0] == 200, page
    # A PDF before the fault, so the worker holds a connection too.
    assert make_pdf(person)

    # Restarted while the web and the worker hold open connections.
    started = time.monotonic()
    postgres_cluster.restart()
    restart = time.monotonic() - started
    after = [person.get(page) for page in pages * 3]
    assert [status for status, _, _ in after] == [200] * len(after)
    # A task after the restart: the worker's connection recovers too, at the first try.
    assert make_pdf(person)
    assert "Retry in" not in worker.output()

    # Down: an answer (500) at once, not a hanging request; up again: served again.
    postgres_cluster.stop()
    status, _, seconds_down = person.get(pages[0])
    assert status == 500
    assert seconds_down < 5
    postgres_cluster.start()
    assert person.get(pages[0])[0] == 200
    print(
        f"PostgreSQL restart took {restart:.1f} s; {len(after)}/{len(after)} requests after it "
        f"200 (first {after[0][2]:.2f} s); the PDF after it made at the first attempt; "
        f"down → 500 in {seconds_down:.2f} s"
    )
