"""E-mail notifications of the strategic-ambition workflow.

A submission tells the steering group that a version awaits its decision; a decision tells
the specialty's owner and implementation leads whether it was approved (and on which
conditions) or returned (and why). The workflow's services call these functions inside the
transaction of the change: the messages are rows of the outbox (``bass.outbox``), so a change
that rolls back sends nothing and one that commits has its e-mails whatever the broker or
the mail server does; the worker delivers and retries them.

Each message goes to one person, so no one sees the others' addresses. The e-mails are in
Danish whatever language the triggering request used, because they are read later, outside
the app, by people who may never have chosen a language.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from ambitions.models import AmbitionVersion, Status, StrategicAmbition, Transition
from people.models import ProgrammeRole, User

EMAIL_LANGUAGE = "da"
DEFAULT_SITE_URL = "http://127.0.0.1:8000"


def ambition_link(ambition: StrategicAmbition) -> str:
    """The ambition's page as an absolute address, for a reader outside the app."""
    site_url = getattr(settings, "SITE_URL", DEFAULT_SITE_URL).rstrip("/")
    return f"{site_url}{ambition.get_absolute_url()}"


def send_submitted(*, version: AmbitionVersion) -> int:
    """Tell every active steering-group member with an address that ``version`` awaits
    a decision. Returns the number of messages queued."""
    ambition = version.ambition
    recipients = (
        User.objects.filter(is_active=True, programme_role=ProgrammeRole.STEERING_GROUP)
        .exclude(email="")
        .order_by("pk")
    )
    with translation.override(EMAIL_LANGUAGE):
        subject = _(
            "%(specialty)s: version %(number)s of the strategic ambition awaits your decision"
        ) % {"specialty": ambition.specialty.name, "number": version.number}
        context = {
            "specialty": ambition.specialty,
            "version": version,
            "link": ambition_link(ambition),
        }
        messages = [
            _message(subject, "ambitions/email/submitted.txt", context, user) for user in recipients
        ]
    return _send(messages)


def send_decided(*, transition: Transition) -> int:
    """Tell the specialty's active owner and implementation leads with an address that the
    steering group approved or returned the ambition. Returns the number of messages queued.

    Reads the specialty's memberships and the version's conditions through ``.all()``, so a
    caller that prefetched them pays no further queries.
    """
    if transition.to_status not in (Status.APPROVED, Status.RETURNED):
        raise ValueError(f"transition {transition.pk} to {transition.to_status!r} is no decision")
    ambition = transition.ambition
    specialty = ambition.specialty
    version = transition.version
    approved = transition.to_status == Status.APPROVED
    conditions = list(version.conditions.all()) if approved and version is not None else []

    people = [specialty.owner, *specialty.implementation_leads]
    recipients = {m.user.pk: m.user for m in people if m is not None}
    with translation.override(EMAIL_LANGUAGE):
        values = {
            "specialty": specialty.name,
            "number": version.number if version is not None else ambition.working_version,
        }
        if approved:
            subject = _("%(specialty)s: version %(number)s of the strategic ambition is approved")
        else:
            subject = _("%(specialty)s: version %(number)s of the strategic ambition is returned")
        context = {
            "specialty": specialty,
            "number": values["number"],
            "approved": approved,
            "transition": transition,
            "conditions": conditions,
            "link": ambition_link(ambition),
        }
        messages = [
            _message(subject % values, "ambitions/email/decided.txt", context, user)
            for user in _reachable(recipients.values())
        ]
    return _send(messages)


def _reachable(users: Iterable[User]) -> list[User]:
    return [user for user in users if user.is_active and user.email]


def _message(subject: str, template: str, context: dict[str, Any], recipient: User) -> EmailMessage:
    body = render_to_string(template, {**context, "recipient": recipient})
    # A header cannot hold a line break; a specialty name is one line, but be sure.
    subject = " ".join(subject.split())
    return EmailMessage(subject=subject, body=body, to=[recipient.email])


def _send(messages: list[EmailMessage]) -> int:
    """Queue the messages (one per person) in the outbox."""
    if not messages:
        return 0
    with get_connection(fail_silently=False) as connection:
        connection.send_messages(messages)
    return len(messages)
