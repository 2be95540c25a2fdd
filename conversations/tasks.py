"""Background work of the conversations: the e-mail of a new comment.

The task takes the comment's id and sends one message per notification whose person wants
comment e-mails (``User.comment_emails``). It is queued once the comment has committed, so a
worker never looks for a row that is not there yet, and a rolled-back comment sends nothing.
Each notification records when its e-mail went, so a retry after an SMTP error sends only
those that did not go.
"""

from __future__ import annotations

import logging

from django.db import transaction

from bass.mail_tasks import mail_task
from conversations import notifications
from conversations.models import Comment

logger = logging.getLogger(__name__)


@mail_task()
def notify_comment(comment_id: int) -> int:
    """E-mail the people told of a new comment who want it. Returns the messages sent."""
    comment = (
        Comment.objects.select_related("author", "specialty", "framework", "action")
        .filter(pk=comment_id)
        .first()
    )
    if comment is None:
        logger.warning("Comment %s no longer exists; no e-mail sent", comment_id)
        return 0
    return notifications.send_comment(comment=comment)


def enqueue_comment_emails(comment: Comment) -> None:
    """Queue the comment's e-mails for when the current transaction commits."""
    comment_id = comment.pk
    # robust: the comment is committed by then; a broker that is down is logged rather than
    # turned into an error page for a comment that was written.
    transaction.on_commit(lambda: notify_comment.delay(comment_id), robust=True)
