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
    """Send the comment's e-mails that have not gone yet, one by one, recording each as it
    goes; an SMTP error propagates (the task retries) and leaves it and the rest for the
    retry. A worker killed between the claim and the send loses that one e-mail rather
    than ever sending one twice (the notification in the app is there either way)."""
    pending = (
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
    site_url = getattr(settings, "SITE_URL", DEFAULT_SITE_URL).rstrip("/")
    sent = 0
    with translation.override(EMAIL_LANGUAGE):
        subject = _("%(specialty)s: new comment on “%(about)s”") % {
            "specialty": comment.specialty.name,
            "about": comment.about,
        }
        subject = " ".join(subject.split())  # a header holds no line break
        with get_connection(fail_silently=False) as connection:
            for notification in pending:
                recipient = notification.recipient
                body = render_to_string(
                    "conversations/email/comment.txt",
                    {
                        "comment": comment,
                        "recipient": recipient,
                        "link": f"{site_url}{comment.get_absolute_url()}",
                    },
                )
                # Claim the notification before sending, so two runs of the task (a retry
                # and a redelivery) never both send it; give it back if the send fails.
                mine = Notification.objects.filter(pk=notification.pk, emailed_at__isnull=True)
                if not mine.update(emailed_at=timezone.now()):
                    continue
                try:
                    connection.send_messages(
                        [EmailMessage(subject=subject, body=body, to=[recipient.email])]
                    )
                except BaseException:
                    Notification.objects.filter(pk=notification.pk).update(emailed_at=None)
                    raise
                sent += 1
    return sent
