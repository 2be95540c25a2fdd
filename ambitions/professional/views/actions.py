"""The writes of a focus area's page: an action (added, shown, edited), its milestones, its
progress indicators with their dated measurements; and an action's history."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from ambitions.models import (
    Action,
    Milestone,
    Principle,
    ProgressIndicator,
)
from ambitions.professional import services
from ambitions.professional.access import (
    get_action_for_edit,
    get_action_for_history,
    get_action_for_view,
    get_focus_area_for_actions,
)
from ambitions.professional.forms.actions import (
    ActionForm,
    IndicatorForm,
    MeasurementForm,
    MilestoneForm,
)
from ambitions.professional.queries import history as change_history
from ambitions.professional.views.action_cards import Opened, action_queryset, challenges_of
from ambitions.professional.views.focus_areas import page_url, render_part
from bass.editing import EditConflict, SavedVersion, saved_version
from bass.http import HtmxHttpRequest, signed_in_user

# After a write, or for a card's state, an HTMX request (boosted or not) goes to
# ``render_part``, which applies the page-or-fragment rule (``bass.http.wants_fragment``) with
# the card's target; any other request is redirected to the page.
from sustainability.models import Perspective


@require_POST
@login_required
def action_add(request: HtmxHttpRequest, slug: str, pk: int) -> HttpResponse:
    """Add an action to the focus area, with its assessments and principles."""
    focus_area = get_focus_area_for_actions(request.user, slug, pk)
    specialty = focus_area.framework.ambition.specialty
    form = ActionForm(
        request.POST,
        specialty=specialty,
        perspectives=list(Perspective.objects.order_by("order", "name")),
        principles=list(Principle.objects.order_by("order", "name")),
        challenges=challenges_of(specialty.pk),
        auto_id="add-%s",
    )
    if not form.is_valid():
        return render_part(request, focus_area, "part_actions", opened=Opened(bound={"add": form}))
    action = services.action_create(
        focus_area=focus_area, by=signed_in_user(request), data=form.to_input()
    )
    if request.htmx:
        return render_part(request, focus_area, "part_actions", focus=action.pk)
    return redirect(page_url(focus_area, f"action-{action.pk}"))


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def action(request: HtmxHttpRequest, slug: str, pk: int) -> HttpResponse:
    """One action: shown (GET), in edit mode (GET ?rediger=1), opened to record progress
    (GET ?opdater=1: its milestone, indicator and measurement forms), or saved (POST)."""
    if request.method != "POST" and request.GET.get("opdater"):
        opened = get_action_for_edit(request.user, slug, pk)
        if request.htmx:
            return render_part(
                request,
                opened.focus_area,
                "part_action",
                focus=opened.pk,
                opened=Opened(updating=opened.pk, just_opened=True),
            )
        page = reverse("professional:focus_area", kwargs={"slug": slug, "pk": opened.focus_area_id})
        return redirect(f"{page}?opdater={opened.pk}#action-{opened.pk}")
    if request.method != "POST" and not request.GET.get("rediger"):
        shown = get_action_for_view(request.user, slug, pk)
        if request.htmx:
            return render_part(request, shown.focus_area, "part_action", focus=shown.pk)
        return redirect(page_url(shown.focus_area, f"action-{shown.pk}"))

    action = get_action_for_edit(request.user, slug, pk)
    focus_area = action.focus_area
    if request.method != "POST":
        saved = action_queryset(focus_area).get(pk=action.pk)
        saved.focus_area = focus_area
        form = _action_form(saved)
        return _edit(request, action, form)

    form = _action_form(action, request.POST)
    if not form.is_valid():
        return _edit(request, action, form)
    try:
        services.action_update(
            action=action,
            by=signed_in_user(request),
            base_revision=form.cleaned_data["revision"] or 0,
            data=form.to_input(),
        )
    except EditConflict as exc:
        # Keep everything the user typed, but let the next save go through on purpose.
        current = exc.current
        assert isinstance(current, Action)
        data = request.POST.copy()
        data["revision"] = str(current.revision)
        form = _action_form(action, data)
        form.is_valid()
        return _edit(request, action, form, conflict=_action_conflict(current))
    if request.htmx:
        return render_part(request, focus_area, "part_action", focus=action.pk)
    return redirect(page_url(focus_area, f"action-{action.pk}"))


def _action_conflict(current: Action) -> SavedVersion:
    return saved_version(
        current,
        [
            "title",
            "purpose",
            "responsible",
            "start_date",
            "end_date",
            "status",
            "resource_text",
            "success_criteria",
            "process_goals",
            "contributors",
            "challenges",
            "sites",
        ],
        by=current.updated_by,
        at=current.updated_at,
    )


def _edit(
    request: HtmxHttpRequest,
    action: Action,
    form: ActionForm,
    conflict: SavedVersion | None = None,
) -> HttpResponse:
    """The action in edit mode: alone for HTMX, in the whole page otherwise."""
    return render_part(
        request,
        action.focus_area,
        "part_action",
        focus=action.pk,
        opened=Opened(editing=action.pk, bound={"edit": form}, conflict=conflict),
    )


# -- Milestones ----------------------------------------------------------------------------


@require_POST
@login_required
def milestone_add(request: HtmxHttpRequest, slug: str, pk: int) -> HttpResponse:
    """Add a dated milestone to the action."""
    action = get_action_for_edit(request.user, slug, pk)
    form = MilestoneForm(request.POST, auto_id=f"ms{action.pk}-%s")
    if not form.is_valid():
        return _milestones(request, action, bound={f"milestone-{action.pk}": form})
    services.milestone_add(
        action=action,
        by=signed_in_user(request),
        title=form.cleaned_data["title"],
        due_date=form.cleaned_data["due_date"],
    )
    return _milestones(request, action)


@require_POST
@login_required
def milestone_toggle(request: HtmxHttpRequest, slug: str, pk: int, milestone: int) -> HttpResponse:
    """Mark a milestone done (today) or not done; the form says which, so a double click
    or two people at once cannot undo each other."""
    action = get_action_for_edit(request.user, slug, pk)
    found = get_object_or_404(Milestone, action=action, pk=milestone)
    done = request.POST.get("done")
    if done not in {"0", "1"}:
        return HttpResponseBadRequest()
    services.milestone_set_done(milestone=found, by=signed_in_user(request), done=done == "1")
    # A card opened to record progress stays open; a card only read stays closed.
    return _milestones(request, action, updating=request.POST.get("opdater") == "1")


def _milestones(
    request: HtmxHttpRequest,
    action: Action,
    bound: dict[str, forms.Form] | None = None,
    *,
    updating: bool = True,
) -> HttpResponse:
    if request.htmx or bound:
        return render_part(
            request,
            action.focus_area,
            "part_milestones",
            focus=action.pk,
            opened=Opened(bound=bound or {}, updating=action.pk if updating else None),
        )
    return redirect(page_url(action.focus_area, f"part-milestones-{action.pk}"))


# -- Progress indicators and measurements --------------------------------------------------


@require_POST
@login_required
def indicator_add(request: HtmxHttpRequest, slug: str, pk: int) -> HttpResponse:
    """Add a progress indicator (unit, baseline, target) to the action."""
    action = get_action_for_edit(request.user, slug, pk)
    form = IndicatorForm(request.POST, auto_id=f"in{action.pk}-%s")
    if not form.is_valid():
        return _indicators(request, action, bound={f"indicator-{action.pk}": form})
    services.indicator_add(action=action, by=signed_in_user(request), **form.cleaned_data)
    return _indicators(request, action)


@require_POST
@login_required
def measurement_add(request: HtmxHttpRequest, slug: str, pk: int, indicator: int) -> HttpResponse:
    """Record a dated value of one of the action's indicators."""
    action = get_action_for_edit(request.user, slug, pk)
    found = get_object_or_404(ProgressIndicator, action=action, pk=indicator)
    form = MeasurementForm(request.POST, auto_id=f"me{found.pk}-%s", indicator=found)
    if not form.is_valid():
        return _indicators(request, action, bound={f"measurement-{found.pk}": form})
    services.measurement_add(indicator=found, by=signed_in_user(request), **form.cleaned_data)
    return _indicators(request, action)


def _indicators(
    request: HtmxHttpRequest, action: Action, bound: dict[str, forms.Form] | None = None
) -> HttpResponse:
    if request.htmx or bound:
        return render_part(
            request,
            action.focus_area,
            "part_indicators",
            focus=action.pk,
            opened=Opened(bound=bound or {}, updating=action.pk),
        )
    return redirect(page_url(action.focus_area, f"part-indicators-{action.pk}"))


@require_safe
@login_required
def action_history(request: HtmxHttpRequest, slug: str, pk: int) -> HttpResponse:
    """Every saved change of an action: who, when, before and after."""
    action = get_action_for_history(request.user, slug, pk)
    return render(
        request,
        "ambitions/professional/action_history.html",
        {
            "specialty": action.focus_area.framework.ambition.specialty,
            "action": action,
            "focus_area": action.focus_area,
            "changes": change_history.action_history(action),
        },
    )


def _action_form(action: Action, data: Any = None) -> ActionForm:
    specialty = action.focus_area.framework.ambition.specialty
    return ActionForm(
        data,
        specialty=specialty,
        perspectives=list(Perspective.objects.order_by("order", "name")),
        principles=list(Principle.objects.order_by("order", "name")),
        challenges=challenges_of(specialty.pk),
        action=action,
        auto_id=f"a{action.pk}-%s",
    )
