"""Fixtures: the professional ambition of ``tests.ambitions.professional.conftest`` with one
action that has an indicator and a dozen measurements."""

import datetime
from decimal import Decimal

import pytest

from ambitions.models import Action, Measurement, ProfessionalAmbition, ProgressIndicator
from tests.ambitions.professional.conftest import (
    approved,
    drafted,
    frameworks_of,
    make_action,
    make_focus_area,
    professional,
)
from tests.conftest import Cast

__all__ = ["approved", "drafted", "frameworks_of", "make_action", "make_focus_area", "professional"]

# Twelve months of waiting time: six high, then six low after the change (a long run and
# one crossing around the median 45: a signal).
WAITING = [60, 58, 62, 59, 61, 57, 31, 30, 33, 29, 32, 28]


@pytest.fixture
def action(cast: Cast, professional: ProfessionalAmbition) -> Action:
    framework = frameworks_of(professional)[0]
    return make_action(make_focus_area(framework), responsible=cast.core)


@pytest.fixture
def indicator(cast: Cast, action: Action) -> ProgressIndicator:
    found = ProgressIndicator.objects.create(
        action=action, name="Ventetid", unit="dage", baseline=Decimal(60), target=Decimal(30)
    )
    for month, value in enumerate(WAITING, start=1):
        Measurement.objects.create(
            indicator=found,
            measured_on=datetime.date(2025, month, 15),
            value=Decimal(value),
            recorded_by=cast.core,
        )
    return found
