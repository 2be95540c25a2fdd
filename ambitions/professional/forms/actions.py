"""Forms of "Konkretisering af handlinger": an action with its assessment per sustainability
perspective and its BASS principles, a milestone, a progress indicator and a measurement.

The forms explain every rule next to the field it concerns; ``services`` enforces the
same rules for every other caller.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ambitions.models import (
    RATING_MAX,
    RATING_MIN,
    Action,
    ActionStatus,
    Measurement,
    Principle,
    ProgressIndicator,
)
from ambitions.professional.forms.targets import BaselineTargetForm
from ambitions.professional.services import (
    ActionInput,
    AssessmentInput,
    PrincipleInput,
)
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
from specialties.models import Site, Specialty
from sustainability.models import Challenge, Perspective

# Long texts of an action: room for a thorough description, not for a pasted document.
MAX_ACTION_TEXT = 5000

RATING_LABELS = {
    -2: _("−2 clearly weakens"),
    -1: _("−1 weakens somewhat"),
    0: _("0 neither weakens nor strengthens"),
    1: _("+1 strengthens somewhat"),
    2: _("+2 clearly strengthens"),
}
# A KeyError here means the model's scale changed without its labels.
RATING_CHOICES = [(r, RATING_LABELS[r]) for r in range(RATING_MIN, RATING_MAX + 1)]

NOT_NEGATIVE = _("Enter 0 or more.")
THOUSANDS = re.compile(r"-?\d{1,3}(\.\d{3})+")


def _date_field(label: Any, **kwargs: Any) -> forms.DateField:
    return DanishDateField(
        label=label,
        error_messages=kwargs.pop("error_messages", {}),
        **kwargs,
    )


def _text_field(label: Any, *, rows: int = 3, **kwargs: Any) -> forms.CharField:
    return TextField(
        label=label, required=False, widget=forms.Textarea(attrs={"rows": rows}), **kwargs
    )


class AmountField(forms.DecimalField):
    """A non-negative amount as Danes type it: 0,5 or 1.200 or 150 000."""

    def __init__(self, *, label: Any, max_digits: int, decimal_places: int) -> None:
        super().__init__(
            label=label,
            required=False,
            min_value=0,
            max_digits=max_digits,
            decimal_places=decimal_places,
            localize=True,
            error_messages={"min_value": NOT_NEGATIVE},
        )
        self.widget.attrs["inputmode"] = "decimal"

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str):
            value = value.strip().replace(" ", "").replace("\xa0", "")
            # In Danish the dot groups thousands (1.234,5 and 150.000); a lone "1.5" is
            # left as it is, a decimal.
            if "," in value or THOUSANDS.fullmatch(value):
                value = value.replace(".", "")
        return super().to_python(value)


def _perspective_rating(perspective: Perspective) -> str:
    return f"perspective_{perspective.code}_rating"


def _perspective_justification(perspective: Perspective) -> str:
    return f"perspective_{perspective.code}_justification"


def _principle_chosen(principle: Principle) -> str:
    return f"principle_{principle.code}"


def _principle_justification(principle: Principle) -> str:
    return f"principle_{principle.code}_justification"


class ActionForm(forms.Form):
    """Add or change an action of a focus area.

    Besides its own fields the form has, per sustainability perspective, a rating from -2 to
    +2 with its justification, and per BASS principle a checkbox with its justification.
    ``perspectives``, ``principles``, ``challenges`` and the specialty's people (prefetched
    memberships) come from the caller, so rendering the form costs no query.
    """

    title = TextField(
        label=_("Title"),
        max_length=Action._meta.get_field("title").max_length,
        error_messages={"required": _("Give the action a title.")},
    )
    purpose = _text_field(_("Purpose"), rows=4)
    resource_hours = AmountField(label=_("Hours"), max_digits=10, decimal_places=1)
    resource_fte = AmountField(label=_("FTE"), max_digits=6, decimal_places=2)
    resource_dkk = AmountField(label=_("DKK"), max_digits=12, decimal_places=0)
    resource_text = _text_field(
        _("Resource use in words"),
        help_text=_("E.g. who is released from what, teaching hours, equipment."),
    )
    success_criteria = _text_field(_("Success criteria"))
    process_goals = _text_field(_("Process goals"))
    responsible = RecordChoiceField(
        label=_("Responsible"),
        queryset=User.objects.none(),
        error_messages={
            "required": _("Choose who is responsible for the action."),
            "invalid_choice": _("The responsible person must be one of the specialty's people."),
        },
    )
    contributors = _text_field(
        _("Who else does what"),
        help_text=_("One line per person or group: who, and what they do."),
    )
    start_date = _date_field(
        _("Start"), error_messages={"required": _("Enter when the action starts.")}
    )
    end_date = _date_field(_("End"), error_messages={"required": _("Enter when the action ends.")})
    status = forms.ChoiceField(
        label=_("Status"), choices=ActionStatus.choices, initial=ActionStatus.NOT_STARTED
    )
    challenges = RecordMultipleChoiceField(
        label=pgettext_lazy("action", "Challenges it answers"),
        queryset=Challenge.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    sites = RecordMultipleChoiceField(
        label=_("Sites it concerns"),
        queryset=Site.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose none when the action concerns every site of the specialty."),
        error_messages={
            "invalid_choice": _("Choose among the sites where the specialty is present."),
        },
    )
    revision = RevisionField(required=False)

    def __init__(
        self,
        data: Any = None,
        *,
        specialty: Specialty,
        perspectives: Sequence[Perspective],
        principles: Sequence[Principle],
        challenges: Sequence[Challenge],
        action: Action | None = None,
        **kwargs: Any,
    ) -> None:
        if action is not None and data is None:
            kwargs.setdefault("initial", initial_for(action, perspectives, principles))
        super().__init__(data, **kwargs)
        self.specialty = specialty
        self.perspectives = list(perspectives)
        self.principles = list(principles)
        self.action = action
        self.fields["revision"].required = action is not None

        responsible = self.fields["responsible"]
        assert isinstance(responsible, forms.ModelChoiceField)
        responsible.queryset = User.objects.filter(memberships__specialty=specialty).distinct()
        people = {m.user.pk: m.user for m in specialty.memberships.all()}
        responsible.choices = [
            ("", "---------"),
            *((pk, str(user)) for pk, user in sorted(people.items(), key=lambda p: str(p[1]))),
        ]
        linked = self.fields["challenges"]
        assert isinstance(linked, forms.ModelMultipleChoiceField)
        linked.queryset = Challenge.objects.filter(specialty=specialty)
        linked.choices = [(c.pk, c.title) for c in challenges]
        concerned = self.fields["sites"]
        assert isinstance(concerned, forms.ModelMultipleChoiceField)
        concerned.queryset = Site.objects.filter(specialties=specialty)
        # The specialty's sites are prefetched with it: rendering costs no query.
        concerned.choices = [(site.pk, site.name) for site in specialty.sites.all()]

        for perspective in self.perspectives:
            self.fields[_perspective_rating(perspective)] = forms.TypedChoiceField(
                label=_("Rating"),
                choices=RATING_CHOICES,
                coerce=int,
                initial=0,
            )
            self.fields[_perspective_justification(perspective)] = _text_field(
                _("Justification"),
                help_text=_("Required unless the rating is 0."),
            )
        for principle in self.principles:
            self.fields[_principle_chosen(principle)] = forms.BooleanField(
                label=principle.name,
                required=False,
                help_text=principle.in_professional_ambition,
            )
            self.fields[_principle_justification(principle)] = _text_field(
                _("How the action builds on %(principle)s") % {"principle": principle.name},
            )

    # -- cleaning ---------------------------------------------------------------------------

    def clean_title(self) -> str:
        return text.normalise(self.cleaned_data["title"])

    def clean_purpose(self) -> str:
        value = clean_text(self.cleaned_data["purpose"], max_length=MAX_ACTION_TEXT)
        if not value:
            raise ValidationError(_("Describe the purpose of the action."), code="required")
        return value

    def _clean_long(self, name: str) -> str:
        return clean_text(self.cleaned_data.get(name) or "", max_length=MAX_ACTION_TEXT)

    def clean_resource_text(self) -> str:
        return self._clean_long("resource_text")

    def clean_success_criteria(self) -> str:
        return self._clean_long("success_criteria")

    def clean_process_goals(self) -> str:
        return self._clean_long("process_goals")

    def clean_contributors(self) -> str:
        return self._clean_long("contributors")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for name in self.fields:
            if name.endswith("_justification") and name in cleaned:
                try:
                    cleaned[name] = self._clean_long(name)
                except ValidationError as error:
                    self.add_error(name, error)

        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error(
                "end_date",
                ValidationError(
                    _("The end date cannot be before the start date."), code="ends_before_start"
                ),
            )

        for perspective in self.perspectives:
            rating = cleaned.get(_perspective_rating(perspective))
            justification_name = _perspective_justification(perspective)
            if rating and justification_name in cleaned and not cleaned[justification_name]:
                self.add_error(
                    justification_name,
                    ValidationError(
                        _("Justify the rating: how does the action affect %(perspective)s?"),
                        code="unjustified_rating",
                        params={"perspective": perspective.name.lower()},
                    ),
                )

        chosen = [p for p in self.principles if cleaned.get(_principle_chosen(p))]
        if not chosen:
            self.add_error(
                None,
                ValidationError(
                    _(
                        "Every action must be traceable to at least one BASS principle "
                        "(%(principles)s). Choose the principles it builds on and explain how."
                    ),
                    code="no_principle",
                    params={"principles": ", ".join(p.name for p in self.principles)},
                ),
            )
        for principle in chosen:
            justification_name = _principle_justification(principle)
            if justification_name in cleaned and not cleaned[justification_name]:
                self.add_error(
                    justification_name,
                    ValidationError(
                        _("Explain how the action builds on %(principle)s."),
                        code="unjustified_principle",
                        params={"principle": principle.name.lower()},
                    ),
                )
        return cleaned

    # -- rendering --------------------------------------------------------------------------

    def assessment_fields(self) -> list[tuple[Perspective, forms.BoundField, forms.BoundField]]:
        return [
            (p, self[_perspective_rating(p)], self[_perspective_justification(p)])
            for p in self.perspectives
        ]

    def principle_fields(self) -> list[tuple[Principle, forms.BoundField, forms.BoundField]]:
        return [
            (p, self[_principle_chosen(p)], self[_principle_justification(p)])
            for p in self.principles
        ]

    @property
    def principles_errors(self) -> list[str]:
        """The "at least one principle" error, shown with the principles."""
        return [
            str(message)
            for error in self.non_field_errors().as_data()
            if error.code == "no_principle"
            for message in error
        ]

    @property
    def principles_error_id(self) -> str:
        return str(self.auto_id or "%s") % "principles_error"

    @property
    def errors_summary(self) -> list[str]:
        """Errors that concern the whole form (the missing principle, also shown with the
        principles) and those of hidden fields (the revision)."""
        errors = [str(e) for e in self.non_field_errors()]
        for hidden in self.hidden_fields():
            errors.extend(str(e) for e in hidden.errors)
        return errors

    # -- output -----------------------------------------------------------------------------

    def to_input(self) -> ActionInput:
        """What the services write (call after ``is_valid()``)."""
        data = self.cleaned_data
        return ActionInput(
            title=data["title"],
            purpose=data["purpose"],
            responsible=data["responsible"],
            start_date=data["start_date"],
            end_date=data["end_date"],
            status=data["status"],
            resource_hours=data["resource_hours"],
            resource_fte=data["resource_fte"],
            resource_dkk=data["resource_dkk"],
            resource_text=data["resource_text"],
            success_criteria=data["success_criteria"],
            process_goals=data["process_goals"],
            contributors=data["contributors"],
            challenges=list(data["challenges"]),
            sites=list(data["sites"]),
            assessments=[
                AssessmentInput(
                    perspective=p,
                    rating=data[_perspective_rating(p)],
                    justification=data[_perspective_justification(p)],
                )
                for p in self.perspectives
            ],
            principles=[
                PrincipleInput(principle=p, justification=data[_principle_justification(p)])
                for p in self.principles
                if data[_principle_chosen(p)]
            ],
        )


def initial_for(
    action: Action, perspectives: Sequence[Perspective], principles: Sequence[Principle]
) -> dict[str, object]:
    """The form's starting values from a saved action (its challenges, assessments and
    principles prefetched)."""
    initial: dict[str, object] = {
        name: getattr(action, name)
        for name in (
            "title",
            "purpose",
            "resource_hours",
            "resource_fte",
            "resource_dkk",
            "resource_text",
            "success_criteria",
            "process_goals",
            "contributors",
            "start_date",
            "end_date",
            "status",
            "revision",
        )
    }
    initial["responsible"] = action.responsible_id
    initial["challenges"] = [c.pk for c in action.challenges.all()]
    initial["sites"] = [s.pk for s in action.sites.all()]
    assessments = {a.perspective_id: a for a in action.assessments.all()}
    for perspective in perspectives:
        assessment = assessments.get(perspective.pk)
        initial[_perspective_rating(perspective)] = assessment.rating if assessment else 0
        initial[_perspective_justification(perspective)] = (
            assessment.justification if assessment else ""
        )
    links = {link.principle_id: link for link in action.principles.all()}
    for principle in principles:
        link = links.get(principle.pk)
        initial[_principle_chosen(principle)] = link is not None
        initial[_principle_justification(principle)] = link.justification if link else ""
    return initial


class MilestoneForm(forms.Form):
    title = TextField(
        label=_("Milestone"),
        max_length=200,
        error_messages={"required": _("Give the milestone a title.")},
    )
    due_date = _date_field(
        _("Date"), error_messages={"required": _("Enter the date of the milestone.")}
    )

    def clean_title(self) -> str:
        return text.normalise(self.cleaned_data["title"])


class IndicatorForm(BaselineTargetForm):
    target_is_baseline = _("The target must differ from the baseline.")

    name = TextField(
        label=_("Indicator"),
        max_length=200,
        error_messages={"required": _("Name the indicator.")},
    )
    unit = TextField(
        label=_("Unit"),
        max_length=40,
        help_text=_("E.g. days, %, patients per month."),
        error_messages={"required": _("Give the unit the indicator is measured in.")},
    )
    baseline = ValueField(
        label=_("Baseline"),
        error_messages={"required": _("Enter the value before the action (the baseline).")},
    )
    target = ValueField(
        label=_("Target"),
        error_messages={"required": _("Enter the value the action aims for.")},
    )

    def clean_name(self) -> str:
        return text.normalise(self.cleaned_data["name"])

    def clean_unit(self) -> str:
        return text.normalise(self.cleaned_data["unit"])


class MeasurementForm(forms.Form):
    measured_on = _date_field(
        _("Date"), error_messages={"required": _("Enter the date of the measurement.")}
    )
    value = ValueField(
        label=_("Value"),
        error_messages={"required": _("Enter the measured value.")},
    )
    note = TextField(label=_("Note"), max_length=300, required=False)

    def __init__(
        self, *args: Any, indicator: ProgressIndicator | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.indicator = indicator

    def clean_measured_on(self) -> datetime.date:
        measured_on = self.cleaned_data["measured_on"]
        if measured_on > timezone.localdate():
            raise ValidationError(
                _("A measurement cannot be dated in the future."), code="in_the_future"
            )
        # One value per indicator and day (issue 30, item 11): a second one for the same day
        # was taken silently, and the run chart then drew two points on one date.
        earlier = (
            Measurement.objects.filter(indicator=self.indicator, measured_on=measured_on).first()
            if self.indicator is not None
            else None
        )
        if earlier is not None:
            raise ValidationError(
                _(
                    "The indicator already has a measurement on %(date)s (%(value)s). Choose "
                    "another date: each day has one value."
                ),
                code="same_day",
                params={"date": date_format(measured_on), "value": number_format(earlier.value)},
            )
        return measured_on

    def clean_note(self) -> str:
        return text.normalise(self.cleaned_data.get("note") or "")
