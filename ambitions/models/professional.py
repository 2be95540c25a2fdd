"""The professional ambition (faglig ambition, the guide "Hvad er en faglig ambition?"): how the
approved strategy is done.

Its three documents are:

- "Rammer for indsatsområdet" (``AreaFramework``), one per strategic intervention area of
  the approved strategic ambition: purpose, outcome goals, actors, its focus areas, and the
  core team chosen for it. The same record carries the area's row in "Status og fremdrift"
  (anchoring, who drives progress, deadline and timeline, dated status comments).
- "Konkretisering af handlinger", one per focus area (``InterventionFocusArea``): the
  concrete ``Action`` records with milestones, progress indicators and their measurements,
  an assessment per sustainability perspective and the BASS principles behind them.
- "Status og fremdrift", one per specialty: the frameworks' status rows, with what can be
  computed computed (see ``ambitions.progress``).
"""

from __future__ import annotations

from collections.abc import Sequence

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from ambitions.models.strategic import AmbitionVersion, InterventionArea, Principle
from bass.editing import EditableText
from specialties.models import Membership, Site, Specialty
from sustainability.models import Challenge, Perspective


class ProfessionalAmbition(models.Model):
    """A specialty's professional ambition, opened from its approved strategic ambition."""

    specialty = models.OneToOneField(
        Specialty,
        on_delete=models.CASCADE,
        related_name="professional_ambition",
        verbose_name=_("specialty"),
    )
    based_on = models.ForeignKey(
        AmbitionVersion,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("based on version"),
    )
    opened_at = models.DateTimeField(_("opened"), default=timezone.now)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("professional ambition")
        verbose_name_plural = _("professional ambitions")

    def __str__(self) -> str:
        return str(self.specialty)


class Level(models.IntegerChoices):
    """A coarse scale for an actor's interest and influence (the actor map's two axes)."""

    LOW = 1, _("Low")
    MEDIUM = 2, _("Medium")
    HIGH = 3, _("High")


class AreaFramework(models.Model):
    """Rammer for indsatsområdet, and the area's row in Status og fremdrift."""

    ambition = models.ForeignKey(
        ProfessionalAmbition, on_delete=models.CASCADE, related_name="frameworks"
    )
    intervention_area = models.ForeignKey(
        InterventionArea,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="frameworks",
        verbose_name=_("strategic intervention area"),
    )
    title = models.CharField(_("strategic intervention area"), max_length=200)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    purpose = models.TextField(_("purpose"), blank=True)
    core_team = models.ManyToManyField(
        Membership, blank=True, related_name="frameworks", verbose_name=_("core team")
    )
    # Status og fremdrift
    anchoring = models.TextField(_("anchoring"), blank=True)
    progress_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responsible for progress"),
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    timeline = models.TextField(_("timeline"), blank=True)
    status_updated_at = models.DateTimeField(_("status updated"), null=True, blank=True)
    status_updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("status updated by"),
    )
    revision = models.PositiveIntegerField(_("revision"), default=0)
    history = HistoricalRecords(m2m_fields=[core_team])

    class Meta:
        verbose_name = _("framework for the intervention area")
        verbose_name_plural = _("frameworks for the intervention areas")
        ordering = ["ambition", "order", "pk"]

    def __str__(self) -> str:
        return self.title


class OutcomeGoal(models.Model):
    """A measurable outcome goal (resultatmål) of a framework."""

    framework = models.ForeignKey(
        AreaFramework, on_delete=models.CASCADE, related_name="outcome_goals"
    )
    description = models.TextField(_("outcome goal"))
    indicator = models.CharField(_("indicator"), max_length=200)
    unit = models.CharField(_("unit"), max_length=40)
    baseline = models.DecimalField(_("baseline"), max_digits=12, decimal_places=2)
    target = models.DecimalField(_("target"), max_digits=12, decimal_places=2)
    target_date = models.DateField(_("target date"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("outcome goal")
        verbose_name_plural = _("outcome goals")
        ordering = ["framework", "target_date", "pk"]

    def __str__(self) -> str:
        return self.indicator


class Actor(models.Model):
    """An actor in the framework's actor landscape (aktørlandskab)."""

    framework = models.ForeignKey(AreaFramework, on_delete=models.CASCADE, related_name="actors")
    name = models.CharField(_("actor"), max_length=200)
    role = models.CharField(_("role"), max_length=300, blank=True)
    interest = models.PositiveSmallIntegerField(_("interest"), choices=Level.choices)
    influence = models.PositiveSmallIntegerField(_("influence"), choices=Level.choices)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("actor")
        verbose_name_plural = _("actors")
        ordering = ["framework", "-influence", "-interest", "name"]

    def __str__(self) -> str:
        return self.name


class InterventionFocusArea(models.Model):
    """A focus area (fokusområde) of a framework; each gets its "Konkretisering af handlinger"."""

    framework = models.ForeignKey(
        AreaFramework, on_delete=models.CASCADE, related_name="focus_areas"
    )
    title = models.CharField(_("focus area"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("focus area of the intervention area")
        verbose_name_plural = _("focus areas of the intervention areas")
        ordering = ["framework", "order", "pk"]

    def __str__(self) -> str:
        return self.title


class ActionStatus(models.TextChoices):
    # "Not started" is also a strategic ambition's state and a programme phase; all three are
    # "Ikke startet" in Danish, one word for one thing (issue 29), but each keeps its context.
    NOT_STARTED = "not_started", pgettext_lazy("action status", "Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DELAYED = "delayed", _("Delayed")
    COMPLETED = "completed", _("Completed")
    STOPPED = "stopped", _("Stopped")


class Action(EditableText):
    """A concrete action (handling) of a focus area."""

    Status = ActionStatus

    focus_area = models.ForeignKey(
        InterventionFocusArea,
        on_delete=models.CASCADE,
        related_name="actions",
        verbose_name=_("focus area"),
    )
    title = models.CharField(_("action"), max_length=200)
    purpose = models.TextField(_("purpose"))
    resource_hours = models.DecimalField(
        _("hours"), max_digits=10, decimal_places=1, null=True, blank=True
    )
    resource_fte = models.DecimalField(
        _("FTE"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    resource_dkk = models.DecimalField(
        _("DKK"), max_digits=12, decimal_places=0, null=True, blank=True
    )
    resource_text = models.TextField(_("expected resource use"), blank=True)
    success_criteria = models.TextField(_("success criteria"), blank=True)
    process_goals = models.TextField(_("process goals"), blank=True)
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="responsible_actions",
        verbose_name=_("responsible"),
    )
    contributors = models.TextField(_("who else does what"), blank=True)
    start_date = models.DateField(_("start"))
    end_date = models.DateField(_("end"))
    status = models.CharField(
        _("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.NOT_STARTED
    )
    challenges = models.ManyToManyField(
        Challenge, blank=True, related_name="actions", verbose_name=_("challenges it answers")
    )
    # The sites (matrikler) the action concerns (issue 26). None chosen means every site of
    # the specialty: an action for the whole specialty then stays right when the specialty
    # comes to a new site, and there is no flag that could contradict the list.
    sites = models.ManyToManyField(
        Site,
        blank=True,
        related_name="actions",
        verbose_name=_("sites it concerns"),
    )
    # Its words for Danish full-text search, kept by a PostgreSQL trigger on every insert
    # and update (migration ``search_vectors``); unused (NULL) on SQLite.
    search_vector = SearchVectorField(null=True, editable=False)
    history = HistoricalRecords(m2m_fields=[challenges, sites], excluded_fields=["search_vector"])

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["focus_area", "start_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")), name="action_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def concerned_sites(self, specialty_sites: Sequence[Site]) -> list[Site]:
        """The sites the action concerns: those chosen, or else all ``specialty_sites``
        (the specialty's, passed in so a list of actions costs no query per action; the
        action's own ``sites`` prefetched)."""
        return list(self.sites.all()) or list(specialty_sites)


def concerning_site(site_id: int) -> Q:
    """A filter of the actions that concern a site: those that name it, and those that name
    no site (every site of their specialty) of a specialty present there. Subqueries, not
    joins, so no action comes twice."""
    chosen = Action.sites.through.objects.filter(site_id=site_id).values("action_id")
    present = Specialty.sites.through.objects.filter(site_id=site_id).values("specialty_id")
    return Q(pk__in=chosen) | (
        ~Q(pk__in=Action.sites.through.objects.values("action_id"))
        & Q(focus_area__framework__ambition__specialty_id__in=present)
    )


class Milestone(models.Model):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("milestone"), max_length=200)
    due_date = models.DateField(_("date"))
    done_on = models.DateField(_("done"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["action", "due_date", "pk"]

    def __str__(self) -> str:
        return self.title


class ProgressIndicator(models.Model):
    """An indicator of progress (indikator for fremdrift) with a baseline and a target."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(_("indicator"), max_length=200)
    unit = models.CharField(_("unit"), max_length=40)
    baseline = models.DecimalField(_("baseline"), max_digits=12, decimal_places=2)
    target = models.DecimalField(_("target"), max_digits=12, decimal_places=2)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("progress indicator")
        verbose_name_plural = _("progress indicators")
        ordering = ["action", "pk"]

    def __str__(self) -> str:
        return self.name


class Measurement(models.Model):
    indicator = models.ForeignKey(
        ProgressIndicator, on_delete=models.CASCADE, related_name="measurements"
    )
    measured_on = models.DateField(_("date"))
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2)
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        ordering = ["indicator", "measured_on", "pk"]
        indexes = [
            # Each indicator's newest measurement up to a day, read by every figure that
            # says whether an indicator is on track: found without sorting its measurements.
            models.Index(
                fields=["indicator", "-measured_on", "-id"], name="measurement_newest_first"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value} ({self.measured_on})"


# An action's effect on each sustainability perspective, from clearly weakening to clearly
# strengthening; anything but 0 must be justified.
RATING_MIN, RATING_MAX = -2, 2


class PerspectiveAssessment(models.Model):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="assessments")
    perspective = models.ForeignKey(
        Perspective, on_delete=models.PROTECT, related_name="+", verbose_name=_("perspective")
    )
    rating = models.SmallIntegerField(_("rating"), default=0)
    justification = models.TextField(_("justification"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ["action", "perspective__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["action", "perspective"], name="one_assessment_per_perspective"
            ),
            models.CheckConstraint(
                condition=Q(rating__gte=RATING_MIN, rating__lte=RATING_MAX),
                name="assessment_rating_in_range",
            ),
            models.CheckConstraint(
                condition=Q(rating=0) | ~Q(justification=""),
                name="assessment_justified_unless_zero",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.action}: {self.perspective} {self.rating:+d}"


class ActionPrinciple(models.Model):
    """A BASS principle an action is traced to, with why (the guide "Hvad er en faglig ambition?":
    part of the justification)."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="principles")
    principle = models.ForeignKey(
        Principle, on_delete=models.PROTECT, related_name="+", verbose_name=_("BASS principle")
    )
    justification = models.TextField(_("justification"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("principle of the action")
        verbose_name_plural = _("principles of the action")
        ordering = ["action", "principle__order"]
        constraints = [
            models.UniqueConstraint(fields=["action", "principle"], name="one_link_per_principle"),
            models.CheckConstraint(
                condition=~Q(justification=""), name="principle_link_is_justified"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.action}: {self.principle}"


class StatusComment(models.Model):
    """A dated comment on where the work of an intervention area stands."""

    framework = models.ForeignKey(
        AreaFramework, on_delete=models.CASCADE, related_name="status_comments"
    )
    text = models.TextField(_("status"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    written_at = models.DateTimeField(_("written"), default=timezone.now)

    class Meta:
        verbose_name = _("status comment")
        verbose_name_plural = _("status comments")
        ordering = ["framework", "-written_at", "-pk"]

    def __str__(self) -> str:
        return self.text[:60]
