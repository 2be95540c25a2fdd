from collections.abc import Sequence
from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from bass.admin import ReferenceDataAdmin, ReferenceDataTabularInline
from specialties.access import strategic_ambition_of
from specialties.models import Membership, Profession, Site, Specialty


@admin.register(Site)
class SiteAdmin(ReferenceDataAdmin):
    list_display = ("name", "short_name", "hospital", "is_acute_hospital", "order")
    list_editable = ("order",)


@admin.register(Profession)
class ProfessionAdmin(ReferenceDataAdmin):
    list_display = ("name", "is_clinical", "order")
    list_editable = ("is_clinical", "order")


class MembershipFormSet(BaseInlineFormSet):
    """Checks the one-owner rule across the rows typed together: Django checks a
    conditional constraint one row at a time against the database, so two owners added in
    one save (or a second owner while the first is being replaced) reached the database's
    constraint as a 500 (issue 25, item 11)."""

    def clean(self) -> None:
        super().clean()
        owners = [
            form
            for form in self.forms
            if form.cleaned_data
            and not form.cleaned_data.get("DELETE")
            and form.cleaned_data.get("role") == Membership.Role.OWNER
        ]
        if len(owners) > 1:
            for form in owners[1:]:
                form.add_error("role", _("The specialty already has an owner."))


class MembershipInline(ReferenceDataTabularInline):
    model = Membership
    formset = MembershipFormSet
    extra = 0
    autocomplete_fields = ("user",)


@admin.register(Specialty)
class SpecialtyAdmin(ReferenceDataAdmin):
    list_display = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}
    filter_horizontal = ("sites", "strength_position_sites")
    inlines = [MembershipInline]

    def get_deleted_objects(
        self, objs: Sequence[Specialty] | QuerySet[Specialty], request: HttpRequest
    ) -> tuple[list[Any], dict[Any, Any], set[Any], list[Any]]:
        """A specialty with work in it (a strategic ambition, challenges) is protected:
        deleting it would take the ambition's parts, versions, comments and challenges with
        it. The admin then shows "cannot delete" with the reason, for one or many."""
        to_delete, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        for specialty in objs:
            reasons = []
            # Through the reverse relations: specialties sit below the apps that hold the work.
            if strategic_ambition_of(specialty) is not None:
                reasons.append(_("it has a strategic ambition"))
            if specialty.challenges.exists():
                reasons.append(_("it has challenges"))
            if reasons:
                protected.append(f"{specialty}: {', '.join(str(r) for r in reasons)}")
        return to_delete, counts, perms_needed, protected
