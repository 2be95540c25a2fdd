"""Conversations where the work is (issue 13): comments on a framework, an action or a
status row of the professional ambition, with one level of replies, and the notifications a
new comment leaves for the people of that thing.

A comment points at what it is about with one foreign key per kind (a framework, or an
action); ``topic`` says which thread of the framework it belongs to, because a framework
carries two: "Rammer for indsatsområdet" and its row in "Status og fremdrift". The database
checks that the keys and the topic agree, so every thread is a plain, indexed filter.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ambitions.models import Action, AreaFramework
from people.models import ProgrammeRole
from specialties.models import Membership, Specialty


class Topic(models.TextChoices):
    FRAMEWORK = "framework", _("Framework for the intervention area")
    STATUS = "status", _("Status and progress")
    ACTION = "action", _("Action")


class Comment(models.Model):
    """A comment in one thread; a reply names the comment it answers (one level)."""

    specialty = models.ForeignKey(
        Specialty, on_delete=models.CASCADE, related_name="+", verbose_name=_("specialty")
    )
    topic = models.CharField(_("about"), max_length=20, choices=Topic.choices)
    framework = models.ForeignKey(
        AreaFramework,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="conversation",
        verbose_name=_("framework for the intervention area"),
    )
    action = models.ForeignKey(
        Action,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="conversation",
        verbose_name=_("action"),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name=_("reply to"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("author"),
    )
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("written"), default=timezone.now)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(
                fields=["topic", "framework", "created_at"], name="comment_framework_thread"
            ),
            models.Index(fields=["action", "created_at"], name="comment_action_thread"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(topic="action", action__isnull=False, framework__isnull=True)
                    | Q(
                        topic__in=["framework", "status"],
                        framework__isnull=False,
                        action__isnull=True,
                    )
                ),
                name="comment_about_one_thing",
            ),
            models.CheckConstraint(condition=~Q(text=""), name="comment_not_empty"),
        ]

    def __str__(self) -> str:
        return self.text[:60]

    def get_absolute_url(self) -> str:
        """The comment in its thread's own page."""
        pk = self.action_id if self.topic == Topic.ACTION else self.framework_id
        thread = reverse(
            f"conversations:{self.topic}_thread", kwargs={"slug": self.specialty.slug, "pk": pk}
        )
        return f"{thread}#comment-{self.pk}"

    @property
    def about(self) -> str:
        """The title of what the comment is about (its framework's or action's)."""
        thing = self.action if self.topic == Topic.ACTION else self.framework
        return str(thing)


class NotificationQuerySet(models.QuerySet["Notification"]):
    def unread(self) -> NotificationQuerySet:
        return self.filter(read_at__isnull=True)

    def still_readable(self) -> NotificationQuerySet:
        """The notifications whose recipient may still read the comment (the rule of
        ``permissions.can_discuss_professional``, in SQL): an active person who is the
        steering group, the secretariat or has a role in the comment's specialty. Someone
        removed from a specialty no longer reads its comments in the list nor gets them by
        e-mail (issue 25, item 8); the notification comes back if the role does."""
        member = Membership.objects.filter(
            user=OuterRef("recipient"), specialty=OuterRef("comment__specialty")
        )
        return self.filter(recipient__is_active=True).filter(
            Q(
                recipient__programme_role__in=[
                    ProgrammeRole.STEERING_GROUP,
                    ProgrammeRole.SECRETARIAT,
                ]
            )
            | Exists(member)
        )


class Notification(models.Model):
    """A new comment, for one person who should know of it."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    comment = models.ForeignKey(
        Comment, on_delete=models.CASCADE, related_name="notifications", verbose_name=_("comment")
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    # Set once the e-mail has gone, so a retried task never sends it twice.
    emailed_at = models.DateTimeField(_("e-mailed"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread")]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "comment"], name="one_notification_each")
        ]

    def __str__(self) -> str:
        return f"{self.recipient}: {self.comment}"
