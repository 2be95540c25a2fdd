"""Fixtures: the professional ambition of ``tests.ambitions.professional.conftest`` with one
action whose indicator has a year of monthly measurements (2025), and helpers that make
an upload's files."""

import csv
import datetime
import io
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

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

__all__ = ["approved", "drafted", "professional"]

HEADER = ["Indikator-nr.", "Indikator", "Dato", "Værdi", "Note"]


@pytest.fixture
def action(cast: Cast, professional: ProfessionalAmbition) -> Action:
    framework = frameworks_of(professional)[0]
    return make_action(make_focus_area(framework), responsible=cast.core)


@pytest.fixture
def indicator(cast: Cast, action: Action) -> ProgressIndicator:
    found = ProgressIndicator.objects.create(
        action=action, name="Ventetid", unit="dage", baseline=Decimal(60), target=Decimal(30)
    )
    for month in range(1, 13):
        Measurement.objects.create(
            indicator=found,
            measured_on=datetime.date(2025, month, 15),
            value=Decimal(60 - month),
            recorded_by=cast.core,
        )
    return found


def csv_file(rows: list[list[Any]], name: str = "maalinger.csv", header: Any = None) -> Any:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(HEADER if header is None else header)
    writer.writerows(rows)
    return SimpleUploadedFile(name, out.getvalue().encode("utf-8"), content_type="text/csv")


def xlsx_file(rows: list[list[Any]], name: str = "maalinger.xlsx") -> Any:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return SimpleUploadedFile(name, out.getvalue())
