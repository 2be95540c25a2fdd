"""The programme report's effect section (issue 27): the before/after table and the run
charts of the series with a signal, drawn by the same SVG function as the page."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from documents.rendering import render_html
from effect import queries, services
from effect.charts import series_chart_svg
from effect.models import KeyFigure
from specialties.models import Site
from tests.conftest import Cast

pytestmark = pytest.mark.django_db

BEFORE = ["6.5", "6.1", "6.9", "6.2", "6.6", "6.3", "6.8", "6.0", "6.7", "6.4", "6.5", "6.3"]
AFTER = ["5.1", "5.3", "4.9", "5.0", "5.2", "4.8", "5.1", "5.0", "4.9", "5.2", "5.0", "4.7"]


def test_the_programme_report_has_an_effect_section(cast: Cast) -> None:
    figure = KeyFigure.objects.create(name="Sygefravær", unit="%", better=KeyFigure.Better.LOWER)
    figure.specialties.add(cast.specialty)
    site = Site.objects.get(short_name="SUH Køge")
    for index, value in enumerate(BEFORE + AFTER):
        services.value_record(
            key_figure=figure,
            specialty=cast.specialty,
            site=site,
            period=queries.add_months(datetime.date(2024, 1, 1), index),
            value=Decimal(value),
            by=cast.owner,
        )
    start = datetime.date(2025, 1, 1)
    services.programme_start_set(start=start, by=cast.secretariat)
    html = render_html("programme_report", None, None, timezone.localdate()).html
    section = html[html.index('<section class="section page-break" aria-labelledby="effect">') :]
    assert "Effekt: før og efter" in section
    assert "6,45" in section
    assert "Forbedring" in section
    # The same drawing as the page's.
    (series,) = [
        s for s in queries.specialty_series([cast.specialty], start)[cast.specialty.pk] if s.points
    ]
    assert str(series_chart_svg(series)) in section
    assert "Programstart" in section
