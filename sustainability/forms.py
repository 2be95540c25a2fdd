"""The form for a challenge: what it is, its primary perspective, its three lenses, its tags."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.forms.boundfield import BoundWidget
from django.utils.translation import gettext_lazy as _

from bass.forms import (
    RecordChoiceField,
    RecordMultipleChoiceField,
    RevisionField,
    TextField,
)
from bass.text import MAX_TEXT_LENGTH, normalise
from sustainability.models import Challenge, FocusArea, Perspective

MARKDOWN_HELP = _(
    "Simple formatting: a blank line between paragraphs, *italic*, **bold**, "
    "lines starting with - for a list, [text](https://…) for a link."
)


def lens_field_name(perspective: Perspective) -> str:
    return f"lens_{perspective.code}"


def check_length(text: str) -> str:
    if len(text) > MAX_TEXT_LENGTH:
        raise forms.ValidationError(
            _("Keep the text under %(max)s characters (it has %(length)s)."),
            code="too_long",
            params={"max": MAX_TEXT_LENGTH, "length": len(text)},
        )
    return text


class ChallengeForm(forms.Form):
    """Add or edit a challenge.

    ``perspectives`` come from the caller with their focus areas prefetched, so the page
    that shows the form and the challenges reads them once. When editing, the form carries
    the revision it was opened at (optimistic locking, see ``services.challenge_update``).
    """

    title = TextField(
        label=_("Title"),
        max_length=Challenge._meta.get_field("title").max_length,
        error_messages={"required": _("Give the challenge a title.")},
    )
    description = TextField(
        label=_("Description"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=MARKDOWN_HELP,
    )
    primary_perspective = RecordChoiceField(
        label=_("Primary perspective"),
        queryset=Perspective.objects.all(),
        widget=forms.RadioSelect,
        empty_label=None,
        help_text=_("The perspective the challenge mainly belongs to."),
        error_messages={"required": _("Choose the perspective the challenge mainly belongs to.")},
    )
    focus_areas = RecordMultipleChoiceField(
        label=_("Focus areas"),
        queryset=FocusArea.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    revision = RevisionField(required=False)

    def __init__(
        self,
        data: Any = None,
        *,
        perspectives: Sequence[Perspective],
        challenge: Challenge | None = None,
        **kwargs: Any,
    ) -> None:
        if challenge is not None and data is None:
            kwargs.setdefault("initial", initial_for(challenge, perspectives))
        super().__init__(data, **kwargs)
        self.perspectives = list(perspectives)
        self.challenge = challenge
        self.fields["revision"].required = challenge is not None
        # Choices from the perspectives in hand: rendering the form costs no query.
        self.fields["primary_perspective"].choices = [  # type: ignore[attr-defined]
            (p.pk, p.name) for p in self.perspectives
        ]
        self.fields["focus_areas"].choices = [  # type: ignore[attr-defined]
            (f.pk, f.name) for p in self.perspectives for f in p.focus_areas.all()
        ]
        for perspective in self.perspectives:
            name = lens_field_name(perspective)
            self.fields[name] = TextField(
                label=perspective.name,
                required=False,
                strip=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                help_text=perspective.reflection_question,
            )
            setattr(self, f"clean_{name}", self._text_cleaner(name))

    def _text_cleaner(self, name: str) -> Any:
        def clean() -> str:
            return check_length(normalise(self.cleaned_data.get(name) or ""))

        return clean

    def clean_title(self) -> str:
        return check_length(normalise(self.cleaned_data["title"]))

    def clean_description(self) -> str:
        return check_length(normalise(self.cleaned_data.get("description") or ""))

    def lens_fields(self) -> list[forms.BoundField]:
        return [self[lens_field_name(p)] for p in self.perspectives]

    def lens_fields_with_perspectives(self) -> list[tuple[forms.BoundField, Perspective]]:
        """Each lens field with its perspective, whose guide text is shown beside it."""
        return [(self[lens_field_name(p)], p) for p in self.perspectives]

    def focus_area_groups(self) -> list[tuple[Perspective, list[BoundWidget]]]:
        """The focus-area checkboxes under the perspective each belongs to."""
        boxes = {str(box.data["value"]): box for box in self["focus_areas"]}
        return [
            (p, [boxes[str(f.pk)] for f in p.focus_areas.all()])
            for p in self.perspectives
            if p.focus_areas.all()
        ]

    def lens_answers(self) -> dict[Perspective, str]:
        """The cleaned lens answers by perspective ("" for an unanswered lens)."""
        return {p: self.cleaned_data.get(lens_field_name(p), "") for p in self.perspectives}

    @property
    def errors_summary(self) -> list[str]:
        """Errors not shown next to a visible field (the hidden revision's among them)."""
        errors = [str(e) for e in self.non_field_errors()]
        for field in self.hidden_fields():
            errors.extend(str(e) for e in field.errors)
        return errors


def initial_for(challenge: Challenge, perspectives: Sequence[Perspective]) -> dict[str, object]:
    """The form's starting values from a saved challenge (``lens_answers`` and
    ``focus_areas`` prefetched)."""
    answers = {a.perspective_id: a.text for a in challenge.lens_answers.all()}
    initial: dict[str, object] = {
        "title": challenge.title,
        "description": challenge.description,
        "primary_perspective": challenge.primary_perspective_id,
        "focus_areas": [f.pk for f in challenge.focus_areas.all()],
        "revision": challenge.revision,
    }
    for perspective in perspectives:
        initial[lens_field_name(perspective)] = answers.get(perspective.pk, "")
    return initial
