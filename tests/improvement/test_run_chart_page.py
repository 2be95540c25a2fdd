"""An indicator's run chart page: who may read it and fix its baseline period, what it shows."""

import datetime
import re

import pytest
from django.urls import reverse

from ambitions.models import Measurement, ProgressIndicator
from improvement.models import RunChartBaseline
from improvement.queries import Verdict, charts_for_action
from tests.conftest import Cast

HTMX = {"HX-Request": "true"}


def _url(cast: Cast, indicator: ProgressIndicator, name: str = "improvement:indicator") -> str:
    return reverse(name, args=[cast.specialty.slug, indicator.pk])


def test_chart_shows_the_svg_the_median_and_the_signal(
    cast: Cast, indicator: ProgressIndicator
) -> None:
    response = cast.client_for(cast.steering).get(_url(cast, indicator))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in html
    assert f'aria-labelledby="run-chart-{indicator.pk}-title run-chart-{indicator.pk}-desc"' in html
    assert 'data-verdict="signal"' in html
    assert html.count("<circle") == 12
    # The table of measurements is the chart's text alternative.
    assert len(re.findall(r"<tr>\s*<td><time", html)) == 12
    # the steering group reads but may not fix the baseline
    assert "basisperiode" not in html


def test_chart_analysis(indicator: ProgressIndicator) -> None:
    (chart,) = charts_for_action(indicator.action)
    assert chart.centre == 45  # median of 12 values: (57 + 33) / 2
    assert chart.analysis is not None
    assert chart.analysis.longest_run == 6
    assert chart.analysis.crossings == 1
    assert chart.analysis.crossings_min == 3
    assert chart.verdict == Verdict.SIGNAL


@pytest.mark.parametrize("who", ["core", "lead", "owner"])
def test_specialty_people_fix_the_baseline(
    cast: Cast, indicator: ProgressIndicator, who: str
) -> None:
    client = cast.client_for(getattr(cast, who))
    response = client.post(
        _url(cast, indicator, "improvement:baseline"), {"until": "15.06.2025"}, headers=HTMX
    )
    assert response.status_code == 200
    assert RunChartBaseline.objects.get(indicator=indicator).until == datetime.date(2025, 6, 15)
    (chart,) = charts_for_action(indicator.action)
    assert chart.centre == 59.5  # median of the first six: (59 + 60) / 2
    assert chart.baseline_points == 6
    # cleared again: every point counts
    client.post(_url(cast, indicator, "improvement:baseline"), {"until": ""}, headers=HTMX)
    assert not RunChartBaseline.objects.filter(indicator=indicator).exists()


@pytest.mark.parametrize(
    ("who", "status"), [("steering", 403), ("secretariat", 403), ("outsider", 404)]
)
def test_others_may_not_fix_the_baseline(
    cast: Cast, indicator: ProgressIndicator, who: str, status: int
) -> None:
    response = cast.client_for(getattr(cast, who)).post(
        _url(cast, indicator, "improvement:baseline"), {"until": "15.06.2025"}
    )
    assert response.status_code == status
    assert not RunChartBaseline.objects.exists()


def test_outsider_may_not_read(cast: Cast, indicator: ProgressIndicator) -> None:
    assert cast.client_for(cast.outsider).get(_url(cast, indicator)).status_code == 404
    assert cast.client_for(None).get(_url(cast, indicator)).status_code == 302


def test_bad_date_is_a_field_error(cast: Cast, indicator: ProgressIndicator) -> None:
    response = cast.client_for(cast.core).post(
        _url(cast, indicator, "improvement:baseline"), {"until": "31.02.2025"}, headers=HTMX
    )
    assert response.status_code == 200  # htmx swaps only a success: the error is shown
    assert 'aria-invalid="true"' in response.content.decode()
    assert not RunChartBaseline.objects.exists()


def test_too_few_points_says_so(cast: Cast, indicator: ProgressIndicator) -> None:
    Measurement.objects.filter(indicator=indicator, measured_on__month__gt=3).delete()
    response = cast.client_for(cast.core).get(_url(cast, indicator))
    assert 'data-verdict="too_few"' in response.content.decode()


def test_page_queries_do_not_grow(
    cast: Cast, indicator: ProgressIndicator, django_assert_max_num_queries: object
) -> None:
    client = cast.client_for(cast.core)
    client.get(_url(cast, indicator))
    with django_assert_max_num_queries(14):  # type: ignore[operator]
        client.get(_url(cast, indicator))
