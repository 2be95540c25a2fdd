"""The specialty's dilemma register on the strategic ambition's page (issue 28, item 2):
added and edited in place by the owner and the implementation leads."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_http_methods, require_POST

from ambitions.models import Dilemma, StrategicAmbition
from ambitions.strategic import services
from ambitions.strategic.access import get_ambition_for_dilemmas, get_dilemma_for_edit
from ambitions.strategic.forms import DilemmaForm, dilemma_view_field
from ambitions.strategic.views.detail import DETAIL, dilemmas_context, page_context
from bass.editing import EditConflict, SavedVersion, saved_version
from bass.http import HtmxHttpRequest, render_page_or_fragment, signed_in_user, wants_fragment
from specialties import permissions as specialty_permissions
from sustainability.models import Perspective


def _perspectives() -> list[Perspective]:
    return list(Perspective.objects.order_by("order", "name"))


def _render(
    request: HtmxHttpRequest,
    ambition: StrategicAmbition,
    *,
    form: DilemmaForm | None = None,
    editing: int | None = None,
    conflict: Dilemma | None = None,
) -> HttpResponse:
    extra: dict[str, Any] = {
        "editing_dilemma": editing,
        "dilemma_conflict": _conflict(conflict) if conflict is not None else None,
    }
    return render_page_or_fragment(
        request,
        DETAIL,
        "part_dilemmas",
        page=lambda: page_context(request, ambition, dilemma_form=form, **extra),
        fragment_context=lambda: {
            "specialty": ambition.specialty,
            "ambition": ambition,
            **dilemmas_context(ambition, form),
            "is_editor": specialty_permissions.is_owner_or_lead(request.user, ambition.specialty),
            **extra,
        },
    )


def _conflict(current: Dilemma) -> SavedVersion:
    return saved_version(
        current,
        ["title", "description", "options", "decision", "decided_by", "decided_on"],
        by=current.updated_by,
        at=current.updated_at,
    )


@require_POST
@login_required
def dilemma_add(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """Add a dilemma to the specialty's register."""
    ambition = get_ambition_for_dilemmas(request.user, slug)
    form = DilemmaForm(
        request.POST, specialty=ambition.specialty, perspectives=_perspectives(), prefix="dilemma"
    )
    if not form.is_valid():
        return _render(request, ambition, form=form)
    services.dilemma_save(
        specialty=ambition.specialty, by=signed_in_user(request), data=form.as_input()
    )
    if not wants_fragment(request):
        return redirect(ambition.get_absolute_url() + "#part-dilemmas")
    return _render(request, ambition)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def dilemma_edit(request: HtmxHttpRequest, slug: str, pk: int) -> HttpResponse:
    """Change a dilemma, or record its decision (GET: the form, POST: save)."""
    dilemma = get_dilemma_for_edit(request.user, slug, pk)
    ambition = get_ambition_for_dilemmas(request.user, slug)
    perspectives = _perspectives()
    prefix = f"dilemma-{dilemma.pk}"
    if request.method != "POST":
        initial: dict[str, Any] = {
            "title": dilemma.title,
            "description": dilemma.description,
            "principles": list(dilemma.principles.all()),
            "options": dilemma.options,
            "decision": dilemma.decision,
            "decided_by": dilemma.decided_by,
            "decided_on": dilemma.decided_on,
            "challenges": list(dilemma.challenges.all()),
            "actions": list(dilemma.actions.all()),
            "revision": dilemma.revision,
        }
        for perspective, view in dilemma.views_by(perspectives):
            initial[dilemma_view_field(perspective)] = view
        form = DilemmaForm(
            specialty=ambition.specialty, perspectives=perspectives, prefix=prefix, initial=initial
        )
        return _render(request, ambition, form=form, editing=dilemma.pk)
    form = DilemmaForm(
        request.POST, specialty=ambition.specialty, perspectives=perspectives, prefix=prefix
    )
    if not form.is_valid():
        return _render(request, ambition, form=form, editing=dilemma.pk)
    try:
        services.dilemma_save(
            specialty=ambition.specialty,
            by=signed_in_user(request),
            data=form.as_input(),
            dilemma=dilemma,
            base_revision=form.cleaned_data["revision"],
        )
    except EditConflict as conflict:
        current = conflict.current
        assert isinstance(current, Dilemma)
        data = request.POST.copy()
        data[f"{prefix}-revision"] = str(current.revision)
        form = DilemmaForm(
            data, specialty=ambition.specialty, perspectives=perspectives, prefix=prefix
        )
        form.is_valid()
        return _render(request, ambition, form=form, editing=dilemma.pk, conflict=current)
    if not wants_fragment(request):
        return redirect(ambition.get_absolute_url() + "#part-dilemmas")
    return _render(request, ambition)
