"""The programme pages' forms: the overview's filters, the programme's parts, search."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ambitions.models import Status
from programme.models import Phase, SecretariatContact
from programme.overview import SORT_KEYS, Filters
from specialties.models import Site
from sustainability.models import Perspective

ALL = pgettext_lazy("filter", "All")


class OverviewFilterForm(forms.Form):
    """Filters and sort order of Programoverblik (a GET form: the URL is the view)."""

    # Two questions about a site, named apart (issue 26): where the specialty is present,
    # and where its work lands.
    site = forms.ModelChoiceField(
        Site.objects.order_by("order", "name"),
        required=False,
        label=_("Specialty present at site"),
        empty_label=ALL,
    )
    matrikel = forms.ModelChoiceField(
        Site.objects.order_by("order", "name"),
        required=False,
        label=_("Actions that concern the site"),
        empty_label=ALL,
    )
    perspective = forms.ModelChoiceField(
        Perspective.objects.order_by("order", "name"),
        required=False,
        label=_("Leading perspective"),
        empty_label=ALL,
    )
    state = forms.ChoiceField(
        choices=[("", ALL), ("not_started", _("Not started")), *Status.choices],
        required=False,
        label=_("Strategic ambition"),
    )
    phase = forms.ChoiceField(choices=[("", ALL), *Phase.choices], required=False, label=_("Phase"))
    sort = forms.ChoiceField(
        choices=[(key, key) for key in SORT_KEYS], required=False, widget=forms.HiddenInput
    )
    dir = forms.ChoiceField(
        choices=[("asc", "asc"), ("desc", "desc")], required=False, widget=forms.HiddenInput
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Both site filters offer the same sites: read once.
        sites = [("", ALL), *((s.pk, str(s)) for s in Site.objects.order_by("order", "name"))]
        for name in ("site", "matrikel"):
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)
            field.choices = sites

    def filters(self) -> Filters:
        """The filters asked for; a value that is not a choice is ignored, not an error."""
        data = self.cleaned_data if self.is_valid() else {}
        site = data.get("site")
        work_site = data.get("matrikel")
        perspective = data.get("perspective")
        return Filters(
            site=site.pk if site is not None else None,
            work_site=work_site.pk if work_site is not None else None,
            perspective=perspective.pk if perspective is not None else None,
            state=data.get("state") or "",
            phase=data.get("phase") or "",
            sort=data.get("sort") or "name",
            descending=data.get("dir") == "desc",
        )


class ProgrammeVersionForm(forms.Form):
    """Saving the programme's strategic ambition as a version, with an optional note."""

    note = forms.CharField(
        label=_("Note on the version"),
        required=False,
        max_length=300,
        help_text=_("E.g. what changed, or the meeting that agreed it."),
    )


class SecretariatContactForm(forms.ModelForm):
    """Whom people without a role contact: a name (a person or the secretariat's) and an
    e-mail address."""

    class Meta:
        model = SecretariatContact
        fields = ["name", "email"]
        labels = {"name": _("Name"), "email": _("E-mail")}
        help_texts = {
            "name": _("A person, or the secretariat's name, as people should address it."),
            "email": _("Shown to everyone signed in who has no role yet."),
        }
