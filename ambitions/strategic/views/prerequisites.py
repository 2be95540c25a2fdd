"""The specialty's prerequisites on the strategic ambition's page (issue 28, item 3): added,
edited and removed in place by the owner and the implementation leads; moved on (state and a
dated remark) by the person responsible."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from ambitions.models import Prerequisite, PrerequisiteState, StrategicAmbition
from ambitions.strategic import services
from ambitions.strategic.access import (
    get_ambition_for_dilemmas,
    get_prerequisite_for_edit,
    get_prerequisite_for_state,
    get_prerequisite_for_view,
)
from ambitions.strategic.forms import PrerequisiteForm, PrerequisiteStateForm
from ambitions.strategic.views.detail import DETAIL, page_context, prerequisites_context
from bass.editing import EditConflict, SavedVersion, saved_version
from bass.http import HtmxHttpRequest, render_page_or_fragment, signed_in_user, wants_fragment
from specialties import permissions as specialty_permissions

ANCHOR = "#part-section-forudsaetninger"


def _ambition(prerequisite: Prerequisite) -> StrategicAmbition:
    ambition: StrategicAmbition = prerequisite.specialty.strategic_ambition
    return ambition


def _render_list(
    request: HtmxHttpRequest, ambition: StrategicAmbition, *, form: PrerequisiteForm | None = None
) -> HttpResponse:
    """The list and its add form (the part_prerequisites fragment), or the whole page."""
    return render_page_or_fragment(
        request,
        DETAIL,
        "part_prerequisites",
        page=lambda: page_context(request, ambition, prerequisite_form=form),
        fragment_context=lambda: {
            "specialty": ambition.specialty,
            "ambition": ambition,
            "today": timezone.localdate(),
            "is_editor": specialty_permissions.is_owner_or_lead(request.user, ambition.specialty),
            **prerequisites_context(request.user, ambition, form=form),
        },
    )


def _conflict(current: Prerequisite) -> SavedVersion:
    return saved_version(
        current,
        ["title", "description", "responsible", "deadline"],
        by=current.updated_by,
        at=current.updated_at,
    )


def _render_card(
    request: HtmxHttpRequest,
    prerequisite: Prerequisite,
    *,
    form: PrerequisiteForm | None = None,
    state_form: PrerequisiteStateForm | None = None,
    conflict: Prerequisite | None = None,
) -> HttpResponse:
    """One prerequisite's card (the prerequisite_card fragment): read, or in its editor."""
    ambition = _ambition(prerequisite)
    extra: dict[str, Any] = {
        "editing_prerequisite": prerequisite.pk if form is not None else None,
        "prerequisite_form": form,
        "prerequisite_conflict": _conflict(conflict) if conflict is not None else None,
    }

    def fragment_context() -> dict[str, Any]:
        listed = prerequisites_context(request.user, ambition, state_form=state_form)
        shown = next(p for p in listed["prerequisites"] if p.pk == prerequisite.pk)
        return {
            "specialty": ambition.specialty,
            "ambition": ambition,
            "prerequisite": shown,
            "today": timezone.localdate(),
            "is_editor": specialty_permissions.is_owner_or_lead(request.user, ambition.specialty),
            **extra,
        }

    return render_page_or_fragment(
        request,
        DETAIL,
        "prerequisite_card",
        target="prerequisite",
        page=lambda: page_context(request, ambition, state_form=state_form, **extra),
        fragment_context=fragment_context,
    )


def _back(ambition: StrategicAmbition, prerequisite: Prerequisite | None = None) -> HttpResponse:
    anchor = f"#prerequisite-{prerequisite.pk}" if prerequisite is not None else ANCHOR
    return redirect(ambition.get_absolute_url() + anchor)


@require_POST
@login_required
def prerequisite_add(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """Add a prerequisite to the specialty."""
    ambition = get_ambition_for_dilemmas(request.user, slug)
    form = PrerequisiteForm(request.POST, specialty=ambition.specialty, prefix="prerequisite")
    if not form.is_valid():
        return _render_list(request, ambition, form=form)
    services.prerequisite_save(
        specialty=ambition.specialty, by=signed_in_user(request), data=form.as_input()
    )
    if not wants_fragment(request):
        return _back(ambition)
    return _render_list(request, ambition)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def prerequisite(request: HtmxHttpRequest, slug: str, pk: int) -> HttpResponse:
    """One prerequisite: shown (GET), in its editor (GET ?rediger=1), or saved (POST)."""
    if request.method != "POST" and not request.GET.get("rediger"):
        return _render_card(request, get_prerequisite_for_view(request.user, slug, pk))
    prerequisite = get_prerequisite_for_edit(request.user, slug, pk)
    specialty = prerequisite.specialty
    prefix = f"prerequisite-{prerequisite.pk}"
    if request.method != "POST":
        form = PrerequisiteForm(
            specialty=specialty,
            prefix=prefix,
            initial={
                "title": prerequisite.title,
                "description": prerequisite.description,
                "responsible": prerequisite.responsible_id,
                "deadline": prerequisite.deadline,
                "revision": prerequisite.revision,
            },
        )
        return _render_card(request, prerequisite, form=form)
    form = PrerequisiteForm(request.POST, specialty=specialty, prefix=prefix)
    if not form.is_valid():
        return _render_card(request, prerequisite, form=form)
    try:
        services.prerequisite_save(
            specialty=specialty,
            by=signed_in_user(request),
            data=form.as_input(),
            prerequisite=prerequisite,
            base_revision=form.cleaned_data["revision"],
        )
    except EditConflict as conflict:
        current = conflict.current
        assert isinstance(current, Prerequisite)
        data = request.POST.copy()
        data[f"{prefix}-revision"] = str(current.revision)
        form = PrerequisiteForm(data, specialty=specialty, prefix=prefix)
        form.is_valid()
        return _render_card(request, prerequisite, form=form, conflict=current)
    if not wants_fragment(request):
        return _back(_ambition(prerequisite), prerequisite)
    return _render_card(request, prerequisite)


@require_POST
@login_required
def prerequisite_delete(request: HtmxHttpRequest, slug: str, pk: int) -> HttpResponse:
    """Remove a prerequisite (its history keeps it)."""
    prerequisite = get_prerequisite_for_edit(request.user, slug, pk)
    ambition = _ambition(prerequisite)
    services.prerequisite_delete(prerequisite=prerequisite, by=signed_in_user(request))
    if not wants_fragment(request):
        return _back(ambition)
    return _render_list(request, ambition)


@require_POST
@login_required
def prerequisite_state(request: HtmxHttpRequest, slug: str, pk: int) -> HttpResponse:
    """The person responsible moves the prerequisite's state on, with a dated remark."""
    prerequisite = get_prerequisite_for_state(request.user, slug, pk)
    form = PrerequisiteStateForm(request.POST, prefix=f"state-{prerequisite.pk}")
    if not form.is_valid():
        return _render_card(request, prerequisite, state_form=form)
    services.prerequisite_state_change(
        prerequisite=prerequisite,
        by=signed_in_user(request),
        state=PrerequisiteState(form.cleaned_data["state"]),
        remark=form.cleaned_data["remark"],
    )
    if not wants_fragment(request):
        return _back(_ambition(prerequisite), prerequisite)
    return _render_card(request, prerequisite)
