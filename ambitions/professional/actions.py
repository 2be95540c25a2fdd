"""The pages of "Konkretisering af handlinger" (seed 003): one page per focus area with its
concrete actions, each edited in place — the action itself with its assessment per
sustainability perspective and its BASS principles, its milestones, and its progress
indicators with their dated measurements.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeVar

from django import forms
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch, QuerySet
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from ambitions.models import (
    Action,
    ActionPrinciple,
    ActionStatus,
    InterventionFocusArea,
    Measurement,
    Milestone,
    PerspectiveAssessment,
    Principle,
    ProgressIndicator,
)
from ambitions.professional import action_services as services
from ambitions.professional.access import (
    get_action_for_edit,
    get_action_for_view,
    get_focus_area_for_actions,
    get_focus_area_for_view,
)
from ambitions.professional.action_forms import (
    RATING_LABELS,
    ActionForm,
    IndicatorForm,
    MeasurementForm,
    MilestoneForm,
)
from bass import permissions
from bass.http import HtmxHttpRequest, signed_in_user
from sustainability.models import Challenge, Perspective

TEMPLATE = "ambitions/professional/focus_area.html"

F = TypeVar("F", bound=forms.Form)

# An action past its end date in one of these states is late.
UNFINISHED = {ActionStatus.NOT_STARTED, ActionStatus.IN_PROGRESS, ActionStatus.DELAYED}


@dataclass(frozen=True)
class AssessmentRow:
    """The action's assessment for one perspective; ``rating`` is None when not assessed."""

    perspective: Perspective
    rating: int | None
    justification: str

    @property
    def label(self) -> str:
        return str(RATING_LABELS[self.rating]) if self.rating is not None else ""

    @property
    def tone(self) -> str:
        if self.rating is None or self.rating == 0:
            return "neutral"
        return "positive" if self.rating > 0 else "negative"


@dataclass(frozen=True)
class IndicatorRow:
    """A progress indicator with its measurements, newest first, and the form for the next."""

    indicator: ProgressIndicator
    measurements: list[Measurement]
    form: MeasurementForm | None

    @property
    def latest(self) -> Measurement | None:
        return self.measurements[0] if self.measurements else None

    @property
    def progress(self) -> int | None:
        """How far the latest value has come from the baseline towards the target, in %."""
        latest, ind = self.latest, self.indicator
        if latest is None or ind.target == ind.baseline:
            return None
        share = (latest.value - ind.baseline) / (ind.target - ind.baseline) * Decimal(100)
        return round(share)


@dataclass(frozen=True)
class ActionCard:
    """What the page shows of one action."""

    action: Action
    is_late: bool
    assessments: list[AssessmentRow]
    principles: list[ActionPrinciple]
    milestones: list[Milestone]
    indicators: list[IndicatorRow]
    milestone_form: MilestoneForm | None
    indicator_form: IndicatorForm | None


def is_late(action: Action, today: datetime.date) -> bool:
    """Past its end date and neither completed nor stopped."""
    return action.end_date < today and action.status in UNFINISHED


def _actions(focus_area: InterventionFocusArea) -> QuerySet[Action]:
    """The focus area's actions with everything the page shows, in a fixed number of queries."""
    measurements = Measurement.objects.select_related("recorded_by").order_by("-measured_on", "-pk")
    return (
        Action.objects.filter(focus_area=focus_area)
        .select_related("responsible", "updated_by")
        .prefetch_related(
            "challenges",
            Prefetch("milestones", queryset=Milestone.objects.order_by("due_date", "pk")),
            Prefetch(
                "indicators",
                queryset=ProgressIndicator.objects.order_by("pk").prefetch_related(
                    Prefetch("measurements", queryset=measurements)
                ),
            ),
            Prefetch("assessments", queryset=PerspectiveAssessment.objects.all()),
            Prefetch(
                "principles",
                queryset=ActionPrinciple.objects.select_related("principle").order_by(
                    "principle__order", "principle__name"
                ),
            ),
        )
        .order_by("start_date", "pk")
    )


def _card(
    action: Action,
    *,
    perspectives: list[Perspective],
    today: datetime.date,
    can_edit: bool,
    bound: dict[str, forms.Form],
) -> ActionCard:
    assessments = {a.perspective_id: a for a in action.assessments.all()}
    rows = []
    for perspective in perspectives:
        found = assessments.get(perspective.pk)
        rows.append(
            AssessmentRow(
                perspective=perspective,
                rating=found.rating if found else None,
                justification=found.justification if found else "",
            )
        )
    indicators = [
        IndicatorRow(
            indicator=indicator,
            measurements=list(indicator.measurements.all()),
            form=_bound(bound, f"measurement-{indicator.pk}", MeasurementForm, f"me{indicator.pk}")
            if can_edit
            else None,
        )
        for indicator in action.indicators.all()
    ]
    return ActionCard(
        action=action,
        is_late=is_late(action, today),
        assessments=rows,
        principles=list(action.principles.all()),
        milestones=list(action.milestones.all()),
        indicators=indicators,
        milestone_form=_bound(bound, f"milestone-{action.pk}", MilestoneForm, f"ms{action.pk}")
        if can_edit
        else None,
        indicator_form=_bound(bound, f"indicator-{action.pk}", IndicatorForm, f"in{action.pk}")
        if can_edit
        else None,
    )


def _bound(bound: dict[str, forms.Form], key: str, form_class: type[F], id_prefix: str) -> F:
    """The invalid form the user just sent for ``key``, or a fresh one."""
    form = bound.get(key)
    if isinstance(form, form_class):
        return form
    return form_class(auto_id=f"{id_prefix}-%s")


def _context(
    request: HtmxHttpRequest,
    focus_area: InterventionFocusArea,
    *,
    focus: int | None = None,
    only_focus: bool = False,
    editing: int | None = None,
    bound: dict[str, forms.Form] | None = None,
    conflict: services.EditConflict | None = None,
) -> dict[str, Any]:
    """Everything the page and its partials show.

    ``focus`` names the action the single-action partials show (``card``); with
    ``only_focus`` only that action is loaded, for an HTMX fragment. ``bound`` holds the
    invalid forms just sent, shown with their errors instead of empty ones.
    """
    bound = bound or {}
    framework = focus_area.framework
    specialty = framework.ambition.specialty
    can_edit = permissions.can_edit_actions(request.user, specialty)
    today = timezone.localdate()
    perspectives = list(Perspective.objects.order_by("order", "name"))
    principles = list(Principle.objects.order_by("order", "name"))
    actions = _actions(focus_area)
    if only_focus and focus is not None:
        actions = actions.filter(pk=focus)
    cards = [
        _card(a, perspectives=perspectives, today=today, can_edit=can_edit, bound=bound)
        for a in actions
    ]
    add_form = None
    if can_edit and not only_focus:
        add_form = bound.get("add") or ActionForm(
            specialty=specialty,
            perspectives=perspectives,
            principles=principles,
            challenges=_challenges(specialty.pk),
            auto_id="add-%s",
        )
    return {
        "specialty": specialty,
        "framework": framework,
        "focus_area": focus_area,
        "siblings": [] if only_focus else list(framework.focus_areas.order_by("order", "pk")),
        "today": today,
        "perspectives": perspectives,
        "principles": principles,
        "cards": cards,
        "card": next((c for c in cards if c.action.pk == focus), None),
        "late_count": sum(1 for c in cards if c.is_late),
        "can_edit": can_edit,
        "add_form": add_form,
        "editing": editing,
        "edit_form": bound.get("edit"),
        "conflict": conflict,
    }


def _challenges(specialty_pk: int) -> list[Challenge]:
    return list(
        Challenge.objects.filter(specialty_id=specialty_pk).order_by(
            "-is_core", "core_order", "title"
        )
    )


def _action_form(action: Action, data: Any = None) -> ActionForm:
    specialty = action.focus_area.framework.ambition.specialty
    return ActionForm(
        data,
        specialty=specialty,
        perspectives=list(Perspective.objects.order_by("order", "name")),
        principles=list(Principle.objects.order_by("order", "name")),
        challenges=_challenges(specialty.pk),
        action=action,
        auto_id=f"a{action.pk}-%s",
    )


def _page_url(focus_area: InterventionFocusArea, anchor: str = "") -> str:
    url = reverse(
        "professional:focus_area",
        kwargs={"slug": focus_area.framework.ambition.specialty.slug, "pk": focus_area.pk},
    )
    return f"{url}#{anchor}" if anchor else url


def _render(
    request: HtmxHttpRequest,
    focus_area: InterventionFocusArea,
    partial: str,
    *,
    focus: int | None = None,
    **extra: Any,
) -> HttpResponse:
    """The named partial for an HTMX request, the whole page otherwise."""
    if request.htmx:
        only_focus = partial != "part_actions"
        context = _context(request, focus_area, focus=focus, only_focus=only_focus, **extra)
        return render(request, f"{TEMPLATE}#{partial}", context)
    return render(request, TEMPLATE, _context(request, focus_area, focus=focus, **extra))


# -- The page ------------------------------------------------------------------------------


@require_safe
@login_required
def focus_area(request: HtmxHttpRequest, slug: str, pk: int) -> HttpResponse:
    """Konkretisering af handlinger: the focus area's actions, one document per focus area."""
    focus_area = get_focus_area_for_view(request.user, slug, pk)
    return render(request, TEMPLATE, _context(request, focus_area))


# -- Actions -------------------------------------------------------------------------------


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
        challenges=_challenges(specialty.pk),
        auto_id="add-%s",
    )
    if not form.is_valid():
        return _render(request, focus_area, "part_actions", bound={"add": form})
    action = services.action_create(
        focus_area=focus_area, by=signed_in_user(request), data=form.to_input()
    )
    if request.htmx:
        return _render(request, focus_area, "part_actions", focus=action.pk)
    return redirect(_page_url(focus_area, f"action-{action.pk}"))


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def action(request: HtmxHttpRequest, slug: str, pk: int) -> HttpResponse:
    """One action: shown (GET), in edit mode (GET ?rediger=1), or saved (POST)."""
    if request.method != "POST" and not request.GET.get("rediger"):
        shown = get_action_for_view(request.user, slug, pk)
        if request.htmx:
            return _render(request, shown.focus_area, "part_action", focus=shown.pk)
        return redirect(_page_url(shown.focus_area, f"action-{shown.pk}"))

    action = get_action_for_edit(request.user, slug, pk)
    focus_area = action.focus_area
    if request.method != "POST":
        saved = _actions(focus_area).get(pk=action.pk)
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
    except services.EditConflict as exc:
        # Keep everything the user typed, but let the next save go through on purpose.
        data = request.POST.copy()
        data["revision"] = str(exc.current.revision)
        form = _action_form(action, data)
        form.is_valid()
        return _edit(request, action, form, conflict=exc)
    if request.htmx:
        return _render(request, focus_area, "part_action", focus=action.pk)
    return redirect(_page_url(focus_area, f"action-{action.pk}"))


def _edit(
    request: HtmxHttpRequest,
    action: Action,
    form: ActionForm,
    conflict: services.EditConflict | None = None,
) -> HttpResponse:
    """The action in edit mode: alone for HTMX, in the whole page otherwise."""
    return _render(
        request,
        action.focus_area,
        "part_action",
        focus=action.pk,
        editing=action.pk,
        bound={"edit": form},
        conflict=conflict,
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
    return _milestones(request, action)


def _milestones(
    request: HtmxHttpRequest, action: Action, bound: dict[str, forms.Form] | None = None
) -> HttpResponse:
    if request.htmx or bound:
        return _render(request, action.focus_area, "part_milestones", focus=action.pk, bound=bound)
    return redirect(_page_url(action.focus_area, f"part-milestones-{action.pk}"))


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
    form = MeasurementForm(request.POST, auto_id=f"me{found.pk}-%s")
    if not form.is_valid():
        return _indicators(request, action, bound={f"measurement-{found.pk}": form})
    services.measurement_add(indicator=found, by=signed_in_user(request), **form.cleaned_data)
    return _indicators(request, action)


def _indicators(
    request: HtmxHttpRequest, action: Action, bound: dict[str, forms.Form] | None = None
) -> HttpResponse:
    if request.htmx or bound:
        return _render(request, action.focus_area, "part_indicators", focus=action.pk, bound=bound)
    return redirect(_page_url(action.focus_area, f"part-indicators-{action.pk}"))
