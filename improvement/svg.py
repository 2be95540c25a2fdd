"""Server-side SVG of run charts and driver diagrams: one drawing for the page and the PDF.

Each drawing is an ``<svg role="img">`` labelled by its own ``<title>`` and ``<desc>``; the
page and the PDF also give the same content as text next to it (the table of measurements,
the signals, the diagram as a nested list), so nothing is only in the picture. Colours and
sizes are SVG presentation attributes, allowed by the content security policy (no ``style``).
"""

from __future__ import annotations

import datetime
import math
import textwrap
from collections.abc import Sequence
from decimal import Decimal

from django.utils.formats import date_format, number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from improvement.queries import DriverDiagram, PrimaryNode, RunChart

INK = "#1f2933"
MUTED = "#52606d"
LINE = "#0b5cad"
CENTRE = "#2f855a"
TARGET = "#b7410e"
CYCLE = "#6b46c1"
BOX = "#f0f4f8"
FONT = 'font-family="DejaVu Sans, Arial, sans-serif"'


def _n(value: float) -> str:
    return f"{value:.1f}"


def _num(value: Decimal) -> str:
    return number_format(value.normalize() if value == value.to_integral() else value, 2)


def _ticks(low: Decimal, high: Decimal) -> list[Decimal]:
    """Round values for the value axis: a step of 1, 2, 2.5 or 5 times a power of ten that
    gives four to six intervals between ``low`` and ``high``."""
    raw = (high - low) / 5
    magnitude = Decimal(10) ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, Decimal("2.5"), 5, 10) if m * magnitude >= raw)
    value = math.ceil(low / step) * step
    ticks = []
    while value <= high:
        ticks.append(value)
        value += step
    return ticks


def _text(
    x: float, y: float, body: str, *, size: int = 11, fill: str = INK, anchor: str = "start"
) -> str:
    return (
        f'<text x="{_n(x)}" y="{_n(y)}" font-size="{size}" fill="{fill}" '
        f'text-anchor="{anchor}" {FONT}>{escape(body)}</text>'
    )


def run_chart_svg(chart: RunChart, *, dom_id: str) -> SafeString:
    """The run chart: points joined in time order, the median (solid over the baseline
    period, dashed after it), the target and the PDSA cycles as marks on the time axis."""
    indicator = chart.indicator
    return series_svg(
        dom_id=dom_id,
        title=_("Run chart: %(name)s") % {"name": indicator.name},
        desc=" ".join(chart.messages),
        points=[(p.measured_on, p.value) for p in chart.points],
        centre=chart.centre,
        baseline_until=chart.baseline_until,
        target=indicator.target,
        marks=[(c.starts_on, f"PDSA {c.number}") for c in chart.cycles],
    )


def series_svg(
    *,
    dom_id: str,
    title: str,
    desc: str,
    points: Sequence[tuple[datetime.date, Decimal]],
    centre: Decimal | None,
    baseline_until: datetime.date | None,
    target: Decimal | None = None,
    marks: Sequence[tuple[datetime.date, str]] = (),
    empty: str = "",
) -> SafeString:
    """A run chart of any dated series (an indicator's measurements, a key figure's months):
    the points joined in time order, the centre line (solid up to ``baseline_until``, dashed
    after it), an optional target, and ``marks`` (a PDSA cycle, the programme's start) as
    labelled lines on the time axis."""
    width, height = 640, 280
    left, right, top, bottom = 56, 16, 16, 48
    plot_w, plot_h = width - left - right, height - top - bottom
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'class="run-chart" role="img" id="{dom_id}" '
        f'aria-labelledby="{dom_id}-title {dom_id}-desc">',
        f'<title id="{dom_id}-title">{escape(title)}</title>',
        f'<desc id="{dom_id}-desc">{escape(desc)}</desc>',
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>',
    ]
    if not points:
        parts.append(
            _text(width / 2, height / 2, empty or _("No measurements yet."), anchor="middle")
        )
        parts.append("</svg>")
        return mark_safe("".join(parts))  # noqa: S308 - every piece of text is escaped above

    values = [value for _day, value in points]
    if target is not None:
        values.append(target)
    if centre is not None:
        values.append(centre)
    low, high = min(values), max(values)
    if low == high:
        low, high = low - 1, high + 1
    pad = (high - low) / 10
    low, high = low - pad, high + pad
    # The time axis starts at the first measurement: a cycle planned before the data began is
    # in the table under the chart, not a stretch of empty axis. A later mark widens it.
    first = min(day for day, _value in points)
    marks = [(day, label) for day, label in marks if day >= first]
    last = max([day for day, _value in points] + [day for day, _label in marks])
    span = max((last - first).days, 1)

    def x(day: datetime.date) -> float:
        if first == last:
            return left + plot_w / 2
        return left + plot_w * (day - first).days / span

    def y(value: Decimal) -> float:
        return top + plot_h * float((high - value) / (high - low))

    # Axes and value ticks.
    parts.append(
        f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}" stroke="{MUTED}"/>'
        f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" '
        f'stroke="{MUTED}"/>'
    )
    for value in _ticks(low, high):
        ty = y(value)
        parts.append(
            f'<line x1="{left - 4}" y1="{_n(ty)}" x2="{left}" y2="{_n(ty)}" stroke="{MUTED}"/>'
        )
        parts.append(
            _text(
                left - 6,
                ty + 4,
                _num(value),
                size=10,
                fill=MUTED,
                anchor="end",
            )
        )
    axis_y = top + plot_h + 16
    parts.append(_text(left, axis_y, date_format(first, "SHORT_DATE_FORMAT"), size=10, fill=MUTED))
    if last != first:
        parts.append(
            _text(
                left + plot_w,
                axis_y,
                date_format(last, "SHORT_DATE_FORMAT"),
                size=10,
                fill=MUTED,
                anchor="end",
            )
        )

    # PDSA cycles (or the programme's start) on the time axis.
    for day, label in marks:
        cx = x(day)
        parts.append(
            f'<line x1="{_n(cx)}" y1="{top}" x2="{_n(cx)}" y2="{top + plot_h}" '
            f'stroke="{CYCLE}" stroke-dasharray="2 3"/>'
        )
        # Near the right edge the label runs leftwards from its line, so it is not cut off.
        near_end = cx > left + plot_w - 48
        parts.append(
            _text(
                cx - 3 if near_end else cx + 3,
                top + plot_h + 32,
                label,
                size=10,
                fill=CYCLE,
                anchor="end" if near_end else "start",
            )
        )

    # Target and centre line.
    if target is not None:
        ty = y(target)
        parts.append(
            f'<line x1="{left}" y1="{_n(ty)}" x2="{left + plot_w}" y2="{_n(ty)}" '
            f'stroke="{TARGET}" stroke-dasharray="8 4"/>'
        )
        # Above its line, unless that is the top edge; then below it.
        parts.append(
            _text(
                left + plot_w - 2,
                ty - 4 if ty - 14 > top else ty + 12,
                _("Target %(value)s") % {"value": _num(target)},
                size=10,
                fill=TARGET,
                anchor="end",
            )
        )
    if centre is not None:
        cy = y(centre)
        split: float = left + plot_w
        if baseline_until is not None and baseline_until < last:
            split = max(left, min(left + plot_w, x(baseline_until)))
        parts.append(
            f'<line x1="{left}" y1="{_n(cy)}" x2="{_n(split)}" y2="{_n(cy)}" '
            f'stroke="{CENTRE}" stroke-width="2"/>'
        )
        if split < left + plot_w:
            parts.append(
                f'<line x1="{_n(split)}" y1="{_n(cy)}" x2="{left + plot_w}" y2="{_n(cy)}" '
                f'stroke="{CENTRE}" stroke-width="2" stroke-dasharray="4 3"/>'
            )
        parts.append(
            _text(
                left + 4,
                cy - 4,
                _("Median %(value)s") % {"value": _num(centre)},
                size=10,
                fill=CENTRE,
            )
        )

    # The data line and its points.
    coords = " ".join(f"{_n(x(day))},{_n(y(value))}" for day, value in points)
    parts.append(f'<polyline points="{coords}" fill="none" stroke="{LINE}" stroke-width="2"/>')
    for day, value in points:
        parts.append(f'<circle cx="{_n(x(day))}" cy="{_n(y(value))}" r="3.5" fill="{LINE}"/>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every piece of text is escaped above


def _box(
    x: float, y: float, w: float, h: float, body: str, *, fill: str = BOX, chars: int = 26
) -> str:
    lines = textwrap.wrap(body, chars) or [""]
    max_lines = max(1, int((h - 8) // 14))
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: chars - 1] + "…"
    start = y + h / 2 - (len(lines) - 1) * 7 + 4
    text = "".join(_text(x + 8, start + i * 14, line, size=11) for i, line in enumerate(lines))
    return (
        f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" height="{_n(h)}" rx="4" '
        f'fill="{fill}" stroke="{MUTED}"/>{text}'
    )


def driver_diagram_svg(diagram: DriverDiagram, *, dom_id: str) -> SafeString:
    """Aim → primary drivers → secondary drivers → change ideas, left to right, one row per
    change idea (or per driver without any)."""
    col_w, gap, row_h, pad = 180, 28, 64, 8
    width = 4 * col_w + 3 * gap + 2 * pad
    rows: list[tuple[int, PrimaryNode]] = []  # (row count, node) per primary
    for primary in diagram.primaries:
        count = sum(max(1, len(s.ideas)) for s in primary.secondaries) or 1
        rows.append((count, primary))
    total = sum(count for count, _node in rows) or 1
    height = total * row_h + 2 * pad + 24
    title = _("Driver diagram: %(title)s") % {"title": diagram.framework.title}
    desc = _(
        "Aim: %(aim)s. %(primaries)d primary drivers, %(secondaries)d secondary drivers and "
        "%(ideas)d change ideas; the same content is listed as text next to the diagram."
    ) % {
        "aim": diagram.aim,
        "primaries": len(diagram.primaries),
        "secondaries": sum(len(p.secondaries) for p in diagram.primaries),
        "ideas": sum(len(s.ideas) for p in diagram.primaries for s in p.secondaries),
    }
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'class="driver-diagram" role="img" id="{dom_id}" '
        f'aria-labelledby="{dom_id}-title {dom_id}-desc">',
        f'<title id="{dom_id}-title">{escape(title)}</title>',
        f'<desc id="{dom_id}-desc">{escape(desc)}</desc>',
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>',
    ]
    columns = [_("Aim"), _("Primary drivers"), _("Secondary drivers"), _("Change ideas")]
    for i, heading in enumerate(columns):
        parts.append(_text(pad + i * (col_w + gap), pad + 12, heading, size=12, fill=MUTED))
    base = pad + 24
    cx = [pad + i * (col_w + gap) for i in range(4)]
    box_h = row_h - 12
    aim_h = total * row_h - 12
    parts.append(_box(cx[0], base, col_w, aim_h, diagram.aim, fill="#e3f0e8", chars=26))

    def link(x1: float, y1: float, x2: float, y2: float) -> str:
        mid = (x1 + x2) / 2
        return (
            f'<path d="M{_n(x1)},{_n(y1)} C{_n(mid)},{_n(y1)} {_n(mid)},{_n(y2)} '
            f'{_n(x2)},{_n(y2)}" '
            f'fill="none" stroke="{MUTED}"/>'
        )

    row = 0
    for count, primary in rows:
        p_top = base + row * row_h
        p_h = count * row_h - 12
        parts.append(link(cx[0] + col_w, base + aim_h / 2, cx[1], p_top + p_h / 2))
        parts.append(_box(cx[1], p_top, col_w, p_h, primary.driver.text))
        sub = row
        for secondary in primary.secondaries:
            s_count = max(1, len(secondary.ideas))
            s_top = base + sub * row_h
            s_h = s_count * row_h - 12
            parts.append(link(cx[1] + col_w, p_top + p_h / 2, cx[2], s_top + s_h / 2))
            parts.append(_box(cx[2], s_top, col_w, s_h, secondary.driver.text))
            for j, idea in enumerate(secondary.ideas):
                i_top = s_top + j * row_h
                parts.append(link(cx[2] + col_w, s_top + s_h / 2, cx[3], i_top + box_h / 2))
                label = idea.text
                tested = len(idea.actions.all())
                if tested:
                    label += " " + (_("(tested by %(n)d)") % {"n": tested})
                parts.append(_box(cx[3], i_top, col_w, box_h, label, fill="#f3ecfb"))
            sub += s_count
        row += count
    if diagram.is_empty:
        parts.append(_text(cx[1], base + 30, _("No drivers yet."), fill=MUTED))
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every piece of text is escaped above
