"""Forms for writing and deciding on the strategic ambition."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy, pgettext_lazy

from ambitions.models import Action, PrerequisiteState, Principle
from ambitions.strategic.services import DilemmaInput, PrerequisiteInput
from bass import text
from bass.forms import (
    DanishDateField,
    RecordChoiceField,
    RecordMultipleChoiceField,
    RevisionField,
    TextField,
)
from bass.text import MAX_TEXT_LENGTH
from people.models import ProgrammeRole, User
from specialties import permissions as specialty_permissions
from specialties.models import Membership, Specialty
from sustainability.models import Challenge, Perspective


def clean_text(value: str, *, max_length: int = MAX_TEXT_LENGTH) -> str:
    value = text.normalise(value or "")
    if len(value) > max_length:
        raise ValidationError(
            _("Keep the text under %(max)s characters (it has %(length)s)."),
            params={
                "max": f"{max_length:,}".replace(",", "."),
                "length": f"{len(value):,}".replace(",", "."),
            },
            code="max_length",
        )
    return value


class PartForm(forms.Form):
    """One part of the strategic ambition."""

    text = TextField(
        label=_("Text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_(
            "Simple formatting: a blank line between paragraphs, - for lists, *emphasis*, "
            "**bold**, [link text](https://…)."
        ),
    )
    revision = RevisionField()

    def clean_text(self) -> str:
        return clean_text(self.cleaned_data["text"])


class CommentForm(forms.Form):
    text = TextField(
        label=_("Comment"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write the comment before you send it.")},
    )

    def clean_text(self) -> str:
        value = clean_text(self.cleaned_data["text"], max_length=5000)
        if not value:
            raise ValidationError(_("Write the comment before you send it."), code="required")
        return value


class InterventionAreaForm(forms.Form):
    title = TextField(
        label=_("Title"),
        max_length=200,
        error_messages={"required": _("Give the intervention area a title.")},
    )
    description = TextField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    challenges = RecordMultipleChoiceField(
        label=pgettext_lazy("intervention area", "Challenges it answers"),
        queryset=Challenge.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    perspectives = RecordMultipleChoiceField(
        label=pgettext_lazy("intervention area", "Perspectives it answers"),
        queryset=Perspective.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    revision = RevisionField(initial=0)

    def __init__(self, *args: Any, specialty: Specialty, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["challenges"].queryset = Challenge.objects.filter(  # type: ignore[attr-defined]
            specialty=specialty
        ).order_by("-is_core", "core_order", "title")

    def clean_title(self) -> str:
        return text.normalise(self.cleaned_data["title"])

    def clean_description(self) -> str:
        return clean_text(self.cleaned_data["description"], max_length=5000)


class DecisionForm(forms.Form):
    """The steering group's decision on a submitted version."""

    APPROVE = "approve"
    RETURN = "return"

    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(APPROVE, _("Approve")), (RETURN, _("Return to the owner"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose approve or return.")},
    )
    remark = TextField(
        label=_("Remark"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required when the ambition is returned: what should the owner revise?"),
    )

    def __init__(self, *args: Any, flags: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The decision brief's flags: approving despite them needs a remark (issue 28).
        self.flags = flags or []

    def clean_remark(self) -> str:
        return clean_text(self.cleaned_data["remark"], max_length=5000)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("decision") == self.RETURN and not cleaned.get("remark"):
            self.add_error(
                "remark", _("Say what the owner should revise: a returned ambition needs a remark.")
            )
        if cleaned.get("decision") == self.APPROVE and self.flags and not cleaned.get("remark"):
            self.add_error(
                "remark",
                ngettext_lazy(
                    "The decision brief has %(count)s flag: say why you approve all the same. "
                    "The remark goes into the decision register.",
                    "The decision brief has %(count)s flags: say why you approve all the same. "
                    "The remark goes into the decision register.",
                    len(self.flags),
                )
                % {"count": len(self.flags)},
            )
        return cleaned


class ConditionForm(forms.Form):
    """A condition of an approval, with a deadline and someone responsible."""

    text = TextField(label=_("Condition"), widget=forms.Textarea(attrs={"rows": 2}))
    deadline = DanishDateField(label=_("Deadline"))
    responsible = RecordChoiceField(
        label=_("Responsible"),
        queryset=User.objects.none(),
        help_text=_("The specialty's own people first; then the steering group and secretariat."),
        error_messages={
            "invalid_choice": _(
                "Choose someone who can read the strategic ambition: one of the specialty's "
                "people, the steering group or the secretariat."
            )
        },
    )

    def __init__(self, *args: Any, specialty: Specialty, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.specialty = specialty
        # Only people who may read the ambition (specialties.permissions.can_view_ambition): the
        # person responsible sees the condition's text on their home page.
        field = self.fields["responsible"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = (
            User.objects.filter(is_active=True)
            .filter(
                Q(memberships__specialty=specialty)
                | Q(programme_role__in=[ProgrammeRole.STEERING_GROUP, ProgrammeRole.SECRETARIAT])
            )
            .distinct()
        )
        field.choices = responsible_choices(specialty)

    def clean_text(self) -> str:
        return clean_text(self.cleaned_data["text"], max_length=2000)

    def clean_responsible(self) -> User:
        """The responsible person follows the condition up and sees its text on the home
        page: only someone who may read the ambition (the same rule as the service)."""
        responsible: User = self.cleaned_data["responsible"]
        if not specialty_permissions.can_view_ambition(responsible, self.specialty):
            raise ValidationError(
                _(
                    "The responsible person must be able to read the strategic ambition: "
                    "one of the specialty's people, the steering group or the secretariat."
                ),
                code="may_not_read",
            )
        return responsible


# Choices grouped under a heading: (heading, [(user id, label), ...]).
Groups = list[tuple[str, list[tuple[int, str]]]]


def _member_groups(
    specialty: Specialty,
) -> tuple[Groups, set[int]]:
    """The specialty's own active people grouped by role (owner, leads, core team), each
    listed once under their first role, and the ids listed."""
    groups: Groups = [
        (str(_("Specialty owner")), []),
        (str(_("Implementation leads")), []),
        (str(_("Core team")), []),
    ]
    order = {
        Membership.Role.OWNER.value: 0,
        Membership.Role.IMPLEMENTATION_LEAD.value: 1,
        Membership.Role.CORE_TEAM.value: 2,
    }
    seen: set[int] = set()
    memberships = (
        Membership.objects.filter(specialty=specialty, user__is_active=True)
        .select_related("user", "site")
        .order_by("user__first_name", "user__last_name")
    )
    for membership in sorted(memberships, key=lambda m: order[m.role]):
        if membership.user_id not in seen:
            seen.add(membership.user_id)
            label = str(membership.user)
            if membership.site:
                label += f" ({membership.site.short_name})"
            groups[order[membership.role]][1].append((membership.user_id, label))
    return groups, seen


def _choices(groups: Groups) -> list[Any]:
    return [("", "---------"), *[(label, people) for label, people in groups if people]]


def responsible_choices(specialty: Specialty) -> list[Any]:
    """The people who may read the ambition, grouped: the specialty's own by role, then the
    programme. Someone with two roles is listed once, under the first."""
    groups, seen = _member_groups(specialty)
    programme_groups: dict[str, tuple[str, list[tuple[int, str]]]] = {
        ProgrammeRole.STEERING_GROUP.value: (str(_("BASS steering group")), []),
        ProgrammeRole.SECRETARIAT.value: (str(_("BASS secretariat")), []),
    }
    programme = User.objects.filter(
        is_active=True,
        programme_role__in=[ProgrammeRole.STEERING_GROUP, ProgrammeRole.SECRETARIAT],
    ).exclude(pk__in=seen)
    for user in programme:
        programme_groups[user.programme_role][1].append((user.pk, str(user)))
    return _choices([*groups, *programme_groups.values()])


# absolute_max: a forged TOTAL_FORMS builds at most this many forms (Django's default is
# max_num + 1000, seconds of work for one request).
ConditionFormSet = forms.formset_factory(
    ConditionForm, extra=2, max_num=10, absolute_max=10, validate_max=True
)


class ConditionMetForm(forms.Form):
    note = TextField(
        label=_("How was the condition met?"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Say briefly how the condition was met.")},
    )

    def clean_note(self) -> str:
        return clean_text(self.cleaned_data["note"], max_length=2000)


def dilemma_view_field(perspective: Perspective) -> str:
    return f"view_{perspective.code}"


class DilemmaForm(forms.Form):
    """A dilemma of the specialty's register: what pulls apart, how each perspective sees
    it, the principles at stake, the options, and the decision once it is taken."""

    title = TextField(
        label=_("Dilemma"),
        max_length=200,
        error_messages={"required": _("Give the dilemma a title.")},
    )
    description = TextField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    principles = RecordMultipleChoiceField(
        label=_("Principles at stake"),
        queryset=Principle.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    options = TextField(
        label=_("Options"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One option a line, starting with -."),
    )
    challenges = RecordMultipleChoiceField(
        label=_("Challenges it touches"),
        queryset=Challenge.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    actions = RecordMultipleChoiceField(
        label=_("Actions it touches"),
        queryset=Action.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    decision = TextField(
        label=_("Decision"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Leave empty while the dilemma is open."),
    )
    decided_by = TextField(label=_("Decided by"), required=False, max_length=200)
    decided_on = DanishDateField(label=_("Decided on"), required=False)
    revision = RevisionField(initial=0)

    def __init__(
        self, *args: Any, specialty: Specialty, perspectives: list[Perspective], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.perspectives = perspectives
        self.fields["challenges"].queryset = Challenge.objects.filter(  # type: ignore[attr-defined]
            specialty=specialty
        ).order_by("-is_core", "core_order", "title")
        self.fields["actions"].queryset = Action.objects.filter(  # type: ignore[attr-defined]
            focus_area__framework__ambition__specialty=specialty
        ).order_by("title", "pk")
        for perspective in perspectives:
            self.fields[dilemma_view_field(perspective)] = TextField(
                label=perspective.name,
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text=_("How does the dilemma look from this perspective?"),
            )

    def view_fields(self) -> list[forms.BoundField]:
        return [self[dilemma_view_field(p)] for p in self.perspectives]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for name in ["description", "options", "decision"] + [
            dilemma_view_field(p) for p in self.perspectives
        ]:
            if name in cleaned:
                try:
                    cleaned[name] = clean_text(cleaned[name] or "", max_length=5000)
                except ValidationError as error:
                    self.add_error(name, error)
        decided = cleaned.get("decision")
        if decided and not (cleaned.get("decided_by") and cleaned.get("decided_on")):
            self.add_error(
                "decided_by" if not cleaned.get("decided_by") else "decided_on",
                _("Say who decided and when."),
            )
        if not decided and (cleaned.get("decided_by") or cleaned.get("decided_on")):
            self.add_error("decision", _("Write the decision, or leave who and when empty."))
        return cleaned

    def as_input(self) -> DilemmaInput:
        data = self.cleaned_data
        return DilemmaInput(
            title=text.normalise(data["title"]),
            description=data["description"],
            views={p.code: data[dilemma_view_field(p)] for p in self.perspectives},
            principles=list(data["principles"]),
            options=data["options"],
            decision=data["decision"],
            decided_by=text.normalise(data["decided_by"] or ""),
            decided_on=data["decided_on"],
            challenges=list(data["challenges"]),
            actions=list(data["actions"]),
        )


def member_choices(specialty: Specialty) -> list[Any]:
    """The specialty's own people, grouped by role (a prerequisite's responsible person is
    one of them). Someone with two roles is listed once, under the first."""
    return _choices(_member_groups(specialty)[0])


class PrerequisiteForm(forms.Form):
    """A prerequisite of the specialty: what must be in place, who brings it in place, by
    when (issue 28, item 3)."""

    title = TextField(
        label=_("Prerequisite"),
        max_length=200,
        error_messages={"required": _("Say what must be in place.")},
    )
    description = TextField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    responsible = RecordChoiceField(
        label=_("Responsible"),
        queryset=User.objects.none(),
        help_text=_("One of the specialty's people: they follow it up in Mine opgaver."),
        error_messages={
            "required": _("Choose who is responsible for bringing it in place."),
            "invalid_choice": _("Choose one of the specialty's people."),
        },
    )
    deadline = DanishDateField(
        label=_("Deadline"),
        error_messages={"required": _("Give the date by which it must be in place.")},
    )
    revision = RevisionField(initial=0)

    def __init__(self, *args: Any, specialty: Specialty, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["responsible"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = User.objects.filter(
            is_active=True, memberships__specialty=specialty
        ).distinct()
        field.choices = member_choices(specialty)

    def clean_description(self) -> str:
        return clean_text(self.cleaned_data["description"], max_length=5000)

    def as_input(self) -> PrerequisiteInput:
        data = self.cleaned_data
        return PrerequisiteInput(
            title=data["title"],
            description=data["description"],
            responsible=data["responsible"],
            deadline=data["deadline"],
        )


class PrerequisiteStateForm(forms.Form):
    """A change of a prerequisite's state, with a dated remark."""

    state = forms.ChoiceField(
        label=_("State"),
        choices=PrerequisiteState.choices,
        error_messages={"invalid_choice": _("Choose one of the states.")},
    )
    remark = TextField(
        label=_("Remark"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What happened, or why the state changes. It is shown with today's date."),
        error_messages={"required": _("Write a short remark on the state.")},
    )

    def clean_remark(self) -> str:
        return clean_text(self.cleaned_data["remark"], max_length=2000)
