"""The three sustainability perspectives of BASS (the guide "Bæredygtighed"), and the challenges
seen through them.

The perspectives are a "tænke-ramme": every challenge is looked at through all three
lenses, and each perspective names the focus areas that challenges and actions are tagged
with. The secretariat maintains the texts in the Django admin.
"""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Perspective(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100, unique=True)
    summary = models.TextField(
        _("summary"), help_text=_("One sentence, as in the guide's overview.")
    )
    description = models.TextField(_("what is it?"))
    purpose = models.TextField(_("purpose"))
    why = models.TextField(_("why?"))
    reflection_question = models.CharField(
        _("reflection question"),
        max_length=200,
        help_text=_("The question a team asks of a challenge through this lens."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("sustainability perspective")
        verbose_name_plural = _("sustainability perspectives")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class FocusArea(models.Model):
    perspective = models.ForeignKey(
        Perspective,
        on_delete=models.PROTECT,
        related_name="focus_areas",
        verbose_name=_("perspective"),
    )
    name = models.CharField(_("name"), max_length=200)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("focus area")
        verbose_name_plural = _("focus areas")
        ordering = ["perspective__order", "order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["perspective", "name"], name="unique_focus_area_per_perspective"
            )
        ]

    def __str__(self) -> str:
        return self.name


class PerspectiveExample(models.Model):
    perspective = models.ForeignKey(
        Perspective,
        on_delete=models.CASCADE,
        related_name="examples",
        verbose_name=_("perspective"),
    )
    text = models.CharField(_("text"), max_length=200)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("example")
        verbose_name_plural = _("examples")
        ordering = ["perspective__order", "order"]

    def __str__(self) -> str:
        return self.text


class Challenge(models.Model):
    """A challenge (udfordring) of a specialty, looked at through all three lenses.

    The core team adds and tags challenges; the owner and implementation leads choose which
    are the strategic ambition's core challenges (kerneudfordringer) and in what order.
    """

    specialty = models.ForeignKey(
        "specialties.Specialty",
        on_delete=models.CASCADE,
        related_name="challenges",
        verbose_name=_("specialty"),
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    primary_perspective = models.ForeignKey(
        Perspective,
        on_delete=models.PROTECT,
        related_name="primary_challenges",
        verbose_name=_("primary perspective"),
        help_text=_("The perspective the challenge mainly belongs to."),
    )
    focus_areas = models.ManyToManyField(
        FocusArea, blank=True, related_name="challenges", verbose_name=_("focus areas")
    )
    is_core = models.BooleanField(_("core challenge"), default=False)
    core_order = models.PositiveSmallIntegerField(_("order among core challenges"), default=0)
    revision = models.PositiveIntegerField(_("revision"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)
    # Its words for Danish full-text search, kept by a PostgreSQL trigger on every insert
    # and update (migration ``search_vectors``); unused (NULL) on SQLite.
    search_vector = SearchVectorField(null=True, editable=False)
    history = HistoricalRecords(m2m_fields=[focus_areas], excluded_fields=["search_vector"])

    class Meta:
        verbose_name = _("challenge")
        verbose_name_plural = _("challenges")
        ordering = ["specialty", "-is_core", "core_order", "title"]

    def __str__(self) -> str:
        return self.title


class LensAnswer(models.Model):
    """The answer to one perspective's reflection question about a challenge."""

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="lens_answers")
    perspective = models.ForeignKey(
        Perspective, on_delete=models.PROTECT, related_name="lens_answers"
    )
    text = models.TextField(_("answer"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("lens answer")
        verbose_name_plural = _("lens answers")
        ordering = ["perspective__order"]
        constraints = [
            models.UniqueConstraint(fields=["challenge", "perspective"], name="one_answer_per_lens")
        ]

    def __str__(self) -> str:
        return f"{self.challenge}: {self.perspective}"
