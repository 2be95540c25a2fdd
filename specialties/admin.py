from django.contrib import admin

from bass.admin import ReferenceDataAdmin, ReferenceDataTabularInline
from specialties.models import Membership, Profession, Site, Specialty


@admin.register(Site)
class SiteAdmin(ReferenceDataAdmin):
    list_display = ("name", "short_name", "hospital", "is_acute_hospital", "order")
    list_editable = ("order",)


@admin.register(Profession)
class ProfessionAdmin(ReferenceDataAdmin):
    list_display = ("name", "is_clinical", "order")
    list_editable = ("is_clinical", "order")


class MembershipInline(ReferenceDataTabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ("user",)


@admin.register(Specialty)
class SpecialtyAdmin(ReferenceDataAdmin):
    list_display = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}
    filter_horizontal = ("sites", "strength_position_sites")
    inlines = [MembershipInline]
