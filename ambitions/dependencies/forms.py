"""The forms of a dependency: what the asking specialty needs, and the other's answer."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ambitions.models import Action, Dependency, DependencyState
from bass.forms import DanishDateField, RecordChoiceField, TextField
from specialties.models import Specialty
from sustainability.models import Challenge


def subject_key(subject: Challenge | Action) -> str:
    return f"{'challenge' if isinstance(subject, Challenge) else 'action'}-{subject.pk}"


class DependencyForm(forms.Form):
    """What a challenge or action of ``specialty`` needs from another specialty, by when."""

    depends_on = RecordChoiceField(
        label=_("Specialty you depend on"),
        queryset=Specialty.objects.none(),
        error_messages={
            "required": _("Choose the specialty you depend on."),
            "invalid_choice": _("Choose the specialty you depend on."),
        },
    )
    subject = forms.ChoiceField(
        label=_("What depends on it"),
        help_text=_("The challenge or action of your specialty that needs it."),
        error_messages={
            "required": _("Choose the challenge or action that depends on it."),
            "invalid_choice": _("Choose the challenge or action that depends on it."),
        },
    )
    need = TextField(
        label=_("What you need"),
        max_length=300,
        help_text=_("E.g. “scanning capacity: 10 more CT slots a week”."),
        error_messages={"required": _("Say what your specialty needs.")},
    )
    needed_by = DanishDateField(label=_("Needed by"), required=False)

    def __init__(
        self,
        data: Any = None,
        *,
        specialty: Specialty,
        challenges: list[Challenge],
        actions: list[Action],
        **kwargs: Any,
    ) -> None:
        super().__init__(data, **kwargs)
        self.fields["depends_on"].queryset = Specialty.objects.exclude(pk=specialty.pk).order_by(  # type: ignore[attr-defined]
            "name"
        )
        self._subjects: dict[str, Challenge | Action] = {
            **{subject_key(c): c for c in challenges},
            **{subject_key(a): a for a in actions},
        }
        self.fields["subject"].choices = [  # type: ignore[attr-defined]
            ("", "—"),
            (_("Challenges"), [(subject_key(c), c.title) for c in challenges]),
            (_("Actions"), [(subject_key(a), a.title) for a in actions]),
        ]

    def clean_subject(self) -> Challenge | Action:
        return self._subjects[self.cleaned_data["subject"]]

    @classmethod
    def initial_of(cls, dependency: Dependency) -> dict[str, Any]:
        return {
            "depends_on": dependency.depends_on_id,
            "subject": subject_key(dependency.subject),
            "need": dependency.need,
            "needed_by": dependency.needed_by,
        }


ANSWER_CHOICES = [
    (DependencyState.ACCEPTED.value, _("Accept")),
    (DependencyState.DECLINED.value, _("Decline")),
    (DependencyState.QUESTION.value, _("Ask a question")),
]
REMARK_REQUIRED = {
    DependencyState.ACCEPTED.value: _("Say what your specialty will do."),
    DependencyState.DECLINED.value: _("Say why your specialty declines."),
    DependencyState.QUESTION.value: _("Write your question."),
}


class AnswerForm(forms.Form):
    """The answer of the specialty depended on: accept, decline or ask, with a remark."""

    state = forms.ChoiceField(
        label=_("Your answer"),
        choices=ANSWER_CHOICES,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose your answer."),
            "invalid_choice": _("Choose your answer."),
        },
    )
    remark = TextField(
        label=_("Remark"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "When you accept: what your specialty will do. When you decline: why. Or your question."
        ),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        state = cleaned.get("state")
        if state in REMARK_REQUIRED and not cleaned.get("remark"):
            self.add_error("remark", REMARK_REQUIRED[state])
        return cleaned
