"""Transition funds (transitionsmidler) asked for and decided (issue 28, item 6).

An action or an intervention area's framework of the professional ambition asks the
steering group for funds: an amount in whole kroner, the reason and the period it is for.
The steering group grants it in full, reduces it (grants less, with a remark) or refuses it
(with a remark). A decided request is never changed again: a new request is made instead, so
what the steering group decided stays what the register and the reports show.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ambitions.models.professional import Action, AreaFramework
from specialties.models import Specialty


class FundsState(models.TextChoices):
    OPEN = "open", _("awaiting decision")
    GRANTED = "granted", _("granted")
    REDUCED = "reduced", _("granted reduced")
    REFUSED = "refused", _("refused")


class FundsRequestQuerySet(models.QuerySet["FundsRequest"]):
    def open(self) -> FundsRequestQuerySet:
        return self.filter(state=FundsState.OPEN)

    def decided(self) -> FundsRequestQuerySet:
        return self.exclude(state=FundsState.OPEN)


class FundsRequest(models.Model):
    """A request for transition funds, and the steering group's decision on it."""

    State = FundsState
    # How the decision register tells its kinds of entries apart (a transition has none).
    register_kind = "funds"

    # The specialty is the action's or framework's, kept on the row so the totals per
    # specialty are one grouped query and the cache's content version finds it directly.
    specialty = models.ForeignKey(
        Specialty, on_delete=models.CASCADE, related_name="funds_requests"
    )
    # An action or framework deleted later leaves the request (and the steering group's
    # decision) in place, named by ``subject_title``.
    action = models.ForeignKey(
        Action,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="funds_requests",
        verbose_name=_("action"),
    )
    framework = models.ForeignKey(
        AreaFramework,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="funds_requests",
        verbose_name=_("strategic intervention area"),
    )
    subject_title = models.CharField(_("for"), max_length=200)
    amount = models.PositiveIntegerField(_("amount (DKK)"))
    reason = models.TextField(_("reason"))
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("requested by"),
    )
    requested_at = models.DateTimeField(_("requested"), default=timezone.now)
    state = models.CharField(
        _("state"), max_length=10, choices=FundsState.choices, default=FundsState.OPEN
    )
    granted_amount = models.PositiveIntegerField(_("granted (DKK)"), null=True, blank=True)
    remark = models.TextField(_("remark"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    objects = FundsRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("transition funds request")
        verbose_name_plural = _("transition funds requests")
        ordering = ["requested_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(action__isnull=True) | Q(framework__isnull=True),
                name="funds_request_for_action_or_framework",
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="funds_request_amount_positive"),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="funds_request_period_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(state=FundsState.OPEN, granted_amount__isnull=True)
                | Q(state=FundsState.REFUSED, granted_amount=0)
                | Q(state=FundsState.GRANTED, granted_amount=models.F("amount"))
                | Q(
                    state=FundsState.REDUCED,
                    granted_amount__gt=0,
                    granted_amount__lt=models.F("amount"),
                ),
                name="funds_request_granted_matches_state",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.specialty}: {self.amount} kr. ({self.get_state_display()})"

    @property
    def is_open(self) -> bool:
        return self.state == FundsState.OPEN

    @property
    def subject(self) -> Action | AreaFramework | str:
        """What the funds are for: the action or the intervention area's framework, or its
        title when it has been deleted since."""
        return self.action or self.framework or self.subject_title
