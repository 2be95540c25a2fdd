"""The reminder digest, run for fixed days (``today`` and ``now`` are passed in): due soon,
overdue, never the same item twice, at most one e-mail a day, and each person's choice."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone
from post_office.models import STATUS, Email

from ambitions.models import (
    Action,
    ApprovalCondition,
    AreaFramework,
    Milestone,
    ProfessionalAmbition,
)
from ambitions.professional import services as professional_services
from people.models import ReminderFrequency
from rounds import reminders, services
from rounds.models import ReminderDigest, ReminderItem, StatusRound
from tests.conftest import Cast, delivered

pytestmark = pytest.mark.django_db


def _run(day: datetime.date) -> int:
    """The task's work for ``day``, at 07:00 that morning."""
    now = timezone.make_aware(datetime.datetime.combine(day, datetime.time(7)))
    return services.reminders_send(today=day, now=now)


def _reminders() -> list[Any]:
    """The reminder digests delivered (not the fixtures' workflow e-mails)."""
    return [m for m in delivered() if m.subject.endswith("venter på dig")]


def _mail_to(user: Any) -> list[Any]:
    return [m for m in _reminders() if m.to == [user.email]]


@pytest.fixture
def action(professional: ProfessionalAmbition) -> Action:
    """The core-team member's first action (late, with a milestone 20 days overdue)."""
    found = Action.objects.filter(focus_area__framework__ambition=professional).order_by("pk")
    return found.first()  # type: ignore[return-value]


def test_due_soon_and_overdue_milestones_come_in_one_digest(cast: Cast, action: Action) -> None:
    today = timezone.localdate()
    Milestone.objects.create(
        action=action, title="Skabelon i drift", due_date=today + datetime.timedelta(days=5)
    )
    Milestone.objects.create(
        action=action, title="Langt ude", due_date=today + datetime.timedelta(days=30)
    )
    Milestone.objects.create(
        action=action,
        title="Allerede nået",
        due_date=today + datetime.timedelta(days=2),
        done_on=today,
    )

    _run(today)

    [message] = _mail_to(cast.core)
    assert message.subject.startswith("BASS Ambitions:")
    assert "venter på dig" in message.subject
    assert "Skabelon i drift" in message.body  # due within 7 days
    assert "Skabelon godkendt" in message.body  # overdue (the fixture's)
    assert "overskredet" in message.body.lower()
    assert "Langt ude" not in message.body
    assert "Allerede nået" not in message.body
    assert "/mine-indstillinger/" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert "Skabelon i drift" in html
    assert ReminderDigest.objects.filter(user=cast.core, sent_on=today).count() == 1


def test_never_the_same_item_twice_and_one_email_a_day(cast: Cast, action: Action) -> None:
    today = timezone.localdate()
    soon = Milestone.objects.create(
        action=action, title="Om seks dage", due_date=today + datetime.timedelta(days=6)
    )
    _run(today)
    assert len(_mail_to(cast.core)) == 1

    # The same day again, even with something new: no second e-mail.
    Milestone.objects.create(
        action=action, title="Nyt i dag", due_date=today + datetime.timedelta(days=5)
    )
    _run(today)
    assert len(_mail_to(cast.core)) == 1

    # The next day: only what was not sent (the new one), not the old ones again.
    _run(today + datetime.timedelta(days=1))
    messages = _mail_to(cast.core)
    assert len(messages) == 2
    assert "Nyt i dag" in messages[1].body
    assert "Om seks dage" not in messages[1].body
    assert "Skabelon godkendt" not in messages[1].body

    # Nothing new on the third day: no e-mail at all.
    _run(today + datetime.timedelta(days=2))
    assert len(_mail_to(cast.core)) == 2

    # The last day before the deadline is a new phase: one more reminder of it, and once
    # it has passed, one last.
    _run(soon.due_date - datetime.timedelta(days=1))
    assert "Om seks dage" in _mail_to(cast.core)[-1].body
    _run(soon.due_date + datetime.timedelta(days=1))
    last = _mail_to(cast.core)[-1]
    assert "Om seks dage" in last.body
    assert "overskredet" in last.body.lower()
    count = len(_mail_to(cast.core))
    _run(soon.due_date + datetime.timedelta(days=2))
    assert len(_mail_to(cast.core)) == count
    keys = list(ReminderItem.objects.filter(user=cast.core).values_list("key", flat=True))
    assert len(keys) == len(set(keys))


def test_weekly_readers_get_one_digest_a_week(cast: Cast, action: Action) -> None:
    cast.core.reminder_frequency = ReminderFrequency.WEEKLY
    cast.core.save(update_fields=["reminder_frequency"])
    today = timezone.localdate()
    _run(today)
    assert len(_mail_to(cast.core)) == 1  # the first: nothing sent this week
    Milestone.objects.create(
        action=action, title="Næste uge", due_date=today + datetime.timedelta(days=7)
    )
    for day in range(1, 5):
        _run(today + datetime.timedelta(days=day))
    assert len(_mail_to(cast.core)) == 1
    # ... except the last reminder before a deadline.
    Milestone.objects.create(
        action=action, title="I morgen", due_date=today + datetime.timedelta(days=6)
    )
    _run(today + datetime.timedelta(days=5))
    messages = _mail_to(cast.core)
    assert len(messages) == 2
    assert "I morgen" in messages[1].body
    assert "Næste uge" not in messages[1].body
    # A week after the first, everything that waited.
    _run(today + datetime.timedelta(days=7))
    assert "Næste uge" in _mail_to(cast.core)[-1].body


def test_never_means_only_the_last_reminder(cast: Cast, action: Action) -> None:
    cast.core.reminder_frequency = ReminderFrequency.NEVER
    cast.core.save(update_fields=["reminder_frequency"])
    today = timezone.localdate()
    Milestone.objects.create(
        action=action, title="Om fire dage", due_date=today + datetime.timedelta(days=4)
    )
    _run(today)
    assert _mail_to(cast.core) == []  # neither the overdue nor the one due soon
    Milestone.objects.create(action=action, title="I dag", due_date=today)
    _run(today + datetime.timedelta(days=3))
    [message] = _mail_to(cast.core)
    assert "Om fire dage" in message.body
    assert "Skabelon godkendt" not in message.body


def test_conditions_near_their_deadline(cast: Cast, professional: ProfessionalAmbition) -> None:
    today = timezone.localdate()
    _run(today)
    [owner_mail] = _mail_to(cast.owner)
    assert "Økonomien afklares med direktionen" in owner_mail.body  # 10 days overdue
    assert "Vagtplanen forelægges styregruppen" not in owner_mail.body  # the lead's, in 30 days
    assert _mail_to(cast.lead) == []
    condition = ApprovalCondition.objects.get(text="Vagtplanen forelægges styregruppen")
    _run(condition.deadline - datetime.timedelta(days=7))
    assert "Vagtplanen forelægges styregruppen" in _mail_to(cast.lead)[-1].body


def test_rows_not_updated_in_an_open_round_as_its_deadline_nears(
    cast: Cast, professional: ProfessionalAmbition, open_round: Callable[..., StatusRound]
) -> None:
    today = timezone.localdate()
    round_ = open_round(
        "Forårsrunden", specialties=[cast.specialty], deadline=today + datetime.timedelta(days=20)
    )
    _run(today)
    assert _mail_to(cast.lead) == []  # the deadline is far
    first = AreaFramework.objects.filter(ambition=professional).order_by("order").first()
    assert first is not None
    professional_services.status_update(
        framework=first,
        by=cast.lead,
        base_revision=first.revision,
        anchoring=first.anchoring,
        progress_owner=first.progress_owner,
        deadline=first.deadline,
        timeline=first.timeline,
    )
    _run(round_.deadline - datetime.timedelta(days=5))
    [message] = _mail_to(cast.lead)
    assert "Forårsrunden" in message.body
    assert "Fælles vagtlag" in message.body  # not updated in the round
    assert "Ensartet visitation" not in message.body  # updated
    # A closed round reminds of nothing.
    services.round_close(round_=round_, by=cast.secretariat, today=today)
    assert all(
        i.kind != "round_row"
        for found in reminders.reminders_due(round_.deadline).values()
        for i in found
    )


def test_no_address_or_inactive_means_no_email(cast: Cast, action: Action) -> None:
    cast.core.email = ""
    cast.core.save(update_fields=["email"])
    cast.owner.is_active = False
    cast.owner.save(update_fields=["is_active"])
    _run(timezone.localdate())
    assert all(m.to not in ([""], [cast.owner.email]) for m in _reminders())
    assert not ReminderDigest.objects.filter(user__in=[cast.core, cast.owner]).exists()


def test_a_refused_email_waits_in_the_outbox_and_goes_later(
    cast: Cast, action: Action, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The digest is recorded with its e-mail in the outbox; a mail server that is down
    delays it (tried again later), it is never lost, and nobody gets a second digest."""

    def refuse(self: Any, messages: Any) -> int:
        raise OSError("the mail server is down")

    with monkeypatch.context() as patched:
        patched.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", refuse)
        assert _run(timezone.localdate()) >= 1
        assert _reminders() == []
    waiting = Email.objects.filter(subject__endswith="venter på dig")
    assert waiting.exists()
    assert set(waiting.values_list("status", flat=True)) == {STATUS.requeued}
    assert ReminderDigest.objects.exists()
    waiting.update(scheduled_time=timezone.now())  # the pause is over
    assert [m.to for m in _reminders()] == [[e.to[0]] for e in waiting.order_by("pk")]
    assert _run(timezone.localdate()) == 0  # today's digest is recorded: no second one


def test_the_reminders_take_a_fixed_number_of_queries(
    cast: Cast, action: Action, django_assert_max_num_queries: Any
) -> None:
    today = timezone.localdate()
    for n in range(10):
        Milestone.objects.create(
            action=action, title=f"M{n}", due_date=today + datetime.timedelta(days=n % 7)
        )
    with django_assert_max_num_queries(8):
        reminders.reminders_due(today)


def test_the_task_sends_todays_digests(cast: Cast, action: Action) -> None:
    """The task beat queues (run in-process here; tests/rounds/test_beat.py runs it for real)."""
    from rounds import tasks

    assert tasks.send_reminders.delay().get() >= 1
    assert len(_mail_to(cast.core)) == 1
    assert tasks.send_reminders.delay().get() == 0  # the same day: nothing again


def test_beat_runs_the_digest_every_morning() -> None:
    from celery.schedules import crontab
    from django.conf import settings

    entry = settings.CELERY_BEAT_SCHEDULE["reminder-digest"]
    assert entry["task"] == "rounds.tasks.send_reminders"
    assert entry["schedule"] == crontab(hour=7, minute=0)


def test_the_secretariat_reads_the_sent_log_in_the_admin(cast: Cast, action: Action) -> None:
    from django.urls import reverse

    _run(timezone.localdate())
    digest = ReminderDigest.objects.get(user=cast.core)
    client = cast.client_for(cast.secretariat)
    page = client.get(reverse("admin:rounds_reminderdigest_change", args=[digest.pk]))
    assert page.status_code == 200
    assert "milestone:" in page.text
    assert client.get(reverse("admin:rounds_reminderdigest_add")).status_code == 403
    assert (
        cast.client_for(cast.steering)
        .get(reverse("admin:rounds_reminderdigest_changelist"))
        .status_code
        == 302
    )  # the admin's log-in: not theirs
