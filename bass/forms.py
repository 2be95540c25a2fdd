"""Form fields every form of BASS Ambitions uses for text, choices of records and dates.

Dates are typed as Danish dates. The browser's own date picker follows the browser's
language (mm/dd/yyyy in an English browser), while every page of BASS is Danish. So dates
are typed as text, the way a Danish reader writes them (31.12.2026), with the format in the
placeholder and in the error; the ISO form (2026-12-31) and a few common variants are
accepted too, so pasted dates work.

Django's own fields leave three holes that turn a typing mistake (or a hostile request)
into a 500 or a half-empty record:

- a multiple choice of records looks its ids up with ``pk__in``, and an id beyond the
  database's 64-bit integers raises ``OverflowError`` there, before any "not a choice";
- "required" is checked before our ``clean_<field>`` normalises the text, so a title of
  only control characters passes as filled in and is then stored empty;
- a date field takes any date from year 1 to 9999, far outside the programme's horizon.

The fields below close them at the field, so each form's rule is a field error in Danish.
"""

from __future__ import annotations

import datetime
from typing import Any, TypeVar

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from bass import text

# The largest id a (big) integer primary key can hold, in SQLite and PostgreSQL alike.
MAX_ID = 2**63 - 1

# BASS runs from 2023 to the end of 2027; its plans, deadlines and measurements reach a
# little before (baselines) and some years after (targets), never centuries.
EARLIEST_DATE = datetime.date(2000, 1, 1)
LATEST_DATE = datetime.date(2100, 12, 31)

FormT = TypeVar("FormT", bound=forms.BaseForm)


def _is_id(value: object) -> bool:
    if isinstance(value, Model):  # an instance given as data: its own pk is checked by Django
        return True
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return False
    return 0 < number <= MAX_ID


class RecordChoiceField(forms.ModelChoiceField):
    """A choice of one record that refuses an id no row can have, as "not a choice"."""

    def to_python(self, value: Any) -> Any:
        if value not in self.empty_values and self.to_field_name is None and not _is_id(value):
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )
        return super().to_python(value)


class RecordMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A choice of several records that refuses ids no row can have, as "not a choice"."""

    def clean(self, value: Any) -> Any:
        if self.to_field_name is None and isinstance(value, list | tuple):
            for pk in value:
                if not _is_id(pk):
                    raise ValidationError(
                        self.error_messages["invalid_choice"],
                        code="invalid_choice",
                        params={"value": pk},
                    )
        return super().clean(value)


class TextField(forms.CharField):
    """Text as we store it (``bass.text.normalise``), checked for "required" and length
    after normalising: a value of only control characters or white space is empty."""

    def to_python(self, value: Any) -> str:
        value = super().to_python(value)
        if value in self.empty_values:
            return str(self.empty_value)
        return text.normalise(str(value))


class LineField(TextField):
    """A one-line text: normalised, with any line breaks folded to spaces."""

    def to_python(self, value: Any) -> str:
        return " ".join(super().to_python(value).split())


class ValueField(forms.DecimalField):
    """A measured or aimed-at value (a baseline, a target, a measurement): up to ten digits
    before the comma and two after, typed the Danish way ("1,5")."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_digits=12, decimal_places=2, localize=True, **kwargs)


class BoundedDateField(forms.DateField):
    """A date within the programme's horizon (``EARLIEST_DATE`` to ``LATEST_DATE``)."""

    def validate(self, value: Any) -> None:
        super().validate(value)
        if isinstance(value, datetime.date) and not EARLIEST_DATE <= value <= LATEST_DATE:
            raise ValidationError(
                _("Enter a date between %(earliest)s and %(latest)s."),
                code="out_of_range",
                params={
                    "earliest": date_format(EARLIEST_DATE),
                    "latest": date_format(LATEST_DATE),
                },
            )


class BoundedIntegerField(forms.IntegerField):
    """A whole number that fits the database's integer columns."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max_value", 2**31 - 1)
        super().__init__(*args, **kwargs)


STALE_FORM = _(
    "The form is out of date or damaged. Copy what you wrote, reload the page and make your "
    "change again."
)


class RevisionField(BoundedIntegerField):
    """The hidden revision a form was opened at (optimistic locking). The person cannot see
    or fix it, so every way it can be wrong gets one message they can act on; templates
    show it with ``{% include "_revision_errors.html" %}``."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 0)
        kwargs["error_messages"] = dict.fromkeys(
            ("required", "invalid", "min_value", "max_value"), STALE_FORM
        )
        super().__init__(**kwargs)


DATE_FORMAT = "%d.%m.%Y"
DATE_INPUT_FORMATS = [DATE_FORMAT, "%d.%m.%y", "%d-%m-%Y", "%d/%m/%Y", "%Y-%m-%d"]


class DanishDateInput(forms.DateInput):
    input_type = "text"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(
            attrs={
                "placeholder": _("dd.mm.yyyy"),
                "autocomplete": "off",
                "size": "10",
                "class": "date-input",
                **(attrs or {}),
            },
            format=DATE_FORMAT,
        )


class DanishDateField(BoundedDateField):
    """A date typed as dd.mm.åååå, whatever language the browser speaks, within the
    programme's horizon."""

    widget = DanishDateInput
    input_formats = DATE_INPUT_FORMATS
    default_error_messages = {"invalid": _("Write the date as dd.mm.yyyy, e.g. 31.12.2026.")}


def with_focus(form: FormT) -> FormT:
    """``form`` with its first visible field marked ``autofocus``: for a form loaded into the
    page on demand (htmx focuses it after the swap), so the keyboard goes on where it was."""
    for field in form.visible_fields():
        field.field.widget.attrs["autofocus"] = True
        break
    return form
