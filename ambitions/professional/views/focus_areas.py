"""The professional ambition's pages: opening it, its frameworks, status and traceability.

- the overview lists the three documents (or explains how the ambition is opened);
- a framework ("Rammer for indsatsområdet") is edited in place, section by section;
- "Status og fremdrift" shows a row per framework, computed where it can be and written
  where it must be;
- "Sporbarhed" traces the core challenges to the actions and back, with the loose ends.

Each section of a page is a named partial of the page's template; an HTMX request gets just
that partial back, any other request a redirect (after a write) or the whole page.

The pages of "Konkretisering af handlinger" (the guide "Hvad er en faglig ambition?"): one page
per focus area with its
concrete actions, each edited in place — the action itself with its assessment per
sustainability perspective and its BASS principles, its milestones, and its progress
indicators with their dated measurements.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Prefetch, QuerySet
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from ambitions.models import (
    Action,
    ActionPrinciple,
    Actor,
    AmbitionVersion,
    AreaFramework,
    InterventionFocusArea,
    Level,
    Measurement,
    Milestone,
    OutcomeGoal,
    PerspectiveAssessment,
    Principle,
    ProfessionalAmbition,
    ProgressIndicator,
)
from ambitions.professional import queries as progress
from ambitions.professional import services
from ambitions.professional.access import (
    get_action_for_edit,
    get_action_for_history,
    get_action_for_view,
    get_focus_area_for_actions,
    get_focus_area_for_view,
    get_framework_for_edit,
    get_framework_for_history,
    get_framework_for_status,
    get_framework_for_view,
    get_professional_for_frameworks,
    get_professional_for_view,
    get_specialty_for_professional,
    get_specialty_for_professional_open,
)
from ambitions.professional.forms import (
    RATING_LABELS,
    ActionForm,
    ActorForm,
    CoreTeamForm,
    FocusAreaForm,
    IndicatorForm,
    MeasurementForm,
    MilestoneForm,
    OutcomeGoalForm,
    PurposeForm,
    StatusForm,
)
from bass import permissions
from bass.cache import version as content_version
from bass.editing import EditConflict, SavedVersion, saved_version
from bass.forms import with_focus
from bass.http import HtmxHttpRequest, render_page_or_fragment, signed_in_user
from specialties import core_team
from specialties.access import strategic_ambition_of
from specialties.models import MIN_CLINICAL_REPRESENTATIVES_PER_SITE, Membership
from sustainability.models import Challenge, Perspective

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
    strategic = strategic_ambition_of(specialty)
    # Selected with the (kept) specialty, with whom it was opened by and what it is based on.
    ambition: ProfessionalAmbition | None = getattr(specialty, "professional_ambition", None)
    context: dict[str, Any] = {"specialty": specialty, "strategic": strategic, "ambition": ambition}
    if ambition is None:
        return render(request, OVERVIEW, context)
    ambition.specialty = specialty
    today = timezone.localdate()
    # The figures and loose ends are lazy: the page keeps its rendered frameworks per
    # content version and day, and only loads the whole ambition when that is out of date.
    loaded = functools.cache(lambda: progress.load(ambition, today))
    frameworks = list(AreaFramework.objects.filter(ambition=ambition).order_by("order", "pk"))
    approved: AmbitionVersion | None = strategic.approved_version if strategic else None
    status = functools.cache(lambda: progress.status_overview(loaded(), today))
    context.update(
        frameworks=frameworks,
        rows=SimpleLazyObject(lambda: status().rows),
        status=SimpleLazyObject(status),
        loose_ends=SimpleLazyObject(lambda: progress.loose_ends(loaded(), today)),
        today=today,
        content_version=content_version(specialty),
        approved=approved,
        missing=services.missing_frameworks(frameworks, approved) if approved else [],
        dropped=services.dropped_frameworks(frameworks, approved) if approved else [],
        newer=approved is not None and approved.pk != ambition.based_on_id,
    )
    return render(request, OVERVIEW, context)


@require_POST
@login_required
def open_ambition(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """The owner or a lead opens the professional ambition from the approved strategy."""
    specialty = get_specialty_for_professional_open(request.user, slug)
    services.professional_open(specialty=specialty, by=signed_in_user(request))
    return redirect(_overview_url(slug))


@require_POST
@login_required
def synchronise(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """Add frameworks for intervention areas a later approved version brought in."""
    ambition = get_professional_for_frameworks(request.user, slug)
    added = services.frameworks_synchronise(ambition=ambition, by=signed_in_user(request))
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


def _framework_sections(
    framework: AreaFramework, can_edit: bool, rename_form: FocusAreaForm | None
) -> dict[str, Any]:
    """What the framework page's sections show, loaded in a handful of queries whatever the
    size of the ambition."""
    framework = _framework(framework)
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
    can_edit = permissions.can_edit_frameworks(request.user, specialty)
    rename_form = extra.pop("rename_form", None)
    sections = functools.cache(lambda: _framework_sections(framework, can_edit, rename_form))
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


@require_POST
@login_required
def goal_add(request: HtmxHttpRequest, slug: str, pk: int) -> HttpResponse:
    """Add a measurable outcome goal (resultatmål)."""
    framework = get_framework_for_edit(request.user, slug, pk)
    form = OutcomeGoalForm(request.POST, prefix="goal")
    if not form.is_valid():
        return _render_framework(request, framework, "part_goals", goal_form=form)
    services.outcome_goal_add(framework=framework, by=signed_in_user(request), **form.cleaned_data)
    return _after_write(request, framework, "part_goals")


@require_POST
@login_required
def goal_delete(request: HtmxHttpRequest, slug: str, pk: int, goal: int) -> HttpResponse:
    framework = get_framework_for_edit(request.user, slug, pk)
    target = get_object_or_404(OutcomeGoal, framework=framework, pk=goal)
    services.outcome_goal_delete(goal=target, by=signed_in_user(request))
    return _after_write(request, framework, "part_goals")


@require_POST
@login_required
def actor_add(request: HtmxHttpRequest, slug: str, pk: int) -> HttpResponse:
    """Add an actor to the actor landscape (aktørlandskab)."""
    framework = get_framework_for_edit(request.user, slug, pk)
    form = ActorForm(request.POST, prefix="actor")
    if not form.is_valid():
        return _render_framework(request, framework, "part_actors", actor_form=form)
    services.actor_add(framework=framework, by=signed_in_user(request), **form.cleaned_data)
    return _after_write(request, framework, "part_actors")


@require_POST
@login_required
def actor_delete(request: HtmxHttpRequest, slug: str, pk: int, actor: int) -> HttpResponse:
    framework = get_framework_for_edit(request.user, slug, pk)
    target = get_object_or_404(Actor, framework=framework, pk=actor)
    services.actor_delete(actor=target, by=signed_in_user(request))
    return _after_write(request, framework, "part_actors")


@require_POST
@login_required
def focus_area_add(request: HtmxHttpRequest, slug: str, pk: int) -> HttpResponse:
    """Add a focus area; each gets its own "Konkretisering af handlinger"."""
    framework = get_framework_for_edit(request.user, slug, pk)
    form = FocusAreaForm(request.POST, prefix="focus")
    if not form.is_valid():
        return _render_framework(request, framework, "part_focus_areas", focus_area_form=form)
    services.focus_area_add(
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


# -- Status og fremdrift ----------------------------------------------------------------------


def _status_context(
    request: HtmxHttpRequest, ambition: ProfessionalAmbition, **extra: Any
) -> dict[str, Any]:
    """Status og fremdrift. The figures are lazy: the page keeps its rendered totals and rows
    per content version and day (``{% fragment %}``), and only computes them on a miss."""
    today = timezone.localdate()
    overview = functools.cache(
        lambda: progress.status_overview(progress.load(ambition, today), today)
    )
    return {
        "specialty": ambition.specialty,
        "ambition": ambition,
        "status": SimpleLazyObject(overview),
        "rows": SimpleLazyObject(lambda: overview().rows),
        "today": today,
        "content_version": content_version(ambition.specialty),
        "stale_after_days": progress.STALE_AFTER_DAYS,
        "can_edit": permissions.can_edit_status(request.user, ambition.specialty),
        # Comments and history are for the specialty's people and the programme, not every
        # reader of the approved work: a flag of the kept rows, like can_edit.
        "can_discuss": permissions.can_discuss_professional(request.user, ambition.specialty),
        "editing": None,
        **extra,
    }


def _render_status_row(
    request: HtmxHttpRequest, framework: AreaFramework, **extra: Any
) -> HttpResponse:
    def fragment_context() -> dict[str, Any]:
        context = _status_context(request, framework.ambition, **extra)
        context["row"] = next(r for r in context["rows"] if r.framework.pk == framework.pk)
        return context

    return render_page_or_fragment(
        request,
        STATUS,
        "part_status_row",
        page=lambda: _status_context(request, framework.ambition, **extra),
        fragment_context=fragment_context,
    )


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
        services.status_update(
            framework=framework,
            by=signed_in_user(request),
            base_revision=data["revision"],
            anchoring=data["anchoring"],
            progress_owner=data["progress_owner"],
            deadline=data["deadline"],
            timeline=data["timeline"],
            comment=data["comment"],
        )
    except EditConflict as conflict:
        current = AreaFramework.objects.select_related("progress_owner", "status_updated_by").get(
            pk=conflict.current.pk
        )
        form = _status_form(
            framework,
            initial={**data, "revision": current.revision},
        )
        return _render_status_row(
            request,
            framework,
            editing=framework.pk,
            status_form=form,
            conflict=saved_version(
                current,
                ["anchoring", "progress_owner", "deadline", "timeline"],
                by=current.status_updated_by,
                at=current.status_updated_at,
            ),
        )
    if request.htmx:
        return _render_status_row(request, framework)
    return redirect(reverse("professional:status", kwargs={"slug": slug}) + f"#status-row-{pk}")


# -- Sporbarhed -------------------------------------------------------------------------------


@require_safe
@login_required
def traceability(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """From the core challenges to the actions and indicators and back, and the loose ends.

    A summary by default (the first TRACE_LIMIT of each list, with the count of the rest);
    ``?alle=1`` shows everything. Computed only when the kept page is out of date."""
    ambition = get_professional_for_view(request.user, slug)
    today = timezone.localdate()
    loaded = functools.cache(lambda: progress.load(ambition, today))
    trace = functools.cache(lambda: progress.traceability(loaded()))
    ends = functools.cache(lambda: progress.loose_ends(loaded(), today))
    show_all = request.GET.get("alle") == "1"

    def truncated() -> bool:
        longest = max(
            [len(ends()), len(trace().actions)]
            + [max(len(c.actions), len(c.indicators)) for c in trace().challenges]
        )
        return not show_all and longest > TRACE_LIMIT

    return render(
        request,
        TRACEABILITY,
        {
            "specialty": ambition.specialty,
            "ambition": ambition,
            "trace": SimpleLazyObject(trace),
            "loose_ends": SimpleLazyObject(ends),
            "limit": ":" if show_all else f":{TRACE_LIMIT}",
            "trace_limit": TRACE_LIMIT,
            "truncated": SimpleLazyObject(truncated),
            "show_all": show_all,
            "today": today,
            "content_version": content_version(ambition.specialty),
            "stale_after_days": progress.STALE_AFTER_DAYS,
        },
    )


# Entries of each list the traceability page shows unless asked for all of them.
TRACE_LIMIT = 25


TEMPLATE = "ambitions/professional/focus_area.html"
# Actions shown at once on a focus area's page; "show more" loads the next ones.
ACTIONS_PER_PAGE = 10
# The newest measurements of an indicator an action's card shows; all of them, and the forms
# for milestones, indicators and measurements, when the card is opened to record progress.
MEASUREMENTS_SHOWN = 3

F = TypeVar("F", bound=forms.Form)


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
    """A progress indicator with its measurements, newest first (all of them, or the newest
    ``MEASUREMENTS_SHOWN`` of ``count``), and the form for the next."""

    indicator: ProgressIndicator
    measurements: list[Measurement]
    count: int
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
    # Opened to record progress: the forms for milestones, indicators and measurements.
    updating: bool


def _actions(
    focus_area: InterventionFocusArea, *, measurements_shown: int | None = None
) -> QuerySet[Action]:
    """The focus area's actions with everything the page shows, in a fixed number of queries:
    each indicator with the number of its measurements and the newest ``measurements_shown``
    of them (all when None; the database picks them, per indicator)."""
    measurements = Measurement.objects.select_related("recorded_by").order_by("-measured_on", "-pk")
    if measurements_shown is not None:
        measurements = measurements[:measurements_shown]
    return (
        Action.objects.filter(focus_area=focus_area)
        .select_related("responsible", "updated_by")
        .prefetch_related(
            "challenges",
            Prefetch("milestones", queryset=Milestone.objects.order_by("due_date", "pk")),
            Prefetch(
                "indicators",
                queryset=ProgressIndicator.objects.order_by("pk")
                .annotate(measurement_count=Count("measurements"))
                .prefetch_related(
                    # A sliced prefetch needs its own attribute (Django keeps no manager cache).
                    Prefetch("measurements", queryset=measurements, to_attr="shown_measurements")
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


@dataclass(frozen=True)
class Listing:
    """What the page lists: a screenful of action cards, and the counts over all of them."""

    cards: list[ActionCard]
    card: ActionCard | None  # the focused action's, for its partials
    total: int
    next_start: int | None
    late_count: int
    siblings: list[InterventionFocusArea]

    def as_context(self) -> dict[str, Any]:
        return {field.name: getattr(self, field.name) for field in dataclasses.fields(self)}


def _card(
    action: Action,
    *,
    perspectives: list[Perspective],
    today: datetime.date,
    can_edit: bool,
    bound: dict[str, forms.Form],
    updating: bool = False,
    opened: bool = False,
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
    with_forms = can_edit and updating
    indicators = [
        IndicatorRow(
            indicator=indicator,
            measurements=indicator.shown_measurements,  # type: ignore[attr-defined]
            count=indicator.measurement_count,  # type: ignore[attr-defined]
            form=_bound(bound, f"measurement-{indicator.pk}", MeasurementForm, f"me{indicator.pk}")
            if with_forms
            else None,
        )
        for indicator in action.indicators.all()
    ]
    return ActionCard(
        action=action,
        is_late=progress.action_is_late(action, today),
        assessments=rows,
        principles=list(action.principles.all()),
        milestones=list(action.milestones.all()),
        indicators=indicators,
        milestone_form=_bound(
            bound, f"milestone-{action.pk}", MilestoneForm, f"ms{action.pk}", focus=opened
        )
        if with_forms
        else None,
        indicator_form=_bound(bound, f"indicator-{action.pk}", IndicatorForm, f"in{action.pk}")
        if with_forms
        else None,
        updating=with_forms,
    )


def _bound(
    bound: dict[str, forms.Form],
    key: str,
    form_class: type[F],
    id_prefix: str,
    *,
    focus: bool = False,
) -> F:
    """The invalid form the user just sent for ``key``, or a fresh one (``focus``: with the
    keyboard's focus on its first field, for a card just opened)."""
    form = bound.get(key)
    if isinstance(form, form_class):
        return form
    fresh = form_class(auto_id=f"{id_prefix}-%s")
    return with_focus(fresh) if focus else fresh


def _context(
    request: HtmxHttpRequest,
    focus_area: InterventionFocusArea,
    *,
    focus: int | None = None,
    only_focus: bool = False,
    editing: int | None = None,
    bound: dict[str, forms.Form] | None = None,
    conflict: SavedVersion | None = None,
    start: int = 0,
    show_all: bool = False,
    updating: int | None = None,
    adding: bool = False,
    opened: bool = False,
    lazy: bool = False,
) -> dict[str, Any]:
    """Everything the page and its partials show.

    ``focus`` names the action the single-action partials show (``card``); with
    ``only_focus`` only that action is loaded, for an HTMX fragment. ``bound`` holds the
    invalid forms just sent, shown with their errors instead of empty ones.

    A focus area may hold a year of actions: the page shows ACTIONS_PER_PAGE of them from
    ``start`` (and always as far as the focused one), and "show more" loads the next ones.
    The forms are built only where they are asked for: ``updating`` names the action opened
    to record progress (with all its measurements), ``adding`` the form for a new action.

    ``lazy`` (the whole page): the cards and counts come as one lazy ``listing``, which the
    page keeps (``{% fragment %}``) under the specialty's content version, the day and what
    the reader may do, so a kept page loads none of it. A page with a form open is never
    kept (``volatile``).
    """
    bound = bound or {}
    framework = focus_area.framework
    specialty = framework.ambition.specialty
    can_edit = permissions.can_edit_actions(request.user, specialty)
    today = timezone.localdate()
    perspectives = functools.cache(lambda: list(Perspective.objects.order_by("order", "name")))
    principles = functools.cache(lambda: list(Principle.objects.order_by("order", "name")))

    def listing() -> Listing:
        actions = _actions(
            focus_area, measurements_shown=None if updating is not None else MEASUREMENTS_SHOWN
        )
        total = None
        if only_focus and focus is not None:
            actions = actions.filter(pk=focus)
        elif not show_all:
            total = actions.count()
            end = start + ACTIONS_PER_PAGE
            if focus is not None:
                ids = list(actions.values_list("pk", flat=True))
                end = max(end, ids.index(focus) + 1) if focus in ids else end
            actions = actions[start:end]
        cards = [
            _card(
                a,
                perspectives=perspectives(),
                today=today,
                can_edit=can_edit,
                bound=bound,
                updating=a.pk == updating,
                opened=opened and a.pk == updating,
            )
            for a in actions
        ]
        return Listing(
            cards=cards,
            card=next((c for c in cards if c.action.pk == focus), None),
            total=total if total is not None else len(cards),
            next_start=_next_start(start, len(cards), total),
            late_count=0 if only_focus else progress.late_count(focus_area, today),
            siblings=[] if only_focus else list(framework.focus_areas.order_by("order", "pk")),
        )

    add_form = None
    if can_edit and not only_focus and (adding or "add" in bound):
        add_form = bound.get("add") or with_focus(
            ActionForm(
                specialty=specialty,
                perspectives=perspectives(),
                principles=principles(),
                challenges=_challenges(specialty.pk),
                auto_id="add-%s",
            )
        )
    volatile = bool(bound) or adding or updating is not None or editing is not None
    return {
        "specialty": specialty,
        "framework": framework,
        "focus_area": focus_area,
        "today": today,
        # The page keeps its listing ({% fragment %}), so only a page not kept loads it.
        **({"listing": SimpleLazyObject(listing)} if lazy else listing().as_context()),
        "start": start,
        "show_all": show_all,
        "can_edit": can_edit,
        "can_discuss": permissions.can_discuss_professional(request.user, specialty),
        "can_see_history": permissions.can_view_professional_history(request.user, specialty),
        "content_version": content_version(specialty),
        "volatile": volatile or conflict is not None,
        "add_form": add_form,
        "editing": editing,
        "edit_form": bound.get("edit"),
        "conflict": conflict,
    }


def _next_start(start: int, shown: int, total: int | None) -> int | None:
    """Where "show more" goes on from, or None when every action is shown."""
    return start + shown if total is not None and start + shown < total else None


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
    """The named partial for an HTMX request (one action's partials load only that action),
    the whole page otherwise."""
    only_focus = partial != "part_actions"
    return render_page_or_fragment(
        request,
        TEMPLATE,
        partial,
        page=lambda: _context(request, focus_area, focus=focus, lazy=True, **extra),
        fragment_context=lambda: _context(
            request, focus_area, focus=focus, only_focus=only_focus, **extra
        ),
    )


# -- The page ------------------------------------------------------------------------------


@require_safe
@login_required
def focus_area(request: HtmxHttpRequest, slug: str, pk: int) -> HttpResponse:
    """Konkretisering af handlinger: the focus area's actions, one document per focus area.

    ``?fra=N`` (from "show more") gives the next actions from the N-th: for HTMX only those
    cards, appended to the list; ``?alle=1`` shows every action on one page."""
    focus_area = get_focus_area_for_view(request.user, slug, pk)
    start = _number(request.GET.get("fra")) or 0
    if start:
        # No further than the last action: every ?fra= past it is the same page and key.
        start = min(start, Action.objects.filter(focus_area=focus_area).count())
    show_all = request.GET.get("alle") == "1"
    adding = request.GET.get("ny") == "1"
    if adding and request.htmx:
        get_focus_area_for_actions(request.user, slug, pk)
        return render(request, f"{TEMPLATE}#part_add", _context(request, focus_area, adding=True))
    # ?opdater=<action> (without JavaScript): that action opened to record progress.
    updating = _number(request.GET.get("opdater"))
    context = _context(
        request,
        focus_area,
        start=start,
        show_all=show_all,
        focus=updating,
        updating=updating,
        adding=adding,
        lazy=not (request.htmx and start),
    )
    if request.htmx and start:
        return render(request, f"{TEMPLATE}#part_more_actions", context)
    return render(request, TEMPLATE, context)


def _number(value: str | None) -> int | None:
    """A non-negative whole number from the query string, or None."""
    try:
        number = int(value or "")
    except ValueError:
        return None
    return number if 0 <= number < 2**31 else None


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
    """One action: shown (GET), in edit mode (GET ?rediger=1), opened to record progress
    (GET ?opdater=1: its milestone, indicator and measurement forms), or saved (POST)."""
    if request.method != "POST" and request.GET.get("opdater"):
        opened = get_action_for_edit(request.user, slug, pk)
        if request.htmx:
            return _render(
                request,
                opened.focus_area,
                "part_action",
                focus=opened.pk,
                updating=opened.pk,
                opened=True,
            )
        page = reverse("professional:focus_area", kwargs={"slug": slug, "pk": opened.focus_area_id})
        return redirect(f"{page}?opdater={opened.pk}#action-{opened.pk}")
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
        return _render(request, focus_area, "part_action", focus=action.pk)
    return redirect(_page_url(focus_area, f"action-{action.pk}"))


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
        return _render(
            request,
            action.focus_area,
            "part_milestones",
            focus=action.pk,
            bound=bound,
            updating=action.pk if updating else None,
        )
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
        return _render(
            request,
            action.focus_area,
            "part_indicators",
            focus=action.pk,
            bound=bound,
            updating=action.pk,
        )
    return redirect(_page_url(action.focus_area, f"part-indicators-{action.pk}"))


# -- History ----------------------------------------------------------------------------------


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
            "changes": progress.framework_history(framework),
        },
    )


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
            "changes": progress.action_history(action),
        },
    )
