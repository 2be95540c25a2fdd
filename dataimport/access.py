"""Who may import and undo, and fetching an import for what the user wants to do, or refuse.

Importing asks nothing new of the permissions: each row is checked with the rule for
typing the same value by hand (measurements: ``permissions.can_edit_actions``). The pages
are for the people who may write at least something of the kinds: anyone with a role in a
specialty, and the secretariat. An import is undone by the person who made it, or by the
secretariat (who keeps the programme's data); others do not see it (404).
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from bass.permissions import AnyUser, require
from dataimport.models import DataImport
from people import permissions as people_permissions
from specialties import permissions as specialty_permissions


def can_import(user: AnyUser) -> bool:
    """Someone with a role in a specialty, or the secretariat. The steering group follows
    and decides; it records nothing by hand, so it imports nothing either (unless one of
    its members also has a role in a specialty). Asked by the menu on every page, so it
    reads the membership answer loaded with the person."""
    if people_permissions.is_secretariat(user):
        return True
    # Loaded with the person on every request: no query of its own.
    return specialty_permissions.holds_a_specialty_role(user)


def can_see_all_imports(user: AnyUser) -> bool:
    return people_permissions.is_secretariat(user)


def can_undo_import(user: AnyUser, data_import: DataImport) -> bool:
    return data_import.undone_at is None and (
        data_import.imported_by_id == user.pk or people_permissions.is_secretariat(user)
    )


def get_imports_for_use(user: AnyUser) -> None:
    """For the import page, its templates, the upload and the history (403 for others)."""
    require(can_import(user))


def imports_of(user: AnyUser) -> QuerySet[DataImport]:
    """The imports the person's history lists: their own; every import for the secretariat."""
    found = DataImport.objects.select_related("imported_by", "undone_by")
    return found if can_see_all_imports(user) else found.filter(imported_by_id=user.pk)


def get_import_for_undo(user: AnyUser, pk: int) -> DataImport:
    """404 unless it is in the history of someone who may still import (a person who has
    lost every role answers as one who never had one); 403 once undone."""
    if not can_import(user):
        raise Http404
    data_import = get_object_or_404(imports_of(user), pk=pk)
    require(can_undo_import(user, data_import))
    return data_import
