"""The durable outbox (issue 23, item 2; bass/outbox.py): every e-mail is a row written with
the change that causes it, delivered after commit, tried again with growing pauses for more
than a day, read by the secretariat in the admin, and its text forgotten once it is sent.
"""

from __future__ import annotations

import datetime
import mailbox
import os
import smtplib
from typing import Any, ClassVar
from unittest import mock

import pytest
from django.conf import settings
from django.core import mail
from django.core.mail import send_mail
from django.core.mail.backends.locmem import EmailBackend
from django.db import connection, connections, transaction
from django.urls import reverse
from django.utils import timezone
from post_office.models import STATUS, Email, Log
from pytest_django import DjangoCaptureOnCommitCallbacks, Settings

from bass import outbox
from tests.conftest import Cast, require_service

pytestmark = pytest.mark.django_db


class Refusing(EmailBackend):
    """The test mailbox behind a mail server that refuses while ``refusals`` lasts."""

    refusals: ClassVar[int] = 0

    def send_messages(self, messages: Any) -> int:
        if Refusing.refusals:
            Refusing.refusals -= 1
            raise smtplib.SMTPServerDisconnected("421 4.3.2 Service not available")
        return super().send_messages(messages)


@pytest.fixture
def refusing(settings: Settings) -> type[Refusing]:
    settings.POST_OFFICE = {**settings.POST_OFFICE, "BACKENDS": {"default": f"{__name__}.Refusing"}}
    Refusing.refusals = 0
    return Refusing


def _queue(*addresses: str) -> None:
    for address in addresses:
        send_mail("Emne", "Et link: https://bass.example.org/engang/", None, [address])


def _make_due() -> None:
    Email.objects.exclude(status=STATUS.sent).update(scheduled_time=timezone.now())


def test_the_pauses_grow_and_the_tries_last_more_than_a_day() -> None:
    assert [outbox.retry_delay(n).total_seconds() / 60 for n in range(1, 9)] == [
        1,
        2,
        4,
        8,
        16,
        32,
        64,
        120,
    ]
    assert outbox.retry_delay(30) == datetime.timedelta(hours=2)
    tries = settings.POST_OFFICE["MAX_RETRIES"]
    total = sum((outbox.retry_delay(n) for n in range(1, tries + 1)), datetime.timedelta())
    assert total > datetime.timedelta(days=1)


def test_an_e_mail_is_a_row_until_the_change_commits(
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with transaction.atomic():
            _queue("a@example.org")
            assert Email.objects.get().status == STATUS.queued
            assert mail.outbox == []
        assert mail.outbox == []
    assert len(callbacks) == 1
    assert [m.to for m in mail.outbox] == [["a@example.org"]]
    assert Email.objects.get().status == STATUS.sent


def test_a_change_that_rolls_back_writes_and_sends_nothing(
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    def change_then_fail() -> None:
        with transaction.atomic():
            _queue("a@example.org")
            raise RuntimeError("the change failed")

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
    ):
        change_then_fail()
    assert callbacks == []
    assert not Email.objects.exists()
    assert mail.outbox == []


def test_a_broker_that_is_down_at_commit_loses_nothing(
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The kick cannot reach the broker: the change stands, the e-mail waits in the outbox,
    and the next run (beat's, every minute) delivers it."""
    with (
        mock.patch.object(outbox.send_outbox, "delay", side_effect=ConnectionError("no Redis")),
        django_capture_on_commit_callbacks(execute=True),
        transaction.atomic(),
    ):
        _queue("a@example.org")
    assert mail.outbox == []
    assert Email.objects.get().status == STATUS.queued
    assert "no Redis" in caplog.text
    assert outbox.send_outbox() == 1
    assert [m.to for m in mail.outbox] == [["a@example.org"]]


def test_a_refusing_mail_server_delays_the_mail_with_growing_pauses_and_nobody_gets_it_twice(
    refusing: type[Refusing],
) -> None:
    _queue("a@example.org", "b@example.org")
    refusing.refusals = 100
    for tries in (1, 2, 3):
        before = timezone.now()
        assert outbox.send_outbox() == 0
        for email in Email.objects.all():
            assert email.status == STATUS.requeued
            assert email.number_of_retries == tries
            pause = email.scheduled_time - email.last_updated
            assert pause == outbox.retry_delay(tries)
            assert email.scheduled_time > before
        assert outbox.send_outbox() == 0  # not due yet: nothing tried
        _make_due()
    reasons = set(Log.objects.filter(status=STATUS.failed).values_list("message", flat=True))
    assert reasons == {"421 4.3.2 Service not available"}

    refusing.refusals = 0
    assert outbox.send_outbox() == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.org", "b@example.org"]
    _make_due()
    assert outbox.send_outbox() == 0
    assert len(mail.outbox) == 2


def test_a_message_refused_past_the_last_try_is_given_up_and_can_be_sent_again(
    refusing: type[Refusing], cast: Cast
) -> None:
    _queue("a@example.org")
    Email.objects.update(number_of_retries=settings.POST_OFFICE["MAX_RETRIES"])
    refusing.refusals = 1
    assert outbox.send_outbox() == 0
    failed = Email.objects.get()
    assert failed.status == STATUS.failed
    assert "engang" in failed.message  # kept, to be sent again

    # The secretariat sends it again from the admin once the mail server is mended.
    client = cast.client_for(cast.secretariat)
    response = client.post(
        reverse("admin:post_office_email_changelist"),
        {"action": "send_again", "_selected_action": [failed.pk]},
    )
    assert response.status_code == 302
    assert outbox.send_outbox() == 1
    assert [m.to for m in mail.outbox] == [["a@example.org"]]


def test_the_text_of_a_sent_message_is_forgotten() -> None:
    """A one-time link (an invitation, a password reset) does not outlive its sending in the
    database or its backups; recipient, subject and state stay."""
    _queue("a@example.org")
    assert outbox.send_outbox() == 1
    sent = Email.objects.get()
    assert (sent.message, sent.html_message) == ("", "")
    assert (sent.to, sent.subject, sent.status) == (["a@example.org"], "Emne", STATUS.sent)
    assert "engang" in mail.outbox[0].body


def test_old_records_are_cleaned_up() -> None:
    _queue("old@example.org", "new@example.org")
    Email.objects.filter(to="old@example.org").update(
        created=timezone.now() - outbox.KEEP - datetime.timedelta(days=1)
    )
    assert outbox.clean_outbox() == 1
    assert list(Email.objects.values_list("to", flat=True)) == [["new@example.org"]]


def test_the_secretariat_reads_the_outbox_but_never_a_message_s_text(cast: Cast) -> None:
    _queue("a@example.org")
    email = Email.objects.get()
    client = cast.client_for(cast.secretariat)
    listing = client.get(reverse("admin:post_office_email_changelist"))
    assert listing.status_code == 200
    assert "a@example.org" in listing.text
    detail = client.get(reverse("admin:post_office_email_change", args=[email.pk]))
    assert detail.status_code == 200
    assert "Emne" in detail.text
    assert "engang" not in detail.text  # the one-time link stays out of sight
    assert "Udbakke" in listing.text  # the app's Danish name
    for url in (
        reverse("admin:post_office_email_changelist"),
        reverse("admin:post_office_email_change", args=[email.pk]),
    ):
        assert cast.client_for(cast.owner).get(url).status_code == 302  # to the admin log-in
        assert cast.client_for(cast.steering).get(url).status_code == 302


def test_one_sender_at_a_time_across_machines() -> None:
    """On PostgreSQL the run holds an advisory lock: while another machine's run holds it,
    this one sends nothing (so nobody gets a message twice)."""
    require_service(connection.vendor == "postgresql", "PostgreSQL (DATABASE_URL)")
    _queue("a@example.org")
    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [outbox.LOCK_KEY])
        assert outbox.send_outbox() == 0
        assert mail.outbox == []
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [outbox.LOCK_KEY])
        assert outbox.send_outbox() == 1
    finally:
        other.close()


def test_delivery_through_a_real_smtp_server(settings: Settings) -> None:
    """Through Django's SMTP backend to the SMTP server .ci/run starts (aiosmtpd, keeping a
    Maildir): the message arrives once, with its subject, recipient and text."""
    host, port = os.environ.get("SMTP_TEST_HOST"), os.environ.get("SMTP_TEST_PORT")
    maildir = os.environ.get("SMTP_TEST_MAILDIR")
    require_service(bool(host and port and maildir), "an SMTP server (SMTP_TEST_HOST)")
    assert host
    assert port
    assert maildir
    settings.POST_OFFICE = {
        **settings.POST_OFFICE,
        "BACKENDS": {"default": "django.core.mail.backends.smtp.EmailBackend"},
    }
    settings.EMAIL_HOST, settings.EMAIL_PORT = host, int(port)
    settings.EMAIL_USE_TLS = False
    address = f"outbox-{timezone.now().timestamp()}@example.org"
    _queue(address)
    assert outbox.send_outbox() == 1
    box = mailbox.Maildir(maildir, create=False)
    arrived = [m for m in box if m["To"] == address]
    assert len(arrived) == 1
    assert arrived[0]["Subject"] == "Emne"
    assert "engang" in arrived[0].get_payload(decode=True).decode()
    assert Email.objects.get().status == STATUS.sent
