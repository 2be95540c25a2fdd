"""Reads of the key figures (effektmål): each series as a run chart with Anhøj's rules (the
improvement tools' ``centre_line``, the same rules as the indicators'), the before/after
table for the steering group, and what a status round still misses.

A series is one key figure at one site, for one specialty (or for none, when the figure is
per site only), month by month. Its baseline ends the day before the programme's start
(``EffectSettings.programme_start``): the median of the months before is the centre line, and
the run chart's rules then tell whether the months after differ from it by more than chance.
"""

from __future__ import annotations

import datetime
import statistics
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, Q
from django.utils.translation import gettext as _

from effect.models import EffectSettings, KeyFigure, KeyFigureValue
from improvement.queries import Verdict, analysis_messages, centre_line, verdict_label, verdict_of
from improvement.runchart import RunsAnalysis
from specialties.models import Site, Specialty


def month_of(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def add_months(month: datetime.date, count: int) -> datetime.date:
    index = month.year * 12 + month.month - 1 + count
    return datetime.date(index // 12, index % 12 + 1, 1)


def months_between(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    """The months a period touches, as their first days, in order."""
    months, month = [], month_of(start)
    while month <= end:
        months.append(month)
        month = add_months(month, 1)
    return months


def programme_start() -> datetime.date | None:
    """The programme's start, as the secretariat set it (None until then)."""
    return (
        EffectSettings.objects.filter(pk=EffectSettings.SINGLETON)
        .values_list("programme_start", flat=True)
        .first()
    )


def active_figures() -> list[KeyFigure]:
    return list(KeyFigure.objects.filter(active=True).prefetch_related("specialties"))


def figures_of(specialty: Specialty) -> list[KeyFigure]:
    """The active key figures the specialty records (not those per site only)."""
    return list(KeyFigure.objects.filter(active=True, per_site_only=False, specialties=specialty))


def site_figures() -> list[KeyFigure]:
    """The active key figures per site only (recorded by the secretariat)."""
    return list(KeyFigure.objects.filter(active=True, per_site_only=True))


# -- Series and their run charts -----------------------------------------------------------


class Direction:
    BETTER = "better"
    WORSE = "worse"


@dataclass
class Series:
    """One key figure at one site (for one specialty, or none), as a run chart."""

    key_figure: KeyFigure
    specialty: Specialty | None
    site: Site
    points: list[KeyFigureValue]
    start: datetime.date | None
    centre: Decimal | None
    baseline_points: int
    analysis: RunsAnalysis | None

    @property
    def dom_id(self) -> str:
        return (
            f"kf-{self.key_figure.pk}-{self.specialty.pk if self.specialty else 0}-{self.site.pk}"
        )

    @property
    def baseline_until(self) -> datetime.date | None:
        return self.start - datetime.timedelta(days=1) if self.start else None

    @property
    def verdict(self) -> str:
        return verdict_of(self.analysis)

    @property
    def verdict_label(self) -> str:
        return verdict_label(self.verdict)

    @property
    def messages(self) -> list[str]:
        return analysis_messages(self.analysis)

    @property
    def baseline_median(self) -> Decimal | None:
        """The median before the programme's start (None without a start or such months)."""
        if self.start is None:
            return None
        before = [p.value for p in self.points if p.period < self.start]
        return Decimal(statistics.median(before)) if before else None

    @property
    def latest_median(self) -> Decimal | None:
        """The median of the months since the programme's start."""
        if self.start is None:
            return None
        after = [p.value for p in self.points if p.period >= self.start]
        return Decimal(statistics.median(after)) if after else None

    @property
    def direction(self) -> str | None:
        """With a signal: whether the months since the start are better or worse than the
        baseline, by the key figure's direction; None without a signal or either median."""
        before, after = self.baseline_median, self.latest_median
        if self.verdict != Verdict.SIGNAL or before is None or after is None or before == after:
            return None
        higher = after > before
        better = higher == (self.key_figure.better == KeyFigure.Better.HIGHER)
        return Direction.BETTER if better else Direction.WORSE

    @property
    def direction_label(self) -> str:
        return {
            Direction.BETTER: _("Improvement"),
            Direction.WORSE: _("Deterioration"),
            None: "",
        }[self.direction]


def series(
    key_figure: KeyFigure,
    specialty: Specialty | None,
    site: Site,
    values: Iterable[KeyFigureValue],
    start: datetime.date | None,
) -> Series:
    """The run chart of one series from its values (in any order)."""
    points = sorted(values, key=lambda v: v.period)
    baseline_until = start - datetime.timedelta(days=1) if start else None
    centre, baseline_points, analysis = centre_line(
        [(p.period, p.value) for p in points], baseline_until
    )
    return Series(key_figure, specialty, site, points, start, centre, baseline_points, analysis)


def _values_by_series(
    values: Iterable[KeyFigureValue],
) -> dict[tuple[int, int | None, int], list[KeyFigureValue]]:
    found: dict[tuple[int, int | None, int], list[KeyFigureValue]] = defaultdict(list)
    for value in values:
        found[(value.key_figure_id, value.specialty_id, value.site_id)].append(value)
    return found


def specialty_series(
    specialties: Sequence[Specialty], start: datetime.date | None
) -> dict[int, list[Series]]:
    """Every series of the specialties' key figures, by specialty id: each active figure that
    names the specialty, at each of its sites (by the figure's order, then the site's)."""
    ids = [s.pk for s in specialties]
    figures = list(
        KeyFigure.objects.filter(active=True, per_site_only=False, specialties__in=ids)
        .distinct()
        .prefetch_related("specialties")
    )
    values = _values_by_series(
        KeyFigureValue.objects.filter(key_figure__in=figures, specialty_id__in=ids).select_related(
            "recorded_by"
        )
    )
    result: dict[int, list[Series]] = {}
    for specialty in specialties:
        named = [f for f in figures if any(s.pk == specialty.pk for s in f.specialties.all())]
        result[specialty.pk] = [
            series(f, specialty, site, values.get((f.pk, specialty.pk, site.pk), []), start)
            for f in named
            for site in specialty.sites.all()
        ]
    return result


def site_series(start: datetime.date | None) -> list[Series]:
    """Every series of the key figures per site only: each at every site with values, or
    every site when none has any yet."""
    figures = site_figures()
    values = _values_by_series(
        KeyFigureValue.objects.filter(key_figure__in=figures, specialty__isnull=True)
    )
    sites = list(Site.objects.order_by("order", "name"))
    return [
        series(f, None, site, values.get((f.pk, None, site.pk), []), start)
        for f in figures
        for site in sites
    ]


# -- What a status round misses, and what it freezes ---------------------------------------


@dataclass(frozen=True)
class Missing:
    """A key figure's value not yet recorded for a month of a round's period."""

    key_figure: KeyFigure
    specialty: Specialty | None
    site: Site
    period: datetime.date


def round_values(
    specialties: Sequence[Specialty], period_start: datetime.date, period_end: datetime.date
) -> dict[int, list[dict[str, Any]]]:
    """Each specialty's key figures for the months of a round's period, by specialty id, as
    JSON for the round's snapshot: per figure, site and month the value (None: missing).
    A specialty's entries hold its own figures at its sites, and the figures per site only
    at its sites (recorded by the secretariat)."""
    months = months_between(period_start, period_end)
    ids = [s.pk for s in specialties]
    figures = list(
        KeyFigure.objects.filter(active=True)
        .filter(Q(per_site_only=True) | Q(specialties__in=ids))
        .distinct()
        .prefetch_related("specialties")
    )
    recorded = {
        (v.key_figure_id, v.specialty_id, v.site_id, v.period): v.value
        for v in KeyFigureValue.objects.filter(key_figure__in=figures, period__in=months).filter(
            Q(specialty__isnull=True) | Q(specialty_id__in=ids)
        )
    }
    result: dict[int, list[dict[str, Any]]] = {}
    for specialty in specialties:
        entries = []
        for figure in figures:
            if figure.per_site_only:
                owner_id = None
            elif any(s.pk == specialty.pk for s in figure.specialties.all()):
                owner_id = specialty.pk
            else:
                continue
            for site in specialty.sites.all():
                for month in months:
                    value = recorded.get((figure.pk, owner_id, site.pk, month))
                    entries.append(
                        {
                            "key_figure": figure.pk,
                            "name": figure.name,
                            "unit": figure.unit,
                            "per_site_only": figure.per_site_only,
                            "site": site.pk,
                            "site_name": site.short_name,
                            "period": month.isoformat(),
                            "value": str(value) if value is not None else None,
                        }
                    )
        result[specialty.pk] = entries
    return result


def missing_for(
    specialties: Sequence[Specialty],
    period_start: datetime.date,
    period_end: datetime.date,
    today: datetime.date,
) -> dict[int, list[Missing]]:
    """What the specialties' own key figures (not those per site only) still miss for the
    months of a period, by specialty id; a month that has not ended yet is not missing."""
    months = [m for m in months_between(period_start, period_end) if m < month_of(today)]
    ids = [s.pk for s in specialties]
    figures = list(
        KeyFigure.objects.filter(active=True, per_site_only=False, specialties__in=ids)
        .distinct()
        .prefetch_related(Prefetch("specialties", queryset=Specialty.objects.only("pk")))
    )
    recorded = set(
        KeyFigureValue.objects.filter(
            key_figure__in=figures, specialty_id__in=ids, period__in=months
        ).values_list("key_figure_id", "specialty_id", "site_id", "period")
    )
    result: dict[int, list[Missing]] = {}
    for specialty in specialties:
        result[specialty.pk] = [
            Missing(figure, specialty, site, month)
            for figure in figures
            if any(s.pk == specialty.pk for s in figure.specialties.all())
            for site in specialty.sites.all()
            for month in months
            if (figure.pk, specialty.pk, site.pk, month) not in recorded
        ]
    return result


def site_missing_for(
    sites: Sequence[Site],
    period_start: datetime.date,
    period_end: datetime.date,
    today: datetime.date,
) -> list[Missing]:
    """What the key figures per site only still miss at these sites for a period's ended
    months."""
    months = [m for m in months_between(period_start, period_end) if m < month_of(today)]
    figures = site_figures()
    recorded = set(
        KeyFigureValue.objects.filter(
            key_figure__in=figures, specialty__isnull=True, period__in=months
        ).values_list("key_figure_id", "site_id", "period")
    )
    return [
        Missing(figure, None, site, month)
        for figure in figures
        for site in sites
        for month in months
        if (figure.pk, site.pk, month) not in recorded
    ]


# -- Before and after ------------------------------------------------------------------------


@dataclass(frozen=True)
class BeforeAfterGroup:
    """One specialty's series (or, with ``specialty`` None, the figures per site only)."""

    specialty: Specialty | None
    series: list[Series]


def before_after(start: datetime.date | None) -> list[BeforeAfterGroup]:
    """Every specialty with key figures, then the figures per site only: each series with
    at least one value (its baseline median, latest median and signal are on ``Series``)."""
    specialties = list(
        Specialty.objects.filter(key_figures__active=True, key_figures__per_site_only=False)
        .distinct()
        .order_by("name")
        .prefetch_related(Prefetch("sites", queryset=Site.objects.order_by("order", "name")))
    )
    by_specialty = specialty_series(specialties, start)
    groups = [BeforeAfterGroup(s, [x for x in by_specialty[s.pk] if x.points]) for s in specialties]
    per_site = [x for x in site_series(start) if x.points]
    if per_site:
        groups.append(BeforeAfterGroup(None, per_site))
    return [g for g in groups if g.series]
