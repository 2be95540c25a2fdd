"""Ambitions: a specialty's strategic ambition, its workflow and versions, and the BASS principles.

The strategic ambition (the guide "Hvad er en faglig ambition?") has five parts, each edited and
saved on its own. The owner
submits it; the steering group approves it (possibly with conditions) or returns it with a
remark. Every submission is frozen as an ``AmbitionVersion``; every transition is written to
the decision register (``Transition``). An approved version stays valid while a revision is
drafted.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition
from simple_history.models import HistoricalRecords

from bass.editing import EditableText
from specialties.models import Specialty
from sustainability.models import Perspective

# Seed 003: the strategic intervention areas are "nogle få" (a few).
MAX_INTERVENTION_AREAS = 5
# Long enough for a thorough part, short enough that a pasted document is caught.


class Principle(models.Model):
    """A BASS principle (the guide "Hvad er en faglig ambition?"): nærhed, populationsansvar,
    styrkepositioner.

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


class PartKind(models.TextChoices):
    """The five parts of a strategic ambition (the guide "Hvad er en faglig ambition?"), in the
    document's order."""

    SITUATION = "situationsbillede", _("Situation")
    CHALLENGES = "kerneudfordringer", _("Core challenges")
    AMBITION = "strategisk-ambition", _("Strategic ambition")
    PREREQUISITES = "forudsaetninger", _("Prerequisites")
    INTERVENTION_AREAS = "strategiske-indsatsomraader", _("Strategic intervention areas")


PART_GUIDANCE = {
    PartKind.SITUATION: _(
        "A factual description of where the specialty stands today – e.g. staff capacity, "
        "wellbeing, types of treatment and forms of collaboration."
    ),
    PartKind.CHALLENGES: _("The most pressing challenges, each seen from several perspectives."),
    PartKind.AMBITION: _(
        "Based on the core challenges: a long-term aim that strengthens the specialty's "
        "sustainability."
    ),
    PartKind.PREREQUISITES: _(
        "The resources, decisions and structural frames that must be in place for the "
        "ambition to be realised."
    ),
    PartKind.INTERVENTION_AREAS: _(
        "The ambition turned into a few overarching themes that the professional "
        "development builds on."
    ),
}
PART_ORDER = {kind: i for i, kind in enumerate(PartKind)}


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned")


class StrategicAmbition(ConcurrentTransitionMixin, models.Model):
    """A specialty's strategic ambition (strategisk ambition): the working copy.

    ``status`` only changes through the transitions below (django-fsm), called by the
    workflow functions in ``ambitions.services``, which also log them and freeze versions.
    The concurrent-transition mixin refuses to save a state that changed underneath.
    """

    Status = Status

    specialty = models.OneToOneField(
        Specialty,
        on_delete=models.CASCADE,
        related_name="strategic_ambition",
        verbose_name=_("specialty"),
    )
    status = FSMField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, protected=True
    )
    working_version = models.PositiveIntegerField(
        _("working version"),
        default=1,
        help_text=_("The number the next submission gets."),
    )
    approved_version = models.ForeignKey(
        "AmbitionVersion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved version"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("strategic ambition")
        verbose_name_plural = _("strategic ambitions")

    def __str__(self) -> str:
        return f"{self.specialty}: {self.get_status_display()}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("ambitions:detail", kwargs={"slug": self.specialty.slug})

    @property
    def is_editable(self) -> bool:
        """Parts, core challenges and intervention areas change only in these states."""
        return self.status in (Status.DRAFT, Status.RETURNED)

    @transition(field=status, source=[Status.DRAFT, Status.RETURNED], target=Status.SUBMITTED)
    def submit(self) -> None:
        pass

    @transition(field=status, source=Status.SUBMITTED, target=Status.APPROVED)
    def approve(self) -> None:
        pass

    @transition(field=status, source=Status.SUBMITTED, target=Status.RETURNED)
    def return_to_owner(self) -> None:
        pass

    @transition(field=status, source=Status.APPROVED, target=Status.DRAFT)
    def start_revision(self) -> None:
        pass


class AmbitionPart(EditableText):
    """One of the five parts, edited and saved on its own (Markdown text)."""

    ambition = models.ForeignKey(StrategicAmbition, on_delete=models.CASCADE, related_name="parts")
    kind = models.CharField(_("part"), max_length=40, choices=PartKind.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    text = models.TextField(_("text"), blank=True)
    # Its words for Danish full-text search, kept by a PostgreSQL trigger on every insert
    # and update (migration ``search_vectors``); unused (NULL) on SQLite.
    search_vector = SearchVectorField(null=True, editable=False)
    history = HistoricalRecords(excluded_fields=["search_vector"])

    class Meta:
        verbose_name = _("part")
        verbose_name_plural = _("parts")
        ordering = ["ambition", "order"]
        constraints = [
            models.UniqueConstraint(fields=["ambition", "kind"], name="one_part_of_each_kind")
        ]

    def __str__(self) -> str:
        return f"{self.ambition.specialty}: {self.get_kind_display()}"

    @property
    def guidance(self) -> str:
        return str(PART_GUIDANCE[PartKind(self.kind)])

    @property
    def anchor(self) -> str:
        return f"part-section-{self.kind}"


class AmbitionVersion(models.Model):
    """A submitted version, frozen: ``content`` is written once and never changed."""

    class Outcome(models.TextChoices):
        PENDING = "pending", _("Awaiting decision")
        APPROVED = "approved", _("Approved")
        RETURNED = "returned", _("Returned")

    ambition = models.ForeignKey(
        StrategicAmbition, on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    content = models.JSONField(_("content"))
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=Outcome.choices, default=Outcome.PENDING
    )

    class Meta:
        verbose_name = _("version")
        verbose_name_plural = _("versions")
        ordering = ["ambition", "number"]
        constraints = [
            models.UniqueConstraint(fields=["ambition", "number"], name="unique_version_number")
        ]

    def __str__(self) -> str:
        return f"{self.ambition.specialty} v{self.number}"


class VersionSection(models.Model):
    """One searchable piece of a frozen version: a part, a core challenge or an intervention
    area, as the approved page shows it. Written with the version (never changed, like the
    version), so that other specialties' people find the approved content, and only that,
    while a revision is drafted."""

    class Kind(models.TextChoices):
        PART = "part", _("Part of a strategic ambition")
        CHALLENGE = "challenge", _("Challenge")
        AREA = "area", _("Strategic intervention area")

    version = models.ForeignKey(AmbitionVersion, on_delete=models.CASCADE, related_name="sections")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    # The part's kind whose section of the approved page shows it (the page's anchor).
    part = models.CharField(_("part"), max_length=40, choices=PartKind.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("text"), blank=True)
    # Its words for Danish full-text search, kept by a PostgreSQL trigger on every insert
    # and update (migration ``search_vectors``); unused (NULL) on SQLite.
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = _("section of a version")
        verbose_name_plural = _("sections of a version")
        ordering = ["version", "order", "pk"]

    def __str__(self) -> str:
        return f"{self.version}: {self.title}"


class Transition(models.Model):
    """One line of the decision register: who moved the ambition from where to where, and why."""

    ambition = models.ForeignKey(
        StrategicAmbition, on_delete=models.CASCADE, related_name="transitions"
    )
    version = models.ForeignKey(
        AmbitionVersion,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="transitions",
    )
    from_status = models.CharField(_("from"), max_length=20, choices=Status.choices)
    to_status = models.CharField(_("to"), max_length=20, choices=Status.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    at = models.DateTimeField(_("when"), default=timezone.now)
    remark = models.TextField(_("remark"), blank=True)
    # The decision brief's flags that stood when the steering group decided (issue 28): an
    # approval despite them carries a remark that says why.
    flags = models.JSONField(_("flags in the decision brief"), default=list, blank=True)

    class Meta:
        verbose_name = _("decision register entry")
        verbose_name_plural = _("decision register")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.ambition.specialty}: {self.from_status} → {self.to_status}"


class ApprovalConditionQuerySet(models.QuerySet["ApprovalCondition"]):
    def open(self) -> ApprovalConditionQuerySet:
        return self.filter(met_at__isnull=True)


class ApprovalCondition(models.Model):
    """A condition the steering group attached to an approval, followed up until met."""

    version = models.ForeignKey(
        AmbitionVersion, on_delete=models.CASCADE, related_name="conditions"
    )
    text = models.TextField(_("condition"))
    deadline = models.DateField(_("deadline"))
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="approval_conditions",
        verbose_name=_("responsible"),
    )
    met_at = models.DateTimeField(_("met"), null=True, blank=True)
    met_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    met_note = models.TextField(_("how it was met"), blank=True)

    objects = ApprovalConditionQuerySet.as_manager()

    class Meta:
        verbose_name = _("approval condition")
        verbose_name_plural = _("approval conditions")
        ordering = ["deadline", "pk"]

    def __str__(self) -> str:
        return self.text[:60]

    def is_overdue(self, today: object | None = None) -> bool:
        today = today or timezone.localdate()
        return self.met_at is None and self.deadline < today  # type: ignore[operator]


class InterventionArea(models.Model):
    """A strategic intervention area (strategisk indsatsområde)."""

    ambition = models.ForeignKey(
        StrategicAmbition, on_delete=models.CASCADE, related_name="intervention_areas"
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    challenges = models.ManyToManyField(
        "sustainability.Challenge",
        blank=True,
        related_name="intervention_areas",
        verbose_name=_("challenges it answers"),
    )
    perspectives = models.ManyToManyField(
        Perspective,
        blank=True,
        related_name="intervention_areas",
        verbose_name=_("perspectives it answers"),
    )
    revision = models.PositiveIntegerField(_("revision"), default=0)
    # Its words for Danish full-text search, kept by a PostgreSQL trigger on every insert
    # and update (migration ``search_vectors``); unused (NULL) on SQLite.
    search_vector = SearchVectorField(null=True, editable=False)
    history = HistoricalRecords(
        m2m_fields=[challenges, perspectives], excluded_fields=["search_vector"]
    )

    class Meta:
        verbose_name = _("strategic intervention area")
        verbose_name_plural = _("strategic intervention areas")
        ordering = ["ambition", "order", "pk"]

    def __str__(self) -> str:
        return self.title


class Comment(models.Model):
    """A comment on one part: the steering group's questions and the team's answers."""

    part = models.ForeignKey(AmbitionPart, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    # Its words for Danish full-text search, kept by a PostgreSQL trigger on every insert
    # and update (migration ``search_vectors``); unused (NULL) on SQLite.
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:60]
