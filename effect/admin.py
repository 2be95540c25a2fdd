from django.contrib import admin

from bass.admin import ReferenceDataAdmin
from effect.models import KeyFigure, KeyFigureValue


@admin.register(KeyFigure)
class KeyFigureAdmin(ReferenceDataAdmin):
    """The key figures (effektmål); the secretariat also defines them on their own page."""

    list_display = ("name", "unit", "better", "per_site_only", "order", "active")
    list_filter = ("active", "per_site_only", "better")
    search_fields = ("name",)
    filter_horizontal = ("specialties",)


@admin.register(KeyFigureValue)
class KeyFigureValueAdmin(ReferenceDataAdmin):
    """Recorded values, for the secretariat to correct one by hand."""

    list_display = ("key_figure", "specialty", "site", "period", "value", "recorded_by")
    list_filter = ("key_figure", "site", "specialty")
    date_hierarchy = "period"
    raw_id_fields = ("recorded_by",)
