"""The admin of the e-mail outbox (django-post-office; bass/outbox.py)."""

from typing import Any

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from post_office.models import STATUS, Email, Log

from bass.admin import ReferenceDataPermissions

# The secretariat reads what was sent, what waits and what failed with the mail server's
# answer, and can send a message again; it never reads a message's text, which may carry a
# one-time link (an invitation, a password reset). Templates and attachments, unused by the
# app, stay with superusers. post-office's own admins are registered first, then replaced.
# Imported by BassAdminConfig.ready() once the admin has found every app's admin module.
admin.site.unregister(Email)
admin.site.unregister(Log)


class OutboxLogInline(ReferenceDataPermissions, admin.TabularInline):
    model = Log
    fields = readonly_fields = ("when", "status", "answer")
    extra = 0
    can_delete = False
    verbose_name = _("attempt")
    verbose_name_plural = _("attempts")

    @admin.display(description=_("When"))
    def when(self, log: Log) -> Any:
        return log.date

    @admin.display(description=_("The mail server's answer"))
    def answer(self, log: Log) -> str:
        return " ".join(part for part in (log.exception_type, log.message) if part)

    def has_add_permission(self, request: HttpRequest, *args: object) -> bool:
        return False


@admin.action(description=_("Send again now"))
def send_again(modeladmin: "admin.ModelAdmin[Email]", request: HttpRequest, queryset: Any) -> None:
    """Back into the queue, due at once (a failed message after the mail server is mended)."""
    from django.utils import timezone

    queryset.exclude(status=STATUS.sent).update(
        status=STATUS.queued, scheduled_time=timezone.now(), number_of_retries=0
    )


@admin.register(Email)
class OutboxAdmin(ReferenceDataPermissions, admin.ModelAdmin):
    list_display = ("recipients", "subject", "status", "written", "changed", "next_try")
    list_filter = ("status",)
    search_fields = ("to", "subject")
    fields = readonly_fields = (
        "recipients",
        "subject",
        "status",
        "tries",
        "written",
        "changed",
        "next_try",
    )
    inlines = (OutboxLogInline,)
    actions = (send_again,)
    # Not post-office's own page, which links to its previews and resend of the text.
    change_form_template = "admin/change_form.html"

    @admin.display(description=_("Recipients"))
    def recipients(self, email: Email) -> str:
        return ", ".join(email.to)

    @admin.display(description=_("Written"), ordering="created")
    def written(self, email: Email) -> Any:
        return email.created

    @admin.display(description=_("Last change"), ordering="last_updated")
    def changed(self, email: Email) -> Any:
        return email.last_updated

    @admin.display(description=_("Next try"), ordering="scheduled_time")
    def next_try(self, email: Email) -> Any:
        return email.scheduled_time if email.status == STATUS.requeued else None

    @admin.display(description=_("Tries that failed"))
    def tries(self, email: Email) -> int:
        return email.number_of_retries or 0

    def has_add_permission(self, request: HttpRequest, *args: object) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False
