from axes.admin import AccessAttemptAdmin
from axes.models import AccessAttempt
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db.models import Model
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from bass.admin import CLEAN_TEXT, ReferenceDataPermissions
from people import permissions as people_permissions
from people.models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = (
        "username",
        "first_name",
        "last_name",
        "job_title",
        "programme_role",
        "is_active",
    )
    list_filter = ("programme_role", "is_active", "is_staff")
    formfield_overrides = CLEAN_TEXT
    fieldsets = (
        *(BaseUserAdmin.fieldsets or ()),
        (_("BASS"), {"fields": ("job_title", "programme_role")}),
    )

    def has_view_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        """User accounts stay with superusers, but the secretariat picks people for
        memberships: the admin's autocomplete asks this admin whether the picker may list
        users, so it may, there and nowhere else (names only, not the accounts)."""
        match = request.resolver_match
        if (
            obj is None
            and match is not None
            and match.url_name == "autocomplete"
            and people_permissions.can_edit_reference_data(request.user)
        ):
            return True
        return super().has_view_permission(request, obj)


@admin.register(AccessAttempt)
class LoginLockAdmin(ReferenceDataPermissions, AccessAttemptAdmin):
    """Failed log-ins counted by the login throttle (django-axes). The secretariat lifts a
    lock by deleting the username's or address's attempts; nothing here is edited."""

    def has_add_permission(self, request: HttpRequest, *args: object) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False
