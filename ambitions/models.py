"""Ambitions: the strategic ambition of each specialty and the BASS principles.

The strategic ambition's parts, challenges and workflow build on this model; here it
carries the state every specialty list shows.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from specialties.models import Specialty


class Principle(models.Model):
    """A BASS principle (seed 003): nærhed, populationsansvar, styrkepositioner.

    Every action of a professional ambition must be traceable to at least one of them.
    """

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100, unique=True)
    description = models.TextField(_("description"))
    in_professional_ambition = models.TextField(
        _("in the professional ambition"),
        help_text=_("What the principle asks of the actions of a professional ambition."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("BASS principle")
        verbose_name_plural = _("BASS principles")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class StrategicAmbition(models.Model):
    """A specialty's strategic ambition (strategisk ambition)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        APPROVED = "approved", _("Approved")
        RETURNED = "returned", _("Returned")

    specialty = models.OneToOneField(
        Specialty,
        on_delete=models.CASCADE,
        related_name="strategic_ambition",
        verbose_name=_("specialty"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("strategic ambition")
        verbose_name_plural = _("strategic ambitions")

    def __str__(self) -> str:
        return f"{self.specialty}: {self.get_status_display()}"
