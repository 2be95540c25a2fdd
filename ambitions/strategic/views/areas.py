"""The ambition's strategic intervention areas, added, edited in place and deleted on its page."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_http_methods, require_POST

from ambitions import permissions as ambition_permissions
from ambitions.models import (
    InterventionArea,
    StrategicAmbition,
)
from ambitions.strategic import services
from ambitions.strategic.access import (
    get_ambition_for_edit,
    get_area_for_edit,
)
from ambitions.strategic.forms import (
    InterventionAreaForm,
)
from ambitions.strategic.views.detail import DETAIL, areas_context, page_context
from bass.editing import EditConflict, SavedVersion, saved_version
from bass.http import HtmxHttpRequest, render_page_or_fragment, signed_in_user, wants_fragment


def _render_areas(
    request: HtmxHttpRequest,
    ambition: StrategicAmbition,
    *,
    area_form: InterventionAreaForm | None = None,
    editing_area: int | None = None,
    conflict: InterventionArea | None = None,
    locked: bool = False,
) -> HttpResponse:
    extra: dict[str, Any] = {
        "editing_area": editing_area,
        "area_conflict": _area_conflict(conflict) if conflict is not None else None,
        "locked": locked,
    }
    return render_page_or_fragment(
        request,
        DETAIL,
        "part_areas",
        page=lambda: page_context(request, ambition, area_form=area_form, **extra),
        fragment_context=lambda: {
            "specialty": ambition.specialty,
            "ambition": ambition,
            **areas_context(ambition, area_form),
            "can_edit": ambition_permissions.can_edit_ambition(request.user, ambition),
            **extra,
        },
    )


def _area_conflict(current: InterventionArea) -> SavedVersion:
    return saved_version(current, ["title", "description", "challenges", "perspectives"])


@require_POST
@login_required
def area_add(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """Add a strategic intervention area."""
    ambition = get_ambition_for_edit(request.user, slug)
    form = InterventionAreaForm(request.POST, specialty=ambition.specialty, prefix="area")
    if not form.is_valid():
        return _render_areas(request, ambition, area_form=form)
    try:
        services.intervention_area_save(
            ambition=ambition,
            by=signed_in_user(request),
            title=form.cleaned_data["title"],
            description=form.cleaned_data["description"],
            challenges=list(form.cleaned_data["challenges"]),
            perspectives=list(form.cleaned_data["perspectives"]),
        )
    except services.AmbitionLocked:
        return _render_areas(request, ambition, area_form=form, locked=True)
    if not wants_fragment(request):
        return redirect(ambition.get_absolute_url() + "#part-areas")
    return _render_areas(request, ambition)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def area_edit(request: HtmxHttpRequest, slug: str, pk: int) -> HttpResponse:
    """Change a strategic intervention area (GET: the form, POST: save)."""
    area = get_area_for_edit(request.user, slug, pk)
    ambition = area.ambition
    if request.method != "POST":
        form = InterventionAreaForm(
            specialty=ambition.specialty,
            prefix=f"area-{area.pk}",
            initial={
                "title": area.title,
                "description": area.description,
                "challenges": list(area.challenges.all()),
                "perspectives": list(area.perspectives.all()),
                "revision": area.revision,
            },
        )
        return _render_areas(request, ambition, area_form=form, editing_area=area.pk)
    form = InterventionAreaForm(
        request.POST, specialty=ambition.specialty, prefix=f"area-{area.pk}"
    )
    if not form.is_valid():
        return _render_areas(request, ambition, area_form=form, editing_area=area.pk)
    try:
        services.intervention_area_save(
            ambition=ambition,
            by=signed_in_user(request),
            area=area,
            base_revision=form.cleaned_data["revision"],
            title=form.cleaned_data["title"],
            description=form.cleaned_data["description"],
            challenges=list(form.cleaned_data["challenges"]),
            perspectives=list(form.cleaned_data["perspectives"]),
        )
    except services.AmbitionLocked:
        return _render_areas(request, ambition, area_form=form, editing_area=area.pk, locked=True)
    except EditConflict as conflict:
        current = conflict.current
        assert isinstance(current, InterventionArea)
        data = request.POST.copy()
        data[f"area-{area.pk}-revision"] = str(current.revision)
        form = InterventionAreaForm(data, specialty=ambition.specialty, prefix=f"area-{area.pk}")
        form.is_valid()
        return _render_areas(
            request, ambition, area_form=form, editing_area=area.pk, conflict=current
        )
    if not wants_fragment(request):
        return redirect(ambition.get_absolute_url() + "#part-areas")
    return _render_areas(request, ambition)


@require_POST
@login_required
def area_delete(request: HtmxHttpRequest, slug: str, pk: int) -> HttpResponse:
    """Remove a strategic intervention area (its history keeps it)."""
    area = get_area_for_edit(request.user, slug, pk)
    try:
        services.intervention_area_delete(area=area, by=signed_in_user(request))
    except services.AmbitionLocked:
        return _render_areas(request, area.ambition, locked=True)
    if not wants_fragment(request):
        return redirect(area.ambition.get_absolute_url() + "#part-areas")
    return _render_areas(request, area.ambition)
