"""The e-mail of a new comment, to each person told of it who wants comment e-mails.

Each message goes to one person, in Danish (like the workflow's e-mails in
``ambitions.strategic.notifications``), and links to the comment in its thread.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ambitions.strategic.notifications import DEFAULT_SITE_URL, EMAIL_LANGUAGE
from conversations.models import Comment, Notification


def send_comment(*, comment: Comment) -> int:
    """Queue the comment's e-mails in the outbox (``bass.outbox``), one per person told of it
    who wants comment e-mails and may still read it, in the comment's own transaction; each
    notification records when its e-mail was queued. Returns the number queued."""
    pending = list(
        Notification.objects.filter(
            comment=comment,
            emailed_at__isnull=True,
            recipient__comment_emails=True,
        )
        .still_readable()
        .exclude(recipient__email="")
        .select_related("recipient")
        .order_by("pk")
    )
    if not pending:
        return 0
    site_url = getattr(settings, "SITE_URL", DEFAULT_SITE_URL).rstrip("/")
    link = f"{site_url}{comment.get_absolute_url()}"
    with translation.override(EMAIL_LANGUAGE):
        subject = _("%(specialty)s: new comment on “%(about)s”") % {
            "specialty": comment.specialty.name,
            "about": comment.about,
        }
        subject = " ".join(subject.split())  # a header holds no line break
        messages = [
            EmailMessage(
                subject=subject,
                body=render_to_string(
                    "conversations/email/comment.txt",
                    {"comment": comment, "recipient": n.recipient, "link": link},
                ),
                to=[n.recipient.email],
            )
            for n in pending
        ]
    with get_connection(fail_silently=False) as connection:
        connection.send_messages(messages)
    Notification.objects.filter(pk__in=[n.pk for n in pending]).update(emailed_at=timezone.now())
    return len(messages)
