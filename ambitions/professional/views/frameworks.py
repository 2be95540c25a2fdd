"""A framework ("Rammer for indsatsområdet"), edited in place section by section: purpose,
outcome goals, actors, focus areas, core team; and its history.

Each section is a named partial of the page's template; an HTMX request for that section
gets just the partial back, any other request a redirect (after a write) or the whole page.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from ambitions import permissions as ambition_permissions
from ambitions.models import (
    Actor,
    AreaFramework,
    InterventionFocusArea,
    Level,
    OutcomeGoal,
)
from ambitions.professional import learning, services
from ambitions.professional.access import (
    get_framework_for_edit,
    get_framework_for_history,
    get_framework_for_view,
)
from ambitions.professional.forms.frameworks import (
    ActorForm,
    CoreTeamForm,
    FocusAreaForm,
    OutcomeGoalForm,
    PurposeForm,
)
from ambitions.professional.queries import history as change_history
from bass.cache import version as content_version
from bass.editing import EditConflict, saved_version
from bass.http import HtmxHttpRequest, render_page_or_fragment, signed_in_user, wants_fragment
from people.models import User
from specialties import core_team
from specialties.models import MIN_CLINICAL_REPRESENTATIVES_PER_SITE, Membership

FRAMEWORK = "ambitions/professional/framework.html"


def _framework(
    framework: AreaFramework, strategy: learning.ApprovedStrategy | None = None
) -> AreaFramework:
    """The framework again, with everything its page shows."""
    loaded = (
        AreaFramework.objects.filter(pk=framework.pk)
        .select_related("intervention_area")
        .prefetch_related(
            "intervention_area__challenges",
            "outcome_goals",
            "actors",
            Prefetch(
                "focus_areas",
                queryset=InterventionFocusArea.objects.annotate(
                    action_count=Count("actions")
                ).order_by("order", "pk"),
            ),
            Prefetch(
                "core_team",
                queryset=Membership.objects.select_related("user", "site", "profession"),
            ),
        )
        .get()
    )
    loaded.ambition = framework.ambition
    learning.apply(strategy, frameworks=[loaded])
    return loaded


def actor_grid(actors: list[Actor]) -> list[dict[str, Any]]:
    """The actor map as rows of influence (high first) by columns of interest (low first)."""
    levels = list(Level)
    return [
        {
            "level": influence,
            "cells": [
                {
                    "interest": interest,
                    "actors": [
                        a for a in actors if a.influence == influence and a.interest == interest
                    ],
                }
                for interest in levels
            ],
        }
        for influence in reversed(levels)
    ]


def _framework_sections(
    framework: AreaFramework,
    can_edit: bool,
    rename_form: FocusAreaForm | None,
    strategy: learning.ApprovedStrategy | None = None,
) -> dict[str, Any]:
    """What the framework page's sections show, loaded in a handful of queries whatever the
    size of the ambition."""
    framework = _framework(framework, strategy)
    specialty = framework.ambition.specialty
    actors = list(framework.actors.all())
    team = list(framework.core_team.all())
    focus_areas = list(framework.focus_areas.all())
    for fa in focus_areas:
        fa.rename_form = (  # type: ignore[attr-defined]
            rename_form
            if rename_form is not None and rename_form.prefix == f"focus-{fa.pk}"
            else FocusAreaForm(prefix=f"focus-{fa.pk}", initial={"title": fa.title})
        )
    return {
        "framework": framework,
        "goals": list(framework.outcome_goals.all()),
        "actors": actors,
        "actor_grid": actor_grid(actors),
        "focus_areas": focus_areas,
        "team": team,
        "coverage": core_team.coverage(team, specialty.sites.all()),
        "goal_form": OutcomeGoalForm(prefix="goal") if can_edit else None,
        "actor_form": ActorForm(prefix="actor") if can_edit else None,
        "focus_area_form": FocusAreaForm(prefix="focus") if can_edit else None,
        "core_team_form": CoreTeamForm(
            prefix="team", specialty=specialty, initial={"members": team}
        )
        if can_edit
        else None,
    }


def _lazy_item(load: Callable[[], dict[str, Any]], name: str) -> SimpleLazyObject:
    return SimpleLazyObject(lambda: load()[name])


def _framework_context(
    request: HtmxHttpRequest, framework: AreaFramework, **extra: Any
) -> dict[str, Any]:
    """The page's context, its sections lazy: the page keeps them (``{% fragment %}``) under
    the specialty's content version and whether the reader may edit, so a kept page loads
    none of them. A form with what the person typed (``extra``) is never kept."""
    specialty = framework.ambition.specialty
    can_edit = ambition_permissions.can_edit_frameworks(request.user, specialty)
    rename_form = extra.pop("rename_form", None)
    strategy = learning.strategy_for(request.user, specialty)
    sections = functools.cache(
        lambda: _framework_sections(framework, can_edit, rename_form, strategy)
    )
    names = [
        *("goals", "actors", "actor_grid", "focus_areas", "team", "coverage"),
        *("goal_form", "actor_form", "focus_area_form", "core_team_form"),
    ]
    return {
        "specialty": specialty,
        "ambition": framework.ambition,
        "framework": framework,
        "full_framework": _lazy_item(sections, "framework"),
        **{name: _lazy_item(sections, name) for name in names},
        "levels": list(Level),
        "min_per_site": MIN_CLINICAL_REPRESENTATIVES_PER_SITE,
        "can_edit": can_edit,
        "purpose_form": None,
        "content_version": content_version(specialty),
        "reader": learning.reader(strategy),
        "volatile": bool(extra) or rename_form is not None,
        **extra,
    }


def _render_framework(
    request: HtmxHttpRequest, framework: AreaFramework, part: str, **extra: Any
) -> HttpResponse:
    def fragment_context() -> dict[str, Any]:
        context = _framework_context(request, framework, **extra)
        context["framework"] = context["full_framework"]  # the section alone, never kept
        return context

    return render_page_or_fragment(
        request,
        FRAMEWORK,
        part,
        page=lambda: _framework_context(request, framework, **extra),
        fragment_context=fragment_context,
    )


def _after_write(
    request: HtmxHttpRequest, framework: AreaFramework, part: str, **extra: Any
) -> HttpResponse:
    """The updated section for HTMX; otherwise back to the page (post/redirect/get)."""
    if wants_fragment(request):
        return _render_framework(request, framework, part, **extra)
    url = reverse(
        "professional:framework",
        kwargs={"slug": framework.ambition.specialty.slug, "pk": framework.pk},
    )
    return redirect(f"{url}#{part.replace('_', '-')}")


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def framework(request: HtmxHttpRequest, slug: str, pk: int) -> HttpResponse:
    """A framework: shown (GET), its purpose in edit mode (GET ?rediger=1) or saved (POST)."""
    if request.method != "POST" and not request.GET.get("rediger"):
        shown = get_framework_for_view(request.user, slug, pk)
        return _render_framework(request, shown, "part_purpose")
    edited = get_framework_for_edit(request.user, slug, pk)
    if request.method != "POST":
        form = PurposeForm(
            prefix="purpose", initial={"purpose": edited.purpose, "revision": edited.revision}
        )
        return _render_framework(request, edited, "part_purpose", purpose_form=form)

    form = PurposeForm(request.POST, prefix="purpose")
    if not form.is_valid():
        return _render_framework(request, edited, "part_purpose", purpose_form=form)
    try:
        services.framework_purpose_save(
            framework=edited,
            purpose=form.cleaned_data["purpose"],
            base_revision=form.cleaned_data["revision"],
            by=signed_in_user(request),
        )
    except EditConflict as conflict:
        current = conflict.current
        assert isinstance(current, AreaFramework)
        # Keep what this person typed; the form now carries the newer revision, so saving
        # again (after merging by hand) replaces the other text knowingly.
        form = PurposeForm(
            prefix="purpose",
            initial={"purpose": form.cleaned_data["purpose"], "revision": current.revision},
        )
        return _render_framework(
            request,
            edited,
            "part_purpose",
            purpose_form=form,
            conflict=saved_version(current, ["purpose"]),
        )
    return _after_write(request, edited, "part_purpose")


def _add_row(
    request: HtmxHttpRequest,
    slug: str,
    pk: int,
    *,
    form_class: type[forms.Form],
    prefix: str,
    form_name: str,
    part: str,
    add: Callable[..., object],
) -> HttpResponse:
    """Add a row to one of the framework's lists (an outcome goal, an actor, a focus area):
    the section again with the form's errors, or the section with the new row."""
    framework = get_framework_for_edit(request.user, slug, pk)
    form = form_class(request.POST, prefix=prefix)
    if not form.is_valid():
        return _render_framework(request, framework, part, **{form_name: form})
    add(framework=framework, by=signed_in_user(request), **form.cleaned_data)
    return _after_write(request, framework, part)


def _delete_row(
    request: HtmxHttpRequest,
    slug: str,
    pk: int,
    *,
    model: type[OutcomeGoal | Actor],
    row: int,
    part: str,
    delete: Callable[[Any, User], None],
) -> HttpResponse:
    """Delete a row of one of the framework's lists; 404 for a row of another framework."""
    framework = get_framework_for_edit(request.user, slug, pk)
    target = get_object_or_404(model, framework=framework, pk=row)
    delete(target, signed_in_user(request))
    return _after_write(request, framework, part)


@require_POST
@login_required
def goal_add(request: HtmxHttpRequest, slug: str, pk: int) -> HttpResponse:
    """Add a measurable outcome goal (resultatmål)."""
    return _add_row(
        request,
        slug,
        pk,
        form_class=OutcomeGoalForm,
        prefix="goal",
        form_name="goal_form",
        part="part_goals",
        add=services.outcome_goal_add,
    )


@require_POST
@login_required
def goal_delete(request: HtmxHttpRequest, slug: str, pk: int, goal: int) -> HttpResponse:
    return _delete_row(
        request,
        slug,
        pk,
        model=OutcomeGoal,
        row=goal,
        part="part_goals",
        delete=lambda target, by: services.outcome_goal_delete(goal=target, by=by),
    )


@require_POST
@login_required
def actor_add(request: HtmxHttpRequest, slug: str, pk: int) -> HttpResponse:
    """Add an actor to the actor landscape (aktørlandskab)."""
    return _add_row(
        request,
        slug,
        pk,
        form_class=ActorForm,
        prefix="actor",
        form_name="actor_form",
        part="part_actors",
        add=services.actor_add,
    )


@require_POST
@login_required
def actor_delete(request: HtmxHttpRequest, slug: str, pk: int, actor: int) -> HttpResponse:
    return _delete_row(
        request,
        slug,
        pk,
        model=Actor,
        row=actor,
        part="part_actors",
        delete=lambda target, by: services.actor_delete(actor=target, by=by),
    )


@require_POST
@login_required
def focus_area_add(request: HtmxHttpRequest, slug: str, pk: int) -> HttpResponse:
    """Add a focus area; each gets its own "Konkretisering af handlinger"."""
    return _add_row(
        request,
        slug,
        pk,
        form_class=FocusAreaForm,
        prefix="focus",
        form_name="focus_area_form",
        part="part_focus_areas",
        add=services.focus_area_add,
    )


@require_POST
@login_required
def focus_area_rename(
    request: HtmxHttpRequest, slug: str, pk: int, focus_area: int
) -> HttpResponse:
    framework = get_framework_for_edit(request.user, slug, pk)
    target = get_object_or_404(InterventionFocusArea, framework=framework, pk=focus_area)
    form = FocusAreaForm(request.POST, prefix=f"focus-{target.pk}")
    if not form.is_valid():
        return _render_framework(request, framework, "part_focus_areas", rename_form=form)
    services.focus_area_rename(
        focus_area=target, by=signed_in_user(request), title=form.cleaned_data["title"]
    )
    return _after_write(request, framework, "part_focus_areas")


@require_POST
@login_required
def framework_core_team(request: HtmxHttpRequest, slug: str, pk: int) -> HttpResponse:
    """Choose the framework's core team among the specialty's people."""
    framework = get_framework_for_edit(request.user, slug, pk)
    form = CoreTeamForm(request.POST, prefix="team", specialty=framework.ambition.specialty)
    if not form.is_valid():
        return _render_framework(request, framework, "part_core_team", core_team_form=form)
    services.framework_core_team_set(
        framework=framework,
        by=signed_in_user(request),
        memberships=list(form.cleaned_data["members"]),
    )
    return _after_write(request, framework, "part_core_team")


@require_safe
@login_required
def framework_history(request: HtmxHttpRequest, slug: str, pk: int) -> HttpResponse:
    """Every saved change of a framework and its status row: who, when, before and after."""
    framework = get_framework_for_history(request.user, slug, pk)
    return render(
        request,
        "ambitions/professional/framework_history.html",
        {
            "specialty": framework.ambition.specialty,
            "framework": framework,
            "changes": change_history.framework_history(framework),
        },
    )
