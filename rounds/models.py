"""Status rounds (statusrunder) and the reminders' sent-log.

The secretariat opens a ``StatusRound`` for all or some specialties: everyone responsible
for a status row, an action or an indicator of those specialties then updates it before the
round's deadline. Closing the round freezes each specialty's figures as a ``RoundSnapshot``
(JSON, made by ``rounds.queries.specialty_snapshot`` from the one function that computes
every figure, ``ambitions.professional.queries.programme_figures``), so the round's page
and its programme report read the same frozen numbers for ever, and "siden sidste runde"
compares today with them.

``ReminderDigest`` and ``ReminderItem`` are the reminders' sent-log: one digest per person
and day at most, and each item (a milestone, a status row of a round, a condition, in one
phase of its deadline) once only; both held by unique constraints, so two beat runs cannot
send twice.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from specialties.models import Specialty


class StatusRound(models.Model):
    """A round in which status is collected across specialties, for a period."""

    name = models.CharField(_("name"), max_length=200)
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    deadline = models.DateField(_("deadline"))
    specialties = models.ManyToManyField(
        Specialty, related_name="status_rounds", verbose_name=_("specialties")
    )
    opened_at = models.DateTimeField(_("opened"), default=timezone.now)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("status round")
        verbose_name_plural = _("status rounds")
        ordering = ["-opened_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")), name="round_period_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    def days_left(self, today: datetime.date) -> int:
        return (self.deadline - today).days


class RoundSnapshot(models.Model):
    """One specialty's figures as they stood when the round closed (see the module)."""

    # A closed round's figures are history (issue 25, item 11): deleting the specialty or the
    # round would change what the round's page and report showed, so neither takes them along.
    round = models.ForeignKey(StatusRound, on_delete=models.PROTECT, related_name="snapshots")
    specialty = models.ForeignKey(
        Specialty, on_delete=models.PROTECT, related_name="round_snapshots"
    )
    figures = models.JSONField(_("figures"))
    taken_on = models.DateField(_("date"))

    class Meta:
        verbose_name = _("status round snapshot")
        verbose_name_plural = _("status round snapshots")
        ordering = ["round", "specialty__name"]
        constraints = [
            models.UniqueConstraint(fields=["round", "specialty"], name="one_snapshot_per_round")
        ]

    def __str__(self) -> str:
        return f"{self.round}: {self.specialty}"


class ReminderDigest(models.Model):
    """A reminder e-mail sent to a person: at most one a day."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_digests"
    )
    sent_on = models.DateField(_("sent"))
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        verbose_name = _("reminder e-mail")
        verbose_name_plural = _("reminder e-mails")
        ordering = ["-sent_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "sent_on"], name="one_digest_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.sent_on}"


class ReminderItem(models.Model):
    """One thing a digest reminded of, by its key (kind, id, deadline and phase)."""

    digest = models.ForeignKey(ReminderDigest, on_delete=models.CASCADE, related_name="items")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(_("item"), max_length=120)

    class Meta:
        verbose_name = _("reminded item")
        verbose_name_plural = _("reminded items")
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="each_item_reminded_once")
        ]

    def __str__(self) -> str:
        return self.key
