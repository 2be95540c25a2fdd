"""E-mail notifications: who gets them, what they say, and how the tasks deliver them.

A submission goes to the steering group; a decision to the specialty's owner and
implementation leads. The tasks run after the workflow change commits, and retry when the
mail server fails. The new sentences are not translated yet, so the assertions look at
what does not depend on the catalogue: names, numbers, dates, addresses and the remark.
"""

import datetime as dt
import os
import re
import smtplib
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from celery.exceptions import Retry
from django.conf import settings
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.db import transaction
from pytest_django import DjangoAssertNumQueries, DjangoCaptureOnCommitCallbacks, Settings

from ambitions.models import (
    AmbitionVersion,
    ApprovalCondition,
    Status,
    StrategicAmbition,
    Transition,
)
from ambitions.strategic import notifications
from ambitions.tasks import enqueue_decided, enqueue_submitted, notify_decided, notify_submitted
from config.celery import app
from people.models import ProgrammeRole, User
from specialties.models import Membership
from tests.conftest import Cast
from tests.factories import MembershipFactory, UserFactory

SITE_URL = "https://bass.example.org"
LINK = f"{SITE_URL}/specialer/im-testkardiologi/strategisk-ambition/"
CPH = ZoneInfo("Europe/Copenhagen")


@pytest.fixture(autouse=True)
def _site_url(settings: Settings) -> None:
    settings.SITE_URL = SITE_URL


@pytest.fixture(autouse=True)
def _eager_tasks() -> Iterator[None]:
    """Run tasks in-process even where REDIS_URL (CI) points Celery at a real broker."""
    before = app.conf.task_always_eager, app.conf.task_eager_propagates
    app.conf.task_always_eager = app.conf.task_eager_propagates = True
    try:
        yield
    finally:
        app.conf.task_always_eager, app.conf.task_eager_propagates = before


@pytest.fixture
def steering_group(cast: Cast) -> list[User]:
    """Two steering-group members who should get mail, and two who cannot."""
    second = UserFactory(username="steering2", programme_role=ProgrammeRole.STEERING_GROUP)
    UserFactory(
        username="steering_gone", programme_role=ProgrammeRole.STEERING_GROUP, is_active=False
    )
    UserFactory(username="steering_no_mail", programme_role=ProgrammeRole.STEERING_GROUP, email="")
    return [cast.steering, second]


@pytest.fixture
def leads(cast: Cast) -> list[User]:
    """The owner and two implementation leads who should get mail, and two who cannot."""
    second = UserFactory(username="lead2", first_name="Lars", last_name="Leder")
    gone = UserFactory(username="lead_gone", is_active=False)
    no_mail = UserFactory(username="lead_no_mail", email="")
    for user in (second, gone, no_mail):
        MembershipFactory(
            specialty=cast.specialty, user=user, role=Membership.Role.IMPLEMENTATION_LEAD
        )
    return [cast.owner, cast.lead, second]


@pytest.fixture
def ambition(cast: Cast) -> StrategicAmbition:
    return StrategicAmbition.objects.create(specialty=cast.specialty)


@pytest.fixture
def version(cast: Cast, ambition: StrategicAmbition) -> AmbitionVersion:
    StrategicAmbition.objects.filter(pk=ambition.pk).update(status=Status.SUBMITTED)
    return AmbitionVersion.objects.create(
        ambition=ambition,
        number=7,
        content={},
        submitted_by=cast.owner,
        submitted_at=dt.datetime(2026, 3, 2, 10, 0, tzinfo=CPH),
    )


def _decide(cast: Cast, version: AmbitionVersion, to_status: str, remark: str) -> Transition:
    return Transition.objects.create(
        ambition=version.ambition,
        version=version,
        from_status=Status.SUBMITTED,
        to_status=to_status,
        by=cast.steering,
        remark=remark,
    )


@pytest.fixture
def approval(cast: Cast, version: AmbitionVersion) -> Transition:
    ApprovalCondition.objects.create(
        version=version,
        text="Kerneteamet dækker Slagelse",
        deadline=dt.date(2026, 3, 1),
        responsible=cast.lead,
    )
    ApprovalCondition.objects.create(
        version=version,
        text="Indsatsområde 3 får en tidsplan",
        deadline=dt.date(2026, 10, 15),
        responsible=cast.owner,
    )
    return _decide(cast, version, Status.APPROVED, "Flot arbejde – med to betingelser.")


def _recipients(outbox: list[mail.EmailMessage]) -> list[str]:
    return sorted(address for message in outbox for address in message.to)


def _one_person_each(outbox: list[mail.EmailMessage]) -> bool:
    return all(len(m.to) == 1 and not m.cc and not m.bcc for m in outbox)


# Submitted → the steering group


@pytest.mark.usefixtures("leads")
def test_a_submission_is_mailed_to_each_active_steering_group_member_with_an_address(
    version: AmbitionVersion, steering_group: list[User], mailoutbox: list[mail.EmailMessage]
) -> None:
    """Not the secretariat, the owner, the leads or core team, nor anyone inactive or
    without an address; and one message per person, so nobody sees the others' addresses."""
    assert notifications.send_submitted(version=version) == 2
    assert _recipients(mailoutbox) == sorted(u.email for u in steering_group)
    assert _one_person_each(mailoutbox)
    assert {m.from_email for m in mailoutbox} == {settings.DEFAULT_FROM_EMAIL}


def test_the_submission_mail_names_the_specialty_and_version_and_links_to_the_ambition(
    cast: Cast, version: AmbitionVersion, mailoutbox: list[mail.EmailMessage]
) -> None:
    notifications.send_submitted(version=version)
    (message,) = mailoutbox
    assert "IM: Testkardiologi" in message.subject
    assert re.search(r"\b7\b", message.subject)
    assert "\n" not in message.subject
    assert "IM: Testkardiologi" in message.body
    assert re.search(r"\b7\b", message.body)
    assert "Ole Ejer" in message.body
    assert "2. marts 2026" in message.body  # Danish date format
    assert LINK in message.body
    assert SITE_URL + version.ambition.get_absolute_url() == LINK
    # Plain text: nothing HTML-escaped.
    assert "&amp;" not in message.body
    assert "&#x27;" not in message.body


def test_no_steering_group_means_no_mail(
    cast: Cast, version: AmbitionVersion, mailoutbox: list[mail.EmailMessage]
) -> None:
    User.objects.filter(pk=cast.steering.pk).update(is_active=False)
    assert notifications.send_submitted(version=version) == 0
    assert mailoutbox == []


# Decided → the owner and implementation leads


@pytest.mark.usefixtures("steering_group")
def test_a_decision_is_mailed_to_the_owner_and_the_implementation_leads_only(
    approval: Transition, leads: list[User], mailoutbox: list[mail.EmailMessage]
) -> None:
    """Not the core team, the steering group, the secretariat or another specialty's owner,
    nor a lead who is inactive or has no address."""
    assert notifications.send_decided(transition=approval) == 3
    assert _recipients(mailoutbox) == sorted(u.email for u in leads)
    assert _one_person_each(mailoutbox)


def test_an_approval_mail_carries_the_remark_and_the_conditions_with_danish_deadlines(
    approval: Transition, mailoutbox: list[mail.EmailMessage]
) -> None:
    notifications.send_decided(transition=approval)
    message = mailoutbox[0]
    assert "IM: Testkardiologi" in message.subject
    assert re.search(r"\b7\b", message.subject)
    assert "Flot arbejde – med to betingelser." in message.body
    assert "Kerneteamet dækker Slagelse" in message.body
    assert "1. marts 2026" in message.body
    assert "Lise Leder" in message.body
    assert "Indsatsområde 3 får en tidsplan" in message.body
    assert "15. oktober 2026" in message.body
    assert "Ole Ejer" in message.body
    assert LINK in message.body
    # Earliest deadline first.
    assert message.body.index("1. marts 2026") < message.body.index("15. oktober 2026")


def test_a_return_mail_carries_the_remark_and_reads_unlike_an_approval(
    cast: Cast, version: AmbitionVersion, mailoutbox: list[mail.EmailMessage]
) -> None:
    remark = "Kerneudfordringerne mangler patientperspektivet; se 'Situation' igen."
    returned = _decide(cast, version, Status.RETURNED, remark)
    approved = _decide(cast, version, Status.APPROVED, "")
    assert notifications.send_decided(transition=returned) == 2
    assert notifications.send_decided(transition=approved) == 2
    returned_mail, approved_mail = mailoutbox[0], mailoutbox[2]
    assert "IM: Testkardiologi" in returned_mail.subject
    assert remark in returned_mail.body  # verbatim: plain text is not HTML-escaped
    assert LINK in returned_mail.body
    assert returned_mail.subject != approved_mail.subject
    assert remark not in approved_mail.body


def test_someone_who_is_both_owner_and_lead_gets_one_message(
    cast: Cast, approval: Transition, mailoutbox: list[mail.EmailMessage]
) -> None:
    MembershipFactory(
        specialty=cast.specialty, user=cast.owner, role=Membership.Role.IMPLEMENTATION_LEAD
    )
    assert notifications.send_decided(transition=approval) == 2
    assert _recipients(mailoutbox) == sorted([cast.owner.email, cast.lead.email])


def test_a_transition_that_is_no_decision_is_refused(
    cast: Cast, version: AmbitionVersion, mailoutbox: list[mail.EmailMessage]
) -> None:
    submission = Transition.objects.create(
        ambition=version.ambition,
        version=version,
        from_status=Status.DRAFT,
        to_status=Status.SUBMITTED,
        by=cast.owner,
    )
    with pytest.raises(ValueError, match="no decision"):
        notifications.send_decided(transition=submission)
    assert mailoutbox == []


# The tasks


def test_the_tasks_are_json_friendly_retrying_and_time_limited() -> None:
    for task in (notify_submitted, notify_decided):
        assert set(task.autoretry_for) >= {smtplib.SMTPException, ConnectionError, OSError}
        assert task.retry_backoff is True
        assert task.max_retries == 5
        assert task.acks_late is True
        assert task.soft_time_limit == 30
        assert task.time_limit == 60


def test_the_worker_discovers_the_tasks() -> None:
    """A worker imports each installed app's tasks module; this process already has."""
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from config.celery import app; "
            "app.loader.import_default_modules(); print(sorted(app.tasks))",
        ],
        cwd=Path(settings.BASE_DIR),
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert "ambitions.tasks.notify_submitted" in out.stdout
    assert "ambitions.tasks.notify_decided" in out.stdout


@pytest.mark.usefixtures("steering_group")
def test_the_submission_task_runs_eagerly_in_few_queries(
    version: AmbitionVersion,
    mailoutbox: list[mail.EmailMessage],
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    with django_assert_num_queries(2):
        assert notify_submitted.delay(version.pk).get(timeout=5) == 2
    assert len(mailoutbox) == 2


@pytest.mark.usefixtures("leads")
def test_the_decision_task_reads_people_and_conditions_in_fixed_queries(
    approval: Transition,
    mailoutbox: list[mail.EmailMessage],
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    # The transition with its ambition, specialty and version; the memberships with their
    # users; the conditions with their responsible person. However many there are.
    with django_assert_num_queries(3):
        assert notify_decided.delay(approval.pk).get(timeout=5) == 3
    assert "15. oktober 2026" in mailoutbox[0].body


def test_enqueue_submitted_sends_only_once_the_transaction_commits(
    version: AmbitionVersion,
    mailoutbox: list[mail.EmailMessage],
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with transaction.atomic():
            enqueue_submitted(version)
            assert mailoutbox == []
        assert mailoutbox == []
    assert len(callbacks) == 1
    assert _recipients(mailoutbox) == ["steering@example.org"]


def test_enqueue_decided_sends_only_once_the_transaction_commits(
    approval: Transition,
    mailoutbox: list[mail.EmailMessage],
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        enqueue_decided(approval)
        assert mailoutbox == []
    assert len(callbacks) == 1
    assert _recipients(mailoutbox) == ["lead@example.org", "owner@example.org"]


def test_nothing_is_sent_when_the_transaction_rolls_back(
    version: AmbitionVersion,
    approval: Transition,
    mailoutbox: list[mail.EmailMessage],
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    def decide_then_fail() -> None:
        with transaction.atomic():
            enqueue_submitted(version)
            enqueue_decided(approval)
            raise RuntimeError("the decision failed")

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
    ):
        decide_then_fail()
    assert callbacks == []
    assert mailoutbox == []


def test_a_task_whose_object_is_gone_sends_nothing_and_does_not_fail(
    version: AmbitionVersion,
    approval: Transition,
    mailoutbox: list[mail.EmailMessage],
    caplog: pytest.LogCaptureFixture,
) -> None:
    version_id, transition_id = version.pk, approval.pk
    approval.delete()
    version.ambition.delete()
    assert notify_submitted.delay(version_id).get(timeout=5) == 0
    assert notify_decided.delay(transition_id).get(timeout=5) == 0
    assert mailoutbox == []
    assert f"Version {version_id} no longer exists" in caplog.text
    assert f"Transition {transition_id} no longer exists" in caplog.text


@pytest.fixture
def _worker_like_retries() -> None:
    """Let an eager task retry as a worker would, instead of raising the first failure.

    With ``task_eager_propagates`` (the project's setting, so that errors show up in
    development) an eager task raises its first ``Retry``; without it, Celery re-runs the
    task in-process at once, skipping the back-off pause, so these tests stay deterministic.
    """
    app.conf.task_eager_propagates = False  # _eager_tasks restores it


class FlakyBackend(EmailBackend):
    """The test outbox behind a mail server that drops the first connection."""

    failures = 0

    def send_messages(self, messages: list[mail.EmailMessage]) -> int:  # type: ignore[override]
        if FlakyBackend.failures:
            FlakyBackend.failures -= 1
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)


@pytest.mark.usefixtures("steering_group", "_worker_like_retries")
def test_a_failing_mail_server_is_retried_until_the_mail_goes_out(
    version: AmbitionVersion, mailoutbox: list[mail.EmailMessage], settings: Settings
) -> None:
    settings.EMAIL_BACKEND = f"{__name__}.FlakyBackend"
    FlakyBackend.failures = 1
    result = notify_submitted.apply(args=[version.pk])
    assert result.successful()
    assert result.get() == 2
    assert FlakyBackend.failures == 0
    assert len(mailoutbox) == 2


@pytest.mark.usefixtures("_worker_like_retries")
def test_a_send_that_fails_once_succeeds_on_the_retry(version: AmbitionVersion) -> None:
    with mock.patch.object(
        notifications, "send_submitted", side_effect=[smtplib.SMTPException("busy"), 4]
    ) as send:
        result = notify_submitted.apply(args=[version.pk])
    assert result.successful()
    assert result.get() == 4
    assert send.call_count == 2
    assert send.call_args.kwargs["version"].pk == version.pk


@pytest.mark.usefixtures("_worker_like_retries")
def test_the_task_gives_up_after_five_retries(version: AmbitionVersion) -> None:
    with mock.patch.object(
        notifications, "send_submitted", side_effect=smtplib.SMTPException("refused")
    ) as send:
        result = notify_submitted.apply(args=[version.pk])
    assert result.failed()
    assert isinstance(result.result, smtplib.SMTPException)
    assert send.call_count == 1 + 5


def test_in_development_a_failing_send_surfaces_at_once(version: AmbitionVersion) -> None:
    """Eager tasks propagate errors (the project's setting): the retry shows, not hides."""
    with (
        mock.patch.object(
            notifications, "send_submitted", side_effect=smtplib.SMTPException("refused")
        ),
        pytest.raises(Retry),
    ):
        notify_submitted.apply(args=[version.pk])


class RefusesSecondOnce(EmailBackend):
    """The test outbox behind a mail server that takes the first message of the first
    connection and refuses the second one with a temporary error."""

    refusals = 0
    seen = 0

    def send_messages(self, messages: list[mail.EmailMessage]) -> int:  # type: ignore[override]
        sent = 0
        for message in messages:  # as the SMTP backend does: one after the other
            RefusesSecondOnce.seen += 1
            if RefusesSecondOnce.seen == 2 and RefusesSecondOnce.refusals:
                RefusesSecondOnce.refusals -= 1
                raise smtplib.SMTPDataError(451, b"4.3.0 try again later")
            sent += super().send_messages([message])
        return sent


@pytest.mark.usefixtures("steering_group", "_worker_like_retries")
def test_a_retry_after_a_partly_sent_batch_writes_only_to_the_others(
    version: AmbitionVersion, mailoutbox: list[mail.EmailMessage], settings: Settings
) -> None:
    """Before: the retry sent the whole batch again, and the first person got it twice."""
    settings.EMAIL_BACKEND = f"{__name__}.RefusesSecondOnce"
    RefusesSecondOnce.refusals, RefusesSecondOnce.seen = 1, 0
    result = notify_submitted.apply(args=[version.pk])
    assert result.successful()
    assert RefusesSecondOnce.refusals == 0
    recipients = sorted(address for message in mailoutbox for address in message.to)
    assert len(recipients) == 2
    assert len(set(recipients)) == 2
