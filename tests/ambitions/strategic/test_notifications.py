"""E-mail notifications: who gets them, what they say, and when they go.

A submission goes to the steering group; a decision to the specialty's owner and
implementation leads. The messages are written into the outbox in the workflow change's
own transaction and delivered once it commits (``bass.outbox``; its retries are tested in
tests/test_outbox.py). The new sentences are not translated yet, so the assertions look at
what does not depend on the catalogue: names, numbers, dates, addresses and the remark.
"""

import datetime as dt
import re
from collections.abc import Iterator
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core import mail
from django.db import transaction
from post_office.models import STATUS, Email
from pytest_django import DjangoCaptureOnCommitCallbacks, Settings

from ambitions.models import (
    AmbitionVersion,
    ApprovalCondition,
    Status,
    StrategicAmbition,
    Transition,
)
from ambitions.strategic import notifications, services
from config.celery import app
from people.models import ProgrammeRole, User
from specialties.models import Membership
from tests.conftest import Cast, delivered
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
    assert _recipients(delivered()) == sorted(u.email for u in steering_group)
    assert _one_person_each(delivered())
    assert {m.from_email for m in delivered()} == {settings.DEFAULT_FROM_EMAIL}


def test_the_submission_mail_names_the_specialty_and_version_and_links_to_the_ambition(
    cast: Cast, version: AmbitionVersion, mailoutbox: list[mail.EmailMessage]
) -> None:
    notifications.send_submitted(version=version)
    (message,) = delivered()
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
    assert delivered() == []


# Decided → the owner and implementation leads


@pytest.mark.usefixtures("steering_group")
def test_a_decision_is_mailed_to_the_owner_and_the_implementation_leads_only(
    approval: Transition, leads: list[User], mailoutbox: list[mail.EmailMessage]
) -> None:
    """Not the core team, the steering group, the secretariat or another specialty's owner,
    nor a lead who is inactive or has no address."""
    assert notifications.send_decided(transition=approval) == 3
    assert _recipients(delivered()) == sorted(u.email for u in leads)
    assert _one_person_each(delivered())


def test_an_approval_mail_carries_the_remark_and_the_conditions_with_danish_deadlines(
    approval: Transition, mailoutbox: list[mail.EmailMessage]
) -> None:
    notifications.send_decided(transition=approval)
    message = delivered()[0]
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
    # Queued first, sent first (settings.POST_OFFICE["SENDING_ORDER"]).
    returned_mail, approved_mail = delivered()[0], delivered()[2]
    assert [m.subject for m in delivered()].count(returned_mail.subject) == 2
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
    assert _recipients(delivered()) == sorted([cast.owner.email, cast.lead.email])


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
    assert delivered() == []


# When they go


def test_the_submission_s_e_mails_are_queued_with_it_and_go_once_it_commits(
    cast: Cast,
    ambition: StrategicAmbition,
    steering_group: list[User],
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    """Submitting writes the steering group's e-mails into the outbox in its transaction;
    they are delivered once it commits, not before."""
    StrategicAmbition.objects.filter(pk=ambition.pk).update(status=Status.DRAFT)
    ambition.refresh_from_db()
    with (
        mock.patch.object(services, "_missing_for_submission", return_value=[]),
        django_capture_on_commit_callbacks(execute=True) as callbacks,
    ):
        with transaction.atomic():
            services.ambition_submit(ambition=ambition, by=cast.owner)
            queued = sorted(e.to[0] for e in Email.objects.all())
            assert queued == sorted(u.email for u in steering_group)
            assert mail.outbox == []
        assert mail.outbox == []
    assert callbacks  # the kick after commit
    assert _recipients(mail.outbox) == sorted(u.email for u in steering_group)
    assert set(Email.objects.values_list("status", flat=True)) == {STATUS.sent}


def test_nothing_is_queued_or_sent_when_the_transaction_rolls_back(
    version: AmbitionVersion,
    approval: Transition,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    def decide_then_fail() -> None:
        with transaction.atomic():
            notifications.send_submitted(version=version)
            notifications.send_decided(transition=approval)
            raise RuntimeError("the decision failed")

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
    ):
        decide_then_fail()
    assert callbacks == []
    assert not Email.objects.exists()
    assert mail.outbox == []
