"""The submitted versions, and two of them (or one and the draft) compared part by part."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from ambitions.models import (
    AmbitionVersion,
    StrategicAmbition,
)
from ambitions.strategic import content, queries
from ambitions.strategic.access import (
    get_ambition_for_view,
)
from bass.http import HtmxHttpRequest


@require_safe
@login_required
def versions(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """The submitted versions, and two of them (or one and the draft) compared part by part."""
    ambition = get_ambition_for_view(request.user, slug)
    all_versions = list(queries.versions(ambition))
    by_number = {str(v.number): v for v in all_versions}
    choices = [(str(v.number), v) for v in all_versions]
    default_old = str(ambition.approved_version.number) if ambition.approved_version else ""
    old_key = request.GET.get("fra") or default_old or (choices[0][0] if choices else "")
    new_key = request.GET.get("til") or "udkast"
    comparison = None
    if old_key:
        old = _content_for(ambition, old_key, by_number)
        new = _content_for(ambition, new_key, by_number)
        comparison = content.compare(old, new)
    return render(
        request,
        "ambitions/versions.html",
        {
            "specialty": ambition.specialty,
            "ambition": ambition,
            "versions": all_versions,
            "old_key": old_key,
            "new_key": new_key,
            "comparison": comparison,
        },
    )


def _content_for(
    ambition: StrategicAmbition, key: str, by_number: dict[str, AmbitionVersion]
) -> dict[str, Any]:
    if key == "udkast":
        return content.snapshot(ambition)
    if key not in by_number:
        raise Http404
    return by_number[key].content
