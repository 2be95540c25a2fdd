"""A record's history, field by field: who changed what, when, and the value before and
after (django-simple-history keeps every saved state; this compares each with the one
before it). Used by the history pages of actions, frameworks and challenges; the strategic
ambition's parts, which are one text each, have their own word-diff page.
"""

from __future__ import annotations

import datetime
import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import models
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

_TOKEN = re.compile(r"\s+|\*+|[^\s*]+")


@dataclass(frozen=True)
class DiffChunk:
    kind: str  # "same", "added" or "removed"
    text: str


def word_diff(old: str, new: str) -> list[DiffChunk]:
    """Word by word, keeping white space, so a reader sees exactly what was changed."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    chunks: list[DiffChunk] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            chunks.append(DiffChunk("same", "".join(a[i1:i2])))
            continue
        if op in ("delete", "replace"):
            chunks.append(DiffChunk("removed", "".join(a[i1:i2])))
        if op in ("insert", "replace"):
            chunks.append(DiffChunk("added", "".join(b[j1:j2])))
    return chunks


@dataclass(frozen=True)
class FieldChange:
    label: str
    before: str
    after: str
    # A word diff for longer text (shown as rendered Markdown); None for a short value.
    chunks: list[DiffChunk] | None


@dataclass(frozen=True)
class Change:
    when: datetime.datetime
    who: Any  # the user, or None when unknown (a shell, a migration)
    kind: str  # "created", "changed" or "deleted"
    fields: list[FieldChange]


def _field(model: type[models.Model], name: str) -> models.Field[Any, Any]:
    field = model._meta.get_field(name)
    assert isinstance(field, models.Field), name  # a concrete field, never a relation's far side
    return field


def _display(model: type[models.Model], name: str, value: Any, related: dict[Any, str]) -> str:
    if value is None or value == "":
        return "–"
    field = _field(model, name)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.ForeignKey):
        return related.get((field.related_model, value), "–")
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime.datetime):
        return date_format(value, "DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return date_format(value)
    if isinstance(value, Decimal):
        return number_format(value.normalize() if value == value.to_integral() else value)
    return str(value)


def changes(
    model: type[models.Model],
    records: Iterable[Any],
    fields: Sequence[str],
    *,
    labels: dict[str, str] | None = None,
) -> list[Change]:
    """Each historical record (oldest first in ``records``, ``history_user`` selected) as
    a change against the record before it, newest first; a save that changed none of
    ``fields`` is left out. Related records are named with one query per related model."""
    records = list(records)
    keys = [_field(model, f) for f in fields]
    wanted: dict[Any, set[Any]] = {}
    for field in keys:
        if isinstance(field, models.ForeignKey):
            ids = {getattr(r, field.attname) for r in records} - {None}
            wanted.setdefault(field.related_model, set()).update(ids)
    related: dict[Any, str] = {}
    for related_model, ids in wanted.items():
        for obj in related_model._default_manager.filter(pk__in=ids):
            name = getattr(obj, "get_full_name", None)
            related[(related_model, obj.pk)] = (name() if name else "") or str(obj)

    result: list[Change] = []
    previous: Any = None
    for record in records:
        kind = {"+": "created", "-": "deleted"}.get(record.history_type, "changed")
        changed: list[FieldChange] = []
        for field in keys:
            attname = field.attname
            after_value = getattr(record, attname)
            before_value = getattr(previous, attname) if previous is not None else None
            if previous is not None and before_value == after_value:
                continue
            if previous is None and after_value in (None, ""):
                continue
            before = _display(model, field.name, before_value, related) if previous else "–"
            after = _display(model, field.name, after_value, related)
            long_text = isinstance(field, models.TextField)
            chunks = word_diff(before_value or "", after_value or "") if long_text else None
            label = (labels or {}).get(field.name) or str(field.verbose_name)
            changed.append(FieldChange(label, before, after, chunks))
        if changed or kind != "changed":
            result.append(Change(record.history_date, record.history_user, kind, changed))
        previous = record
    result.reverse()
    return result
