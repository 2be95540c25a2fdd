"""A key figure's run chart as SVG: the improvement tools' ``series_svg`` (the drawing of
every run chart), with the programme's start marked on the time axis where the baseline
ends. The same function draws the page and the PDF."""

from __future__ import annotations

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from effect.queries import Series
from improvement.svg import series_svg


def series_chart_svg(series: Series) -> SafeString:
    figure = series.key_figure
    where = (
        f"{series.specialty.name}, {series.site.short_name}"
        if series.specialty
        else series.site.short_name
    )
    return series_svg(
        dom_id=series.dom_id,
        title=_("Run chart: %(name)s (%(unit)s), %(where)s")
        % {"name": figure.name, "unit": figure.unit, "where": where},
        desc=" ".join(series.messages),
        points=[(p.period, p.value) for p in series.points],
        centre=series.centre,
        baseline_until=series.baseline_until,
        marks=[(series.start, _("Programme start"))] if series.start else [],
        empty=_("No values recorded yet."),
    )
