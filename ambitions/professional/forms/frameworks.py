"""Forms for the frameworks ("Rammer for indsatsområdet") and their status rows."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ambitions.models import (
    Level,
)
from ambitions.professional.forms.targets import BaselineTargetForm
from ambitions.strategic.forms import clean_text
from bass import text
from bass.forms import (
    DanishDateField,
    RecordChoiceField,
    RecordMultipleChoiceField,
    RevisionField,
    TextField,
    ValueField,
)
from people.models import User
from specialties.models import Membership, Specialty

MARKDOWN_HELP = _(
    "Simple formatting: a blank line between paragraphs, - for lists, *emphasis*, "
    "**bold**, [link text](https://…)."
)


def _line(value: str | None) -> str:
    """A one-line field: normalised, with any line breaks folded to spaces."""
    return " ".join(text.normalise(value or "").split())


class PurposeForm(forms.Form):
    purpose = TextField(
        label=_("Purpose"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=MARKDOWN_HELP,
    )
    revision = RevisionField()

    def clean_purpose(self) -> str:
        return clean_text(self.cleaned_data["purpose"], max_length=10_000)


class OutcomeGoalForm(BaselineTargetForm):
    """A measurable outcome goal: from a baseline to a target by a date."""

    target_is_baseline = _(
        "The target must differ from the baseline; otherwise the goal cannot be measured."
    )

    description = TextField(
        label=_("Outcome goal"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Describe the outcome the work should lead to.")},
    )
    indicator = TextField(
        label=_("Indicator"),
        max_length=200,
        error_messages={"required": _("Name what is measured.")},
    )
    unit = TextField(
        label=_("Unit"),
        max_length=40,
        error_messages={"required": _("Give the unit, e.g. days, per cent or patients.")},
    )
    # localize: Danes write "1,5", as in the progress indicators.
    baseline = ValueField(
        label=_("Baseline"),
        error_messages={"required": _("Give the value today (the baseline).")},
    )
    target = ValueField(
        label=_("Target"),
        error_messages={"required": _("Give the value the goal aims at.")},
    )
    target_date = DanishDateField(
        label=_("Target date"),
        error_messages={
            "required": _("Give the date the target should be reached."),
        },
    )

    def clean_description(self) -> str:
        value = clean_text(self.cleaned_data["description"], max_length=2000)
        if not value:
            raise ValidationError(
                _("Describe the outcome the work should lead to."), code="required"
            )
        return value

    def clean_indicator(self) -> str:
        return _line(self.cleaned_data["indicator"])

    def clean_unit(self) -> str:
        return _line(self.cleaned_data["unit"])


class ActorForm(forms.Form):
    """An actor of the actor landscape, placed by interest and influence."""

    name = TextField(
        label=_("Actor"),
        max_length=200,
        error_messages={"required": _("Name the actor.")},
    )
    role = TextField(label=_("Role"), max_length=300, required=False)
    interest = forms.TypedChoiceField(
        label=_("Interest"),
        choices=Level.choices,
        coerce=int,
        initial=Level.MEDIUM,
    )
    influence = forms.TypedChoiceField(
        label=_("Influence"),
        choices=Level.choices,
        coerce=int,
        initial=Level.MEDIUM,
    )

    def clean_name(self) -> str:
        return _line(self.cleaned_data["name"])

    def clean_role(self) -> str:
        return _line(self.cleaned_data["role"])


class FocusAreaForm(forms.Form):
    title = TextField(
        label=_("Focus area"),
        max_length=200,
        error_messages={"required": _("Give the focus area a title.")},
    )

    def clean_title(self) -> str:
        value = _line(self.cleaned_data["title"])
        if not value:
            raise ValidationError(_("Give the focus area a title."), code="required")
        return value


def membership_label(member: Membership) -> str:
    details = [
        str(member.get_role_display()),
        str(member.site) if member.site else "",
        str(member.profession) if member.profession else "",
    ]
    name = member.user.get_full_name() or member.user.get_username()
    return " – ".join([name, *[d for d in details if d]])


class CoreTeamForm(forms.Form):
    """The framework's core team, chosen among the specialty's people."""

    members = RecordMultipleChoiceField(
        label=_("Core team of the framework"),
        queryset=Membership.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, specialty: Specialty, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["members"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = Membership.objects.filter(specialty=specialty).select_related(
            "user", "site", "profession"
        )
        field.label_from_instance = membership_label  # type: ignore[method-assign,assignment]


def specialty_people(specialty: Specialty) -> QuerySet[User]:
    return (
        User.objects.filter(memberships__specialty=specialty, is_active=True)
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


class StatusForm(forms.Form):
    """The area's row in "Status og fremdrift", with an optional dated status comment."""

    anchoring = TextField(
        label=_("Anchoring"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Where the work is anchored, e.g. a department, a forum or a management."),
    )
    progress_owner = RecordChoiceField(
        label=_("Responsible for progress"),
        queryset=User.objects.none(),
        required=False,
    )
    # The same words as the column of Status og fremdrift: "Deadline/tidsplan".
    deadline = DanishDateField(label=pgettext_lazy("status row", "Deadline"), required=False)
    timeline = TextField(
        label=pgettext_lazy("status row", "Timeline"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    comment = TextField(
        label=_("Status comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Where does the work stand? Saved with today's date and your name."),
    )
    revision = RevisionField()

    def __init__(self, *args: Any, specialty: Specialty, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["progress_owner"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = specialty_people(specialty)

    def clean_anchoring(self) -> str:
        return clean_text(self.cleaned_data["anchoring"], max_length=2000)

    def clean_timeline(self) -> str:
        return clean_text(self.cleaned_data["timeline"], max_length=2000)

    def clean_comment(self) -> str:
        return clean_text(self.cleaned_data["comment"], max_length=5000)
