"""Forms for the specialty pages."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from bass.forms import (
    RecordChoiceField,
)
from people.models import User
from specialties.models import Profession, Site, Specialty


class CoreTeamMemberForm(forms.Form):
    """Add a person to a specialty's core team (kerneteam)."""

    user = RecordChoiceField(
        label=_("Person"),
        queryset=User.objects.none(),
        error_messages={
            "required": _("Choose the person to add."),
            "invalid_choice": _(
                "This person cannot be chosen: they are already on the core team "
                "or no longer active."
            ),
        },
    )
    site = RecordChoiceField(
        label=_("Site"),
        queryset=Site.objects.none(),
        required=False,
        help_text=_("Leave empty for members from a cross-cutting centre."),
        error_messages={"invalid_choice": _("Choose one of the specialty's sites.")},
    )
    profession = RecordChoiceField(
        label=_("Profession"),
        queryset=Profession.objects.all(),
        error_messages={"required": _("Choose the person's profession.")},
    )

    def __init__(self, *args: Any, specialty: Specialty, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.specialty = specialty
        on_team = [m.user_id for m in specialty.core_team]
        self.fields["user"].queryset = User.objects.filter(is_active=True).exclude(pk__in=on_team)  # type: ignore[attr-defined]
        self.fields["site"].queryset = specialty.sites.all()  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        profession: Profession | None = cleaned.get("profession")
        if profession is not None and profession.is_clinical and cleaned.get("site") is None:
            self.add_error(
                "site", _("A clinical representative belongs to a site: choose the site.")
            )
        return cleaned
