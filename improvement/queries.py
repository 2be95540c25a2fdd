"""Reads and computed figures of the improvement tools: run charts with their signals, the
PDSA cycles of an action, and the driver diagram of a framework."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, F, Prefetch, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ambitions.models import Action, AreaFramework, Measurement, OutcomeGoal, ProgressIndicator
from bass.cache import kept_many, versions
from improvement.models import ChangeIdea, Driver, PDSACycle
from improvement.runchart import MIN_USEFUL, RunsAnalysis, analyse, median
from specialties.models import holds_a_role

# -- Run charts --------------------------------------------------------------------------------


class Verdict:
    NO_DATA = "no_data"
    TOO_FEW = "too_few"
    RANDOM = "random"
    SIGNAL = "signal"


# The verdicts in the order a summary lists them: what needs a look first.
VERDICTS = [Verdict.SIGNAL, Verdict.RANDOM, Verdict.TOO_FEW, Verdict.NO_DATA]


def verdict_label(verdict: str) -> str:
    return {
        Verdict.NO_DATA: _("No measurements"),
        Verdict.TOO_FEW: _("Too few points"),
        Verdict.RANDOM: _("Random variation"),
        Verdict.SIGNAL: _("Signal: non-random variation"),
    }[verdict]


@dataclass
class RunChart:
    """One indicator's run chart: its points, centre line, target, cycles and verdict."""

    indicator: ProgressIndicator
    points: list[Measurement]
    baseline_until: datetime.date | None
    baseline_points: int
    centre: Decimal | None
    analysis: RunsAnalysis | None
    cycles: list[PDSACycle] = field(default_factory=list)

    @property
    def verdict(self) -> str:
        return verdict_of(self.analysis)

    @property
    def verdict_label(self) -> str:
        return verdict_label(self.verdict)

    @property
    def messages(self) -> list[str]:
        """The signals of Anhøj's rules in plain words, one sentence each."""
        return analysis_messages(self.analysis)


def verdict_of(a: RunsAnalysis | None) -> str:
    """What Anhøj's rules say of a series: no data, too few points, random, or a signal."""
    if a is None:
        return Verdict.NO_DATA
    if a.too_few:
        return Verdict.TOO_FEW
    return Verdict.SIGNAL if a.signal else Verdict.RANDOM


def analysis_messages(a: RunsAnalysis | None) -> list[str]:
    """The signals of Anhøj's rules in plain words, one sentence each."""
    if a is None:
        return [_("There are no measurements yet, so there is no run chart to read.")]
    if a.too_few:
        return [
            ngettext(
                "Too few points to say anything: %(n)d measurement is off the median, and a "
                "run chart needs at least %(min)d before its rules mean anything.",
                "Too few points to say anything: %(n)d measurements are off the median, and "
                "a run chart needs at least %(min)d before its rules mean anything.",
                a.n_useful,
            )
            % {"n": a.n_useful, "min": MIN_USEFUL}
        ]
    found = []
    if a.long_run:
        found.append(
            _(
                "Signal: %(run)d measurements in a row lie on the same side of the median. "
                "More than %(max)d in a row is unlikely to be chance, so something has "
                "changed."
            )
            % {"run": a.longest_run, "max": a.longest_run_max}
        )
    if a.few_crossings:
        found.append(
            ngettext(
                "Signal: the curve crosses the median only %(crossings)d time. Fewer than "
                "%(min)d crossings is unlikely to be chance, so something has changed.",
                "Signal: the curve crosses the median only %(crossings)d times. Fewer than "
                "%(min)d crossings is unlikely to be chance, so something has changed.",
                a.crossings,
            )
            % {"crossings": a.crossings, "min": a.crossings_min}
        )
    if not found:
        found.append(
            _(
                "No signal: the variation looks random. The longest run is %(run)d "
                "(more than %(max)d would be a signal) and the curve crosses the median "
                "%(crossings)d times (fewer than %(min)d would be a signal)."
            )
            % {
                "run": a.longest_run,
                "max": a.longest_run_max,
                "crossings": a.crossings,
                "min": a.crossings_min,
            }
        )
    return found


def centre_line(
    points: Sequence[tuple[datetime.date, Decimal]], baseline_until: datetime.date | None
) -> tuple[Decimal | None, int, RunsAnalysis | None]:
    """A run chart's centre line, the number of points it is the median of, and Anhøj's rules
    around it, for ``points`` in time order: the median of the baseline period (up to and
    including ``baseline_until``; all points when none is fixed or it holds none)."""
    base = [value for day, value in points if baseline_until is None or day <= baseline_until]
    if not base:
        base = [value for _day, value in points]
    centre = Decimal(median(base)) if base else None
    analysis = analyse([value for _day, value in points], centre) if centre is not None else None
    return centre, len(base), analysis


def run_chart(
    indicator: ProgressIndicator,
    measurements: Iterable[Measurement],
    baseline_until: datetime.date | None,
    cycles: Iterable[PDSACycle] = (),
) -> RunChart:
    """The run chart of ``indicator`` from its measurements (in any order): the centre line
    is the median of the baseline period (all points when none is fixed or it holds none)."""
    points = sorted(measurements, key=lambda m: (m.measured_on, m.pk))
    centre, baseline_points, analysis = centre_line(
        [(m.measured_on, m.value) for m in points], baseline_until
    )
    return RunChart(
        indicator=indicator,
        points=points,
        baseline_until=baseline_until,
        baseline_points=baseline_points,
        centre=centre,
        analysis=analysis,
        cycles=sorted(cycles, key=lambda c: c.number),
    )


def indicators_with_charts(indicators: QuerySet[ProgressIndicator]) -> QuerySet[ProgressIndicator]:
    """``indicators`` with everything a run chart reads, in three queries for any number."""
    return indicators.select_related("run_chart_baseline", "action").prefetch_related(
        Prefetch("measurements", queryset=Measurement.objects.order_by("measured_on", "pk")),
        Prefetch("action__pdsa_cycles", queryset=PDSACycle.objects.order_by("number")),
    )


def chart_of(indicator: ProgressIndicator) -> RunChart:
    """The run chart of an indicator loaded by ``indicators_with_charts``."""
    baseline = getattr(indicator, "run_chart_baseline", None)
    return run_chart(
        indicator,
        indicator.measurements.all(),
        baseline.until if baseline else None,
        indicator.action.pdsa_cycles.all(),
    )


def charts_for_action(action: Action) -> list[RunChart]:
    return [chart_of(i) for i in indicators_with_charts(action.indicators.all())]


def charts_by_action(action_ids: Iterable[int]) -> dict[int, list[RunChart]]:
    """Every indicator's run chart of the given actions, by action id."""
    indicators = indicators_with_charts(
        ProgressIndicator.objects.filter(action__in=list(action_ids)).order_by("pk")
    )
    result: dict[int, list[RunChart]] = {}
    for indicator in indicators:
        result.setdefault(indicator.action_id, []).append(chart_of(indicator))
    return result


def charts_by_specialty(specialty_ids: Iterable[int]) -> dict[int, list[RunChart]]:
    """Every indicator's run chart of the given specialties, by specialty id."""
    indicators = indicators_with_charts(
        ProgressIndicator.objects.filter(
            action__focus_area__framework__ambition__specialty__in=list(specialty_ids)
        )
    ).select_related("action__focus_area__framework__ambition")
    result: dict[int, list[RunChart]] = {}
    for indicator in indicators.order_by("action__focus_area__framework__order", "action", "pk"):
        specialty_id = indicator.action.focus_area.framework.ambition.specialty_id
        result.setdefault(specialty_id, []).append(chart_of(indicator))
    return result


# -- PDSA cycles -------------------------------------------------------------------------------


def cycles_of(action: Action) -> list[PDSACycle]:
    return list(PDSACycle.objects.filter(action=action).select_related("responsible"))


def studies_due(user_id: int, today: datetime.date) -> QuerySet[PDSACycle]:
    """The cycles ``user`` is responsible for whose Study is due: done, not yet studied."""
    return (
        PDSACycle.objects.filter(
            holds_a_role(user_id, "action__focus_area__framework__ambition__specialty"),
            responsible_id=user_id,
            study="",
            study_on__lte=today,
        )
        .exclude(do="")
        .select_related("action__focus_area__framework__ambition__specialty")
        .order_by("study_on", "pk")
    )


# -- Driver diagrams ---------------------------------------------------------------------------


@dataclass
class SecondaryNode:
    driver: Driver
    ideas: list[ChangeIdea]

    @property
    def link_count(self) -> int:
        """Links from its change ideas to actions: what "Remove" takes with it (the ideas'
        actions are prefetched)."""
        return sum(len(idea.actions.all()) for idea in self.ideas)


@dataclass
class PrimaryNode:
    driver: Driver
    secondaries: list[SecondaryNode]

    @property
    def idea_count(self) -> int:
        return sum(len(secondary.ideas) for secondary in self.secondaries)

    @property
    def link_count(self) -> int:
        return sum(secondary.link_count for secondary in self.secondaries)


@dataclass
class DriverDiagram:
    framework: AreaFramework
    goals: list[OutcomeGoal]
    primaries: list[PrimaryNode]

    @property
    def aim(self) -> str:
        """The aim, in the words of the framework's outcome goals."""
        if not self.goals:
            return self.framework.title
        return " ".join(goal.description for goal in self.goals)

    @property
    def is_empty(self) -> bool:
        return not self.primaries


def driver_diagram(framework: AreaFramework) -> DriverDiagram:
    """The framework's diagram in three queries (goals, drivers, ideas with their actions)."""
    drivers = list(Driver.objects.filter(framework=framework))
    ideas = ChangeIdea.objects.filter(driver__framework=framework).prefetch_related(
        Prefetch("actions", queryset=Action.objects.select_related("focus_area").order_by("pk"))
    )
    by_driver: dict[int, list[ChangeIdea]] = {}
    for idea in ideas:
        by_driver.setdefault(idea.driver_id, []).append(idea)
    primaries = [PrimaryNode(d, []) for d in drivers if d.parent_id is None]
    index = {node.driver.pk: node for node in primaries}
    for d in drivers:
        if d.parent_id is not None and d.parent_id in index:
            index[d.parent_id].secondaries.append(SecondaryNode(d, by_driver.get(d.pk, [])))
    return DriverDiagram(framework, list(framework.outcome_goals.all()), primaries)


def diagrams_for(frameworks: Iterable[AreaFramework]) -> dict[int, DriverDiagram]:
    return {f.pk: driver_diagram(f) for f in frameworks}


# -- The programme's summary of the run charts ------------------------------------------------

# The indicators that signal, named per specialty in the programme overview; the rest are
# counted (each has its run chart on its own page and in its focus area's document).
SIGNALS_NAMED = 5


@dataclass(frozen=True)
class NamedSignal:
    indicator_id: int
    indicator: str
    action: str


@dataclass(frozen=True)
class SignalSummary:
    """How a specialty's run charts read: its indicators counted per verdict (``VERDICTS``
    order), and the first ``SIGNALS_NAMED`` that signal, in the order of its frameworks."""

    counts: tuple[int, ...]
    signals: tuple[NamedSignal, ...]

    @property
    def total(self) -> int:
        return sum(self.counts)

    @property
    def more(self) -> int:
        return self.counts[VERDICTS.index(Verdict.SIGNAL)] - len(self.signals)


def signal_summaries(specialty_ids: Iterable[int]) -> dict[int, SignalSummary]:
    """Each specialty's ``SignalSummary``, kept under its content version: a run chart reads
    every measurement of its indicator (a region holds tens of thousands), so a specialty's
    are read again only after it changed, and only its own."""
    current = versions(specialty_ids)  # read before the database: a change after it is a miss
    return kept_many("signals", {pk: (v,) for pk, v in current.items()}, _summaries)


def _summaries(specialty_ids: list[int]) -> dict[int, SignalSummary]:
    """The summaries, computed: an indicator with fewer measurements than a run chart needs
    is counted without reading them; the charts of the others are drawn (four queries)."""
    # Read as values, not objects: a region holds thousands of indicators, and the page
    # names only a few of them (building each with its action, area, framework and
    # ambition took three times as long as the query).
    indicators = list(
        ProgressIndicator.objects.filter(
            action__focus_area__framework__ambition__specialty__in=specialty_ids
        )
        .order_by("action__focus_area__framework__order", "action", "pk")
        .values(
            "pk",
            "name",
            action_title=F("action__title"),
            specialty_id=F("action__focus_area__framework__ambition__specialty_id"),
        )
        .annotate(measurement_count=Count("measurements"))
    )
    charted = {
        i.pk: chart_of(i)
        for i in indicators_with_charts(
            ProgressIndicator.objects.filter(
                pk__in=[i["pk"] for i in indicators if i["measurement_count"] >= MIN_USEFUL]
            )
        )
    }
    counts: dict[int, list[int]] = {pk: [0] * len(VERDICTS) for pk in specialty_ids}
    signals: dict[int, list[NamedSignal]] = {pk: [] for pk in specialty_ids}
    for indicator in indicators:
        specialty_id = indicator["specialty_id"]
        if indicator["pk"] in charted:
            verdict = charted[indicator["pk"]].verdict
        else:
            verdict = Verdict.NO_DATA if not indicator["measurement_count"] else Verdict.TOO_FEW
        counts[specialty_id][VERDICTS.index(verdict)] += 1
        if verdict == Verdict.SIGNAL and len(signals[specialty_id]) < SIGNALS_NAMED:
            signals[specialty_id].append(
                NamedSignal(indicator["pk"], indicator["name"], indicator["action_title"])
            )
    return {pk: SignalSummary(tuple(counts[pk]), tuple(signals[pk])) for pk in specialty_ids}
