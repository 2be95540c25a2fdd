"""Data out for the region's other tools (issue 27, item 4): personal access tokens for the
read-only JSON API, and each person's secret calendar address.

A token's secret is shown once, when it is issued, and only its SHA-256 hash is kept: a
copy of the database (a backup, a trial) then opens nothing. The first characters of the
secret are kept in the clear as its ``prefix``, so a person can tell their tokens apart."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def in_force(self) -> ApiTokenQuerySet:
        return self.filter(withdrawn_at__isnull=True)


class ApiToken(models.Model):
    """A personal access token: whoever holds its secret reads the API as ``user``."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("prefix"), max_length=12)
    # hex SHA-256 of the whole secret; the secret itself is never stored.
    secret_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def in_force(self) -> bool:
        return self.withdrawn_at is None


class CalendarFeed(models.Model):
    """The secret part of a person's calendar address (``kalender/<secret>.ics``).

    Kept in the clear, unlike a token's: the person finds the address on their own page
    whenever they add it to another calendar, and it reads nothing but their own deadlines.
    Resetting it makes a new secret, and the old address answers 404."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    secret = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("calendar address")
        verbose_name_plural = _("calendar addresses")

    def __str__(self) -> str:
        return str(self.user)
