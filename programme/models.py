"""The programme's own records: its plan (which phase each specialty is in, and when) and
its own strategic ambition, which the secretariat writes and versions.

Specialties go through the programme one at a time, so the plan is a list of dated phases
per specialty; the phase a specialty is in today is the latest one that has started.
The programme's strategic ambition has the five parts of a specialty's (the programme's
"Strategisk ambition" is the
real one) but none of the specialty workflow: the secretariat edits the parts and saves
the whole as a numbered version, frozen as JSON.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from ambitions.models import PartKind
from bass.editing import EditableText
from specialties.models import Specialty


class Phase(models.TextChoices):
    """A specialty's phase in the programme, in the order a specialty goes through them."""

    NOT_STARTED = "not_started", pgettext_lazy("programme phase", "Not started")
    ANALYSIS = "analysis", pgettext_lazy("programme phase", "Analysis")
    STRATEGIC_AMBITION = (
        "strategic_ambition",
        pgettext_lazy("programme phase", "Strategic ambition"),
    )
    PROFESSIONAL_AMBITION = (
        "professional_ambition",
        pgettext_lazy("programme phase", "Professional ambition"),
    )
    IMPLEMENTATION = "implementation", pgettext_lazy("programme phase", "Implementation")
    ANCHORING = "anchoring", pgettext_lazy("programme phase", "Anchoring")


PHASE_ORDER = {phase: i for i, phase in enumerate(Phase)}


class PlannedPhase(models.Model):
    """One phase of one specialty in the programme plan, with its dates."""

    specialty = models.ForeignKey(
        Specialty,
        on_delete=models.CASCADE,
        related_name="planned_phases",
        verbose_name=_("specialty"),
    )
    phase = models.CharField(_("phase"), max_length=30, choices=Phase.choices)
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("phase in the programme plan")
        verbose_name_plural = _("programme plan")
        ordering = ["specialty", "starts_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["specialty", "phase"], name="one_plan_entry_per_phase"),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="phase_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.specialty}: {self.get_phase_display()}"


def current_phase(phases: Iterable[PlannedPhase], today: datetime.date) -> PlannedPhase | None:
    """The phase a specialty is in today: the latest of its phases that has started."""
    started = [p for p in phases if p.starts_on <= today]
    return max(started, key=lambda p: (p.starts_on, PHASE_ORDER[Phase(p.phase)]), default=None)


# What each part asks of the programme (the guide's hints are written for a specialty, which
# the programme is not): the programme's own "Strategisk ambition" looks across specialties.
PROGRAMME_PART_GUIDANCE = {
    PartKind.SITUATION: _(
        "Where the programme and the region's hospitals stand today – e.g. the specialties' "
        "strength positions, staff capacity and wellbeing, waiting lists and the stop-gaps in "
        "use."
    ),
    PartKind.CHALLENGES: _(
        "The most pressing challenges across the specialties, each seen from several perspectives."
    ),
    PartKind.AMBITION: _(
        "Based on the core challenges: the programme's long-term aim for sustainable acute "
        "hospitals and specialties."
    ),
    PartKind.PREREQUISITES: _(
        "The resources, decisions and structural frames the programme needs for the ambition "
        "to be realised."
    ),
    PartKind.INTERVENTION_AREAS: _(
        "The ambition turned into a few overarching themes that the specialties' ambitions "
        "build on."
    ),
}


class ProgrammePart(EditableText):
    """One of the five parts of the programme's own strategic ambition (Markdown text)."""

    kind = models.CharField(_("part"), max_length=40, choices=PartKind.choices, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    text = models.TextField(_("text"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("part of the programme's strategic ambition")
        verbose_name_plural = _("parts of the programme's strategic ambition")
        ordering = ["order"]

    def __str__(self) -> str:
        return str(self.get_kind_display())

    @property
    def guidance(self) -> str:
        return str(PROGRAMME_PART_GUIDANCE[PartKind(self.kind)])

    @property
    def anchor(self) -> str:
        return f"programme-part-{self.kind}"


class ProgrammeVersion(models.Model):
    """A saved version of the programme's strategic ambition: ``content`` is written once."""

    number = models.PositiveIntegerField(_("version"), unique=True)
    content = models.JSONField(_("content"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    saved_at = models.DateTimeField(_("saved"), default=timezone.now)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("version of the programme's strategic ambition")
        verbose_name_plural = _("versions of the programme's strategic ambition")
        ordering = ["-number"]

    def __str__(self) -> str:
        return f"v{self.number}"


class SecretariatContact(models.Model):
    """Whom a person without a role in the programme contacts to be given one: the
    secretariat's name and e-mail, kept by the secretariat in the app. One row (``pk=1``);
    until it is written, the home page only says to ask the secretariat."""

    SINGLETON = 1

    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"))
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("updated by"),
    )

    class Meta:
        verbose_name = _("the secretariat's contact")
        verbose_name_plural = _("the secretariat's contact")

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>"
