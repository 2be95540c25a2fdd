"""Improvement tools (seed 001: driver diagrams, improvement models and PDSA processes) that
belong to the professional ambition they serve.

- ``Driver`` and ``ChangeIdea``: the driver diagram of an intervention area's framework. Its
  aim is the framework's outcome goals; primary drivers (no parent) carry secondary drivers,
  and secondary drivers carry the change ideas, each tested by one or more actions.
- ``PDSACycle``: Plan, Do, Study, Act on an action, one stage after the other.
- ``RunChartBaseline``: the period whose median is the centre line of an indicator's run
  chart (``improvement.runchart``), fixed by the team; without one, all points count.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ambitions.models import Action, AreaFramework, ProgressIndicator
from bass.editing import EditableText


class Driver(models.Model):
    """A primary driver (no parent) or a secondary driver (under a primary one)."""

    framework = models.ForeignKey(AreaFramework, on_delete=models.CASCADE, related_name="drivers")
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="secondary_drivers",
        verbose_name=_("primary driver"),
    )
    text = models.CharField(_("driver"), max_length=300)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("driver")
        verbose_name_plural = _("drivers")
        ordering = ["framework", "created_at", "pk"]

    def __str__(self) -> str:
        return self.text

    @property
    def is_primary(self) -> bool:
        return self.parent_id is None


class ChangeIdea(models.Model):
    """A change idea under a secondary driver, and the actions that test it."""

    driver = models.ForeignKey(
        Driver,
        on_delete=models.CASCADE,
        related_name="change_ideas",
        verbose_name=_("secondary driver"),
    )
    text = models.CharField(_("change idea"), max_length=300)
    actions = models.ManyToManyField(
        Action, blank=True, related_name="change_ideas", verbose_name=_("actions that test it")
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    history = HistoricalRecords(m2m_fields=[actions])

    class Meta:
        verbose_name = _("change idea")
        verbose_name_plural = _("change ideas")
        ordering = ["driver", "created_at", "pk"]

    def __str__(self) -> str:
        return self.text


class ActDecision(models.TextChoices):
    ADOPT = "adopt", _("Adopt")
    ADAPT = "adapt", _("Adapt")
    ABANDON = "abandon", _("Abandon")


class PDSAStage(models.TextChoices):
    PLAN = "plan", _("Plan")
    DO = "do", _("Do")
    STUDY = "study", _("Study")
    ACT = "act", _("Act")


STAGE_ORDER = [PDSAStage.PLAN, PDSAStage.DO, PDSAStage.STUDY, PDSAStage.ACT]


class PDSACycle(EditableText):
    """One Plan-Do-Study-Act cycle of an action; each stage is written after the one before."""

    Stage = PDSAStage
    Decision = ActDecision

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="pdsa_cycles")
    number = models.PositiveSmallIntegerField(_("cycle"))
    # Plan: what, who, when, and the prediction.
    plan = models.TextField(_("what we will try"))
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="pdsa_cycles",
        verbose_name=_("who"),
    )
    starts_on = models.DateField(_("start"))
    study_on = models.DateField(_("study on"))
    prediction = models.TextField(_("prediction"))
    # Do, Study, Act.
    do = models.TextField(_("what happened"), blank=True)
    study = models.TextField(_("result against the prediction"), blank=True)
    decision = models.CharField(
        _("decision"), max_length=10, choices=ActDecision.choices, blank=True
    )
    next_cycle = models.TextField(_("next cycle"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("PDSA cycle")
        verbose_name_plural = _("PDSA cycles")
        ordering = ["action", "number"]
        constraints = [
            models.UniqueConstraint(fields=["action", "number"], name="one_number_per_cycle"),
            models.CheckConstraint(
                condition=Q(study_on__gte=models.F("starts_on")), name="pdsa_study_after_start"
            ),
            # In order: Study needs Do, Act needs Study.
            models.CheckConstraint(condition=Q(study="") | ~Q(do=""), name="pdsa_study_after_do"),
            models.CheckConstraint(
                condition=Q(decision="") | ~Q(study=""), name="pdsa_act_after_study"
            ),
        ]

    def __str__(self) -> str:
        return f"PDSA {self.number}: {self.plan[:40]}"

    @property
    def stage(self) -> str:
        """The stage the cycle is in: the first one not written yet ("done" after Act)."""
        if not self.do:
            return PDSAStage.DO
        if not self.study:
            return PDSAStage.STUDY
        if not self.decision:
            return PDSAStage.ACT
        return "done"

    def reached(self, stage: str) -> bool:
        """Whether ``stage`` may be written: every stage before it is."""
        if self.stage == "done":
            return True
        return STAGE_ORDER.index(PDSAStage(stage)) <= STAGE_ORDER.index(PDSAStage(self.stage))

    def study_due(self, today: object) -> bool:
        return bool(self.do) and not self.study and self.study_on <= today  # type: ignore[operator]


class RunChartBaseline(models.Model):
    """The baseline period of an indicator's run chart: measurements up to ``until``."""

    indicator = models.OneToOneField(
        ProgressIndicator, on_delete=models.CASCADE, related_name="run_chart_baseline"
    )
    until = models.DateField(_("baseline period ends"))
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    set_at = models.DateTimeField(_("set"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("baseline period")
        verbose_name_plural = _("baseline periods")

    def __str__(self) -> str:
        return f"{self.indicator}: {self.until}"
