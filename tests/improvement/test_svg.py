"""The run chart's drawing: what it marks, and that it survives edge cases and hostile text."""

import datetime
import re
from decimal import Decimal

from ambitions.models import Measurement, ProgressIndicator
from improvement.models import PDSACycle
from improvement.queries import run_chart
from improvement.svg import run_chart_svg
from people.models import User


def _point(day: int, value: int) -> Measurement:
    return Measurement(pk=day, measured_on=datetime.date(2025, 1, day), value=Decimal(value))


def _indicator(name: str = "Ventetid") -> ProgressIndicator:
    return ProgressIndicator(pk=7, name=name, unit="dage", baseline=Decimal(60), target=Decimal(30))


def test_marks_points_median_target_and_cycles() -> None:
    cycle = PDSACycle(number=1, starts_on=datetime.date(2025, 1, 5), responsible=User(pk=1))
    chart = run_chart(_indicator(), [_point(d, 40 + d) for d in range(1, 11)], None, [cycle])
    svg = run_chart_svg(chart, dom_id="rc")
    assert svg.count("<circle") == 10
    assert "<polyline" in svg
    assert "PDSA 1" in svg
    assert 'stroke="#b7410e"' in svg  # the target line
    assert 'stroke="#2f855a"' in svg  # the median


def test_baseline_period_splits_the_centre_line() -> None:
    points = [_point(d, 40 + d) for d in range(1, 11)]
    whole = run_chart_svg(run_chart(_indicator(), points, None), dom_id="rc")
    split = run_chart_svg(run_chart(_indicator(), points, datetime.date(2025, 1, 4)), dom_id="rc")
    assert whole.count('stroke="#2f855a"') == 1
    assert split.count('stroke="#2f855a"') == 2  # solid over the baseline, dashed after


def test_edge_cases_draw_without_error() -> None:
    empty = run_chart_svg(run_chart(_indicator(), [], None), dom_id="rc")
    assert "<circle" not in empty
    assert '<title id="rc-title">' in empty
    one = run_chart_svg(run_chart(_indicator(), [_point(1, 30)], None), dom_id="rc")
    assert one.count("<circle") == 1  # one point equal to the target: a flat scale
    flat = run_chart_svg(
        run_chart(_indicator(), [_point(d, 5) for d in range(1, 5)], None), dom_id="rc"
    )
    assert flat.count("<circle") == 4


def test_hostile_names_are_escaped() -> None:
    chart = run_chart(_indicator('<script>alert("x")</script>'), [_point(1, 3)], None)
    svg = run_chart_svg(chart, dom_id="rc")
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg


def test_the_time_axis_starts_at_the_first_point_and_labels_stay_inside() -> None:
    """Issue #30, item 6: a cycle planned before the data does not stretch the axis; a cycle
    at the right edge has its label running leftwards; the target label stays in the plot."""
    early = PDSACycle(number=1, starts_on=datetime.date(2024, 6, 1), responsible=User(pk=1))
    late = PDSACycle(number=2, starts_on=datetime.date(2025, 1, 10), responsible=User(pk=1))
    chart = run_chart(_indicator(), [_point(d, 40 + d) for d in range(2, 11)], None, [early, late])
    svg = str(run_chart_svg(chart, dom_id="rc"))
    # The first date under the axis is the first measurement's, at the axis' left end.
    assert '<text x="56.0" y="248.0" font-size="10" fill="#52606d" text-anchor="start"' in svg
    assert re.search(r"text-anchor=\"start\" [^>]*>2\. jan\.? 2025<", svg, re.IGNORECASE), svg
    assert "2024" not in svg
    assert "PDSA 1" not in svg  # before the data: in the table, not on the axis
    label = svg[: svg.index(">PDSA 2<")]
    assert label.endswith('text-anchor="end" font-family="DejaVu Sans, Arial, sans-serif"')
    first_circle = svg.index("<circle")
    assert svg[first_circle:].startswith('<circle cx="56.0"')  # the first point is at the start
