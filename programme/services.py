"""The programme's own writes: its strategic ambition's parts and versions.

Keyword-only functions in a transaction, as everywhere: a part is saved with optimistic
editing (``bass.editing``), a version freezes all five parts as JSON.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from ambitions.models import PART_ORDER, PartKind
from bass.editing import locked_for_edit, record_as
from people.models import User
from programme import queries
from programme.models import ProgrammePart, ProgrammeVersion, SecretariatContact


@transaction.atomic
def programme_parts_ensure() -> list[ProgrammePart]:
    """The five parts in their order, created empty the first time they are asked for."""
    existing = {p.kind: p for p in ProgrammePart.objects.select_related("updated_by")}
    for kind in PartKind:
        if kind.value not in existing:
            existing[kind.value] = ProgrammePart.objects.create(
                kind=kind.value, order=PART_ORDER[kind]
            )
    return sorted(existing.values(), key=lambda p: p.order)


@transaction.atomic
def programme_part_save(
    *, part: ProgrammePart, text: str, base_revision: int, by: User
) -> ProgrammePart:
    """Save one part's text, unless someone saved it since ``base_revision`` (EditConflict)."""
    current = locked_for_edit(ProgrammePart, pk=part.pk, base_revision=base_revision)
    if current.text == text:
        return current
    current.text = text
    current.revision += 1
    current.updated_at = timezone.now()
    current.updated_by = by
    record_as(current, by).save(update_fields=["text", "revision", "updated_at", "updated_by"])
    return current


@transaction.atomic
def programme_version_save(*, by: User, note: str = "") -> ProgrammeVersion:
    """Freeze the five parts as the next version; versions are never changed."""
    # Lock the parts, so no save slips in between reading and freezing them.
    list(ProgrammePart.objects.select_for_update())
    number = (ProgrammeVersion.objects.aggregate(n=Max("number"))["n"] or 0) + 1
    return ProgrammeVersion.objects.create(
        number=number, content=queries.programme_snapshot(), note=note, saved_by=by
    )


@transaction.atomic
def secretariat_contact_save(*, name: str, email: str, by: User) -> SecretariatContact:
    """Write whom people without a role contact (the one row, made the first time)."""
    contact, _created = SecretariatContact.objects.update_or_create(
        pk=SecretariatContact.SINGLETON,
        defaults={"name": name, "email": email, "updated_at": timezone.now(), "updated_by": by},
    )
    return contact
