"""Writes of the key figures: the secretariat's definitions and programme start, and the
values the people responsible record (one per key figure, specialty, site and month: a
second record for the same month replaces the first)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from effect.models import EffectSettings, KeyFigure, KeyFigureValue
from people.models import User
from specialties.models import Site, Specialty


class WrongSeries(ValueError):
    """A value's specialty does not fit its key figure (per site only: none; else one it
    names)."""


@transaction.atomic
def figure_save(
    *,
    figure: KeyFigure,
    specialties: Iterable[Specialty],
    by: User,
) -> KeyFigure:
    """Save a key figure's definition and the specialties that record it (none when it is
    per site only). ``by`` is who did it (the secretariat), for the record of the request."""
    figure.save()
    figure.specialties.set([] if figure.per_site_only else list(specialties))
    return figure


@transaction.atomic
def programme_start_set(*, start: datetime.date | None, by: User) -> EffectSettings:
    found, _created = EffectSettings.objects.update_or_create(
        pk=EffectSettings.SINGLETON,
        defaults={"programme_start": start, "updated_by": by, "updated_at": timezone.now()},
    )
    return found


@transaction.atomic
def value_record(
    *,
    key_figure: KeyFigure,
    specialty: Specialty | None,
    site: Site,
    period: datetime.date,
    value: Decimal,
    note: str = "",
    by: User,
) -> KeyFigureValue:
    """Record a key figure's value for a month (its first day) at a site: a new value, or
    the one already recorded for that month replaced."""
    if (specialty is None) != key_figure.per_site_only:
        raise WrongSeries
    if specialty is not None and not key_figure.specialties.filter(pk=specialty.pk).exists():
        raise WrongSeries
    found, _created = KeyFigureValue.objects.update_or_create(
        key_figure=key_figure,
        specialty=specialty,
        site=site,
        period=period.replace(day=1),
        defaults={
            "value": value,
            "note": note,
            "recorded_by": by,
            "recorded_at": timezone.now(),
        },
    )
    return found
