from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest

from ambitions.models import Principle, StrategicAmbition
from bass.admin import ReferenceDataAdmin


@admin.register(Principle)
class PrincipleAdmin(ReferenceDataAdmin):
    list_display = ("name", "code", "order")
    prepopulated_fields = {"code": ("name",)}


@admin.register(StrategicAmbition)
class StrategicAmbitionAdmin(ReferenceDataAdmin):
    """Read-only: the workflow (status, approved and working version, specialty) changes only
    through ``ambitions.strategic.services``, which check who may, freeze versions and log
    the decision register. Editing it here let an undecided version count as approved, or
    one specialty show another's content."""

    list_display = ("specialty", "status", "updated_at")
    list_filter = ("status",)
    list_select_related = ("specialty",)

    def has_add_permission(self, request: HttpRequest, *args: object) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False
