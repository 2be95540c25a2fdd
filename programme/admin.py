from django.contrib import admin

from bass.admin import ReferenceDataAdmin
from programme.models import PlannedPhase


@admin.register(PlannedPhase)
class PlannedPhaseAdmin(ReferenceDataAdmin):
    """The programme plan: the secretariat keeps each specialty's phases and dates."""

    list_display = ("specialty", "phase", "starts_on", "ends_on", "note")
    list_filter = ("phase", "specialty")
    ordering = ("specialty__name", "starts_on")
