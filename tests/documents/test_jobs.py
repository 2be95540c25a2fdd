"""The life of a document job: one job per document at a time, content reused when it has
not changed, failures recorded with a reason, transient errors retried, lost jobs queued
again. Celery runs eagerly here (no REDIS_URL), which is the same flow, synchronously."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from unittest import mock

import pytest
from django.conf import settings
from django.db import IntegrityError, connection
from django.template import TemplateSyntaxError
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerError

from ambitions.models import Action, AmbitionPart, PartKind, ProfessionalAmbition, StrategicAmbition
from ambitions.strategic import services as ambition_services
from documents import pdf, rendering, services, tasks
from documents.models import DocumentJob, Failure
from specialties.models import Specialty
from tests.conftest import Cast

Kind = DocumentJob.Kind
State = DocumentJob.State
Capture = Callable[..., object]


@pytest.fixture
def write_pdf() -> Iterator[mock.MagicMock]:
    """WeasyPrint's render, counted (and still done)."""
    with mock.patch.object(pdf, "write_pdf", wraps=pdf.write_pdf) as wrapped:
        yield wrapped


@pytest.fixture
def broker() -> Iterator[None]:
    """As with REDIS_URL: tasks go to a broker instead of running here."""
    app = tasks.render_document.app
    before = app.conf.task_always_eager
    app.conf.task_always_eager = False
    try:
        yield
    finally:
        app.conf.task_always_eager = before


def ask(
    capture: Capture,
    cast: Cast,
    kind: str = Kind.STRATEGIC_AMBITION,
    *,
    object_id: int | None = None,
    run: bool = True,
) -> DocumentJob:
    """Ask for a document as the owner; with ``run``, the task runs after the commit."""
    with capture(execute=run):  # type: ignore[operator]
        job = services.document_request(
            kind=kind,
            specialty=None if kind == Kind.PROGRAMME_REPORT else cast.specialty,
            object_id=object_id,
            by=cast.owner,
        )
    job.refresh_from_db()
    return job


def test_a_request_queues_one_job_until_it_is_done(
    cast: Cast, draft: StrategicAmbition, django_capture_on_commit_callbacks: Capture
) -> None:
    first = ask(django_capture_on_commit_callbacks, cast, run=False)
    again = ask(django_capture_on_commit_callbacks, cast, run=False)
    assert first.pk == again.pk
    assert first.state == State.QUEUED
    assert first.requested_by == cast.owner
    assert DocumentJob.objects.count() == 1
    # Another document is another job.
    other = ask(django_capture_on_commit_callbacks, cast, Kind.SPECIALTY_REPORT, run=False)
    assert other.pk != first.pk


def test_the_database_holds_one_active_job_per_document(cast: Cast) -> None:
    """Also for the programme report, whose empty specialty and object are NULL."""
    DocumentJob.objects.create(kind=Kind.PROGRAMME_REPORT)
    with pytest.raises(IntegrityError):
        DocumentJob.objects.create(kind=Kind.PROGRAMME_REPORT, state=State.RUNNING)


def test_the_job_is_queued_only_after_the_commit(
    cast: Cast, draft: StrategicAmbition, django_capture_on_commit_callbacks: Capture
) -> None:
    with (
        mock.patch.object(tasks, "enqueue") as enqueue,
        django_capture_on_commit_callbacks(execute=False) as callbacks,  # type: ignore[operator]
    ):
        job = services.document_request(
            kind=Kind.STRATEGIC_AMBITION, specialty=cast.specialty, object_id=None, by=cast.owner
        )
        assert enqueue.call_count == 0
    assert len(callbacks) == 1  # type: ignore[arg-type]
    with mock.patch.object(tasks, "enqueue") as enqueue:
        callbacks[0]()  # type: ignore[index]
    enqueue.assert_called_once_with(job.pk)


def test_with_a_broker_the_job_is_sent_to_a_worker(
    cast: Cast,
    draft: StrategicAmbition,
    django_capture_on_commit_callbacks: Capture,
    broker: None,
) -> None:
    with mock.patch.object(tasks.render_document, "delay") as delay:
        job = ask(django_capture_on_commit_callbacks, cast)
    delay.assert_called_once_with(job.pk)
    assert job.state == State.QUEUED


def test_eager_mode_makes_the_pdf_at_once(
    cast: Cast,
    draft: StrategicAmbition,
    django_capture_on_commit_callbacks: Capture,
    write_pdf: mock.MagicMock,
) -> None:
    job = ask(django_capture_on_commit_callbacks, cast)
    assert job.state == State.DONE
    assert job.attempts == 1
    assert job.started_at is not None
    assert job.finished_at is not None
    assert job.started_at <= job.finished_at
    assert len(job.content_hash) == 64
    assert job.title == "Strategisk ambition – IM: Testkardiologi – Arbejdsudgaven"
    assert job.file.name.startswith("documents/")
    assert job.file.storage.open(job.file.name).read(5) == b"%PDF-"
    assert write_pdf.call_count == 1


def test_unchanged_content_is_not_rendered_again(
    cast: Cast,
    draft: StrategicAmbition,
    django_capture_on_commit_callbacks: Capture,
    write_pdf: mock.MagicMock,
) -> None:
    first = ask(django_capture_on_commit_callbacks, cast)
    second = ask(django_capture_on_commit_callbacks, cast)
    assert second.pk != first.pk
    assert second.state == State.DONE
    assert write_pdf.call_count == 1
    assert second.file.name == first.file.name
    assert second.content_hash == first.content_hash

    # A changed part is new content: a new PDF.
    part = AmbitionPart.objects.get(ambition=draft, kind=PartKind.SITUATION)
    ambition_services.part_save(
        part=part, text="Et nyt situationsbillede.", base_revision=part.revision, by=cast.owner
    )
    third = ask(django_capture_on_commit_callbacks, cast)
    assert write_pdf.call_count == 2
    assert third.content_hash != first.content_hash
    assert third.file.name != first.file.name


def test_a_reused_file_that_is_gone_is_rendered_again(
    cast: Cast,
    draft: StrategicAmbition,
    django_capture_on_commit_callbacks: Capture,
    write_pdf: mock.MagicMock,
) -> None:
    first = ask(django_capture_on_commit_callbacks, cast)
    first.file.storage.delete(first.file.name)
    second = ask(django_capture_on_commit_callbacks, cast)
    assert second.state == State.DONE
    assert write_pdf.call_count == 2
    assert second.file.storage.exists(second.file.name)


def test_a_render_error_fails_the_job_with_a_readable_reason(
    cast: Cast, draft: StrategicAmbition, django_capture_on_commit_callbacks: Capture
) -> None:
    with mock.patch.object(
        rendering, "render_to_string", side_effect=TemplateSyntaxError("Invalid block tag")
    ):
        job = ask(django_capture_on_commit_callbacks, cast)
    assert job.state == State.FAILED
    assert job.failure_reason == Failure.RENDER_ERROR
    assert job.attempts == 1  # a fault in the document is not retried
    assert job.finished_at is not None
    assert job.error.startswith("TemplateSyntaxError: Invalid block tag")
    assert job.get_failure_reason_display() == str(Failure.RENDER_ERROR.label)
    assert not job.file


def test_a_document_that_no_longer_exists_fails_as_unavailable(
    cast: Cast, draft: StrategicAmbition, django_capture_on_commit_callbacks: Capture
) -> None:
    job = ask(django_capture_on_commit_callbacks, cast, object_id=7)  # no version 7
    assert job.state == State.FAILED
    assert job.failure_reason == Failure.UNAVAILABLE


def test_a_transient_error_is_retried(
    cast: Cast, draft: StrategicAmbition, django_capture_on_commit_callbacks: Capture
) -> None:
    real = pdf.write_pdf
    failures = [OSError("No space left on device")]

    def flaky(html: str) -> bytes:
        if failures:
            raise failures.pop()
        return real(html)

    with mock.patch.object(pdf, "write_pdf", side_effect=flaky) as write:
        job = ask(django_capture_on_commit_callbacks, cast)
    assert write.call_count == 2
    assert job.state == State.DONE, job.error
    assert job.attempts == 2
    assert job.failure_reason == ""


def test_a_transient_error_that_persists_fails_after_the_retries(
    cast: Cast, draft: StrategicAmbition, django_capture_on_commit_callbacks: Capture
) -> None:
    with mock.patch.object(pdf, "write_pdf", side_effect=OSError("disk on fire")) as write:
        job = ask(django_capture_on_commit_callbacks, cast)
    assert write.call_count == tasks.MAX_RETRIES + 1
    assert job.state == State.FAILED
    assert job.failure_reason == Failure.TRANSIENT
    assert job.attempts == tasks.MAX_RETRIES + 1
    assert "disk on fire" in job.error


def test_the_task_is_declared_for_a_real_worker() -> None:
    task = tasks.render_document
    assert task.acks_late is True
    assert task.reject_on_worker_lost is True
    assert task.soft_time_limit == settings.CELERY_TASK_SOFT_TIME_LIMIT
    assert task.time_limit == settings.CELERY_TASK_TIME_LIMIT
    assert task.soft_time_limit < task.time_limit
    assert OSError in task.autoretry_for  # type: ignore[attr-defined]
    assert task.retry_backoff  # type: ignore[attr-defined]
    assert task.max_retries == tasks.MAX_RETRIES


def test_a_stale_running_job_is_queued_again_when_asked_for(
    cast: Cast,
    draft: StrategicAmbition,
    django_capture_on_commit_callbacks: Capture,
    write_pdf: mock.MagicMock,
) -> None:
    limit = datetime.timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT)
    job = DocumentJob.objects.create(
        kind=Kind.STRATEGIC_AMBITION,
        specialty=cast.specialty,
        state=State.RUNNING,
        attempts=1,
        started_at=timezone.now() - limit / 2,
    )
    assert not job.is_stale
    # Busy, not lost: asking again returns it as it is.
    assert ask(django_capture_on_commit_callbacks, cast).pk == job.pk
    assert write_pdf.call_count == 0

    DocumentJob.objects.filter(pk=job.pk).update(
        started_at=timezone.now() - limit - datetime.timedelta(minutes=1)
    )
    job.refresh_from_db()
    assert job.is_stale
    again = ask(django_capture_on_commit_callbacks, cast)
    assert again.pk == job.pk
    assert again.state == State.DONE
    assert again.attempts == 2
    assert write_pdf.call_count == 1


def test_a_queued_job_whose_message_was_lost_is_queued_again(
    cast: Cast, draft: StrategicAmbition, django_capture_on_commit_callbacks: Capture
) -> None:
    job = DocumentJob.objects.create(
        kind=Kind.STRATEGIC_AMBITION,
        specialty=cast.specialty,
        queued_at=timezone.now() - datetime.timedelta(hours=1),
    )
    assert job.is_stale
    assert ask(django_capture_on_commit_callbacks, cast).state == State.DONE


def test_a_redelivered_message_leaves_a_running_job_alone(
    cast: Cast, draft: StrategicAmbition, write_pdf: mock.MagicMock
) -> None:
    job = DocumentJob.objects.create(
        kind=Kind.STRATEGIC_AMBITION,
        specialty=cast.specialty,
        state=State.RUNNING,
        started_at=timezone.now(),
    )
    assert rendering.document_render(job_id=job.pk) is None
    assert write_pdf.call_count == 0
    done = DocumentJob.objects.create(kind=Kind.SPECIALTY_REPORT, state=State.DONE)
    assert rendering.document_render(job_id=done.pk) is None
    assert rendering.document_render(job_id=10_000) is None
    assert write_pdf.call_count == 0


def test_a_message_given_back_by_a_dead_worker_takes_the_running_job_over(
    cast: Cast, draft: StrategicAmbition, write_pdf: mock.MagicMock
) -> None:
    """The pool process died mid-render (reject_on_worker_lost): the broker redelivers the
    message, and the job, still "running" in the database, is made now, not in minutes."""
    job = DocumentJob.objects.create(
        kind=Kind.STRATEGIC_AMBITION,
        specialty=cast.specialty,
        state=State.RUNNING,
        attempts=1,
        started_at=timezone.now(),
    )
    assert not job.is_stale
    done = rendering.document_render(job_id=job.pk, redelivered=True)
    assert done is not None
    assert done.state == State.DONE
    assert done.attempts == 2
    assert write_pdf.call_count == 1


def test_the_task_passes_the_brokers_redelivered_flag_on(
    cast: Cast, draft: StrategicAmbition
) -> None:
    job = DocumentJob.objects.create(
        kind=Kind.STRATEGIC_AMBITION,
        specialty=cast.specialty,
        state=State.RUNNING,
        attempts=1,
        started_at=timezone.now(),
    )
    with mock.patch.object(rendering, "document_render", return_value=None) as render:
        tasks.render_document.apply(args=(job.pk,))
        # As a worker runs a message the broker gave back.
        tasks.render_document.push_request(delivery_info={"redelivered": True}, retries=0)
        try:
            tasks.render_document.run(job.pk)
        finally:
            tasks.render_document.pop_request()
    assert [c.kwargs["redelivered"] for c in render.call_args_list] == [False, True]


def test_a_job_that_keeps_dying_is_given_up(
    cast: Cast, draft: StrategicAmbition, django_capture_on_commit_callbacks: Capture
) -> None:
    DocumentJob.objects.create(
        kind=Kind.STRATEGIC_AMBITION,
        specialty=cast.specialty,
        state=State.RUNNING,
        attempts=rendering.MAX_ATTEMPTS,
        started_at=timezone.now() - datetime.timedelta(days=1),
    )
    job = ask(django_capture_on_commit_callbacks, cast)
    assert job.state == State.FAILED
    assert job.failure_reason == Failure.GAVE_UP


def test_a_broker_that_cannot_be_reached_keeps_the_job_waiting_until_it_answers(
    cast: Cast,
    draft: StrategicAmbition,
    django_capture_on_commit_callbacks: Capture,
    broker: None,
) -> None:
    """Redis down: the request is kept (queued, marked as waiting for the broker), and the
    next status poll or a second press hands it over once the broker answers."""
    with mock.patch.object(
        tasks.render_document, "delay", side_effect=BrokerError("Connection refused")
    ):
        job = ask(django_capture_on_commit_callbacks, cast)
        assert job.state == State.QUEUED
        assert job.failure_reason == Failure.QUEUE
        assert job.is_waiting_for_broker
        # Still down: a poll tries, and the job keeps waiting.
        services.document_send_waiting(job=job)
        assert job.is_waiting_for_broker
    # Asking again while it waits returns the same job and tries to send it again.
    with mock.patch.object(tasks.render_document, "delay") as delay:
        again = ask(django_capture_on_commit_callbacks, cast)
    assert again.pk == job.pk
    delay.assert_called_once_with(job.pk)
    again.refresh_from_db()
    assert again.state == State.QUEUED
    assert not again.is_waiting_for_broker
    assert again.failure_reason == ""


def test_a_poll_hands_a_waiting_job_to_the_broker_once_it_answers(
    cast: Cast, draft: StrategicAmbition, broker: None
) -> None:
    job = DocumentJob.objects.create(
        kind=Kind.STRATEGIC_AMBITION, specialty=cast.specialty, failure_reason=Failure.QUEUE
    )
    with mock.patch.object(tasks.render_document, "delay") as delay:
        services.document_send_waiting(job=job)
        services.document_send_waiting(job=job)  # handed over: not sent twice
    delay.assert_called_once_with(job.pk)
    assert not job.is_waiting_for_broker


def test_a_bug_while_queueing_fails_the_job_with_a_reason(
    cast: Cast,
    draft: StrategicAmbition,
    django_capture_on_commit_callbacks: Capture,
    broker: None,
) -> None:
    with mock.patch.object(tasks.render_document, "delay", side_effect=TypeError("bug")):
        job = ask(django_capture_on_commit_callbacks, cast)
    assert job.state == State.FAILED
    assert job.failure_reason == Failure.QUEUE
    # A failed job is not in the way: asking again makes a new one.
    with mock.patch.object(tasks.render_document, "delay"):
        assert ask(django_capture_on_commit_callbacks, cast).pk != job.pk


def test_the_content_hash_covers_the_html_and_the_render_options() -> None:
    digest = rendering.content_hash("<p>a</p>")
    assert digest == rendering.content_hash("<p>a</p>")
    assert digest != rendering.content_hash("<p>b</p>")
    with mock.patch.dict(pdf.RENDER_OPTIONS, {"weasyprint": "0.1"}):
        assert rendering.content_hash("<p>a</p>") != digest


def test_the_reports_read_a_fixed_number_of_queries_however_many_actions(
    cast: Cast, professional: ProfessionalAmbition
) -> None:
    """No query per action, milestone or indicator (progress.load prefetches them)."""

    def queries(kind: str, specialty_id: int | None) -> int:
        with CaptureQueriesContext(connection) as captured:
            rendering.render_html(kind, specialty_id, None)
        return len(captured)

    before = {
        kind: queries(kind, specialty)
        for kind, specialty in [
            (Kind.SPECIALTY_REPORT, cast.specialty.pk),
            (Kind.STATUS, cast.specialty.pk),
            (Kind.PROGRAMME_REPORT, None),
        ]
    }
    action = Action.objects.first()
    assert action is not None
    for number in range(3):
        action.pk = None
        action.title = f"Kopi {number}"
        action.save()
    after = {
        kind: queries(kind, specialty)
        for kind, specialty in [
            (Kind.SPECIALTY_REPORT, cast.specialty.pk),
            (Kind.STATUS, cast.specialty.pk),
            (Kind.PROGRAMME_REPORT, None),
        ]
    }
    assert after == before
    # And the programme report reads every specialty's figures at once
    # (queries.programme_figures): another specialty costs no query.
    Specialty.objects.create(name="IM: Ekstra", slug="im-ekstra")
    assert queries(Kind.PROGRAMME_REPORT, None) == before[Kind.PROGRAMME_REPORT]
