"""The kinds of import, each with its columns, its checks, its template and how its rows
are saved and linked to the import that made them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.http import Http404
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from bass.permissions import AnyUser
from dataimport import key_figures, measurements
from dataimport.models import (
    DataImport,
    ImportedKeyFigureValue,
    ImportedMeasurement,
    ImportKind,
)
from dataimport.rows import CheckedRow, Column


@dataclass(frozen=True)
class Kind:
    """``slug`` names the kind in addresses and file names (Danish: people read them)."""

    value: str
    slug: str
    label: Promise
    sheet: Promise
    list_sheet: Promise
    columns: tuple[Column, ...]
    list_columns: tuple[Promise, ...]
    check: Callable[[AnyUser, list[dict[str, Any]]], list[CheckedRow]]
    examples: Callable[[AnyUser], tuple[list[list[Any]], list[list[Any]]]]
    save: Callable[..., list[Any]]
    link: type[models.Model]
    link_field: str

    def links(self, data_import: DataImport, created: list[Any]) -> list[models.Model]:
        return [self.link(data_import=data_import, **{self.link_field: row}) for row in created]


KINDS: dict[str, Kind] = {
    ImportKind.MEASUREMENTS: Kind(
        value=ImportKind.MEASUREMENTS,
        slug="maalinger",
        label=ImportKind.MEASUREMENTS.label,
        sheet=_("Measurements"),
        list_sheet=_("Indicators"),
        columns=measurements.COLUMNS,
        list_columns=measurements.LIST_COLUMNS,
        check=measurements.check,
        examples=measurements.example_rows,
        save=measurements.save,
        link=ImportedMeasurement,
        link_field="measurement",
    ),
    ImportKind.KEY_FIGURES: Kind(
        value=ImportKind.KEY_FIGURES,
        slug="effektmaal",
        label=ImportKind.KEY_FIGURES.label,
        sheet=_("Key figures"),
        list_sheet=_("Series"),
        columns=key_figures.COLUMNS,
        list_columns=key_figures.LIST_COLUMNS,
        check=key_figures.check,
        examples=key_figures.example_rows,
        save=key_figures.save,
        link=ImportedKeyFigureValue,
        link_field="value",
    ),
}


def kind_by_slug(slug: str) -> Kind:
    for kind in KINDS.values():
        if kind.slug == slug:
            return kind
    raise Http404
