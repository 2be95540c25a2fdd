"""Measurements of progress indicators by the file: the columns, the checks and the template.

A row is checked exactly as a measurement typed by hand (``MeasurementForm``): the same
fields and messages, the same rule for who may write (``permissions.can_edit_actions``: the
specialty's own people), never dated in the future, and one value per indicator and day.
An indicator is named by its number (shown on the template's second sheet and on the run
chart's address); a name in the "Indikator" column must then match, so a number typed wrong
is caught.

An existing measurement is never overwritten: a row for a day that already has one is an
error. An import therefore only adds rows, and undoing it deletes exactly those.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ambitions import permissions as ambition_permissions
from ambitions.models import Measurement, ProgressIndicator
from bass.forms import DanishDateField
from bass.permissions import AnyUser
from dataimport.rows import CheckedRow, Column, form_errors
from people.models import User
from specialties.models import Specialty

COLUMNS = (
    Column("indicator", gettext_lazy("Indicator number")),
    Column("name", gettext_lazy("Indicator"), required=False),
    Column("measured_on", gettext_lazy("Date")),
    Column("value", gettext_lazy("Value")),
    Column("note", gettext_lazy("Note"), required=False),
)


class MeasurementRowForm(forms.Form):
    indicator = forms.IntegerField(
        label=gettext_lazy("Indicator number"),
        min_value=1,
        max_value=2**31 - 1,
        error_messages={
            "required": gettext_lazy("Enter the indicator's number."),
            "invalid": gettext_lazy("Write the indicator's number as a whole number."),
        },
    )
    measured_on = DanishDateField(
        label=gettext_lazy("Date"),
        error_messages={"required": gettext_lazy("Enter the date of the measurement.")},
    )
    value = forms.DecimalField(
        label=gettext_lazy("Value"),
        max_digits=12,
        decimal_places=2,
        localize=True,
        error_messages={
            "required": gettext_lazy("Enter the measured value."),
            "invalid": gettext_lazy("Write the value as a number, e.g. 12,5."),
        },
    )
    note = forms.CharField(label=gettext_lazy("Note"), max_length=300, required=False)


def _specialties(ids: Iterable[int]) -> dict[int, Specialty]:
    """The specialties with what the permission predicates read, by id."""
    return Specialty.objects.with_people().in_bulk(set(ids))


def _indicators(pks: Iterable[int]) -> dict[int, ProgressIndicator]:
    return ProgressIndicator.objects.select_related(
        "action__focus_area__framework__ambition"
    ).in_bulk(set(pks))


def _specialty_id(indicator: ProgressIndicator) -> int:
    return indicator.action.focus_area.framework.ambition.specialty_id


def check(user: AnyUser, rows: list[dict[str, Any]]) -> list[CheckedRow]:
    """Every row with what is wrong with it, or the measurement it would add."""
    checked: list[CheckedRow] = []
    forms_by_row = []
    for cells in rows:
        form = MeasurementRowForm(data=cells)
        forms_by_row.append(form)
        checked.append(
            CheckedRow(
                number=cells["number"],
                cells={c.key: cells.get(c.key, "") for c in COLUMNS},
                errors=[] if form.is_valid() else form_errors(form),
            )
        )
    wanted = [f.cleaned_data["indicator"] for f in forms_by_row if "indicator" in f.cleaned_data]
    indicators = _indicators(wanted)
    specialties = _specialties(_specialty_id(i) for i in indicators.values())
    dates = [f.cleaned_data["measured_on"] for f in forms_by_row if "measured_on" in f.cleaned_data]
    existing = {
        (m.indicator_id, m.measured_on): m.value
        for m in Measurement.objects.filter(
            indicator__in=list(indicators), measured_on__in=set(dates)
        ).only("indicator_id", "measured_on", "value")
    }
    today = timezone.localdate()
    seen: dict[tuple[int, datetime.date], int] = {}
    for row, form in zip(checked, forms_by_row, strict=True):
        data = form.cleaned_data
        number = data.get("indicator")
        if number is None:
            continue
        indicator = indicators.get(number)
        specialty = specialties.get(_specialty_id(indicator)) if indicator else None
        if (
            indicator is None
            or specialty is None
            or not ambition_permissions.can_view_professional_ambition(user, specialty)
        ):
            # What the person may not see is, to them, not there (as a 404 would say).
            row.refused = True
            row.errors.append(_("There is no indicator number %(number)s.") % {"number": number})
            continue
        row.about = f"{indicator.name} ({specialty.name})"
        row.specialty_id = specialty.pk
        if not ambition_permissions.can_edit_actions(user, specialty):
            row.refused = True
            row.errors.append(
                _(
                    "You may not record measurements of “%(indicator)s”: that is for the "
                    "people of %(specialty)s."
                )
                % {"indicator": indicator.name, "specialty": specialty.name}
            )
        name = row.cells.get("name", "").strip()
        if name and name.casefold() != indicator.name.casefold():
            row.errors.append(
                _("Indicator number %(number)s is “%(indicator)s”, not “%(name)s”.")
                % {"number": number, "indicator": indicator.name, "name": name}
            )
        measured_on = data.get("measured_on")
        if measured_on is None:
            continue
        if measured_on > today:
            row.errors.append(_("A measurement cannot be dated in the future."))
        key = (indicator.pk, measured_on)
        if key in seen:
            row.errors.append(
                _("Row %(row)s of the file already has a value of this indicator on %(date)s.")
                % {"row": seen[key], "date": date_format(measured_on)}
            )
        else:
            seen[key] = row.number
        if key in existing:
            row.errors.append(
                _(
                    "The indicator already has a measurement on %(date)s (%(value)s). An "
                    "import adds measurements and never overwrites one: leave the row out."
                )
                % {"date": date_format(measured_on), "value": number_format(existing[key])}
            )
        if not row.errors and "value" in data:
            row.target = Measurement(
                indicator=indicator,
                measured_on=measured_on,
                value=data["value"],
                note=data.get("note", "").strip(),
            )
    return checked


def writable_indicators(user: AnyUser) -> list[ProgressIndicator]:
    """The indicators the person may record measurements of, for the template's list."""
    if not user.is_authenticated:
        return []
    found: QuerySet[ProgressIndicator] = (
        ProgressIndicator.objects.filter(
            action__focus_area__framework__ambition__specialty__memberships__user_id=user.pk
        )
        .select_related("action__focus_area__framework__ambition__specialty")
        .distinct()
        .order_by("action__focus_area__framework__ambition__specialty__name", "action__title", "pk")
    )
    indicators = list(found)
    specialties = _specialties(_specialty_id(i) for i in indicators)
    return [
        i
        for i in indicators
        if ambition_permissions.can_edit_actions(user, specialties[_specialty_id(i)])
    ]


def example_rows(user: AnyUser) -> tuple[list[list[Any]], list[list[Any]]]:
    """The template's example row, and its second sheet: the person's indicators."""
    indicators = writable_indicators(user)
    first = indicators[0] if indicators else None
    example = [
        first.pk if first else 1,
        first.name if first else _("Waiting time"),
        timezone.localdate(),
        first.baseline if first else Decimal("12.5"),
        _("Example: replace or delete this row"),
    ]
    listed = [
        [
            i.pk,
            i.name,
            i.unit,
            i.action.title,
            i.action.focus_area.framework.ambition.specialty.name,
        ]
        for i in indicators
    ]
    return [example], listed


LIST_COLUMNS = (
    gettext_lazy("Indicator number"),
    gettext_lazy("Indicator"),
    gettext_lazy("Unit"),
    gettext_lazy("Action"),
    gettext_lazy("Specialty"),
)


def save(rows: list[CheckedRow], *, by: User) -> list[Measurement]:
    """The rows' measurements, created (inside the caller's transaction)."""
    now = timezone.now()
    targets = []
    for row in rows:
        assert isinstance(row.target, Measurement)
        row.target.recorded_by = by
        row.target.recorded_at = now
        targets.append(row.target)
    return Measurement.objects.bulk_create(targets)
