"""The dilemma register of a specialty (issue 28, item 2).

The guides name the handling of dilemmas (where the three sustainability perspectives pull
apart) as a main task of owners and implementation leads. A dilemma is written down with
how each perspective sees it, the BASS principles at stake, the options, and once decided,
the decision with who decided and when; it is linked to the challenges and actions it
touches. The register belongs to the specialty, not to a version of the strategic ambition:
a dilemma is decided while the work goes on.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ambitions.models.professional import Action
from ambitions.models.strategic import Principle
from bass.editing import EditableText
from specialties.models import Specialty
from sustainability.models import Challenge, Perspective


class Dilemma(EditableText):
    specialty = models.ForeignKey(
        Specialty, on_delete=models.CASCADE, related_name="dilemmas", verbose_name=_("specialty")
    )
    title = models.CharField(_("dilemma"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    # How each perspective sees it, by the perspective's code (the reference data's codes
    # are stable; a perspective added later simply has no text yet).
    views = models.JSONField(_("how the perspectives see it"), default=dict, blank=True)
    principles = models.ManyToManyField(
        Principle, blank=True, related_name="+", verbose_name=_("principles at stake")
    )
    options = models.TextField(_("options"), blank=True)
    decision = models.TextField(_("decision"), blank=True)
    decided_by = models.CharField(_("decided by"), max_length=200, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    challenges = models.ManyToManyField(
        Challenge, blank=True, related_name="dilemmas", verbose_name=_("challenges it touches")
    )
    actions = models.ManyToManyField(
        Action, blank=True, related_name="dilemmas", verbose_name=_("actions it touches")
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    history = HistoricalRecords(m2m_fields=[principles, challenges, actions])

    class Meta:
        verbose_name = _("dilemma")
        verbose_name_plural = _("dilemmas")
        ordering = ["specialty", "created_at", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_decided(self) -> bool:
        return bool(self.decision.strip())

    def views_by(self, perspectives: list[Perspective]) -> list[tuple[Perspective, str]]:
        """Each perspective with its text (empty when not written), in the perspectives' order."""
        return [(p, str(self.views.get(p.code, ""))) for p in perspectives]
