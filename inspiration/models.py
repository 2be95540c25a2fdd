"""The inspiration library (Inspirationskatalog): the national analysis's cases and its
analysis of which tasks can move between professions and specialisation levels.

The source is the national analysis of mismatches between tasks and competences made for
the Commission on Robustness in Healthcare (seed 004). A case keeps the report's own
template (Hvad har de gjort? / Forudsætninger og oplevede barrierer / Resultater /
Potentiale og perspektiv), where the report has it, and is tagged with the report's own
classifications (``Classification``) and with the BASS sustainability perspectives and
focus areas it touches, so that a challenge can be shown the cases that share its tags.
The secretariat keeps the library; everyone signed in reads it.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bass.editing import EditableText


class Classification(models.Model):
    """One of the report's own classifications: an udviklingsperspektiv, a gap type or a
    barrier theme. Reference data, loaded by a migration in the report's Danish."""

    class Kind(models.TextChoices):
        DEVELOPMENT = "development", _("Development perspective")
        GAP = "gap", _("Gap type")
        BARRIER = "barrier", _("Barrier theme")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("classification")
        verbose_name_plural = _("classifications")
        ordering = ["kind", "order", "name"]

    def __str__(self) -> str:
        return self.name


class Source(models.Model):
    """Where in the report an entry is found: every entry cites its part and page."""

    source_part = models.CharField(
        _("part of the report"),
        max_length=200,
        help_text=_("The part and section of the national analysis, as the report names it."),
    )
    source_page = models.PositiveSmallIntegerField(
        _("page"),
        null=True,
        blank=True,
        help_text=_("The report's printed page number, where the part has one."),
    )

    class Meta:
        abstract = True

    @property
    def source(self) -> str:
        if self.source_page:
            return _("%(part)s, p. %(page)s") % {"part": self.source_part, "page": self.source_page}
        return self.source_part


class Case(Source, EditableText):
    """A real initiative from the report that freed staff time, in the report's template."""

    slug = models.SlugField(_("short name in the address"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=200)
    setting = models.CharField(
        _("setting"),
        max_length=200,
        help_text=_("Where it was done: hospital, department, municipality."),
    )
    specialty = models.ForeignKey(
        "specialties.Specialty",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="inspiration_cases",
        verbose_name=_("BASS specialty"),
        help_text=_("Where the case fits one of the programme's specialties."),
    )
    specialty_text = models.CharField(
        _("specialty or area"), max_length=200, blank=True, help_text=_("In the report's words.")
    )
    background = models.TextField(_("background"), blank=True)
    what_they_did = models.TextField(_("what have they done?"))
    prerequisites_and_barriers = models.TextField(_("prerequisites and barriers met"), blank=True)
    results = models.TextField(_("results"), blank=True)
    potential = models.TextField(_("potential and perspective"), blank=True)
    classifications = models.ManyToManyField(
        Classification, blank=True, related_name="cases", verbose_name=_("classifications")
    )
    perspectives = models.ManyToManyField(
        "sustainability.Perspective",
        blank=True,
        related_name="inspiration_cases",
        verbose_name=_("sustainability perspectives"),
    )
    focus_areas = models.ManyToManyField(
        "sustainability.FocusArea",
        blank=True,
        related_name="inspiration_cases",
        verbose_name=_("focus areas"),
    )

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class TaskShift(Source):
    """What the report found about a task that can move to another profession or to
    another specialisation level, in the report's own levels of the nursing task."""

    class Level(models.TextChoices):
        # The report's "niveaudeling af plejeopgaverne" (Plejeopgaven udfoldet), and its
        # development perspective "Rette opgave på rette specialiseringsniveau".
        ADMINISTRATIVE = "administrative", _("Administrative tasks and odd jobs")
        CLINICAL = "clinical", _("Delimited clinical tasks")
        COORDINATION = "coordination", _("Coordination of the clinical work")
        SPECIALISATION = "specialisation", _("Right task at the right level of specialisation")
        TECHNOLOGY = "technology", _("Task taken over with technology")

    task = models.CharField(_("task"), max_length=200)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    from_whom = models.CharField(_("done today by"), max_length=200)
    to_whom = models.CharField(_("can move to"), max_length=200)
    specialty = models.ForeignKey(
        "specialties.Specialty",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="task_shifts",
        verbose_name=_("BASS specialty"),
    )
    specialty_text = models.CharField(_("specialty or area"), max_length=200, blank=True)
    finding = models.TextField(_("what the analysis found"))
    conditions = models.TextField(_("conditions and limits"), blank=True)
    cases = models.ManyToManyField(
        Case, blank=True, related_name="task_shifts", verbose_name=_("cases")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("task that can move")
        verbose_name_plural = _("tasks that can move")
        ordering = ["order", "task"]

    def __str__(self) -> str:
        return self.task


class ActionInspiration(models.Model):
    """An action of a professional ambition cites a case as its inspiration."""

    action = models.ForeignKey(
        "ambitions.Action",
        on_delete=models.CASCADE,
        related_name="inspirations",
        verbose_name=_("action"),
    )
    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="citations", verbose_name=_("case")
    )
    note = models.CharField(_("what we take from it"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("added by"),
    )
    created_at = models.DateTimeField(_("added"), default=timezone.now)

    class Meta:
        verbose_name = _("inspiration of an action")
        verbose_name_plural = _("inspiration of actions")
        ordering = ["case__title"]
        constraints = [models.UniqueConstraint(fields=["action", "case"], name="cite_a_case_once")]

    def __str__(self) -> str:
        return f"{self.action}: {self.case}"
