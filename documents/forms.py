"""The PDF button's request: which document."""

from django import forms

from bass.forms import (
    BoundedIntegerField,
)
from documents.models import DocumentKind


class DocumentRequestForm(forms.Form):
    kind = forms.ChoiceField(choices=DocumentKind.choices)
    specialty = forms.SlugField(required=False, max_length=120)
    object_id = BoundedIntegerField(required=False, min_value=1)
    # A status report for one site (matrikel, issue 26), as the pages' filter names it.
    matrikel = BoundedIntegerField(required=False, min_value=1)
