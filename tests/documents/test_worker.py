"""A document through the real broker and a real worker process (CI provides both).

The worker is another process with its own database connection, so the test is
transactional: the job must be committed before the worker can see it. The worker writes the
PDF to the MEDIA_ROOT it was started with (this process's, not a temporary one).
"""

from __future__ import annotations

import time

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from documents.models import DocumentJob
from people.models import ProgrammeRole
from tests.documents.conftest import pdf_info
from tests.factories import UserFactory


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_a_document_is_made_by_a_real_worker(
    celery_worker_process: None,
    reference_data: None,
    poppler: None,
    worker_media_cleanup: list[str],
) -> None:
    assert not settings.CELERY_TASK_ALWAYS_EAGER
    steering = UserFactory(username="styregruppe", programme_role=ProgrammeRole.STEERING_GROUP)
    client = Client()
    client.force_login(steering)

    response = client.post(
        reverse("documents:request"),
        {"kind": DocumentJob.Kind.PROGRAMME_REPORT},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    job = DocumentJob.objects.get()
    # The answer came before the worker finished: it polls.
    assert 'hx-trigger="every 1s"' in response.text or job.state == DocumentJob.State.DONE

    deadline = time.monotonic() + 60
    while job.state in (DocumentJob.State.QUEUED, DocumentJob.State.RUNNING):
        assert time.monotonic() < deadline, f"the worker left the job {job.state}"
        time.sleep(0.5)
        job.refresh_from_db()
    worker_media_cleanup.append(job.file.name)
    assert job.state == DocumentJob.State.DONE, (job.failure_reason, job.error)
    assert job.attempts == 1

    download = client.get(reverse("documents:download", kwargs={"pk": job.pk}))
    assert download.status_code == 200
    data = b"".join(download.streaming_content)  # type: ignore[attr-defined]
    assert data.startswith(b"%PDF-")
    assert pdf_info(data)["Tagged"] == "yes"
