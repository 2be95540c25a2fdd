"""The three sustainability perspectives of BASS (seed 000), kept as editable reference data.

The perspectives are a "tænke-ramme": every challenge is looked at through all three
lenses, and each perspective names the focus areas that challenges and actions are tagged
with. The secretariat maintains the texts in the Django admin.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


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
