from django.contrib import admin

from ambitions.models import Principle, StrategicAmbition
from bass.admin import ReferenceDataAdmin


@admin.register(Principle)
class PrincipleAdmin(ReferenceDataAdmin):
    list_display = ("name", "code", "order")
    prepopulated_fields = {"code": ("name",)}


@admin.register(StrategicAmbition)
class StrategicAmbitionAdmin(ReferenceDataAdmin):
    list_display = ("specialty", "status", "updated_at")
    list_filter = ("status",)
    list_select_related = ("specialty",)
    readonly_fields = ("status",)
