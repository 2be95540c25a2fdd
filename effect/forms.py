"""Forms of the key figures: a key figure's definition, the programme's start, and one
month's value at one site."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from bass.forms import (
    DanishDateField,
    LineField,
    RecordChoiceField,
    RecordMultipleChoiceField,
    TextField,
)
from effect.models import KeyFigure
from specialties.models import Site, Specialty

MONTH_HELP = _("Write the month as mm.yyyy, e.g. 11.2026.")
# mm.yyyy, mm-yyyy, mm/yyyy or yyyy-mm (what a browser's month field sends).
MONTH_PATTERNS = [
    re.compile(r"^(?P<month>\d{1,2})[./-](?P<year>\d{4})$"),
    re.compile(r"^(?P<year>\d{4})-(?P<month>\d{1,2})$"),
]
# The database holds 12 digits, 2 of them after the decimal point.
VALUE_LIMIT = Decimal("9999999999.99")


class MonthField(forms.CharField):
    """A month typed as mm.åååå (or åååå-mm); cleaned to the month's first day."""

    default_error_messages = {"invalid": MONTH_HELP}

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault(
            "widget",
            forms.TextInput(
                attrs={"placeholder": _("mm.yyyy"), "autocomplete": "off", "size": "8"}
            ),
        )
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, datetime.date):
            return f"{value.month:02d}.{value.year}"
        return value

    def to_python(self, value: Any) -> datetime.date | None:  # type: ignore[override]
        text = str(super().to_python(value) or "").strip()
        if not text:
            return None
        for pattern in MONTH_PATTERNS:
            found = pattern.match(text)
            if found:
                year, month = int(found["year"]), int(found["month"])
                if 1 <= month <= 12 and 2000 <= year <= 2100:
                    return datetime.date(year, month, 1)
        raise ValidationError(self.error_messages["invalid"], code="invalid")


class KeyFigureForm(forms.ModelForm):
    """The secretariat defines a key figure."""

    name = LineField(label=_("Name"), max_length=200)
    unit = LineField(
        label=_("Unit"), max_length=40, help_text=_("E.g. %, hours, posts or patients.")
    )
    description = TextField(
        label=_("Description"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    specialties = RecordMultipleChoiceField(
        label=_("Specialties"),
        queryset=Specialty.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The specialties that record the key figure at each of their sites."),
    )

    class Meta:
        model = KeyFigure
        fields = [
            "name",
            "unit",
            "description",
            "better",
            "per_site_only",
            "specialties",
            "order",
            "active",
        ]
        widgets = {"better": forms.RadioSelect}
        labels = {
            "better": _("Which direction is better"),
            "per_site_only": _("Per site only (recorded by the secretariat)"),
            "order": _("Order"),
            "active": _("Active (recorded and shown)"),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("per_site_only") and not data.get("specialties"):
            self.add_error(
                "specialties",
                _("Choose the specialties that record the key figure, or make it per site only."),
            )
        return data


class ProgrammeStartForm(forms.Form):
    programme_start = DanishDateField(
        label=_("The programme's start"),
        required=False,
        help_text=_("The months before it are the baseline of every key figure's run chart."),
    )


class ValueForm(forms.Form):
    """One key figure's value for one month at one site."""

    key_figure = RecordChoiceField(
        label=_("Key figure"),
        queryset=KeyFigure.objects.none(),
        error_messages={
            "required": _("Choose the key figure."),
            "invalid_choice": _("Choose one of the key figures in the list."),
        },
    )
    site = RecordChoiceField(
        label=_("Site"),
        queryset=Site.objects.none(),
        error_messages={
            "required": _("Choose the site."),
            "invalid_choice": _("Choose one of the sites in the list."),
        },
    )
    period = MonthField(
        label=_("Month"),
        help_text=MONTH_HELP,
        error_messages={"required": _("Write the month the value is for.")},
    )
    value = forms.DecimalField(
        label=_("Value"),
        localize=True,
        max_digits=12,
        decimal_places=2,
        error_messages={
            "required": _("Write the value."),
            "invalid": _("Write a number, e.g. 6,5."),
            "max_digits": _("The number is too large."),
            "max_decimal_places": _("Write at most two decimals."),
            "max_whole_digits": _("The number is too large."),
        },
    )
    note = LineField(label=_("Note"), max_length=300, required=False)

    def __init__(
        self,
        *args: Any,
        figures: list[KeyFigure],
        sites: list[Site],
        today: datetime.date,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        key_field = self.fields["key_figure"]
        site_field = self.fields["site"]
        assert isinstance(key_field, RecordChoiceField)
        assert isinstance(site_field, RecordChoiceField)
        key_field.queryset = KeyFigure.objects.filter(pk__in=[f.pk for f in figures])
        site_field.queryset = Site.objects.filter(pk__in=[s.pk for s in sites]).order_by(
            "order", "name"
        )
        self.today = today

    def clean_period(self) -> datetime.date:
        period: datetime.date = self.cleaned_data["period"]
        if period > self.today.replace(day=1):
            raise ValidationError(
                _("The month has not begun yet: a value can be recorded from its first day."),
                code="future",
            )
        return period

    def clean_value(self) -> Decimal:
        value: Decimal = self.cleaned_data["value"]
        if abs(value) > VALUE_LIMIT:
            raise ValidationError(_("The number is too large."), code="too_large")
        return value
