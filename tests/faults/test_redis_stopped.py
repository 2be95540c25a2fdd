"""Redis stopped: the pages are still served, a PDF request is kept and says so, and the PDF
is made once Redis is back.

The web app runs under gunicorn with its cache and Celery broker on a Redis of this test's
own; the test stops that Redis. Before the fixes, every page that keeps a fragment in the
cache answered 500 (Django's Redis cache raises ConnectionError), and a PDF request waited
~20 s for Celery's result store, then failed the job ("cannot be reached"): the request
was lost and the process's result store stayed broken until a restart.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from django.urls import reverse

from ambitions.strategic import services as ambition_services
from documents.models import DocumentJob, Failure
from tests.conftest import Cast
from tests.faults.conftest import (
    Browser,
    Process,
    RedisServer,
    database_url_of_this_run,
    free_port,
    gunicorn_args,
    service_env,
    wait_for,
    wait_for_server,
    wait_for_worker,
    worker_args,
)

State = DocumentJob.State
WAITING = "den tjeneste, der laver PDF-filer, kan ikke nås lige nu"


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_without_redis_pages_are_served_and_a_pdf_request_waits_for_it(
    reference_data: None,
    cast: Cast,
    redis_server: RedisServer,
    processes: Callable[..., Process],
    worker_media_cleanup: list[str],
) -> None:
    ambition = ambition_services.ambition_start(specialty=cast.specialty, by=cast.owner)
    env = service_env(DATABASE_URL=database_url_of_this_run(), REDIS_URL=redis_server.url)
    port = free_port()
    server = processes("web", gunicorn_args(port), env)
    # The worker lives through the outage, as in production, and reconnects afterwards.
    worker = processes("worker", worker_args(), env)
    wait_for_server(server, port)
    wait_for_worker(worker)
    owner = Browser.signed_in(port, cast.owner)
    pages = [
        reverse("home"),
        cast.specialty.get_absolute_url(),
        reverse("ambitions:detail", kwargs={"slug": cast.specialty.slug}),
        reverse("programme:overview"),
    ]
    steering = Browser.signed_in(port, cast.steering)

    # With Redis: the ambition's page keeps its fragments there.
    for page in pages:
        assert owner.get(page)[0] == 200, page
    assert steering.get(reverse("programme:overview"))[0] == 200
    assert "csrftoken" in steering.cookies
    assert redis_server.client().keys("*bass:fragment:*")

    redis_server.stop()
    down = {page: owner.get(page) for page in pages}
    assert {page: status for page, (status, _, _) in down.items()} == dict.fromkeys(pages, 200)
    assert ambition.specialty.name in down[pages[2]][1]
    slowest = max(seconds for _, _, seconds in down.values())

    # A PDF: the request is kept and the person told, in Danish, quickly.
    status, text, seconds = steering.post(
        reverse("documents:request"), {"kind": DocumentJob.Kind.PROGRAMME_REPORT}, htmx=True
    )
    assert status == 200
    assert WAITING in text
    assert 'hx-trigger="every 5s"' in text
    assert seconds < 5
    job = DocumentJob.objects.get()
    assert job.state == State.QUEUED
    assert job.failure_reason == Failure.QUEUE
    # Its page says the same while Redis is down (each poll tries the broker again).
    job_url = reverse("documents:job", kwargs={"pk": job.pk})
    assert WAITING in steering.get(job_url, htmx=True)[1]

    # Redis back: the next poll hands the job over, the worker reconnects and makes it.
    redis_server.start()
    back = time.monotonic()

    def made() -> bool:
        steering.get(job_url, htmx=True)
        job.refresh_from_db()
        return job.state in (State.DONE, State.FAILED)

    wait_for("the waiting PDF", made, timeout=90, every=0.5)
    made_after = time.monotonic() - back
    worker_media_cleanup.append(job.file.name)
    assert job.state == State.DONE, (job.failure_reason, job.error)
    assert job.attempts == 1
    status, pdf, _ = steering.get(reverse("documents:download", kwargs={"pk": job.pk}))
    assert status == 200
    assert pdf.startswith("%PDF-")
    assert DocumentJob.objects.count() == 1
    print(
        f"Redis down: {len(pages)} pages 200, slowest {slowest:.2f} s; PDF request answered "
        f"in {seconds:.2f} s, job {job.pk} kept; made {made_after:.1f} s after Redis came back"
    )
