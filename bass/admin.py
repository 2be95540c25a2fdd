"""The Django admin, opened to the BASS secretariat for reference data.

The secretariat needs no staff flag or per-model permissions: the admin asks the same
predicate as the rest of the app (``permissions.can_edit_reference_data``). User accounts
stay with superusers, who run the installation.
"""

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from bass import permissions


class BassAdminSite(admin.AdminSite):
    site_header = _("BASS Ambitions – administration")
    site_title = _("BASS Ambitions")
    index_title = _("Reference data and people")

    def has_permission(self, request: HttpRequest) -> bool:
        return permissions.can_edit_reference_data(request.user)


class ReferenceDataPermissions:
    """Admin permissions for the models the secretariat maintains (model admins and inlines)."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return permissions.can_edit_reference_data(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return permissions.can_edit_reference_data(request.user)

    def has_add_permission(self, request: HttpRequest, *args: object) -> bool:
        return permissions.can_edit_reference_data(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return permissions.can_edit_reference_data(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return permissions.can_edit_reference_data(request.user)


class ReferenceDataAdmin(ReferenceDataPermissions, admin.ModelAdmin):
    pass


class ReferenceDataTabularInline(ReferenceDataPermissions, admin.TabularInline):
    pass
