"""A demo import (data in by the file), loaded by ``manage.py load_demo``: two weeks ago the
core-team member of IM: Kardiologi imported a few weekly measurements of an indicator from a
spreadsheet, so the import history has something to show and to undo. Made through the
import's own check and save, as an upload would; left alone when it exists."""

from __future__ import annotations

import datetime

from django.utils import timezone

from ambitions.models import Measurement, ProgressIndicator
from dataimport import services
from dataimport.kinds import KINDS
from dataimport.models import DataImport, ImportKind
from people.models import User
from specialties.models import Specialty

FILE_NAME = "ventetid-uger.xlsx"


def load(by: User, specialty: Specialty, today: datetime.date | None = None) -> None:
    if DataImport.objects.filter(file_name=FILE_NAME).exists():
        return
    today = today or timezone.localdate()
    indicator = (
        ProgressIndicator.objects.filter(
            action__focus_area__framework__ambition__specialty=specialty
        )
        .order_by("pk")
        .first()
    )
    if indicator is None:
        return
    taken = set(
        Measurement.objects.filter(indicator=indicator).values_list("measured_on", flat=True)
    )
    # Four weekly values a few weeks back, on days without a measurement.
    days = [
        day
        for day in (today - datetime.timedelta(days=17 + 7 * week) for week in range(4))
        if day not in taken
    ]
    latest = Measurement.objects.filter(indicator=indicator).order_by("-measured_on").first()
    level = latest.value if latest is not None else indicator.baseline
    rows = [
        {
            "number": number,
            "indicator": str(indicator.pk),
            "name": indicator.name,
            "measured_on": day.strftime("%d.%m.%Y"),
            "value": str(level).replace(".", ","),
            "note": "Ugetal fra afdelingens regneark",
        }
        for number, day in enumerate(sorted(days), start=2)
    ]
    kind = KINDS[ImportKind.MEASUREMENTS]
    checked = kind.check(by, rows)
    if not checked or any(row.errors for row in checked):
        return
    data_import = services.import_save(kind=kind, file_name=FILE_NAME, rows=checked, by=by)
    two_weeks_ago = timezone.now() - datetime.timedelta(days=14)
    DataImport.objects.filter(pk=data_import.pk).update(imported_at=two_weeks_ago)
