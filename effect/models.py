"""Key figures (effektmål): the programme's effect, measured month by month.

- ``KeyFigure``: defined by the secretariat (name, unit, which direction is better), either
  per specialty and site (one series for each specialty it names, at each of its sites) or
  per site only (one series per site, for the whole programme).
- ``KeyFigureValue``: one value for one month at one site (and, unless the figure is per
  site only, for one specialty), recorded by the people responsible. ``period`` is the first
  day of the month the value is for.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from specialties.models import Site, Specialty


class KeyFigure(models.Model):
    """An effect measure the secretariat defines (e.g. sick leave in per cent)."""

    class Better(models.TextChoices):
        HIGHER = "higher", _("Higher is better")
        LOWER = "lower", _("Lower is better")

    name = models.CharField(_("name"), max_length=200)
    unit = models.CharField(_("unit"), max_length=40)
    description = models.TextField(_("description"), blank=True)
    better = models.CharField(_("better"), max_length=10, choices=Better.choices)
    per_site_only = models.BooleanField(
        _("per site only"),
        default=False,
        help_text=_(
            "One series per site for the whole programme, recorded by the secretariat; "
            "otherwise one series per specialty and site."
        ),
    )
    specialties = models.ManyToManyField(
        Specialty, blank=True, related_name="key_figures", verbose_name=_("specialties")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("key figure")
        verbose_name_plural = _("key figures")
        ordering = ["order", "name", "pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.unit})"


class KeyFigureValue(models.Model):
    """A key figure's value for one month at one site (and one specialty, unless per site)."""

    key_figure = models.ForeignKey(
        KeyFigure, on_delete=models.CASCADE, related_name="values", verbose_name=_("key figure")
    )
    # None exactly when the key figure is per site only.
    specialty = models.ForeignKey(
        Specialty,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("specialty"),
    )
    site = models.ForeignKey(
        Site, on_delete=models.PROTECT, related_name="+", verbose_name=_("site")
    )
    period = models.DateField(_("month"), help_text=_("The first day of the month."))
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2)
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        verbose_name = _("key figure value")
        verbose_name_plural = _("key figure values")
        ordering = ["key_figure", "specialty", "site", "period"]
        constraints = [
            # One value per (key figure, specialty, site, month); a NULL specialty (per site
            # only) would slip through a plain unique constraint, hence the two halves.
            models.UniqueConstraint(
                fields=["key_figure", "specialty", "site", "period"],
                condition=Q(specialty__isnull=False),
                name="effect_value_one_per_specialty_site_month",
            ),
            models.UniqueConstraint(
                fields=["key_figure", "site", "period"],
                condition=Q(specialty__isnull=True),
                name="effect_value_one_per_site_month",
            ),
            models.CheckConstraint(
                condition=Q(period__day=1), name="effect_value_period_first_of_month"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.key_figure.name} {self.period:%Y-%m}: {self.value}"


class EffectSettings(models.Model):
    """The programme's settings for its effect, kept by the secretariat; one row
    (``pk=1``). ``programme_start`` ends every key figure's baseline: the median of the
    months before it is the "before" a run chart measures the months after against."""

    SINGLETON = 1

    programme_start = models.DateField(
        _("programme start"),
        null=True,
        blank=True,
        help_text=_("The months before it are the baseline of every key figure's run chart."),
    )
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
        verbose_name = _("the programme's start")
        verbose_name_plural = _("the programme's start")

    def __str__(self) -> str:
        return str(self.programme_start or "")
