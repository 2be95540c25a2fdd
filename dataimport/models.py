"""An import: one uploaded file's rows, saved together and undone together."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ambitions.models import Measurement
from effect.models import KeyFigureValue


class ImportKind(models.TextChoices):
    MEASUREMENTS = "measurements", _("Indicator measurements")
    KEY_FIGURES = "key_figures", _("Key figures")


class DataImport(models.Model):
    """Who imported which file when, and how many rows it created; kept after an undo, with
    who undid it, so the history says what happened to the data."""

    kind = models.CharField(_("kind"), max_length=20, choices=ImportKind.choices)
    file_name = models.CharField(_("file name"), max_length=255)
    row_count = models.PositiveIntegerField(_("rows"))
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    imported_at = models.DateTimeField(_("imported"), default=timezone.now)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    undone_at = models.DateTimeField(_("undone"), null=True, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-imported_at", "-pk"]
        indexes = [models.Index(fields=["imported_by", "-imported_at"], name="import_by_person")]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.imported_at:%Y-%m-%d})"

    @property
    def is_undone(self) -> bool:
        return self.undone_at is not None


class ImportedMeasurement(models.Model):
    """A measurement an import created: undoing the import deletes exactly these. A
    measurement deleted otherwise takes its link with it."""

    data_import = models.ForeignKey(
        DataImport, on_delete=models.CASCADE, related_name="measurements"
    )
    measurement = models.OneToOneField(Measurement, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("imported measurement")
        verbose_name_plural = _("imported measurements")

    def __str__(self) -> str:
        return f"{self.data_import_id}: {self.measurement_id}"


class ImportedKeyFigureValue(models.Model):
    """A key figure's value an import created: undoing the import deletes exactly these."""

    data_import = models.ForeignKey(
        DataImport, on_delete=models.CASCADE, related_name="key_figure_values"
    )
    value = models.OneToOneField(KeyFigureValue, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("imported key figure value")
        verbose_name_plural = _("imported key figure values")

    def __str__(self) -> str:
        return f"{self.data_import_id}: {self.value_id}"
