"""Key figures (effektmål) by the file: the columns, the checks and the template.

A row names its key figure, specialty and site by name (as the pages show them) and the
month as mm.yyyy (a date in the month is taken for its month). It is checked as a value
recorded by hand on the key-figure pages: the same fields and messages (``effect.forms``),
the same rules for who records (``permissions.can_record_key_figures`` for a specialty's
series, ``can_record_site_key_figures`` for a figure per site only), a specialty the figure
is recorded for, a site the specialty is at, and no month that has not begun.

Recording by hand replaces a month's value; an import does not: a month that has a value
already is an error in the preview, so an import only adds values and undoing it deletes
exactly those (no earlier value has to be put back).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bass.permissions import AnyUser
from dataimport.rows import CheckedRow, Column, form_errors
from effect import permissions as effect_permissions
from effect.forms import VALUE_LIMIT, MonthField
from effect.models import KeyFigure, KeyFigureValue
from people.models import User
from specialties.models import Site, Specialty

COLUMNS = (
    Column("key_figure", gettext_lazy("Key figure")),
    Column("specialty", gettext_lazy("Specialty"), required=False),
    Column("site", gettext_lazy("Site")),
    Column("period", gettext_lazy("Month")),
    Column("value", gettext_lazy("Value")),
    Column("note", gettext_lazy("Note"), required=False),
)

LIST_COLUMNS = (
    gettext_lazy("Key figure"),
    gettext_lazy("Unit"),
    gettext_lazy("Specialty"),
    gettext_lazy("Site"),
)

_A_DATE = re.compile(r"^(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4})$")
# "11.2026" typed into Excel becomes the number 11,2026.
_A_NUMBER = re.compile(r"^(?P<month>\d{1,2}),(?P<year>\d{4})$")


class KeyFigureRowForm(forms.Form):
    key_figure = forms.CharField(
        label=gettext_lazy("Key figure"),
        error_messages={"required": gettext_lazy("Choose the key figure.")},
    )
    specialty = forms.CharField(label=gettext_lazy("Specialty"), required=False)
    site = forms.CharField(
        label=gettext_lazy("Site"), error_messages={"required": gettext_lazy("Choose the site.")}
    )
    period = MonthField(
        label=gettext_lazy("Month"),
        error_messages={"required": gettext_lazy("Write the month the value is for.")},
    )
    value = forms.DecimalField(
        label=gettext_lazy("Value"),
        localize=True,
        max_digits=12,
        decimal_places=2,
        error_messages={
            "required": gettext_lazy("Write the value."),
            "invalid": gettext_lazy("Write a number, e.g. 6,5."),
            "max_digits": gettext_lazy("The number is too large."),
            "max_decimal_places": gettext_lazy("Write at most two decimals."),
            "max_whole_digits": gettext_lazy("The number is too large."),
        },
    )
    note = forms.CharField(label=gettext_lazy("Note"), max_length=300, required=False)

    def clean_value(self) -> Decimal:
        value: Decimal = self.cleaned_data["value"]
        if abs(value) > VALUE_LIMIT:
            raise forms.ValidationError(_("The number is too large."), code="too_large")
        return value


def _month_text(cells: dict[str, Any]) -> dict[str, Any]:
    """A date in the month column (Excel's date cells) stands for its month."""
    text = str(cells.get("period", "")).strip()
    found = _A_DATE.match(text) or _A_NUMBER.match(text)
    if found:
        return {**cells, "period": f"{int(found['month']):02d}.{found['year']}"}
    return cells


def _by_name(objects: Iterable[Any], *fields: str) -> dict[str, list[Any]]:
    found: dict[str, list[Any]] = {}
    for obj in objects:
        for name in {str(getattr(obj, f)).casefold() for f in fields}:
            found.setdefault(name, []).append(obj)
    return found


def check(user: AnyUser, rows: list[dict[str, Any]]) -> list[CheckedRow]:
    """Every row with what is wrong with it, or the key figure's value it would add."""
    figures = _by_name(
        KeyFigure.objects.filter(active=True).prefetch_related("specialties"), "name"
    )
    specialties = _by_name(Specialty.objects.with_people(), "name")
    sites = _by_name(Site.objects.all(), "short_name", "name")
    today = timezone.localdate()
    checked: list[CheckedRow] = []
    candidates: list[tuple[CheckedRow, KeyFigureValue]] = []
    seen: dict[tuple[int, int | None, int, datetime.date], int] = {}
    for cells in rows:
        form = KeyFigureRowForm(data=_month_text(cells))
        row = CheckedRow(
            number=cells["number"],
            cells={c.key: cells.get(c.key, "") for c in COLUMNS},
            errors=[] if form.is_valid() else form_errors(form),
        )
        checked.append(row)
        data = form.cleaned_data
        figure, specialty, site = None, None, None
        if data.get("key_figure"):
            named = figures.get(data["key_figure"].strip().casefold(), [])
            if len(named) == 1:
                figure = named[0]
            else:
                row.errors.append(
                    _("There is no key figure called “%(name)s”.") % {"name": data["key_figure"]}
                    if not named
                    else _("Several key figures are called “%(name)s”: ask the secretariat.")
                    % {"name": data["key_figure"]}
                )
        if data.get("site"):
            named_sites = sites.get(data["site"].strip().casefold(), [])
            if named_sites:
                site = named_sites[0]
            else:
                row.errors.append(_("There is no site called “%(name)s”.") % {"name": data["site"]})
        if figure is None:
            continue
        specialty_name = (data.get("specialty") or "").strip()
        if figure.per_site_only:
            if specialty_name:
                row.errors.append(
                    _("“%(figure)s” is recorded per site only: leave the specialty empty.")
                    % {"figure": figure.name}
                )
            elif not effect_permissions.can_record_site_key_figures(user):
                row.refused = True
                row.errors.append(
                    _("“%(figure)s” is recorded per site by the secretariat.")
                    % {"figure": figure.name}
                )
        else:
            named_specialties = specialties.get(specialty_name.casefold(), [])
            if not specialty_name:
                row.errors.append(
                    _("“%(figure)s” is recorded per specialty: write the specialty.")
                    % {"figure": figure.name}
                )
            elif not named_specialties:
                row.errors.append(
                    _("There is no specialty called “%(name)s”.") % {"name": specialty_name}
                )
            else:
                specialty = named_specialties[0]
                if specialty not in figure.specialties.all():
                    row.errors.append(
                        _("“%(figure)s” is not recorded for %(specialty)s.")
                        % {"figure": figure.name, "specialty": specialty.name}
                    )
                elif not effect_permissions.can_record_key_figures(user, specialty):
                    row.refused = True
                    row.errors.append(
                        _(
                            "You may not record the key figures of %(specialty)s: that is for "
                            "its owner and implementation leads."
                        )
                        % {"specialty": specialty.name}
                    )
                if site is not None and site not in specialty.sites.all():
                    row.errors.append(
                        _("%(specialty)s is not at %(site)s.")
                        % {"specialty": specialty.name, "site": site.short_name}
                    )
        period = data.get("period")
        if period is not None and period > today.replace(day=1):
            row.errors.append(
                _("The month has not begun yet: a value can be recorded from its first day.")
            )
        if site is None or period is None:
            continue
        row.about = " · ".join(
            part.name if hasattr(part, "name") else str(part)
            for part in (figure, specialty, site)
            if part is not None
        )
        row.specialty_id = specialty.pk if specialty else None
        key = (figure.pk, specialty.pk if specialty else None, site.pk, period)
        if key in seen:
            row.errors.append(
                _("Row %(row)s of the file already has a value of this series for the month.")
                % {"row": seen[key]}
            )
        else:
            seen[key] = row.number
        if not row.errors and "value" in data:
            candidates.append(
                (
                    row,
                    KeyFigureValue(
                        key_figure=figure,
                        specialty=specialty,
                        site=site,
                        period=period,
                        value=data["value"],
                        note=(data.get("note") or "").strip(),
                    ),
                )
            )
    _refuse_existing(candidates)
    return checked


def _refuse_existing(candidates: list[tuple[CheckedRow, KeyFigureValue]]) -> None:
    """A month that has a value already is an error; the others become the rows' targets."""
    if not candidates:
        return
    wanted = Q()
    for _row, value in candidates:
        wanted |= Q(
            key_figure_id=value.key_figure_id,
            specialty_id=value.specialty_id,
            site_id=value.site_id,
            period=value.period,
        )
    existing = {
        (v.key_figure_id, v.specialty_id, v.site_id, v.period): v.value
        for v in KeyFigureValue.objects.filter(wanted)
    }
    for row, value in candidates:
        key = (value.key_figure_id, value.specialty_id, value.site_id, value.period)
        if key in existing:
            row.errors.append(
                _(
                    "The series has a value for %(month)s already (%(value)s). An import adds "
                    "values and never replaces one: leave the row out, or change the value on "
                    "the key figure's page."
                )
                % {"month": f"{value.period:%m.%Y}", "value": number_format(existing[key])}
            )
        else:
            row.target = value


def _series(user: AnyUser) -> list[tuple[KeyFigure, Specialty | None, Site]]:
    """Every series the person may record: figure, specialty (None per site only), site."""
    found: list[tuple[KeyFigure, Specialty | None, Site]] = []
    figures = list(KeyFigure.objects.filter(active=True).prefetch_related("specialties"))
    all_sites = list(Site.objects.all())
    specialties = Specialty.objects.with_people().in_bulk(
        {s.pk for f in figures for s in f.specialties.all()}
    )
    for figure in figures:
        if figure.per_site_only:
            if effect_permissions.can_record_site_key_figures(user):
                found.extend((figure, None, site) for site in all_sites)
            continue
        for named in figure.specialties.all():
            specialty = specialties[named.pk]
            if effect_permissions.can_record_key_figures(user, specialty):
                found.extend((figure, specialty, site) for site in specialty.sites.all())
    return found


def example_rows(user: AnyUser) -> tuple[list[list[Any]], list[list[Any]]]:
    """The template's example row, and its second sheet: the series the person records."""
    series = _series(user)
    last_month = (timezone.localdate().replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    month = f"{last_month:%m.%Y}"
    if series:
        figure, specialty, site = series[0]
        example = [
            figure.name,
            specialty.name if specialty else "",
            site.short_name,
            month,
            Decimal("6.5"),
            _("Example: replace or delete this row"),
        ]
    else:
        example = ["", "", "", month, Decimal("6.5"), _("Example: replace or delete this row")]
    listed = [
        [figure.name, figure.unit, specialty.name if specialty else "", site.short_name]
        for figure, specialty, site in series
    ]
    return [example], listed


def save(rows: list[CheckedRow], *, by: User) -> list[KeyFigureValue]:
    """The rows' values, created (inside the caller's transaction)."""
    now = timezone.now()
    targets = []
    for row in rows:
        assert isinstance(row.target, KeyFigureValue)
        row.target.recorded_by = by
        row.target.recorded_at = now
        targets.append(row.target)
    return KeyFigureValue.objects.bulk_create(targets)
