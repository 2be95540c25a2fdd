"""Pages of the improvement tools: an indicator's run chart, an action's PDSA cycles and a
framework's driver diagram. Each page is one template; HTMX swaps its named partials."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from ambitions import permissions as ambition_permissions
from ambitions.models import Action, AreaFramework, ProgressIndicator
from ambitions.professional.access import get_framework_for_view
from bass.editing import EditConflict, SavedVersion, saved_version
from bass.http import HtmxHttpRequest, render_page_or_fragment, signed_in_user, wants_fragment
from improvement import queries, services
from improvement.access import (
    actions_of,
    get_action_for_edit,
    get_action_for_view,
    get_cycle_for_edit,
    get_driver_for_edit,
    get_framework_for_drivers,
    get_idea_for_edit,
    get_indicator_for_edit,
    get_indicator_for_view,
)
from improvement.forms import (
    STAGE_FORMS,
    BaselineForm,
    DriverForm,
    IdeaActionsForm,
    IdeaForm,
    PlanForm,
    RenameForm,
)
from improvement.models import ChangeIdea, Driver, PDSACycle, PDSAStage
from improvement.svg import driver_diagram_svg, run_chart_svg

# -- Run charts --------------------------------------------------------------------------------

RUN_CHART = "improvement/run_chart.html"


def _chart_context(
    indicator: ProgressIndicator, user: Any, form: BaselineForm | None = None
) -> dict[str, Any]:
    loaded = queries.indicators_with_charts(ProgressIndicator.objects.filter(pk=indicator.pk)).get()
    chart = queries.chart_of(loaded)
    specialty = indicator.action.focus_area.framework.ambition.specialty
    can_edit = ambition_permissions.can_edit_actions(user, specialty)
    if can_edit and form is None:
        form = BaselineForm(initial={"until": chart.baseline_until}, auto_id="baseline-%s")
    return {
        "chart": chart,
        "svg": run_chart_svg(chart, dom_id=f"run-chart-{indicator.pk}"),
        "baseline_form": form if can_edit else None,
        "indicator": indicator,
        "specialty": specialty,
    }


@require_safe
@login_required
def indicator(request: HtmxHttpRequest, slug: str, pk: int) -> HttpResponse:
    """An indicator's run chart with its signals by Anhøj's rules."""
    found = get_indicator_for_view(request.user, slug, pk)
    context = _chart_context(found, request.user)
    return render_page_or_fragment(
        request,
        RUN_CHART,
        "part_chart",
        page=lambda: {**context, "action": found.action},
        fragment_context=lambda: context,
    )


@require_POST
@login_required
def baseline(request: HtmxHttpRequest, slug: str, pk: int) -> HttpResponse:
    """Fix (or clear) the baseline period whose median is the centre line."""
    found = get_indicator_for_edit(request.user, slug, pk)
    form = BaselineForm(request.POST, auto_id="baseline-%s")
    if not form.is_valid():
        context = _chart_context(found, request.user, form)
        return render_page_or_fragment(
            request,
            RUN_CHART,
            "part_chart",
            page=lambda: {**context, "action": found.action},
            fragment_context=lambda: context,
        )
    services.baseline_set(
        indicator=found, by=signed_in_user(request), until=form.cleaned_data["until"]
    )
    if wants_fragment(request):
        return render_page_or_fragment(
            request,
            RUN_CHART,
            "part_chart",
            page=dict,
            fragment_context=lambda: _chart_context(found, request.user),
        )
    return redirect(reverse("improvement:indicator", args=[slug, pk]))


# -- PDSA cycles -------------------------------------------------------------------------------

CYCLES = "improvement/cycles.html"
STAGES = [PDSAStage.PLAN, PDSAStage.DO, PDSAStage.STUDY, PDSAStage.ACT]


def _cycles_context(
    action: Action,
    user: Any,
    *,
    editing: tuple[int, str] | None = None,
    bound: forms.Form | None = None,
    add_form: PlanForm | None = None,
    conflict: SavedVersion | None = None,
) -> dict[str, Any]:
    specialty = action.focus_area.framework.ambition.specialty
    can_edit = ambition_permissions.can_edit_actions(user, specialty)
    cycles = queries.cycles_of(action)
    today = timezone.localdate()
    for cycle in cycles:
        # What the template cannot ask with an argument: which stages are open, what is due.
        cycle.open_stages = [s.value for s in STAGES if cycle.reached(s)]  # type: ignore[attr-defined]
        cycle.is_study_due = cycle.study_due(today)  # type: ignore[attr-defined]
    if can_edit and add_form is None:
        # "Who" is the person planning the cycle when they are one of the specialty's
        # people, else the action's responsible (issue 30, item 11).
        people = {m.user_id for m in specialty.memberships.all()}
        who = getattr(user, "pk", None) if getattr(user, "pk", None) in people else None
        add_form = PlanForm(
            specialty=specialty,
            auto_id="new-cycle-%s",
            initial={"responsible": who or action.responsible_id},
        )
    return {
        "action": action,
        "specialty": specialty,
        "cycles": cycles,
        "can_edit": can_edit,
        "add_form": add_form if can_edit else None,
        "editing": editing,
        "stage_form": bound,
        "conflict": conflict,
        "editing_stage": editing[1] if editing else "",
        "editing_cycle": editing[0] if editing else None,
    }


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def cycles(request: HtmxHttpRequest, slug: str, pk: int) -> HttpResponse:
    """An action's PDSA cycles (GET); POST plans a new one."""
    if request.method != "POST":
        action = get_action_for_view(request.user, slug, pk)
        shown = _targeted_cycle(request, action)
        if shown is not None:
            # A stage editor's Cancel (components/edit_card.html): that cycle, nothing else.
            return _cycle_fragment(request, shown)
        return render_page_or_fragment(
            request,
            CYCLES,
            "part_cycles",
            # The list, also for a cycle of another action or one removed meanwhile.
            target=("part-cycles", "cycle"),
            page=lambda: _cycles_context(action, request.user),
            fragment_context=lambda: _cycles_context(action, request.user),
        )
    action = get_action_for_edit(request.user, slug, pk)
    specialty = action.focus_area.framework.ambition.specialty
    form: PlanForm | None = PlanForm(request.POST, specialty=specialty, auto_id="new-cycle-%s")
    if form is not None and form.is_valid():
        data = form.cleaned_data
        services.cycle_add(
            action=action,
            by=signed_in_user(request),
            plan=data["plan"],
            responsible=data["responsible"],
            starts_on=data["starts_on"],
            study_on=data["study_on"],
            prediction=data["prediction"],
        )
        if not wants_fragment(request):
            return redirect(reverse("improvement:cycles", args=[slug, pk]))
        form = None
    return render_page_or_fragment(
        request,
        CYCLES,
        "part_cycles",
        page=lambda: _cycles_context(action, request.user, add_form=form),
        fragment_context=lambda: _cycles_context(action, request.user, add_form=form),
    )


def _targeted_cycle(request: HtmxHttpRequest, action: Action) -> PDSACycle | None:
    """The action's cycle whose card an HTMX request targets (``cycle-<pk>``), or None."""
    target = request.htmx.target if wants_fragment(request) else None
    pk = (target or "").removeprefix("cycle-")
    if not target or pk == target or not pk.isdigit():
        return None
    cycle = PDSACycle.objects.filter(action=action, pk=int(pk)).first()
    if cycle is not None:
        cycle.action = action  # loaded with its specialty by the access function
    return cycle


def _stage_form(cycle: PDSACycle, stage: str, data: Any = None) -> forms.Form:
    form_class = STAGE_FORMS[stage]
    auto_id = f"cycle-{cycle.pk}-{stage}-%s"
    kwargs: dict[str, Any] = {"auto_id": auto_id}
    if form_class is PlanForm:
        kwargs["specialty"] = cycle.action.focus_area.framework.ambition.specialty
    if data is None:
        initial = {
            "plan": cycle.plan,
            "responsible": cycle.responsible_id,
            "starts_on": cycle.starts_on,
            "study_on": cycle.study_on,
            "prediction": cycle.prediction,
            "do": cycle.do,
            "study": cycle.study,
            "decision": cycle.decision,
            "next_cycle": cycle.next_cycle,
            "revision": cycle.revision,
        }
        return form_class(initial=initial, **kwargs)
    return form_class(data, **kwargs)


def _cycle_fragment(
    request: HtmxHttpRequest,
    cycle: PDSACycle,
    *,
    editing: tuple[int, str] | None = None,
    bound: forms.Form | None = None,
    conflict: SavedVersion | None = None,
    status: int = 200,
) -> HttpResponse:
    action = cycle.action

    def context() -> dict[str, Any]:
        ctx = _cycles_context(action, request.user, editing=editing, bound=bound, conflict=conflict)
        ctx["cycle"] = next(c for c in ctx["cycles"] if c.pk == cycle.pk)
        return ctx

    return render_page_or_fragment(
        request,
        CYCLES,
        "part_cycle",
        target=f"cycle-{cycle.pk}",
        page=context,
        fragment_context=context,
        status=status,
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def cycle_stage(
    request: HtmxHttpRequest, slug: str, pk: int, cycle: int, stage: str
) -> HttpResponse:
    """Write one stage of a cycle: the form (GET), or the saved stage (POST). A stage opens
    only once the one before it is written."""
    found = get_cycle_for_edit(request.user, slug, pk, cycle)
    if stage not in STAGE_FORMS:
        return HttpResponseBadRequest()
    if not found.reached(stage):
        # Plan, Do, Study, Act: in that order (a stale page, or a hand-made request).
        return _cycle_fragment(request, found, status=409)
    if request.method != "POST":
        return _cycle_fragment(
            request, found, editing=(found.pk, stage), bound=_stage_form(found, stage)
        )
    form = _stage_form(found, stage, request.POST)
    if not form.is_valid():
        return _cycle_fragment(
            request,
            found,
            editing=(found.pk, stage),
            bound=form,
        )
    try:
        services.cycle_update(
            cycle=found,
            by=signed_in_user(request),
            stage=stage,
            base_revision=form.cleaned_data["revision"] or 0,
            data=form.cleaned_data,
        )
    except EditConflict as exc:
        current = exc.current
        assert isinstance(current, PDSACycle)
        data = request.POST.copy()
        data["revision"] = str(current.revision)
        form = _stage_form(found, stage, data)
        form.is_valid()
        conflict = saved_version(
            current,
            ["plan", "prediction", "do", "study", "decision", "next_cycle"],
            by=current.updated_by,
            at=current.updated_at,
        )
        return _cycle_fragment(
            request, found, editing=(found.pk, stage), bound=form, conflict=conflict
        )
    if wants_fragment(request):
        return _cycle_fragment(request, found)
    return redirect(reverse("improvement:cycles", args=[slug, pk]) + f"#cycle-{found.pk}")


# -- Driver diagrams ---------------------------------------------------------------------------

DRIVERS = "improvement/drivers.html"


def _drivers_context(
    framework: AreaFramework, user: Any, bound: dict[str, forms.Form] | None = None
) -> dict[str, Any]:
    specialty = framework.ambition.specialty
    can_edit = ambition_permissions.can_edit_actions(user, specialty)
    diagram = queries.driver_diagram(framework)
    actions = actions_of(framework) if can_edit else []
    bound = bound or {}
    # Each node carries its own forms, with what the user typed when one was refused.
    for primary in diagram.primaries:
        key = f"secondary-{primary.driver.pk}"
        primary.add_form = bound.get(key) or DriverForm(auto_id=f"{key}-%s")  # type: ignore[attr-defined]
        primary.rename_form = _rename_form(bound, primary.driver)  # type: ignore[attr-defined]
        for secondary in primary.secondaries:
            secondary.rename_form = _rename_form(bound, secondary.driver)  # type: ignore[attr-defined]
            key = f"idea-{secondary.driver.pk}"
            secondary.add_form = bound.get(key) or IdeaForm(  # type: ignore[attr-defined]
                auto_id=f"idea-new-{secondary.driver.pk}-%s"
            )
            for idea in secondary.ideas:
                idea.rename_form = _rename_form(bound, idea)  # type: ignore[attr-defined]
                key = f"idea-actions-{idea.pk}"
                idea.actions_form = bound.get(key) or IdeaActionsForm(  # type: ignore[attr-defined]
                    initial={"actions": [a.pk for a in idea.actions.all()]},
                    actions=actions,
                    auto_id=f"idea-{idea.pk}-%s",
                )
    return {
        "framework": framework,
        "specialty": specialty,
        "diagram": diagram,
        "svg": driver_diagram_svg(diagram, dom_id=f"driver-diagram-{framework.pk}"),
        "can_edit": can_edit,
        "has_actions": bool(actions),
        "bound": bound,
        "primary_form": bound.get("primary") or DriverForm(auto_id="primary-%s"),
    }


def _rename_key(node: Driver | ChangeIdea) -> str:
    return f"rename-{'driver' if isinstance(node, Driver) else 'idea'}-{node.pk}"


def _rename_form(bound: dict[str, forms.Form], node: Driver | ChangeIdea) -> forms.Form:
    """The node's rename form: the one just refused, or one with its text as it is now."""
    key = _rename_key(node)
    return bound.get(key) or RenameForm(
        initial={"text": node.text, "was": node.text}, auto_id=f"{key}-%s"
    )


def _drivers(
    request: HtmxHttpRequest,
    framework: AreaFramework,
    bound: dict[str, forms.Form] | None = None,
) -> HttpResponse:
    if not wants_fragment(request) and not bound:
        return redirect(
            reverse("improvement:drivers", args=[framework.ambition.specialty.slug, framework.pk])
        )
    return render_page_or_fragment(
        request,
        DRIVERS,
        "part_diagram",
        page=lambda: _drivers_context(framework, request.user, bound),
        fragment_context=lambda: _drivers_context(framework, request.user, bound),
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def drivers(request: HtmxHttpRequest, slug: str, pk: int) -> HttpResponse:
    """The framework's driver diagram (GET); POST adds a primary driver, or with ``parent``
    a secondary driver under it."""
    if request.method != "POST":
        framework = get_framework_for_view(request.user, slug, pk)
        return render_page_or_fragment(
            request,
            DRIVERS,
            "part_diagram",
            page=lambda: _drivers_context(framework, request.user),
            fragment_context=lambda: _drivers_context(framework, request.user),
        )
    framework = get_framework_for_drivers(request.user, slug, pk)
    parent: Driver | None = None
    key = "primary"
    if request.POST.get("parent"):
        try:
            parent_pk = int(request.POST["parent"])
        except ValueError:
            return HttpResponseBadRequest()
        parent = get_object_or_404(Driver, framework=framework, parent=None, pk=parent_pk)
        key = f"secondary-{parent.pk}"
    form = DriverForm(request.POST, auto_id=f"{key}-%s")
    if not form.is_valid():
        return _drivers(request, framework, {key: form})
    services.driver_add(
        framework=framework,
        by=signed_in_user(request),
        text=form.cleaned_data["text"],
        parent=parent,
    )
    return _drivers(request, framework)


@require_POST
@login_required
def driver_delete(request: HtmxHttpRequest, slug: str, pk: int, driver: int) -> HttpResponse:
    """Remove a driver and everything under it."""
    found = get_driver_for_edit(request.user, slug, pk, driver)
    services.driver_delete(driver=found, by=signed_in_user(request))
    return _drivers(request, found.framework)


def _rename(
    request: HtmxHttpRequest, node: Driver | ChangeIdea, framework: AreaFramework
) -> HttpResponse:
    """Save a node's new text; when someone changed it meanwhile, keep what the user typed,
    say what it says now, and let the next save replace it on purpose."""
    key = _rename_key(node)
    form = RenameForm(request.POST, auto_id=f"{key}-%s")
    if not form.is_valid():
        return _drivers(request, framework, {key: form})
    try:
        services.rename(
            node=node,
            by=signed_in_user(request),
            text=form.cleaned_data["text"],
            was=form.cleaned_data["was"],
        )
    except services.TextChanged as changed:
        data = request.POST.copy()
        data["was"] = changed.current
        form = RenameForm(data, auto_id=f"{key}-%s")
        form.is_valid()
        form.add_error(
            "text",
            _("Someone changed the text meanwhile: “%(text)s”. Save again to replace it.")
            % {"text": changed.current},
        )
        return _drivers(request, framework, {key: form})
    return _drivers(request, framework)


@require_POST
@login_required
def driver_rename(request: HtmxHttpRequest, slug: str, pk: int, driver: int) -> HttpResponse:
    """Give a driver a new text."""
    found = get_driver_for_edit(request.user, slug, pk, driver)
    return _rename(request, found, found.framework)


@require_POST
@login_required
def idea_rename(request: HtmxHttpRequest, slug: str, pk: int, idea: int) -> HttpResponse:
    """Give a change idea a new text."""
    found = get_idea_for_edit(request.user, slug, pk, idea)
    return _rename(request, found, found.driver.framework)


@require_POST
@login_required
def idea_add(request: HtmxHttpRequest, slug: str, pk: int, driver: int) -> HttpResponse:
    """Add a change idea under a secondary driver."""
    found = get_driver_for_edit(request.user, slug, pk, driver)
    if found.is_primary:
        return HttpResponseBadRequest()
    form = IdeaForm(request.POST, auto_id=f"idea-new-{found.pk}-%s")
    if not form.is_valid():
        return _drivers(request, found.framework, {f"idea-{found.pk}": form})
    services.idea_add(driver=found, by=signed_in_user(request), text=form.cleaned_data["text"])
    return _drivers(request, found.framework)


@require_POST
@login_required
def idea_delete(request: HtmxHttpRequest, slug: str, pk: int, idea: int) -> HttpResponse:
    found = get_idea_for_edit(request.user, slug, pk, idea)
    services.idea_delete(idea=found, by=signed_in_user(request))
    return _drivers(request, found.driver.framework)


@require_POST
@login_required
def idea_actions(request: HtmxHttpRequest, slug: str, pk: int, idea: int) -> HttpResponse:
    """Link the change idea to the actions that test it."""
    found = get_idea_for_edit(request.user, slug, pk, idea)
    framework = found.driver.framework
    form = IdeaActionsForm(
        request.POST, actions=actions_of(framework), auto_id=f"idea-{found.pk}-%s"
    )
    if not form.is_valid():
        return _drivers(request, framework, {f"idea-actions-{found.pk}": form})
    services.idea_link_actions(
        idea=found, by=signed_in_user(request), actions=form.cleaned_data["actions"]
    )
    return _drivers(request, framework)
