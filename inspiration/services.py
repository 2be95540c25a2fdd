"""Writes to the inspiration library: the secretariat adds and edits cases (with optimistic
locking), and whoever may edit an action cites cases as its inspiration.

Every write goes through a function here, in a transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from ambitions.models import Action
from bass.editing import locked_for_edit
from bass.text import MAX_TEXT_LENGTH, normalise
from inspiration.models import ActionInspiration, Case, Classification
from people.models import User
from specialties.models import Specialty
from sustainability.models import FocusArea, Perspective

TEXT_FIELDS = (
    "title",
    "setting",
    "specialty_text",
    "background",
    "what_they_did",
    "prerequisites_and_barriers",
    "results",
    "potential",
    "source_part",
)


@dataclass(frozen=True)
class CaseContent:
    """Everything a person writes about a case, as the form cleaned it."""

    title: str
    setting: str
    specialty: Specialty | None
    specialty_text: str
    background: str
    what_they_did: str
    prerequisites_and_barriers: str
    results: str
    potential: str
    source_part: str
    source_page: int | None
    classifications: Iterable[Classification]
    perspectives: Iterable[Perspective]
    focus_areas: Iterable[FocusArea]


def _check(content: CaseContent) -> None:
    # The form refuses long texts with a message; this guards every other caller.
    for name in TEXT_FIELDS:
        value = getattr(content, name)
        if len(value) > MAX_TEXT_LENGTH:
            raise ValueError(f"{name} of {len(value)} characters, more than {MAX_TEXT_LENGTH}")


DANISH_LETTERS = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})


def _unique_slug(title: str) -> str:
    """The address of a new case: its title in ASCII, the Danish letters spelt out as the
    specialties' addresses are (im-haematologi)."""
    base = slugify(title.translate(DANISH_LETTERS))[:70].strip("-") or "case"
    slug, n = base, 1
    while Case.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _write(case: Case, content: CaseContent) -> None:
    for name in TEXT_FIELDS:
        setattr(case, name, normalise(getattr(content, name)))
    case.specialty = content.specialty
    case.source_page = content.source_page


def _set_tags(case: Case, content: CaseContent) -> None:
    case.classifications.set(list(content.classifications))
    case.perspectives.set(list(content.perspectives))
    case.focus_areas.set(list(content.focus_areas))


@transaction.atomic
def case_create(*, by: User, content: CaseContent) -> Case:
    """Add a case to the library; its address is made from its title."""
    _check(content)
    case = Case(slug=_unique_slug(content.title), updated_by=by, updated_at=timezone.now())
    _write(case, content)
    case.save()
    _set_tags(case, content)
    return case


@transaction.atomic
def case_update(*, case: Case, by: User, revision: int, content: CaseContent) -> Case:
    """Save an edit made from ``revision``; raise ``EditConflict`` if someone saved since."""
    _check(content)
    current = locked_for_edit(Case, pk=case.pk, base_revision=revision)
    _write(current, content)
    current.revision = revision + 1
    current.updated_by = by
    current.updated_at = timezone.now()
    current.save(
        update_fields=[
            *TEXT_FIELDS,
            "specialty",
            "source_page",
            "revision",
            "updated_by",
            "updated_at",
        ]
    )
    _set_tags(current, content)
    return current


@transaction.atomic
def citation_add(*, action: Action, case: Case, note: str, by: User) -> ActionInspiration:
    """Cite ``case`` as inspiration for ``action``; citing it again updates the note."""
    note = " ".join(normalise(note).split())
    citation, created = ActionInspiration.objects.select_for_update().get_or_create(
        action=action, case=case, defaults={"note": note, "created_by": by}
    )
    if not created and citation.note != note:
        citation.note = note
        citation.save(update_fields=["note"])
    return citation


@transaction.atomic
def citation_remove(*, action: Action, case: Case) -> bool:
    """Stop citing ``case`` for ``action``; False when it was not cited."""
    deleted, _ = ActionInspiration.objects.filter(action=action, case=case).delete()
    return bool(deleted)
