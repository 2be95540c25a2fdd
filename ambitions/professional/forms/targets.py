"""What an outcome goal and a progress indicator share: a baseline and a target that differ."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ValidationError

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class BaselineTargetForm(forms.Form):
    """A form with ``baseline`` and ``target`` fields: a target equal to the baseline measures
    nothing, so it is refused on the target with ``target_is_baseline``, each form's words."""

    target_is_baseline: StrOrPromise

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        baseline, target = cleaned.get("baseline"), cleaned.get("target")
        if baseline is not None and target is not None and baseline == target:
            self.add_error(
                "target", ValidationError(self.target_is_baseline, code="target_is_baseline")
            )
        return cleaned
