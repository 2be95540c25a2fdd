"""People who use BASS Ambitions and their programme-wide roles.

Roles that belong to one specialty (owner, implementation lead, core team) live in
``specialties.models.Membership``; the two programme-wide roles live on the user.
"""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class ProgrammeRole(models.TextChoices):
    NONE = "", _("No programme role")
    STEERING_GROUP = "steering_group", _("BASS steering group")
    SECRETARIAT = "secretariat", _("BASS secretariat")


class ReminderFrequency(models.TextChoices):
    """How often a person gets the reminder digest (the deadline's last reminder always goes)."""

    DAILY = "daily", _("Daily, when there is something")
    WEEKLY = "weekly", _("Weekly")
    NEVER = "never", _("Never")


class User(AbstractUser):
    job_title = models.CharField(
        _("job title"),
        max_length=120,
        blank=True,
        help_text=_("E.g. vice director, chief physician"),
    )
    programme_role = models.CharField(
        _("programme role"), max_length=20, choices=ProgrammeRole.choices, blank=True, default=""
    )
    # The person's own choices for e-mail: the reminder digest and new comments.
    reminder_frequency = models.CharField(
        _("reminders by e-mail"),
        max_length=10,
        choices=ReminderFrequency.choices,
        default=ReminderFrequency.DAILY,
    )
    comment_emails = models.BooleanField(
        _("e-mail about new comments"),
        default=True,
        help_text=_("New comments are always shown in the app."),
    )
    # Who the person is at the single sign-on provider: Entra ID's `oid` (the same in every
    # app of the tenant), else the ID token's `sub`. A person is found by this alone, never by
    # name or e-mail, which change and can be reused (people/sso.py).
    sso_subject = models.CharField(
        _("work account ID"), max_length=255, unique=True, null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["first_name", "last_name"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def is_steering_group(self) -> bool:
        return self.programme_role == ProgrammeRole.STEERING_GROUP

    @property
    def is_secretariat(self) -> bool:
        return self.programme_role == ProgrammeRole.SECRETARIAT

    @property
    def may_edit_reference_data(self) -> bool:
        """Asked by the kernel's admin site (``bass.admin``), which knows no roles."""
        from people.permissions import can_edit_reference_data

        return can_edit_reference_data(self)
