"""Writing in a thread, and reading one's notifications."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from conversations import notifications, queries
from conversations.access import Thread
from conversations.models import Comment, Notification, Topic
from people.models import User


def comment_add(*, thread: Thread, by: User, text: str, parent: Comment | None = None) -> Comment:
    """Write a comment (or, with ``parent``, a reply) and tell the people of the thing: a
    notification in the app for each, and an e-mail (queued in the same transaction, sent by
    the outbox) to those who want one."""
    with transaction.atomic():
        comment = Comment.objects.create(
            specialty=thread.specialty,
            topic=thread.topic,
            framework=None if thread.topic == Topic.ACTION else thread.framework,
            action=thread.action,
            parent=parent,
            author=by,
            text=text,
        )
        Notification.objects.bulk_create(
            Notification(recipient=person, comment=comment, created_at=comment.created_at)
            for person in queries.people_to_notify(thread, author=by)
        )
        notifications.send_comment(comment=comment)
    return comment


def notifications_read(*, user: User, up_to: int) -> int:
    """Mark the person's unread notifications up to ``up_to`` (the newest one they were
    shown) as read; a newer one stays unread. Returns how many were marked."""
    with transaction.atomic():
        return (
            Notification.objects.filter(recipient=user, pk__lte=up_to)
            .unread()
            .update(read_at=timezone.now())
        )
