"""The upload form: which kind of data, and the file."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from dataimport.kinds import KINDS


class UploadForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What the file holds"),
        choices=[(kind.value, kind.label) for kind in KINDS.values()],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what the file holds.")},
    )
    file = forms.FileField(
        label=_("File (Excel .xlsx or CSV)"),
        error_messages={
            "required": _("Choose the file to import."),
            "empty": _("The file is empty."),
        },
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        if len(KINDS) == 1:
            self.fields["kind"].initial = next(iter(KINDS))
