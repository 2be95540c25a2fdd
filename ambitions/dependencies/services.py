"""Every change of a dependency between specialties, each in its transaction with its
e-mails (queued in the outbox in the same transaction, ``notifications``)."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from ambitions.dependencies import notifications
from ambitions.models import Action, Dependency, DependencyState
from bass.editing import record_as
from bass.text import normalise
from people.models import User
from specialties.models import Specialty
from sustainability.models import Challenge


class DependencyStateError(Exception):
    """The dependency is no longer in a state that allows the change (someone else
    answered or withdrew it first)."""


def _locked(dependency: Dependency) -> Dependency:
    return (
        Dependency.objects.select_for_update(of=("self",))
        .select_related("specialty", "depends_on")
        .get(pk=dependency.pk)
    )


@transaction.atomic
def dependency_create(
    *,
    specialty: Specialty,
    by: User,
    depends_on: Specialty,
    subject: Challenge | Action,
    need: str,
    needed_by: datetime.date | None,
) -> Dependency:
    """The asking specialty names what its challenge or action needs from another specialty;
    that specialty's owner and leads are told."""
    dependency = Dependency(
        specialty=specialty,
        depends_on=depends_on,
        challenge=subject if isinstance(subject, Challenge) else None,
        action=subject if isinstance(subject, Action) else None,
        need=normalise(need),
        needed_by=needed_by,
        created_by=by,
    )
    record_as(dependency, by)
    dependency.save()
    notifications.send_asked(dependency=dependency, again=False)
    return dependency


@transaction.atomic
def dependency_update(
    *,
    dependency: Dependency,
    by: User,
    depends_on: Specialty,
    subject: Challenge | Action,
    need: str,
    needed_by: datetime.date | None,
) -> Dependency:
    """Change what is asked. After a question or a "no" the change is the asker's answer:
    the dependency is open again and the specialty depended on is told once more."""
    current = _locked(dependency)
    if not current.is_changeable:
        raise DependencyStateError(f"dependency {current.pk} is {current.state}")
    again = current.state != DependencyState.OPEN or current.depends_on_id != depends_on.pk
    current.depends_on = depends_on
    current.challenge = subject if isinstance(subject, Challenge) else None
    current.action = subject if isinstance(subject, Action) else None
    current.need = normalise(need)
    current.needed_by = needed_by
    current.state = DependencyState.OPEN
    current.updated_at = timezone.now()
    record_as(current, by)
    current.save(
        update_fields=[
            "depends_on",
            "challenge",
            "action",
            "need",
            "needed_by",
            "state",
            "updated_at",
        ]
    )
    if again:
        notifications.send_asked(dependency=current, again=True)
    return current


@transaction.atomic
def dependency_withdraw(*, dependency: Dependency, by: User) -> Dependency:
    """The asker no longer needs it; the specialty depended on is told if it had answered or
    still had to."""
    current = _locked(dependency)
    if current.state == DependencyState.WITHDRAWN:
        raise DependencyStateError(f"dependency {current.pk} is withdrawn")
    current.state = DependencyState.WITHDRAWN
    current.updated_at = timezone.now()
    record_as(current, by)
    current.save(update_fields=["state", "updated_at"])
    notifications.send_withdrawn(dependency=current)
    return current


ANSWERS = (DependencyState.ACCEPTED, DependencyState.DECLINED, DependencyState.QUESTION)


@transaction.atomic
def dependency_answer(*, dependency: Dependency, by: User, state: str, remark: str) -> Dependency:
    """The specialty depended on accepts (saying what it will do), declines (saying why) or
    asks a question; the asking specialty's owner and leads are told."""
    if state not in ANSWERS:
        raise ValueError(f"{state!r} is no answer")
    current = _locked(dependency)
    if current.state != DependencyState.OPEN:
        raise DependencyStateError(f"dependency {current.pk} is {current.state}")
    current.state = state
    current.answer = normalise(remark)
    current.answered_by = by
    current.answered_at = current.updated_at = timezone.now()
    record_as(current, by)
    current.save(update_fields=["state", "answer", "answered_by", "answered_at", "updated_at"])
    notifications.send_answered(dependency=current)
    return current
