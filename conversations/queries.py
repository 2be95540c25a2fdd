"""What the conversation pages read: a thread's comments, who is told of a new comment, and
a person's notifications."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from ambitions import permissions as ambition_permissions
from conversations.access import Thread
from conversations.models import Comment, Notification, Topic
from people.models import User
from specialties.models import Membership

NOTIFICATIONS_PER_PAGE = 30


def thread_comments(thread: Thread) -> QuerySet[Comment]:
    """Every comment of the thread, replies included, oldest first."""
    if thread.action is not None:
        return Comment.objects.filter(topic=Topic.ACTION, action=thread.action)
    return Comment.objects.filter(topic=thread.topic, framework=thread.framework)


def thread(thread: Thread) -> list[Comment]:
    """The thread's comments that start a conversation, each with its replies (``replies``
    prefetched, oldest first): two queries, however long the thread."""
    return list(
        thread_comments(thread)
        .filter(parent__isnull=True)
        .select_related("author")
        .prefetch_related(
            Prefetch(
                "replies",
                queryset=Comment.objects.select_related("author").order_by("created_at", "pk"),
            )
        )
    )


def people_to_notify(thread: Thread, *, author: User) -> list[User]:
    """Who is told of a new comment in the thread: the specialty's owner and implementation
    leads; the core team of the framework (the specialty's core team while the framework
    has none chosen); for a status row the person responsible for its progress; for an
    action its responsible person; and everyone who wrote in the thread before. Never the
    author, and only active people who may still read the thread."""
    specialty = thread.specialty
    memberships = specialty.memberships.all()  # prefetched with their users
    ids: set[int] = {m.user_id for m in memberships if m.role in ("owner", "implementation_lead")}
    team = list(
        Membership.objects.filter(frameworks=thread.framework).values_list("user_id", flat=True)
    )
    ids.update(team or (m.user_id for m in memberships if m.role == "core_team"))
    if thread.topic == Topic.STATUS and thread.framework.progress_owner_id:
        ids.add(thread.framework.progress_owner_id)
    if thread.action is not None:
        ids.add(thread.action.responsible_id)
    ids.update(thread_comments(thread).values_list("author_id", flat=True))
    ids.discard(author.pk)
    people = User.objects.filter(pk__in=ids, is_active=True).order_by("pk")
    return [
        user for user in people if ambition_permissions.can_discuss_professional(user, specialty)
    ]


def notifications(user: User) -> QuerySet[Notification]:
    """The person's notifications, newest first, with what each page line shows."""
    return (
        Notification.objects.filter(recipient=user)
        .still_readable()
        .select_related(
            "comment__author",
            "comment__specialty",
            "comment__framework",
            "comment__action",
        )
    )


def unread_count(user: User) -> int:
    return Notification.objects.filter(recipient=user).unread().still_readable().count()
