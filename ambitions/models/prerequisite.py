"""A specialty's prerequisites as followed-up items (issue 28, item 3).

The guide "Hvad er en faglig ambition?" asks what must be in place ("skal være på plads")
for the ambition to be realised: resources, decisions, structural frames. The strategic
ambition's part "Forudsætninger" stays the free-text introduction; each prerequisite is an
item of the specialty with a responsible person, a deadline and a state, followed up in the
status rounds and Mine opgaver. Like the dilemma register it belongs to the specialty, not
to a version: a prerequisite is brought in place while versions are decided.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from bass.editing import EditableText
from specialties.models import Specialty

# Mine opgaver shows a prerequisite that is not in place from this many days before its
# deadline (the same horizon as milestones and conditions there).
DUE_WITHIN_DAYS = 14


class PrerequisiteState(models.TextChoices):
    # The seed's words: a prerequisite is what "skal være på plads".
    NOT_STARTED = "not_started", pgettext_lazy("prerequisite state", "Not started")
    IN_PROGRESS = "in_progress", pgettext_lazy("prerequisite state", "In progress")
    IN_PLACE = "in_place", pgettext_lazy("prerequisite state", "In place")
    ABANDONED = "abandoned", pgettext_lazy("prerequisite state", "Abandoned")


# Still to be brought in place: followed up until it is in place or given up.
OPEN_STATES = (PrerequisiteState.NOT_STARTED, PrerequisiteState.IN_PROGRESS)


class PrerequisiteQuerySet(models.QuerySet["Prerequisite"]):
    def open(self) -> PrerequisiteQuerySet:
        """Not in place yet, and not given up."""
        return self.filter(state__in=OPEN_STATES)

    def late(self, today: datetime.date) -> PrerequisiteQuerySet:
        return self.open().filter(deadline__lt=today)


class Prerequisite(EditableText):
    specialty = models.ForeignKey(
        Specialty,
        on_delete=models.CASCADE,
        related_name="prerequisites",
        verbose_name=_("specialty"),
    )
    title = models.CharField(_("prerequisite"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="prerequisites",
        verbose_name=_("responsible"),
    )
    deadline = models.DateField(_("deadline"))
    state = models.CharField(
        _("state"),
        max_length=20,
        choices=PrerequisiteState.choices,
        default=PrerequisiteState.NOT_STARTED,
    )
    # The dated remark of the last change of state; the history keeps the earlier ones.
    state_remark = models.TextField(_("remark on the state"), blank=True)
    state_changed_at = models.DateTimeField(_("state changed"), null=True, blank=True)
    state_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("state changed by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    history = HistoricalRecords()

    objects = PrerequisiteQuerySet.as_manager()

    class Meta:
        verbose_name = _("prerequisite")
        verbose_name_plural = _("prerequisites")
        ordering = ["specialty", "deadline", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    def is_late(self, today: datetime.date | None = None) -> bool:
        """Not in place (nor given up) and its deadline has passed."""
        return self.is_open and self.deadline < (today or timezone.localdate())
