"""Saving an import and undoing it, each in one transaction."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from bass import cache
from dataimport.kinds import KINDS, Kind
from dataimport.models import DataImport
from dataimport.rows import CheckedRow
from people.models import User


@transaction.atomic
def import_save(*, kind: Kind, file_name: str, rows: list[CheckedRow], by: User) -> DataImport:
    """Every row of a checked file, saved as one import, or nothing: a row with an error (a
    caller that skipped the check) or any failure on the way rolls the whole file back."""
    if not rows or any(row.errors or row.target is None for row in rows):
        raise ValueError("only a file without errors is imported")
    data_import = DataImport.objects.create(
        kind=kind.value,
        file_name=file_name[:255],
        row_count=len(rows),
        imported_by=by,
        imported_at=timezone.now(),
    )
    created = kind.save(rows, by=by)
    kind.link._default_manager.bulk_create(kind.links(data_import, created))
    # bulk_create sends no post_save, so the kept pages learn of the new rows here, in the
    # same transaction (bass.cache): each specialty's version, and for rows of no specialty
    # rows (a key figure per site only: the programme's version, None).
    for specialty_id in {row.specialty_id for row in rows}:
        cache.bump(specialty_id)
    return data_import


@transaction.atomic
def import_undo(*, data_import: DataImport, by: User) -> int:
    """Delete exactly the rows the import created (those still there: a row deleted by hand
    since is gone already) and mark the import undone; the number of rows deleted."""
    locked = DataImport.objects.select_for_update().get(pk=data_import.pk)
    if locked.undone_at is not None:
        raise ValueError("the import has been undone already")
    kind = KINDS[locked.kind]
    target = kind.link._meta.get_field(kind.link_field).related_model
    assert target is not None
    assert not isinstance(target, str)
    ids = kind.link._default_manager.filter(data_import=locked).values_list(f"{kind.link_field}_id")
    _total, per_model = target._default_manager.filter(pk__in=ids).delete()
    locked.undone_at = timezone.now()
    locked.undone_by = by
    locked.save(update_fields=["undone_at", "undone_by"])
    data_import.undone_at, data_import.undone_by = locked.undone_at, by
    return per_model.get(target._meta.label, 0)
