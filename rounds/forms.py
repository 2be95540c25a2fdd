"""The secretariat's form for opening a status round."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from bass.forms import DanishDateField, LineField, RecordMultipleChoiceField
from specialties.models import Specialty


class RoundForm(forms.Form):
    name = LineField(label=_("Name"), max_length=200)
    period_start = DanishDateField(label=_("Period from"))
    period_end = DanishDateField(label=_("Period to"))
    deadline = DanishDateField(label=_("Deadline for updates"))
    all_specialties = forms.BooleanField(label=_("All specialties"), required=False)
    specialties = RecordMultipleChoiceField(
        label=_("Or these specialties"),
        queryset=Specialty.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The period must end after it starts."))
        if data.get("all_specialties"):
            data["specialties"] = list(Specialty.objects.order_by("name"))
        elif not data.get("specialties") and "specialties" not in self.errors:
            raise ValidationError(_("Choose all specialties or at least one."))
        return data
