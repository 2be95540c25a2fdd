"""A worker killed in the middle of a PDF: the job is retried and finishes.

The worker runs as in production (prefork pool, here one child). The test waits until the
job is "running", then kills the pool child that renders it with SIGKILL, as the kernel's
out-of-memory killer would. The worker's main process notices the lost child; with
``acks_late`` and ``reject_on_worker_lost`` the broker gets the message back and delivers
it again, marked "redelivered", and the new child takes the job over (before the fix it
left the job "running" for the 3.5 minutes until it counted as stale, and only a person
asking again restarted it).
"""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from documents.models import DocumentJob
from tests.factories import SpecialtyFactory
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

State = DocumentJob.State


def children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_a_pdf_whose_worker_is_killed_is_made_again_and_finishes(
    reference_data: None,
    redis_server: RedisServer,
    processes: Callable[..., Process],
    worker_media_cleanup: list[str],
) -> None:
    env = service_env(DATABASE_URL=database_url_of_this_run(), REDIS_URL=redis_server.url)
    worker = processes("worker", worker_args(pool="prefork"), env)
    wait_for_worker(worker)
    [child] = wait_for("the pool process", lambda: children(worker.process.pid))

    # A longer report (a section per specialty), so the render lasts long enough to be
    # caught "running" by the 5 ms poll below on a fast machine too.
    for number in range(40):
        SpecialtyFactory(name=f"IM: Fejlspeciale {number}", slug=f"im-fejlspeciale-{number}")
    job = DocumentJob.objects.create(kind=DocumentJob.Kind.PROGRAMME_REPORT)
    send_task(redis_server.url, "documents.tasks.render_document", [job.pk])

    def running() -> bool:
        job.refresh_from_db()
        assert job.state != State.DONE, "the PDF was made before the worker could be killed"
        return job.state == State.RUNNING

    wait_for("the job to start", running, timeout=30, every=0.005)
    os.kill(child, signal.SIGKILL)
    killed_at = time.monotonic()
    job.refresh_from_db()
    assert job.state == State.RUNNING
    assert job.attempts == 1

    def finished() -> bool:
        job.refresh_from_db()
        return job.state in (State.DONE, State.FAILED)

    wait_for("the job after the kill", finished, timeout=60, every=0.1)
    recovered = time.monotonic() - killed_at
    worker_media_cleanup.append(job.file.name)
    assert job.state == State.DONE, (job.failure_reason, job.error)
    # Made by the second delivery of the same message: one more attempt, one file.
    assert job.attempts == 2
    assert child not in children(worker.process.pid)
    with job.file.storage.open(job.file.name, "rb") as handle:
        assert handle.read(5) == b"%PDF-"
    assert DocumentJob.objects.count() == 1
    print(f"killed pool process {child}; job {job.pk} done after {recovered:.1f} s, attempts 2")
