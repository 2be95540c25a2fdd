from django.contrib import admin

from bass.admin import ReferenceDataAdmin, ReferenceDataTabularInline
from sustainability.models import FocusArea, Perspective, PerspectiveExample


class FocusAreaInline(ReferenceDataTabularInline):
    model = FocusArea
    extra = 0


class PerspectiveExampleInline(ReferenceDataTabularInline):
    model = PerspectiveExample
    extra = 0


@admin.register(Perspective)
class PerspectiveAdmin(ReferenceDataAdmin):
    list_display = ("name", "code", "order")
    prepopulated_fields = {"code": ("name",)}
    inlines = [FocusAreaInline, PerspectiveExampleInline]
