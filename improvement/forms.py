"""Forms of the improvement tools: a PDSA cycle stage by stage, a baseline period, a driver,
a change idea and the actions that test it."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ambitions.models import Action
from bass.forms import (
    DanishDateField,
    LineField,
    RecordChoiceField,
    RecordMultipleChoiceField,
    RevisionField,
    TextField,
)
from improvement.models import ActDecision, PDSAStage
from people.models import User
from specialties.models import Specialty


def _long(label: Any, *, required: bool = True, message: Any = None) -> TextField:
    return TextField(
        label=label,
        required=required,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": message} if message else {},
    )


class PlanForm(forms.Form):
    plan = _long(_("What we will try"), message=_("Describe what the cycle will try."))
    responsible = RecordChoiceField(
        label=_("Who"),
        queryset=User.objects.none(),
        error_messages={
            "required": _("Choose who carries out the cycle."),
            "invalid_choice": _("Choose one of the specialty's people."),
        },
    )
    starts_on = DanishDateField(
        label=_("Start"), error_messages={"required": _("Enter when the cycle starts.")}
    )
    study_on = DanishDateField(
        label=_("Study on"),
        error_messages={"required": _("Enter when the result will be studied.")},
    )
    prediction = _long(
        _("Prediction"), message=_("Write what you expect to happen, so Study can compare.")
    )
    revision = RevisionField(required=False)

    def __init__(self, *args: Any, specialty: Specialty, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        people = {m.user.pk: m.user for m in specialty.memberships.all()}
        field = self.fields["responsible"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = User.objects.filter(pk__in=list(people))
        field.choices = [
            ("", "---------"),
            *((pk, str(user)) for pk, user in sorted(people.items(), key=lambda p: str(p[1]))),
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        starts: datetime.date | None = cleaned.get("starts_on")
        study: datetime.date | None = cleaned.get("study_on")
        if starts and study and study < starts:
            self.add_error("study_on", _("Study comes after the start of the cycle."))
        return cleaned


class DoForm(forms.Form):
    do = _long(_("What happened"), message=_("Describe what happened when you tried it."))
    revision = RevisionField()


class StudyForm(forms.Form):
    study = _long(
        _("Result against the prediction"),
        message=_("Compare the result with the prediction."),
    )
    revision = RevisionField()


class ActForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=ActDecision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether to adopt, adapt or abandon the change.")},
    )
    next_cycle = _long(_("Next cycle"), required=False)
    revision = RevisionField()


STAGE_FORMS: dict[str, type[forms.Form]] = {
    PDSAStage.PLAN: PlanForm,
    PDSAStage.DO: DoForm,
    PDSAStage.STUDY: StudyForm,
    PDSAStage.ACT: ActForm,
}


class BaselineForm(forms.Form):
    until = DanishDateField(
        label=_("Baseline period ends"),
        required=False,
        help_text=_(
            "The median of the measurements up to and including this date is the centre line. "
            "Leave it empty to use every measurement."
        ),
    )


class DriverForm(forms.Form):
    text = LineField(
        label=_("Driver"),
        max_length=300,
        error_messages={"required": _("Describe the driver.")},
    )


class IdeaForm(forms.Form):
    text = LineField(
        label=_("Change idea"),
        max_length=300,
        error_messages={"required": _("Describe the change idea.")},
    )


class RenameForm(forms.Form):
    """A driver's or change idea's new text, with the text it had when the form was shown:
    if someone changed it since, the save is refused and shows what they wrote."""

    text = LineField(
        label=_("New text"),
        max_length=300,
        error_messages={"required": _("Write the new text.")},
    )
    was = forms.CharField(widget=forms.HiddenInput, required=False, max_length=300)


class IdeaActionsForm(forms.Form):
    actions = RecordMultipleChoiceField(
        label=_("Actions that test it"),
        queryset=Action.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose actions of this intervention area.")},
    )

    def __init__(self, *args: Any, actions: list[Action], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["actions"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = Action.objects.filter(pk__in=[a.pk for a in actions])
        field.choices = [(a.pk, f"{a.title} ({a.focus_area.title})") for a in actions]

    def clean_actions(self) -> list[Action]:
        chosen = self.cleaned_data.get("actions") or []
        if len(chosen) > 50:
            raise ValidationError(_("Choose actions of this intervention area."))
        return list(chosen)
