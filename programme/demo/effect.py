"""Demo key figures (effektmål), loaded by ``manage.py load_demo``.

Four key figures the secretariat has defined: three per specialty and site (sick leave,
hours of agency staff, vacant posts) for IM: Kardiologi and IM: Lungesygdomme, and one per
site only (patients treated outside the region). Two years of monthly values up to last
month, with the programme's start a year ago: the first year wobbles around its level, the
second is visibly better (a long run on the good side of the baseline's median, a signal on
the run chart). Left alone when the key figures exist, so a rerun never overwrites values
someone recorded.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from effect import services
from effect.models import KeyFigure, KeyFigureValue
from people.models import User
from specialties.models import Site, Specialty

MONTHS = 24
# The programme started this many months before the first month of the demo's values.
START_AFTER = 12


def _month(first: datetime.date, add: int) -> datetime.date:
    index = first.year * 12 + first.month - 1 + add
    return datetime.date(index // 12, index % 12 + 1, 1)


def first_month(today: datetime.date) -> datetime.date:
    """The first month of the demo's two years: 24 months before this month."""
    return _month(today.replace(day=1), -MONTHS)


def programme_start(today: datetime.date) -> datetime.date:
    return _month(first_month(today), START_AFTER)


# name, unit, better, per site only, description, level before, improvement after start
FIGURES: list[tuple[str, str, str, bool, str, float, float]] = [
    (
        "Sygefravær",
        "%",
        KeyFigure.Better.LOWER,
        False,
        "Sygefravær blandt specialets personale i procent af normeret tid.",
        6.5,
        -1.4,
    ),
    (
        "Vikarforbrug",
        "timer",
        KeyFigure.Better.LOWER,
        False,
        "Timer dækket af eksterne vikarer i måneden.",
        320.0,
        -110.0,
    ),
    (
        "Ubesatte stillinger",
        "stillinger",
        KeyFigure.Better.LOWER,
        False,
        "Opslåede stillinger, der ikke er besat ved månedens udgang.",
        5.0,
        -2.0,
    ),
    (
        "Patienter behandlet uden for regionen",
        "patienter",
        KeyFigure.Better.LOWER,
        True,
        "Patienter fra matriklens optageområde, der er behandlet i en anden region.",
        40.0,
        -12.0,
    ),
]

# A fixed wobble (no random numbers: the demo is the same every time), in fractions of the
# level; the second year's wobble is smaller and sits on the improved level.
WOBBLE = [0.04, -0.03, 0.06, -0.05, 0.02, -0.01, 0.05, -0.04, 0.03, -0.06, 0.01, -0.02]


def load(users: dict[str, User], specialties: list[Specialty], today: datetime.date) -> None:
    if KeyFigure.objects.exists():
        return
    first = first_month(today)
    by = users["sekretariat"]
    services.programme_start_set(start=programme_start(today), by=by)
    values: list[KeyFigureValue] = []
    for order, (name, unit, better, per_site, description, level, change) in enumerate(FIGURES):
        figure = KeyFigure.objects.create(
            name=name,
            unit=unit,
            better=better,
            per_site_only=per_site,
            description=description,
            order=order,
        )
        if per_site:
            sites = {s.pk: s for sp in specialties for s in sp.sites.all()}
            series: list[tuple[Specialty | None, Site]] = [
                (None, sites[pk]) for pk in sorted(sites)
            ]
        else:
            figure.specialties.set(specialties)
            series = [(sp, site) for sp in specialties for site in sp.sites.all()]
        for number, (specialty, site) in enumerate(series):
            owner = specialty.owner if specialty is not None else None
            recorder = owner.user if owner is not None else by
            for month in range(MONTHS):
                after = month >= START_AFTER
                wobble = WOBBLE[(month + number) % len(WOBBLE)] * (0.6 if after else 1)
                value = (level + (change if after else 0)) * (1 + wobble) + number * level / 50
                values.append(
                    KeyFigureValue(
                        key_figure=figure,
                        specialty=specialty,
                        site=site,
                        period=_month(first, month),
                        value=Decimal(f"{value:.{0 if unit != '%' else 1}f}"),
                        recorded_by=recorder,
                    )
                )
    KeyFigureValue.objects.bulk_create(values)
