"""What each document shows: the data a document's template needs, read from the database.

One builder per ``DocumentKind``. A builder takes the document's identity (specialty and
object) and the date it is made, reads everything in a fixed number of queries per
specialty, and returns a ``Document``: the template, its context, and the title, author and
markings that every page carries. Computed status (done shares, overdue milestones,
indicators on track, loose ends) comes from ``ambitions.professional.progress``, so a page
and its PDF always agree.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from ambitions.balance import work_balance
from ambitions.models import (
    Action,
    ActionPrinciple,
    AmbitionVersion,
    ApprovalCondition,
    AreaFramework,
    Dilemma,
    InterventionFocusArea,
    Level,
    Measurement,
    Milestone,
    PartKind,
    PerspectiveAssessment,
    ProfessionalAmbition,
    ProgressIndicator,
    Status,
    Transition,
)
from ambitions.professional import learning
from ambitions.professional.queries import funds as funds_queries
from ambitions.professional.queries import programme as programme_reads
from ambitions.professional.queries import status as progress
from ambitions.professional.queries import tracing
from ambitions.professional.queries.funds import FundsTotals
from ambitions.strategic import brief
from ambitions.strategic import queries as strategic_reads
from ambitions.strategic.content import sections, snapshot
from documents.models import DocumentKind
from improvement import queries as improvement
from improvement.svg import driver_diagram_svg, run_chart_svg
from inspiration import queries as inspiration
from inspiration.models import ActionInspiration
from rounds import queries as rounds
from rounds.models import StatusRound
from specialties.access import strategic_ambition_of
from specialties.models import Membership, Specialty
from sustainability.balance import Balance, frozen_balance
from sustainability.models import Perspective

BRAND = "BASS Ambitions"
# Translated where it is used (in the active language); marked here for makemessages.
PROGRAMME = gettext_noop("BASS – Sustainable acute hospitals and specialties · Region Zealand")


class DocumentUnavailable(Exception):
    """What the document shows does not exist (any more): a deleted version, framework…"""


@dataclass(frozen=True)
class Document:
    """A document ready for its template: ``context`` plus what every page shows."""

    kind: str
    template: str
    title: str  # the PDF's title, and the download's file name
    heading: str
    subtitle: str
    author: str
    header_specialty: str  # "Speciale: …" in the running header
    today: datetime.date
    marking: str = ""  # "KLADDE" and the like, on every page
    landscape: bool = False
    context: dict[str, Any] = field(default_factory=dict)

    @property
    def description(self) -> str:
        return f"{self.title}. {_(PROGRAMME)}"


def build(
    kind: str, specialty_id: int | None, object_id: int | None, today: datetime.date
) -> Document:
    """The document of this kind for this specialty and object, as of ``today``."""
    builder = BUILDERS[DocumentKind(kind)]
    return builder(specialty_id, object_id, today)


# -- Shared pieces ----------------------------------------------------------------------------


def _specialty(specialty_id: int | None) -> Specialty:
    if specialty_id is None:
        raise DocumentUnavailable
    specialty = (
        Specialty.objects.with_people()
        .select_related("strategic_ambition__approved_version")
        .filter(pk=specialty_id)
        .first()
    )
    if specialty is None:
        raise DocumentUnavailable
    return specialty


def _author(specialty: Specialty) -> str:
    owner = specialty.owner
    return str(owner.user) if owner is not None else BRAND


def _title(*parts: str) -> str:
    return " – ".join(p for p in parts if p)


def _professional_of(specialty: Specialty) -> ProfessionalAmbition | None:
    ambition = (
        ProfessionalAmbition.objects.select_related("based_on").filter(specialty=specialty).first()
    )
    if ambition is not None:
        ambition.specialty = specialty
    return ambition


def _perspectives() -> list[Perspective]:
    return list(Perspective.objects.order_by("order", "name"))


def _frozen_balance(
    core_challenges: list[dict[str, Any]], perspectives: list[Perspective]
) -> Balance:
    """The balance of the core challenges as a version froze them (see ``frozen_balance``)."""
    return frozen_balance(core_challenges, perspectives)


def _conditions(versions: list[AmbitionVersion]) -> QuerySet[ApprovalCondition]:
    return (
        ApprovalCondition.objects.filter(version__in=versions)
        .select_related("responsible", "met_by", "version")
        .order_by("deadline", "pk")
    )


# -- The strategic ambition -------------------------------------------------------------------


def strategic_ambition(
    specialty_id: int | None, object_id: int | None, today: datetime.date
) -> Document:
    """A version of the strategic ambition, or (no object) its working copy."""
    specialty = _specialty(specialty_id)
    ambition = strategic_ambition_of(specialty)
    if ambition is None:
        raise DocumentUnavailable
    version: AmbitionVersion | None = None
    if object_id is None:
        content = snapshot(ambition)
        subtitle = _("The working copy")
        # A working copy is never what was decided, whatever the ambition's state.
        marking = _("Draft").upper()
    else:
        version = (
            AmbitionVersion.objects.select_related("submitted_by")
            .filter(ambition=ambition, number=object_id)
            .first()
        )
        if version is None:
            raise DocumentUnavailable
        content = version.content
        subtitle = _("Version %(number)s") % {"number": version.number}
        marking = {
            AmbitionVersion.Outcome.PENDING: f"{_('Submitted')} – {_('Awaiting decision')}",
            AmbitionVersion.Outcome.RETURNED: _("Returned"),
        }.get(AmbitionVersion.Outcome(version.outcome), "").upper()

    approval = None
    conditions: list[ApprovalCondition] = []
    if version is not None and version.outcome == AmbitionVersion.Outcome.APPROVED:
        approval = (
            Transition.objects.filter(version=version, to_status=Status.APPROVED)
            .select_related("by")
            .order_by("-at")
            .first()
        )
        conditions = list(_conditions([version]))
    perspectives = _perspectives()
    return Document(
        kind=DocumentKind.STRATEGIC_AMBITION,
        template="documents/pdf/strategic_ambition.html",
        title=_title(str(DocumentKind.STRATEGIC_AMBITION.label), specialty.name, subtitle),
        heading=str(DocumentKind.STRATEGIC_AMBITION.label),
        subtitle=subtitle,
        author=_author(specialty),
        header_specialty=specialty.name,
        today=today,
        marking=marking,
        context={
            "specialty": specialty,
            "ambition": ambition,
            "version": version,
            # The five parts; the core challenges and areas are shown from their data.
            "sections": [s for s in sections(content) if s.key in PartKind.values],
            "core_challenges": content.get("core_challenges", []),
            "intervention_areas": content.get("intervention_areas", []),
            "balance": _frozen_balance(content.get("core_challenges", []), perspectives),
            "approval": approval,
            "conditions": conditions,
            "is_valid": version is not None and ambition.approved_version_id == version.pk,
            # The specialty's dilemma register as it stands: it is not part of a version.
            "dilemmas": _dilemmas(specialty, perspectives),
        },
    )


def decision_brief(
    specialty_id: int | None, object_id: int | None, today: datetime.date
) -> Document:
    """The decision brief on a version of the strategic ambition, as the data stand today
    (``ambitions.strategic.brief``: the decision page shows the same)."""
    specialty = _specialty(specialty_id)
    ambition = strategic_ambition_of(specialty)
    if ambition is None:
        raise DocumentUnavailable
    version = (
        AmbitionVersion.objects.select_related("submitted_by")
        .filter(ambition=ambition, number=object_id or 0)
        .first()
    )
    if version is None:
        raise DocumentUnavailable
    label = str(DocumentKind.DECISION_BRIEF.label)
    subtitle = _("Version %(number)s") % {"number": version.number}
    return Document(
        kind=DocumentKind.DECISION_BRIEF,
        template="documents/pdf/decision_brief.html",
        title=_title(label, specialty.name, subtitle),
        heading=label,
        subtitle=subtitle,
        author=_author(specialty),
        header_specialty=specialty.name,
        today=today,
        context={
            "specialty": specialty,
            "version": version,
            "brief": brief.decision_brief(ambition, version),
        },
    )


def _dilemmas(specialty: Specialty, perspectives: list[Perspective]) -> list[Dilemma]:
    found = list(strategic_reads.dilemmas(specialty))
    for dilemma in found:
        dilemma.perspective_views = dilemma.views_by(perspectives)  # type: ignore[attr-defined]
    return found


# -- The professional ambition's three documents ---------------------------------------------


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


# -- The reports ------------------------------------------------------------------------------


# A specialty's status, as the reports print it: the figures the programme overview shows
# too, computed once by ``ambitions.professional.queries.programme_figures``.
SpecialtyStatus = programme_reads.SpecialtyFigures

# A status report is a summary the steering group reads in a meeting: its lists of what
# needs attention show this many entries, the most pressing first, and say how many more
# there are (the detail is in the documents of the focus areas and frameworks).
REPORT_LIST_LIMIT = 15


@dataclass(frozen=True)
class Shortlist:
    """The first entries of a list that needs attention, and how many are left out."""

    items: list[Any]
    total: int

    @property
    def more(self) -> int:
        return self.total - len(self.items)

    def __bool__(self) -> bool:
        return self.total > 0


def shortlist(items: list[Any], key: Callable[[Any], Any]) -> Shortlist:
    return Shortlist(sorted(items, key=key)[:REPORT_LIST_LIMIT], len(items))


@dataclass(frozen=True)
class ReportLists:
    """What the specialty status report lists: the most pressing first, at most
    REPORT_LIST_LIMIT of each, with the count of the rest."""

    off_track: Shortlist
    overdue_milestones: Shortlist
    late_actions: Shortlist
    loose_ends: Shortlist


def report_lists(report: SpecialtyStatus, loose_ends: list[tracing.LooseEnd]) -> ReportLists:
    order = list(tracing.LooseEndKind)
    off = [i for i in report.indicators if i.track == progress.Track.OFF_TRACK]
    return ReportLists(
        off_track=shortlist(off, key=lambda i: (i.action.end_date, i.indicator.pk)),
        overdue_milestones=shortlist(report.overdue_milestones, key=lambda m: (m.due_date, m.pk)),
        late_actions=shortlist(report.late_actions, key=lambda a: (a.end_date, a.pk)),
        loose_ends=shortlist(loose_ends, key=lambda e: order.index(e.kind)),
    )


def _specialty_statuses(
    specialties: list[Specialty], today: datetime.date
) -> list[SpecialtyStatus]:
    """Each specialty's figures, in a fixed number of queries for all of them."""
    return programme_reads.programme_figures(specialties, today)


def specialty_report(
    specialty_id: int | None, object_id: int | None, today: datetime.date
) -> Document:
    """The specialty's status report: status og fremdrift, balance, indicators, overdue work."""
    specialty = _specialty(specialty_id)
    [report] = _specialty_statuses([specialty], today)
    label = str(DocumentKind.SPECIALTY_REPORT.label)
    return Document(
        kind=DocumentKind.SPECIALTY_REPORT,
        template="documents/pdf/specialty_report.html",
        title=_title(label, specialty.name),
        heading=label,
        subtitle=specialty.name,
        author=_author(specialty),
        header_specialty=specialty.name,
        today=today,
        context={
            "specialty": specialty,
            "report": report,
            "lists": report_lists(
                report, tracing.loose_ends(report.loaded, today) if report.loaded else []
            ),
            # Transition funds (issue 28, item 6): every request with its decision.
            "funds_requests": funds_queries.specialty_requests(specialty.pk),
            "funds_totals": funds_queries.totals(specialty.pk),
        },
    )


def programme_report(
    specialty_id: int | None, object_id: int | None, today: datetime.date
) -> Document:
    """The programme's status across every specialty, for the steering group's meetings;
    with a status round as ``object_id``, that closed round's report (``round_report``)."""
    if object_id is not None:
        return round_report(object_id)
    specialties = list(
        Specialty.objects.with_people()
        .select_related("strategic_ambition__approved_version")
        .order_by("name")
    )
    label = str(DocumentKind.PROGRAMME_REPORT.label)
    return Document(
        kind=DocumentKind.PROGRAMME_REPORT,
        template="documents/pdf/programme_report.html",
        title=label,
        heading=label,
        subtitle=_(PROGRAMME),
        author=_("BASS secretariat"),
        header_specialty=_("All specialties"),
        today=today,
        context={
            "reports": _specialty_statuses(specialties, today),
            # Transition funds per specialty and for the programme, summed by the database.
            "funds_rows": _funds_rows(specialties),
            "funds_total": funds_queries.totals_of(s.pk for s in specialties),
        },
    )


def _funds_rows(specialties: list[Specialty]) -> list[tuple[Specialty, FundsTotals]]:
    """Each specialty with its transition funds: one grouped query for all of them."""
    totals = funds_queries.totals_by_specialty(s.pk for s in specialties)
    return [(s, totals.get(s.pk, FundsTotals())) for s in specialties]


def round_report(round_id: int) -> Document:
    """A closed status round's programme report, read only from what the round froze (its
    snapshots and the earlier rounds' for "since the last round") and dated the day it
    closed: fetched a year later, it is the same document."""
    round_ = StatusRound.objects.select_related("closed_by").filter(pk=round_id).first()
    if round_ is None or round_.is_open:
        raise DocumentUnavailable
    taken_on = round_.snapshots.values_list("taken_on", flat=True).first()
    today = taken_on or round_.deadline
    label = str(DocumentKind.PROGRAMME_REPORT.label)
    return Document(
        kind=DocumentKind.PROGRAMME_REPORT,
        template="documents/pdf/round_report.html",
        title=_title(label, round_.name),
        heading=label,
        subtitle=round_.name,
        author=_("BASS secretariat"),
        header_specialty=_("All specialties"),
        today=today,
        context={"round": round_, "entries": rounds.round_overview(round_, today)},
    )


BUILDERS: dict[DocumentKind, Callable[[int | None, int | None, datetime.date], Document]] = {
    DocumentKind.STRATEGIC_AMBITION: strategic_ambition,
    DocumentKind.FRAMEWORK: framework,
    DocumentKind.ACTIONS: actions,
    DocumentKind.STATUS: status,
    DocumentKind.SPECIALTY_REPORT: specialty_report,
    DocumentKind.PROGRAMME_REPORT: programme_report,
    DocumentKind.DECISION_BRIEF: decision_brief,
}
