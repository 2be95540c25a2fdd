from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest

from bass.admin import ReferenceDataAdmin, ReferenceDataTabularInline
from rounds.models import ReminderDigest, ReminderItem


class ReminderItemInline(ReferenceDataTabularInline):
    model = ReminderItem
    fields = ("key",)
    readonly_fields = ("key",)
    extra = 0


@admin.register(ReminderDigest)
class ReminderDigestAdmin(ReferenceDataAdmin):
    """The reminders' sent-log, for the secretariat to answer "did I get a reminder?".
    Nothing is added or changed here; deleting a digest lets its items be sent again."""

    list_display = ("user", "sent_on", "sent_at")
    list_filter = ("sent_on",)
    search_fields = ("user__username", "user__first_name", "user__last_name")
    readonly_fields = ("user", "sent_on", "sent_at")
    inlines = [ReminderItemInline]

    def has_add_permission(self, request: HttpRequest, *args: object) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False
