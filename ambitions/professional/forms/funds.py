"""Forms of transition funds: a request (what for, how much, why, for which period) and the
steering group's decision on it. Each rule is a Danish error next to its field; the
services in ``ambitions.professional.funds`` refuse the same for every other caller."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ambitions.models import Action, AreaFramework, FundsRequest, FundsState
from ambitions.professional.funds import FundsInput
from ambitions.strategic.forms import clean_text
from bass.forms import BoundedIntegerField, DanishDateField, TextField

MAX_REASON = 3000


class FundsRequestForm(forms.Form):
    """A request for transition funds for one action or intervention area of a specialty."""

    subject = forms.ChoiceField(
        label=_("What the funds are for"),
        error_messages={
            "required": _("Choose the action or intervention area the funds are for."),
            "invalid_choice": _("Choose the action or intervention area the funds are for."),
        },
    )
    amount = BoundedIntegerField(
        label=_("Amount (DKK)"),
        min_value=1,
        help_text=_("Whole kroner, without dots or decimals."),
        error_messages={
            "required": _("Write the amount in whole kroner."),
            "invalid": _("Write the amount in whole kroner, e.g. 250000."),
            "min_value": _("The amount must be more than 0 kroner."),
            "max_value": _("The amount is too large."),
        },
    )
    reason = TextField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Say what the funds are needed for.")},
    )
    period_start = DanishDateField(
        label=_("Period from"), error_messages={"required": _("Write when the period starts.")}
    )
    period_end = DanishDateField(
        label=_("Period to"), error_messages={"required": _("Write when the period ends.")}
    )

    def __init__(
        self,
        *args: Any,
        frameworks: Sequence[AreaFramework],
        actions: Sequence[Action],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self._subjects: dict[str, Action | AreaFramework] = {
            **{f"framework-{f.pk}": f for f in frameworks},
            **{f"action-{a.pk}": a for a in actions},
        }
        subject = self.fields["subject"]
        assert isinstance(subject, forms.ChoiceField)
        subject.choices = [
            ("", _("Choose …")),
            (
                _("Intervention areas"),
                [(f"framework-{f.pk}", f.title) for f in frameworks],
            ),
            (_("Actions"), [(f"action-{a.pk}", a.title) for a in actions]),
        ]

    def clean_reason(self) -> str:
        value = clean_text(self.cleaned_data["reason"], max_length=MAX_REASON)
        if not value:
            raise ValidationError(_("Say what the funds are needed for."), code="required")
        return value

    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean() or {}
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The period must end on or after its start."))
        return cleaned

    def as_input(self) -> FundsInput:
        subject = self._subjects[self.cleaned_data["subject"]]
        return FundsInput(
            amount=self.cleaned_data["amount"],
            reason=self.cleaned_data["reason"],
            period_start=self.cleaned_data["period_start"],
            period_end=self.cleaned_data["period_end"],
            action=subject if isinstance(subject, Action) else None,
            framework=subject if isinstance(subject, AreaFramework) else None,
        )


class FundsDecisionForm(forms.Form):
    """The steering group's decision on one open request."""

    DECISIONS = [
        (FundsState.GRANTED.value, _("Grant the full amount")),
        (FundsState.REDUCED.value, _("Grant a reduced amount")),
        (FundsState.REFUSED.value, _("Refuse")),
    ]

    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=DECISIONS,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose grant, reduce or refuse."),
            "invalid_choice": _("Choose grant, reduce or refuse."),
        },
    )
    granted_amount = BoundedIntegerField(
        label=_("Granted amount (DKK)"),
        required=False,
        min_value=1,
        help_text=_("Only when the grant is reduced: less than the amount asked for."),
        error_messages={
            "invalid": _("Write the amount in whole kroner, e.g. 250000."),
            "min_value": _("A reduced grant is more than 0 kroner; refuse the request instead."),
            "max_value": _("The amount is too large."),
        },
    )
    remark = TextField(
        label=_("Remark"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when the request is reduced or refused."),
    )

    def __init__(self, *args: Any, funds_request: FundsRequest, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.funds_request = funds_request

    def clean_remark(self) -> str:
        return clean_text(self.cleaned_data["remark"], max_length=MAX_REASON)

    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean() or {}
        decision = cleaned.get("decision")
        granted = cleaned.get("granted_amount")
        if decision == FundsState.REDUCED:
            if granted is None and "granted_amount" not in self.errors:
                self.add_error("granted_amount", _("Write the amount the steering group grants."))
            elif granted is not None and granted >= self.funds_request.amount:
                self.add_error(
                    "granted_amount",
                    _("A reduced grant is less than the %(amount)s kroner asked for.")
                    % {"amount": f"{self.funds_request.amount:,}".replace(",", ".")},
                )
        needs_remark = decision in (FundsState.REDUCED, FundsState.REFUSED)
        if needs_remark and not cleaned.get("remark") and "remark" not in self.errors:
            self.add_error("remark", _("Say why: a reduced or refused request needs a remark."))
        return cleaned
