"""The demo (issue 27): two years of monthly key figures for IM: Kardiologi and IM:
Lungesygdomme, the programme's start a year in, and a visible improvement since."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from effect import queries
from effect.models import KeyFigure, KeyFigureValue

pytestmark = pytest.mark.django_db


def test_the_demo_holds_two_years_with_an_improvement_after_the_start() -> None:
    call_command("load_demo", stdout=io.StringIO())
    start = queries.programme_start()
    assert start is not None
    groups = {g.specialty.slug if g.specialty else None: g for g in queries.before_after(start)}
    assert {"im-kardiologi", "im-lungesygdomme", None} <= set(groups)
    for group in groups.values():
        for series in group.series:
            assert len(series.points) == 24
            assert series.direction == queries.Direction.BETTER, series.dom_id
    assert KeyFigure.objects.filter(per_site_only=True).count() == 1
    # A second run leaves what is there alone.
    count = KeyFigureValue.objects.count()
    call_command("load_demo", stdout=io.StringIO())
    assert KeyFigureValue.objects.count() == count
