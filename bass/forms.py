"""Form pieces every app shares: the Danish date field.

The browser's own date picker follows the browser's language (mm/dd/yyyy in an English
browser), while every page of BASS is Danish. So dates are typed as text, the way a Danish
reader writes them (31.12.2026), with the format in the placeholder and in the error; the
ISO form (2026-12-31) and a few common variants are accepted too, so pasted dates work.
"""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

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


class DanishDateField(forms.DateField):
    """A date typed as dd.mm.åååå, whatever language the browser speaks."""

    widget = DanishDateInput
    input_formats = DATE_INPUT_FORMATS
    default_error_messages = {"invalid": _("Write the date as dd.mm.yyyy, e.g. 31.12.2026.")}
