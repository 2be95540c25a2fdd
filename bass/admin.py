"""The Django admin, opened to the BASS secretariat for reference data.

The secretariat needs no staff flag or per-model permissions: the admin asks the same
predicate as the rest of the app (``people.permissions.can_edit_reference_data``), through
the user model's ``may_edit_reference_data``: the kernel knows no roles. User accounts stay
with superusers, who run the installation.
"""

from typing import Any

from django.contrib import admin
from django.db import models
from django.db.models import Model
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from bass import forms

# Text typed in the admin is cleaned like text typed on the pages (``bass.forms``): one
# control character in a specialty's name made every export a 500 (issue 25, item 11).
# Slugs, e-mail addresses and URLs keep their own fields.
CLEAN_TEXT: dict[type[models.Field], dict[str, Any]] = {
    models.CharField: {"form_class": forms.LineField},
    models.TextField: {"form_class": forms.TextField},
    models.SlugField: {},
    models.EmailField: {},
    models.URLField: {},
}


def may_edit_reference_data(user: object) -> bool:
    """What the user model says (``people.models.User.may_edit_reference_data``); a user
    without it (the anonymous one) may not."""
    return bool(getattr(user, "may_edit_reference_data", False))


class BassAdminSite(admin.AdminSite):
    site_header = _("BASS Ambitions – administration")
    site_title = _("BASS Ambitions")
    index_title = _("Reference data and people")

    def has_permission(self, request: HttpRequest) -> bool:
        return may_edit_reference_data(request.user)


class ReferenceDataPermissions:
    """Admin permissions for the models the secretariat maintains (model admins and inlines)."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return may_edit_reference_data(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return may_edit_reference_data(request.user)

    def has_add_permission(self, request: HttpRequest, *args: object) -> bool:
        return may_edit_reference_data(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return may_edit_reference_data(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return may_edit_reference_data(request.user)


class ReferenceDataAdmin(ReferenceDataPermissions, admin.ModelAdmin):
    formfield_overrides = CLEAN_TEXT


class ReferenceDataTabularInline(ReferenceDataPermissions, admin.TabularInline):
    formfield_overrides = CLEAN_TEXT
