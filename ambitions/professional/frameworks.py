"""The professional ambition's pages: opening it, its frameworks, status and traceability.

- the overview lists the three documents (or explains how the ambition is opened);
- a framework ("Rammer for indsatsområdet") is edited in place, section by section;
- "Status og fremdrift" shows a row per framework, computed where it can be and written
  where it must be;
- "Sporbarhed" traces the core challenges to the actions and back, with the loose ends.

Each section of a page is a named partial of the page's template; an HTMX request gets just
that partial back, any other request a redirect (after a write) or the whole page.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from ambitions.models import (
    Actor,
    AmbitionVersion,
    AreaFramework,
    InterventionFocusArea,
    Level,
    OutcomeGoal,
    ProfessionalAmbition,
)
from ambitions.professional import core_team, framework_services, progress
from ambitions.professional.access import (
    get_framework_for_edit,
    get_framework_for_status,
    get_framework_for_view,
    get_professional_for_view,
    get_specialty_for_professional,
    strategic_of,
)
from ambitions.professional.framework_forms import (
    ActorForm,
    CoreTeamForm,
    FocusAreaForm,
    OutcomeGoalForm,
    PurposeForm,
    StatusForm,
)
from bass import permissions
from bass.http import HtmxHttpRequest, signed_in_user
from specialties.models import MIN_CLINICAL_REPRESENTATIVES_PER_SITE, Membership

OVERVIEW = "ambitions/professional/overview.html"
FRAMEWORK = "ambitions/professional/framework.html"
STATUS = "ambitions/professional/status.html"
TRACEABILITY = "ambitions/professional/traceability.html"


def _overview_url(slug: str) -> str:
    return reverse("professional:overview", kwargs={"slug": slug})


# -- Overview and opening ---------------------------------------------------------------------


@require_safe
@login_required
def overview(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """The professional ambition's three documents, or how and when it is opened."""
    specialty = get_specialty_for_professional(request.user, slug)
    strategic = strategic_of(specialty)
    ambition = (
        ProfessionalAmbition.objects.select_related("based_on", "opened_by")
        .filter(specialty=specialty)
        .first()
    )
    context: dict[str, Any] = {"specialty": specialty, "strategic": strategic, "ambition": ambition}
    if ambition is None:
        return render(request, OVERVIEW, context)
    ambition.specialty = specialty
    loaded = progress.load(ambition)
    today = timezone.localdate()
    approved: AmbitionVersion | None = None
    if strategic is not None and strategic.approved_version_id is not None:
        approved = AmbitionVersion.objects.filter(pk=strategic.approved_version_id).first()
    status = progress.status_overview(loaded, today)
    context.update(
        frameworks=loaded.frameworks,
        rows=status.rows,
        status=status,
        loose_ends=progress.loose_ends(loaded, today),
        approved=approved,
        missing=framework_services.missing_frameworks(loaded.frameworks, approved)
        if approved
        else [],
        dropped=framework_services.dropped_frameworks(loaded.frameworks, approved)
        if approved
        else [],
        newer=approved is not None and approved.pk != ambition.based_on_id,
    )
    return render(request, OVERVIEW, context)


@require_POST
@login_required
def open_ambition(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """The owner or a lead opens the professional ambition from the approved strategy."""
    specialty = get_specialty_for_professional(request.user, slug)
    if not permissions.can_open_professional_ambition(request.user, strategic_of(specialty)):
        raise PermissionDenied
    try:
        framework_services.professional_open(specialty=specialty, by=signed_in_user(request))
    except framework_services.NotApproved:  # pragma: no cover - the permission checks it
        raise PermissionDenied from None
    return redirect(_overview_url(slug))


@require_POST
@login_required
def synchronise(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """Add frameworks for intervention areas a later approved version brought in."""
    ambition = get_professional_for_view(request.user, slug)
    if not permissions.can_edit_frameworks(request.user, ambition.specialty):
        raise PermissionDenied
    added = framework_services.frameworks_synchronise(ambition=ambition, by=signed_in_user(request))
    if added:
        messages.success(
            request,
            _("Frameworks added: %(titles)s.") % {"titles": ", ".join(f.title for f in added)},
        )
    else:
        messages.info(request, _("The frameworks already follow the approved version."))
    return redirect(_overview_url(slug))


# -- A framework ------------------------------------------------------------------------------


def _framework(framework: AreaFramework) -> AreaFramework:
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


def _framework_context(
    request: HtmxHttpRequest, framework: AreaFramework, **extra: Any
) -> dict[str, Any]:
    framework = _framework(framework)
    specialty = framework.ambition.specialty
    actors = list(framework.actors.all())
    team = list(framework.core_team.all())
    focus_areas = list(framework.focus_areas.all())
    rename_form = extra.pop("rename_form", None)
    for fa in focus_areas:
        fa.rename_form = (  # type: ignore[attr-defined]
            rename_form
            if rename_form is not None and rename_form.prefix == f"focus-{fa.pk}"
            else FocusAreaForm(prefix=f"focus-{fa.pk}", initial={"title": fa.title})
        )
    can_edit = permissions.can_edit_frameworks(request.user, specialty)
    return {
        "specialty": specialty,
        "ambition": framework.ambition,
        "framework": framework,
        "goals": list(framework.outcome_goals.all()),
        "actors": actors,
        "actor_grid": actor_grid(actors),
        "levels": list(Level),
        "focus_areas": focus_areas,
        "team": team,
        "coverage": core_team.coverage(team, specialty.sites.all()),
        "min_per_site": MIN_CLINICAL_REPRESENTATIVES_PER_SITE,
        "can_edit": can_edit,
        "purpose_form": None,
        "goal_form": OutcomeGoalForm(prefix="goal") if can_edit else None,
        "actor_form": ActorForm(prefix="actor") if can_edit else None,
        "focus_area_form": FocusAreaForm(prefix="focus") if can_edit else None,
        "core_team_form": CoreTeamForm(
            prefix="team", specialty=specialty, initial={"members": team}
        )
        if can_edit
        else None,
        **extra,
    }


def _render_framework(
    request: HtmxHttpRequest, framework: AreaFramework, part: str, **extra: Any
) -> HttpResponse:
    context = _framework_context(request, framework, **extra)
    return render(request, f"{FRAMEWORK}#{part}" if request.htmx else FRAMEWORK, context)


def _after_write(
    request: HtmxHttpRequest, framework: AreaFramework, part: str, **extra: Any
) -> HttpResponse:
    """The updated section for HTMX; otherwise back to the page (post/redirect/get)."""
    if request.htmx:
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
        framework_services.framework_purpose_save(
            framework=edited,
            purpose=form.cleaned_data["purpose"],
            base_revision=form.cleaned_data["revision"],
            by=signed_in_user(request),
        )
    except framework_services.FrameworkEditConflict as conflict:
        # Keep what this person typed; the form now carries the newer revision, so saving
        # again (after merging by hand) replaces the other text knowingly.
        form = PurposeForm(
            prefix="purpose",
            initial={
                "purpose": form.cleaned_data["purpose"],
                "revision": conflict.current.revision,
            },
        )
        return _render_framework(
            request, edited, "part_purpose", purpose_form=form, conflict=conflict.current
        )
    return _after_write(request, edited, "part_purpose")


@require_POST
@login_required
def goal_add(request: HtmxHttpRequest, slug: str, pk: int) -> HttpResponse:
    """Add a measurable outcome goal (resultatmål)."""
    framework = get_framework_for_edit(request.user, slug, pk)
    form = OutcomeGoalForm(request.POST, prefix="goal")
    if not form.is_valid():
        return _render_framework(request, framework, "part_goals", goal_form=form)
    framework_services.outcome_goal_add(
        framework=framework, by=signed_in_user(request), **form.cleaned_data
    )
    return _after_write(request, framework, "part_goals")


@require_POST
@login_required
def goal_delete(request: HtmxHttpRequest, slug: str, pk: int, goal: int) -> HttpResponse:
    framework = get_framework_for_edit(request.user, slug, pk)
    target = get_object_or_404(OutcomeGoal, framework=framework, pk=goal)
    framework_services.outcome_goal_delete(goal=target, by=signed_in_user(request))
    return _after_write(request, framework, "part_goals")


@require_POST
@login_required
def actor_add(request: HtmxHttpRequest, slug: str, pk: int) -> HttpResponse:
    """Add an actor to the actor landscape (aktørlandskab)."""
    framework = get_framework_for_edit(request.user, slug, pk)
    form = ActorForm(request.POST, prefix="actor")
    if not form.is_valid():
        return _render_framework(request, framework, "part_actors", actor_form=form)
    framework_services.actor_add(
        framework=framework, by=signed_in_user(request), **form.cleaned_data
    )
    return _after_write(request, framework, "part_actors")


@require_POST
@login_required
def actor_delete(request: HtmxHttpRequest, slug: str, pk: int, actor: int) -> HttpResponse:
    framework = get_framework_for_edit(request.user, slug, pk)
    target = get_object_or_404(Actor, framework=framework, pk=actor)
    framework_services.actor_delete(actor=target, by=signed_in_user(request))
    return _after_write(request, framework, "part_actors")


@require_POST
@login_required
def focus_area_add(request: HtmxHttpRequest, slug: str, pk: int) -> HttpResponse:
    """Add a focus area; each gets its own "Konkretisering af handlinger"."""
    framework = get_framework_for_edit(request.user, slug, pk)
    form = FocusAreaForm(request.POST, prefix="focus")
    if not form.is_valid():
        return _render_framework(request, framework, "part_focus_areas", focus_area_form=form)
    framework_services.focus_area_add(
        framework=framework, by=signed_in_user(request), title=form.cleaned_data["title"]
    )
    return _after_write(request, framework, "part_focus_areas")


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
    framework_services.focus_area_rename(
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
    framework_services.framework_core_team_set(
        framework=framework,
        by=signed_in_user(request),
        memberships=list(form.cleaned_data["members"]),
    )
    return _after_write(request, framework, "part_core_team")


# -- Status og fremdrift ----------------------------------------------------------------------


def _status_context(
    request: HtmxHttpRequest, ambition: ProfessionalAmbition, **extra: Any
) -> dict[str, Any]:
    loaded = progress.load(ambition)
    status = progress.status_overview(loaded, timezone.localdate())
    return {
        "specialty": ambition.specialty,
        "ambition": ambition,
        "status": status,
        "rows": status.rows,
        "stale_after_days": progress.STALE_AFTER_DAYS,
        "can_edit": permissions.can_edit_status(request.user, ambition.specialty),
        "editing": None,
        **extra,
    }


def _render_status_row(
    request: HtmxHttpRequest, framework: AreaFramework, **extra: Any
) -> HttpResponse:
    context = _status_context(request, framework.ambition, **extra)
    if not request.htmx:
        return render(request, STATUS, context)
    context["row"] = next(r for r in context["rows"] if r.framework.pk == framework.pk)
    return render(request, f"{STATUS}#part_status_row", context)


@require_safe
@login_required
def status(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """Status og fremdrift: a row per strategic intervention area."""
    ambition = get_professional_for_view(request.user, slug)
    return render(request, STATUS, _status_context(request, ambition))


def _status_form(framework: AreaFramework, data: Any = None, **kwargs: Any) -> StatusForm:
    return StatusForm(
        data, prefix=f"status-{framework.pk}", specialty=framework.ambition.specialty, **kwargs
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def status_update(request: HtmxHttpRequest, slug: str, pk: int) -> HttpResponse:
    """One status row: shown (GET), in edit mode (GET ?rediger=1), or saved (POST)."""
    if request.method != "POST" and not request.GET.get("rediger"):
        shown = get_framework_for_view(request.user, slug, pk)
        return _render_status_row(request, shown)
    framework = get_framework_for_status(request.user, slug, pk)
    if request.method != "POST":
        form = _status_form(
            framework,
            initial={
                "anchoring": framework.anchoring,
                "progress_owner": framework.progress_owner_id,
                "deadline": framework.deadline,
                "timeline": framework.timeline,
                "revision": framework.revision,
            },
        )
        return _render_status_row(request, framework, editing=framework.pk, status_form=form)

    form = _status_form(framework, request.POST)
    if not form.is_valid():
        return _render_status_row(request, framework, editing=framework.pk, status_form=form)
    data = form.cleaned_data
    try:
        framework_services.status_update(
            framework=framework,
            by=signed_in_user(request),
            base_revision=data["revision"],
            anchoring=data["anchoring"],
            progress_owner=data["progress_owner"],
            deadline=data["deadline"],
            timeline=data["timeline"],
            comment=data["comment"],
        )
    except framework_services.FrameworkEditConflict as conflict:
        current = AreaFramework.objects.select_related("progress_owner", "status_updated_by").get(
            pk=conflict.current.pk
        )
        form = _status_form(
            framework,
            initial={**data, "revision": current.revision},
        )
        return _render_status_row(
            request, framework, editing=framework.pk, status_form=form, conflict=current
        )
    if request.htmx:
        return _render_status_row(request, framework)
    return redirect(reverse("professional:status", kwargs={"slug": slug}) + f"#status-row-{pk}")


# -- Sporbarhed -------------------------------------------------------------------------------


@require_safe
@login_required
def traceability(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """From the core challenges to the actions and indicators and back, and the loose ends."""
    ambition = get_professional_for_view(request.user, slug)
    loaded = progress.load(ambition)
    today = timezone.localdate()
    return render(
        request,
        TRACEABILITY,
        {
            "specialty": ambition.specialty,
            "ambition": ambition,
            "trace": progress.traceability(loaded),
            "loose_ends": progress.loose_ends(loaded, today),
            "stale_after_days": progress.STALE_AFTER_DAYS,
            "can_edit_frameworks": permissions.can_edit_frameworks(
                request.user, ambition.specialty
            ),
        },
    )
