"""The form of the token page."""

from django import forms
from django.utils.translation import gettext_lazy as _


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("What the token is for"),
        max_length=100,
        help_text=_("E.g. the region's BI report; the person sees the name on their page."),
    )

    def clean_name(self) -> str:
        return " ".join(self.cleaned_data["name"].split())
