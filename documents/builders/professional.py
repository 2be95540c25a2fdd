"""The professional ambition's three documents: a framework (Rammer for indsatsområdet), the
actions of a focus area (Konkretisering af handlinger) and the status (Status og fremdrift)."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, QuerySet

from ambitions.balance import work_balance
from ambitions.models import (
    Action,
    ActionPrinciple,
    AreaFramework,
    InterventionFocusArea,
    Level,
    Measurement,
    Milestone,
    PerspectiveAssessment,
    ProgressIndicator,
)
from ambitions.professional import learning
from ambitions.professional.queries import status as progress
from ambitions.professional.queries import tracing
from documents.builders.base import (
    Document,
    DocumentUnavailable,
    _author,
    _perspectives,
    _professional_of,
    _specialty,
    _title,
    shortlist,
)
from documents.models import DocumentKind
from improvement import queries as improvement
from improvement.svg import driver_diagram_svg, run_chart_svg
from inspiration import queries as inspiration
from inspiration.models import ActionInspiration
from specialties.access import strategic_ambition_of
from specialties.models import Membership


def _framework_queryset() -> QuerySet[AreaFramework]:
    return AreaFramework.objects.select_related(
        "ambition__specialty", "intervention_area", "progress_owner"
    ).prefetch_related(
        "intervention_area__challenges",
        "outcome_goals",
        "actors",
        Prefetch(
            "core_team",
            queryset=Membership.objects.select_related("user", "site", "profession"),
        ),
        Prefetch("focus_areas", queryset=InterventionFocusArea.objects.order_by("order", "pk")),
    )


def framework(specialty_id: int | None, object_id: int | None, today: datetime.date) -> Document:
    """Rammer for indsatsområdet: one strategic intervention area's framework."""
    specialty = _specialty(specialty_id)
    found = _framework_queryset().filter(ambition__specialty=specialty, pk=object_id or 0).first()
    if found is None:
        raise DocumentUnavailable
    # One PDF is made for all its readers, the programme's too (``LEARNING_RULE``): the
    # strategy it shows is the approved version's, never a revision's draft (issue 25).
    learning.apply(learning.approved_strategy(specialty), frameworks=[found])
    label = str(DocumentKind.FRAMEWORK.label)
    return Document(
        kind=DocumentKind.FRAMEWORK,
        template="documents/pdf/framework.html",
        title=_title(label, found.title, specialty.name),
        heading=label,
        subtitle=found.title,
        author=_author(specialty),
        header_specialty=specialty.name,
        today=today,
        context={
            "specialty": specialty,
            "framework": found,
            "area_challenges": tracing.area_challenges(found),
            "actor_map": _actor_map(found),
            "levels": list(Level),
            "diagram": (diagram := improvement.driver_diagram(found)),
            "diagram_svg": driver_diagram_svg(diagram, dom_id=f"driver-diagram-{found.pk}"),
        },
    )


@dataclass(frozen=True)
class ActorMapRow:
    influence: Level
    cells: list[list[str]]  # the actors' names, by interest from low to high


def _actor_map(framework: AreaFramework) -> list[ActorMapRow]:
    """The actor landscape as a grid of influence (high first) by interest (low first)."""
    names: dict[tuple[int, int], list[str]] = defaultdict(list)
    for actor in framework.actors.all():
        names[(actor.influence, actor.interest)].append(actor.name)
    return [
        ActorMapRow(influence, [names[(influence, interest)] for interest in Level])
        for influence in reversed(Level)
    ]


def _actions_queryset() -> QuerySet[Action]:
    return (
        Action.objects.select_related("responsible")
        .prefetch_related(
            "challenges",
            Prefetch("milestones", queryset=Milestone.objects.order_by("due_date", "pk")),
            Prefetch(
                "indicators",
                queryset=ProgressIndicator.objects.order_by("pk").prefetch_related(
                    Prefetch(
                        "measurements", queryset=Measurement.objects.order_by("measured_on", "pk")
                    )
                ),
            ),
            Prefetch(
                "assessments",
                queryset=PerspectiveAssessment.objects.select_related("perspective").order_by(
                    "perspective__order"
                ),
            ),
            Prefetch(
                "principles",
                queryset=ActionPrinciple.objects.select_related("principle").order_by(
                    "principle__order"
                ),
            ),
        )
        .order_by("start_date", "pk")
    )


@dataclass(frozen=True)
class ActionSheet:
    """One action with what progress.py computes about it today."""

    action: Action
    is_late: bool
    overdue: set[int]  # pks of its overdue milestones
    indicators: list[progress.IndicatorStatus]
    inspirations: list[ActionInspiration] = field(default_factory=list)  # cases it cites
    charts: list[ChartSheet] = field(default_factory=list)


@dataclass(frozen=True)
class ChartSheet:
    """An indicator's run chart as the page draws it (``improvement.svg``), with its signals."""

    chart: improvement.RunChart
    svg: str


def _chart_sheets(charts: list[improvement.RunChart]) -> list[ChartSheet]:
    return [ChartSheet(c, run_chart_svg(c, dom_id=f"run-chart-{c.indicator.pk}")) for c in charts]


def actions(specialty_id: int | None, object_id: int | None, today: datetime.date) -> Document:
    """Konkretisering af handlinger: the concrete actions of one focus area."""
    specialty = _specialty(specialty_id)
    focus_area = (
        InterventionFocusArea.objects.select_related("framework__ambition")
        .filter(framework__ambition__specialty=specialty, pk=object_id or 0)
        .prefetch_related(Prefetch("actions", queryset=_actions_queryset()))
        .first()
    )
    if focus_area is None:
        raise DocumentUnavailable
    actions = list(focus_area.actions.all())
    learning.apply(learning.approved_strategy(specialty), actions=actions)
    cited = inspiration.citations_by_action(a.pk for a in actions)
    charts = improvement.charts_by_action(a.pk for a in focus_area.actions.all())
    sheets = [
        ActionSheet(
            action=action,
            is_late=progress.action_is_late(action, today),
            overdue={m.pk for m in action.milestones.all() if progress.milestone_overdue(m, today)},
            indicators=[
                progress.indicator_status(i, action, today) for i in action.indicators.all()
            ],
            inspirations=cited.get(action.pk, []),
            charts=_chart_sheets(charts.get(action.pk, [])),
        )
        for action in actions
    ]
    # The inspiration library's cases the actions cite, each once, for the closing list.
    cases = {c.case.pk: c.case for sheet in sheets for c in sheet.inspirations}
    label = str(DocumentKind.ACTIONS.label)
    return Document(
        kind=DocumentKind.ACTIONS,
        template="documents/pdf/actions.html",
        title=_title(label, focus_area.title, specialty.name),
        heading=label,
        subtitle=focus_area.title,
        author=_author(specialty),
        header_specialty=specialty.name,
        today=today,
        context={
            "specialty": specialty,
            "focus_area": focus_area,
            "framework": focus_area.framework,
            "sheets": sheets,
            "cited_cases": sorted(cases.values(), key=lambda case: case.title),
            "share": progress.done_share(s.action for s in sheets),
            "perspectives": _perspectives(),
        },
    )


def status(specialty_id: int | None, object_id: int | None, today: datetime.date) -> Document:
    """Status og fremdrift: a row per strategic intervention area of the specialty."""
    specialty = _specialty(specialty_id)
    professional = _professional_of(specialty)
    if professional is None:
        raise DocumentUnavailable
    overview = progress.status_overview(
        progress.load(professional, today, learning.approved_strategy(specialty)), today
    )
    strategic = strategic_ambition_of(specialty)
    work = work_balance(specialty, strategic.approved_version if strategic else None)
    label = str(DocumentKind.STATUS.label)
    return Document(
        kind=DocumentKind.STATUS,
        template="documents/pdf/status.html",
        title=_title(label, specialty.name),
        heading=label,
        subtitle=specialty.name,
        author=_author(specialty),
        header_specialty=specialty.name,
        today=today,
        landscape=True,
        context={
            "specialty": specialty,
            "professional": professional,
            "overview": overview,
            "work": work,
            **_signals(improvement.charts_by_specialty([specialty.pk]).get(specialty.pk, [])),
        },
    )


def _signals(charts: list[improvement.RunChart]) -> dict[str, Any]:
    """What a status document says of the run charts: how many indicators read which way,
    and those that signal (the first REPORT_LIST_LIMIT, in the order of the frameworks):
    a specialty may have hundreds of indicators, each drawn in its focus area's document."""
    verdicts = [chart.verdict for chart in charts]
    return {
        "charts": charts,
        "verdicts": [
            (improvement.verdict_label(v), verdicts.count(v))
            for v in improvement.VERDICTS
            if v in verdicts
        ],
        "signals": shortlist(
            [c for c in charts if c.verdict == improvement.Verdict.SIGNAL], key=lambda c: 0
        ),
    }
