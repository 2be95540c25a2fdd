"""Dependencies between specialties (issue 26, item 4).

A specialty's challenge or action often needs something another specialty gives: scanning
capacity from Radiologi, beds, a shared clinic. The owner or an implementation lead of the
asking specialty names the specialty it depends on, what it needs and by when; the owner or
a lead of that specialty answers: accepts (saying what they will do), declines (saying why)
or asks a question, which the asker answers by changing the dependency (it is open again).
Withdrawn dependencies stay, with their history, for the record.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ambitions.models.professional import Action
from specialties.models import Specialty
from sustainability.models import Challenge


class DependencyState(models.TextChoices):
    OPEN = "open", _("Awaiting answer")
    QUESTION = "question", _("Question asked")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# The states the asked specialty still has to answer in.
UNANSWERED = (DependencyState.OPEN,)
# The states the asker may still change the dependency in (a change reopens it).
CHANGEABLE = (DependencyState.OPEN, DependencyState.QUESTION, DependencyState.DECLINED)


class Dependency(models.Model):
    specialty = models.ForeignKey(
        Specialty,
        on_delete=models.CASCADE,
        related_name="dependencies",
        verbose_name=_("asking specialty"),
    )
    depends_on = models.ForeignKey(
        Specialty,
        on_delete=models.PROTECT,
        related_name="dependents",
        verbose_name=_("specialty depended on"),
    )
    # Exactly one of the two: what in the asking specialty's work depends on the other.
    challenge = models.ForeignKey(
        Challenge,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="dependencies",
        verbose_name=_("challenge"),
    )
    action = models.ForeignKey(
        Action,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="dependencies",
        verbose_name=_("action"),
    )
    need = models.CharField(_("what is needed"), max_length=300)
    needed_by = models.DateField(_("needed by"), null=True, blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=DependencyState.choices, default=DependencyState.OPEN
    )
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("dependency")
        verbose_name_plural = _("dependencies")
        ordering = ["needed_by", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(challenge__isnull=False) & Q(action__isnull=True))
                | (Q(challenge__isnull=True) & Q(action__isnull=False)),
                name="dependency_challenge_or_action",
            ),
            models.CheckConstraint(
                condition=~Q(specialty=models.F("depends_on")),
                name="dependency_on_another_specialty",
            ),
        ]
        indexes = [models.Index(fields=["depends_on", "state"])]

    def __str__(self) -> str:
        return f"{self.specialty} → {self.depends_on}: {self.need}"

    @property
    def subject(self) -> Challenge | Action:
        """The challenge or action that depends on the other specialty."""
        subject = self.challenge if self.challenge_id is not None else self.action
        assert subject is not None
        return subject

    @property
    def is_open(self) -> bool:
        return self.state == DependencyState.OPEN

    @property
    def is_changeable(self) -> bool:
        return self.state in CHANGEABLE
