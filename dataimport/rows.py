"""What every kind of import shares: its columns, the header row that names them, and a
row of the file with what it would create or what is wrong with it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from dataimport.reading import FileProblem


@dataclass(frozen=True)
class Column:
    """A column of a kind's file: ``label`` is its header (an English msgid, written in the
    person's language in the template; either language is read back)."""

    key: str
    label: Promise
    required: bool = True

    def names(self) -> set[str]:
        found = {str(self.label).casefold()}
        for language in ("da", "en"):
            with translation.override(language):
                found.add(str(self.label).casefold())
        return found


@dataclass
class CheckedRow:
    """One row of the file (``number`` as the spreadsheet counts, the header being row 1):
    what it says, what it would create (``target``, unsaved) and what is wrong with it."""

    number: int
    cells: dict[str, str]
    errors: list[str] = field(default_factory=list)
    # An error that is about the person, not the file: a row they may not write.
    refused: bool = False
    target: models.Model | None = None
    # What the row is about, for the preview (the indicator's name and specialty, ...).
    about: str = ""
    specialty_id: int | None = None


@dataclass
class Checked:
    """A whole file, checked: its rows, or the problem that keeps it from being read."""

    rows: list[CheckedRow]
    problem: str = ""

    @property
    def error_count(self) -> int:
        return sum(1 for row in self.rows if row.errors)

    @property
    def ready(self) -> bool:
        return not self.problem and bool(self.rows) and not self.error_count


def cells_by_column(rows: list[list[str]], columns: tuple[Column, ...]) -> list[dict[str, Any]]:
    """The rows under the header row as ``{"number": row number, key: text, ...}``, empty
    rows left out; ``FileProblem`` when the header lacks a required column or there is no
    row under it."""
    if not rows:
        raise FileProblem(_("The file is empty."))
    header = [cell.strip().casefold() for cell in rows[0]]
    where: dict[str, int] = {}
    for column in columns:
        names = column.names()
        for index, text in enumerate(header):
            if text in names:
                where[column.key] = index
                break
        else:
            if column.required:
                raise FileProblem(
                    _(
                        "The first row of the file must name the columns, and the column "
                        "“%(column)s” is missing. Start from the template."
                    )
                    % {"column": column.label}
                )
    found = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        cells = {
            key: (row[index].strip() if index < len(row) else "") for key, index in where.items()
        }
        found.append({"number": number, **cells})
    if not found:
        raise FileProblem(_("The file has no rows under its header row."))
    return found


def form_errors(form: Any) -> list[str]:
    """A Django form's errors as sentences that name their column."""
    messages = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        for error in errors:
            messages.append(f"{label}: {error}" if label else str(error))
    return messages
