"""The programme report's effect section (issue 27): the before/after table of every key
figure's series and, for each series with a signal, its run chart drawn by the same
function as the page (``effect.charts.series_chart_svg``)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.safestring import SafeString

from effect import queries
from effect.charts import series_chart_svg
from improvement.queries import Verdict


@dataclass(frozen=True)
class EffectSection:
    start: datetime.date | None
    groups: list[queries.BeforeAfterGroup]
    charts: list[tuple[queries.Series, SafeString]]

    def __bool__(self) -> bool:
        return bool(self.groups)


def effect_section() -> EffectSection:
    start = queries.programme_start()
    groups = queries.before_after(start)
    charts = [
        (series, series_chart_svg(series))
        for group in groups
        for series in group.series
        if series.verdict == Verdict.SIGNAL
    ]
    return EffectSection(start, groups, charts)
