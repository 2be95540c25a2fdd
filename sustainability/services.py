"""Actions on a specialty's challenges: add, edit (with optimistic locking), choose the core ones.

Every write goes through a function here, in a transaction. Each saved instance carries
``_history_user``, so django-simple-history records who made the change also when a service
runs outside a request.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Literal

from django.db import transaction
from django.utils import timezone

from bass.editing import locked_for_edit, record_as
from bass.text import MAX_TEXT_LENGTH, normalise
from people.models import User
from specialties.access import strategic_ambition_of
from specialties.models import Specialty
from sustainability.models import Challenge, FocusArea, LensAnswer, Perspective

Direction = Literal["up", "down"]


class ChallengeLocked(Exception):
    """A core challenge is part of the strategic ambition: it is not edited while the
    ambition is submitted or approved (``permissions.can_edit_challenge``)."""


def _clean_texts(*texts: str) -> None:
    # The forms refuse long texts with a message; this guards every other caller, before
    # anything is written.
    for text in texts:
        if len(text) > MAX_TEXT_LENGTH:
            raise ValueError(f"text of {len(text)} characters, more than {MAX_TEXT_LENGTH}")


def _save_lens_answers(
    *, challenge: Challenge, lens_answers: Mapping[Perspective, str], by: User
) -> None:
    """Create, change or (when emptied) delete one ``LensAnswer`` per perspective given."""
    existing = {
        a.perspective_id: a
        for a in LensAnswer.objects.select_for_update().filter(challenge=challenge)
    }
    for perspective, raw in lens_answers.items():
        text = normalise(raw)
        answer = existing.get(perspective.pk)
        if answer is None:
            if text:
                answer = LensAnswer(challenge=challenge, perspective=perspective, text=text)
                record_as(answer, by)
                answer.save()
        elif not text:
            record_as(answer, by)
            answer.delete()
        elif answer.text != text:
            answer.text = text
            record_as(answer, by)
            answer.save(update_fields=["text"])


@transaction.atomic
def challenge_create(
    *,
    specialty: Specialty,
    by: User,
    title: str,
    description: str,
    primary_perspective: Perspective,
    lens_answers: Mapping[Perspective, str],
    focus_areas: Iterable[FocusArea],
) -> Challenge:
    """Add a challenge with its lens answers and focus areas (not a core challenge yet)."""
    _clean_texts(title, description, *lens_answers.values())
    now = timezone.now()
    challenge = Challenge(
        specialty=specialty,
        title=normalise(title),
        description=normalise(description),
        primary_perspective=primary_perspective,
        created_by=by,
        created_at=now,
        updated_at=now,
    )
    record_as(challenge, by)
    challenge.save()
    if focus_areas := list(focus_areas):
        challenge.focus_areas.set(focus_areas)
    _save_lens_answers(challenge=challenge, lens_answers=lens_answers, by=by)
    return challenge


@transaction.atomic
def challenge_update(
    *,
    challenge: Challenge,
    by: User,
    revision: int,
    title: str,
    description: str,
    primary_perspective: Perspective,
    lens_answers: Mapping[Perspective, str],
    focus_areas: Iterable[FocusArea],
) -> Challenge:
    """Save an edit made from ``revision``; raise ``EditConflict`` if someone saved since,
    ``ChallengeLocked`` for a core challenge while the ambition is submitted or approved.

    The row is locked while its revision is compared and raised, so of two saves from the
    same revision exactly one wins.
    """
    _clean_texts(title, description, *lens_answers.values())
    current = locked_for_edit(Challenge, pk=challenge.pk, base_revision=revision)
    if current.is_core:
        ambition = strategic_ambition_of(current.specialty)
        if ambition is not None and not ambition.is_editable:
            raise ChallengeLocked(f"core challenge {current.pk} of a {ambition.status} ambition")
    current.title = normalise(title)
    current.description = normalise(description)
    current.primary_perspective = primary_perspective
    current.revision = revision + 1
    current.updated_at = timezone.now()
    record_as(current, by)
    current.save(
        update_fields=["title", "description", "primary_perspective", "revision", "updated_at"]
    )
    wanted = {f.pk for f in focus_areas}
    if set(current.focus_areas.values_list("pk", flat=True)) != wanted:
        current.focus_areas.set(wanted)
    _save_lens_answers(challenge=current, lens_answers=lens_answers, by=by)
    return current


def _locked_core(specialty_id: int) -> list[Challenge]:
    """The specialty's core challenges in their order, locked until the transaction ends."""
    return list(
        Challenge.objects.select_for_update()
        .filter(specialty_id=specialty_id, is_core=True)
        .order_by("core_order", "pk")
    )


def _renumber_core(core: list[Challenge], by: User) -> None:
    """Number the core challenges 1..n in list order, saving only those that change."""
    for order, challenge in enumerate(core, start=1):
        if challenge.is_core and challenge.core_order == order:
            continue
        challenge.is_core = True
        challenge.core_order = order
        record_as(challenge, by)
        challenge.save(update_fields=["is_core", "core_order"])


@transaction.atomic
def challenge_set_core(*, challenge: Challenge, by: User, is_core: bool) -> None:
    """Make a challenge a core challenge (last in the order) or an ordinary one again.

    The text's revision is left alone: choosing core challenges is not an edit of the text,
    so it must not turn someone's open edit into a conflict.
    """
    core = _locked_core(challenge.specialty_id)
    current = Challenge.objects.select_for_update().get(pk=challenge.pk)
    if is_core and not current.is_core:
        core.append(current)  # last in the order
    elif not is_core and current.is_core:
        core = [c for c in core if c.pk != current.pk]
        current.is_core = False
        current.core_order = 0
        record_as(current, by)
        current.save(update_fields=["is_core", "core_order"])
    _renumber_core(core, by)


@transaction.atomic
def challenge_move(*, challenge: Challenge, by: User, direction: Direction) -> None:
    """Move a core challenge one place up or down; at either end nothing moves."""
    core = _locked_core(challenge.specialty_id)
    index = next((i for i, c in enumerate(core) if c.pk == challenge.pk), None)
    if index is None:
        raise ValueError("only core challenges have an order")
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(core):
        core[index], core[other] = core[other], core[index]
    _renumber_core(core, by)
