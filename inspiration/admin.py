"""The secretariat keeps the library's classifications and tasks that can move in the admin;
cases are edited on the library's own pages, and are here too for completeness."""

from django.contrib import admin

from bass.admin import ReferenceDataAdmin
from inspiration.models import Case, Classification, TaskShift


@admin.register(Classification)
class ClassificationAdmin(ReferenceDataAdmin):
    list_display = ("name", "kind", "code", "order")
    list_filter = ("kind",)


@admin.register(Case)
class CaseAdmin(ReferenceDataAdmin):
    list_display = ("title", "setting", "source_part", "source_page")
    search_fields = ("title", "setting")
    filter_horizontal = ("classifications", "perspectives", "focus_areas")
    # Who changed a case last and its revision are kept by the library's pages (issue 25,
    # item 11): shown here, never typed.
    readonly_fields = ("revision", "updated_at", "updated_by")


@admin.register(TaskShift)
class TaskShiftAdmin(ReferenceDataAdmin):
    list_display = ("task", "level", "from_whom", "to_whom", "specialty", "source_page")
    list_filter = ("level", "specialty")
    filter_horizontal = ("cases",)
