"""The forms of the inspiration library: search and filters, a case, a citation."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from bass.forms import (
    BoundedIntegerField,
    LineField,
    RecordChoiceField,
    RecordMultipleChoiceField,
    RevisionField,
    TextField,
)
from inspiration.models import Case, Classification, TaskShift
from inspiration.queries import CaseFilters
from inspiration.services import CaseContent
from specialties.models import Specialty
from sustainability.forms import MARKDOWN_HELP, check_length
from sustainability.models import FocusArea, Perspective


class CaseSearchForm(forms.Form):
    """The library's search and filters (GET). A filter that is not a choice gets a field
    error and is left out, so the page still shows the rest."""

    q = LineField(label=_("Search the cases"), required=False, max_length=200)
    classification = RecordChoiceField(
        label=_("The report's classification"),
        queryset=Classification.objects.all(),
        required=False,
        empty_label=_("All"),
    )
    perspective = RecordChoiceField(
        label=_("Sustainability perspective"),
        queryset=Perspective.objects.all(),
        required=False,
        empty_label=_("All"),
    )
    focus_area = RecordChoiceField(
        label=_("Focus area"),
        queryset=FocusArea.objects.select_related("perspective"),
        required=False,
        empty_label=_("All"),
    )
    specialty = RecordChoiceField(
        label=_("Specialty"),
        queryset=Specialty.objects.all(),
        required=False,
        empty_label=_("All"),
    )

    def filters(self) -> CaseFilters:
        """The valid part of what was asked (``is_valid`` must have run)."""
        data = getattr(self, "cleaned_data", {})
        return CaseFilters(
            query=data.get("q", ""),
            classification=data.get("classification"),
            perspective=data.get("perspective"),
            focus_area=data.get("focus_area"),
            specialty=data.get("specialty"),
        )


class TaskShiftSearchForm(forms.Form):
    q = LineField(label=_("Search the tasks"), required=False, max_length=200)
    level = forms.ChoiceField(
        label=_("Level"),
        choices=[("", _("All")), *TaskShift.Level.choices],
        required=False,
    )
    specialty = RecordChoiceField(
        label=_("Specialty"),
        queryset=Specialty.objects.all(),
        required=False,
        empty_label=_("All"),
    )


def _text(label: Any, *, required: bool = False, rows: int = 5) -> TextField:
    return TextField(
        label=label,
        required=required,
        strip=False,
        widget=forms.Textarea(attrs={"rows": rows}),
        help_text=MARKDOWN_HELP,
    )


def _line(name: str, *, required: bool) -> LineField:
    """A one-line field labelled, sized and explained as the model's field is."""
    model_field = Case._meta.get_field(name)
    assert isinstance(model_field, models.CharField)
    return LineField(
        label=capfirst(model_field.verbose_name),
        required=required,
        max_length=model_field.max_length,
        help_text=model_field.help_text,
    )


class CaseForm(forms.Form):
    """Add or edit a case in the report's template. When editing, the form carries the
    revision it was opened at (optimistic locking, ``services.case_update``)."""

    title = _line("title", required=True)
    setting = _line("setting", required=True)
    specialty = RecordChoiceField(
        label=_("BASS specialty"),
        queryset=Specialty.objects.all(),
        required=False,
        empty_label=_("None"),
        help_text=_("Where the case fits one of the programme's specialties."),
    )
    specialty_text = _line("specialty_text", required=False)
    background = _text(_("Background"), rows=3)
    what_they_did = _text(_("What have they done?"), required=True)
    prerequisites_and_barriers = _text(_("Prerequisites and barriers met"))
    results = _text(_("Results"))
    potential = _text(_("Potential and perspective"), rows=3)
    source_part = _line("source_part", required=True)
    source_page = BoundedIntegerField(
        label=_("Page"),
        required=False,
        min_value=1,
        max_value=9999,
        help_text=_("The report's printed page number, where the part has one."),
    )
    classifications = RecordMultipleChoiceField(
        label=_("The report's classifications"),
        queryset=Classification.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    perspectives = RecordMultipleChoiceField(
        label=_("Sustainability perspectives"),
        queryset=Perspective.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    focus_areas = RecordMultipleChoiceField(
        label=_("Focus areas"),
        queryset=FocusArea.objects.select_related("perspective"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    revision = RevisionField(required=False)

    def __init__(self, data: Any = None, *, case: Case | None = None, **kwargs: Any) -> None:
        initial = None
        if case is not None:
            initial = {
                **{
                    name: getattr(case, name)
                    for name in (
                        "title",
                        "setting",
                        "specialty_text",
                        "background",
                        "what_they_did",
                        "prerequisites_and_barriers",
                        "results",
                        "potential",
                        "source_part",
                        "source_page",
                        "revision",
                    )
                },
                "specialty": case.specialty_id,
                "classifications": [c.pk for c in case.classifications.all()],
                "perspectives": [p.pk for p in case.perspectives.all()],
                "focus_areas": [f.pk for f in case.focus_areas.all()],
            }
        super().__init__(data, initial=initial, **kwargs)
        self.fields["what_they_did"].error_messages["required"] = _("Describe what they have done.")
        if case is not None:
            self.fields["revision"].required = True

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in (
            "background",
            "what_they_did",
            "prerequisites_and_barriers",
            "results",
            "potential",
        ):
            if name in data:
                try:
                    data[name] = check_length(data[name])
                except forms.ValidationError as error:
                    self.add_error(name, error)
        return data

    def content(self) -> CaseContent:
        data = self.cleaned_data
        return CaseContent(
            title=data["title"],
            setting=data["setting"],
            specialty=data["specialty"],
            specialty_text=data["specialty_text"],
            background=data["background"],
            what_they_did=data["what_they_did"],
            prerequisites_and_barriers=data["prerequisites_and_barriers"],
            results=data["results"],
            potential=data["potential"],
            source_part=data["source_part"],
            source_page=data["source_page"],
            classifications=data["classifications"],
            perspectives=data["perspectives"],
            focus_areas=data["focus_areas"],
        )

    def errors_summary(self) -> list[str]:
        return [str(e) for errors in self.errors.values() for e in errors]


class CitationForm(forms.Form):
    """Cite a case as an action's inspiration, or (``remove``) stop citing it."""

    case = RecordChoiceField(
        label=_("Case"),
        queryset=Case.objects.all(),
        empty_label=_("Choose a case"),
        error_messages={"required": _("Choose the case the action takes inspiration from.")},
    )
    note = LineField(
        label=_("What we take from it"),
        required=False,
        max_length=300,
        help_text=_("Optional: one line on what the action takes from the case."),
    )
    remove = forms.BooleanField(required=False, widget=forms.HiddenInput)
