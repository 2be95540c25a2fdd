"""The strategic ambition's actions: write, submit, decide, revise, comment, follow up.

Every write is a keyword-only function in a transaction. Workflow functions lock the
ambition row, move its status through the django-fsm transitions, freeze versions and log
every transition in the decision register; e-mails go out through Celery after commit.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import can_proceed

from ambitions import permissions as ambition_permissions
from ambitions.models import (
    PART_ORDER,
    Action,
    AmbitionPart,
    AmbitionVersion,
    ApprovalCondition,
    Comment,
    Dilemma,
    InterventionArea,
    PartKind,
    Prerequisite,
    PrerequisiteState,
    Principle,
    StrategicAmbition,
    Transition,
    VersionSection,
)
from ambitions.strategic import content, notifications
from bass.editing import locked_for_edit, record_as
from people.models import User
from specialties import permissions as specialty_permissions
from specialties.models import Membership, Specialty
from sustainability.models import Challenge, Perspective


class WorkflowError(Exception):
    """The action does not fit the ambition's current state (someone else got there first)."""


class AmbitionLocked(WorkflowError):
    """The ambition is submitted or approved: its content is not edited in place."""


class SubmissionIncomplete(WorkflowError):
    def __init__(self, missing: list[str]) -> None:
        super().__init__(", ".join(missing))
        self.missing = missing


def _lock(ambition: StrategicAmbition) -> StrategicAmbition:
    """The ambition row, locked for the rest of the transaction, with a fresh status."""
    return StrategicAmbition.objects.select_for_update().get(pk=ambition.pk)


def _log(
    ambition: StrategicAmbition,
    *,
    from_status: str,
    by: User,
    version: AmbitionVersion | None = None,
    remark: str = "",
    flags: list[str] | None = None,
) -> Transition:
    return Transition.objects.create(
        ambition=ambition,
        version=version,
        from_status=from_status,
        to_status=ambition.status,
        by=by,
        remark=remark,
        flags=flags or [],
    )


@transaction.atomic
def ambition_start(*, specialty: Specialty, by: User) -> StrategicAmbition:
    """Open the specialty's strategic ambition as a draft with its five empty parts."""
    ambition, created = StrategicAmbition.objects.get_or_create(specialty=specialty)
    if created:
        for kind in PartKind:
            part = AmbitionPart(ambition=ambition, kind=kind, order=PART_ORDER[kind], updated_by=by)
            record_as(part, by).save()
    return ambition


@transaction.atomic
def part_save(*, part: AmbitionPart, text: str, base_revision: int, by: User) -> AmbitionPart:
    """Save one part's text, unless the ambition is locked or someone saved in between."""
    ambition = _lock(part.ambition)
    if not ambition.is_editable:
        raise AmbitionLocked
    current = locked_for_edit(AmbitionPart, pk=part.pk, base_revision=base_revision)
    if current.text == text:
        return current
    current.text = text
    current.revision += 1
    current.updated_at = timezone.now()
    current.updated_by = by
    record_as(current, by).save(update_fields=["text", "revision", "updated_at", "updated_by"])
    return current


def _missing_for_submission(ambition: StrategicAmbition) -> list[str]:
    missing = [
        str(PartKind(p.kind).label)
        for p in AmbitionPart.objects.filter(ambition=ambition).order_by("order")
        if not p.text.strip()
    ]
    if not Challenge.objects.filter(specialty_id=ambition.specialty_id, is_core=True).exists():
        missing.append(str(_("at least one core challenge")))
    if not InterventionArea.objects.filter(ambition=ambition).exists():
        missing.append(str(_("at least one strategic intervention area")))
    return missing


@transaction.atomic
def ambition_submit(*, ambition: StrategicAmbition, by: User) -> AmbitionVersion:
    """The owner submits: the working copy is frozen as the next version."""
    ambition = _lock(ambition)
    if not can_proceed(ambition.submit):
        raise WorkflowError
    missing = _missing_for_submission(ambition)
    if missing:
        raise SubmissionIncomplete(missing)
    version = AmbitionVersion.objects.create(
        ambition=ambition,
        number=ambition.working_version,
        content=content.snapshot(ambition),
        submitted_by=by,
    )
    VersionSection.objects.bulk_create(content.version_sections(version))
    from_status = ambition.status
    ambition.submit()
    ambition.working_version += 1
    ambition.save(update_fields=["status", "working_version", "updated_at"])
    _log(ambition, from_status=from_status, by=by, version=version)
    # The steering group's e-mails, queued in this transaction (bass.outbox).
    notifications.send_submitted(version=version)
    return version


@dataclass(frozen=True)
class ConditionInput:
    text: str
    deadline: datetime.date
    responsible: User


@transaction.atomic
def ambition_approve(
    *,
    ambition: StrategicAmbition,
    by: User,
    remark: str = "",
    conditions: list[ConditionInput] | None = None,
    flags: list[str] | None = None,
) -> Transition:
    """The steering group approves the submitted version, possibly with conditions.

    ``flags`` are the decision brief's shortfalls the steering group saw
    (``brief.decision_brief``): approving despite them needs a remark that says why, and
    both go into the decision register."""
    if flags and not remark.strip():
        raise ValueError("approving despite the decision brief's flags needs a remark")
    for condition in conditions or []:
        # The responsible person follows it up and sees its text: they must read the ambition.
        if not specialty_permissions.can_view_ambition(condition.responsible, ambition.specialty):
            raise ValueError(f"{condition.responsible} may not read the ambition")
    ambition = _lock(ambition)
    if not can_proceed(ambition.approve):
        raise WorkflowError
    _refuse_own_work(ambition, by)
    version = _pending_version(ambition)
    for condition in conditions or []:
        ApprovalCondition.objects.create(
            version=version,
            text=condition.text,
            deadline=condition.deadline,
            responsible=condition.responsible,
        )
    version.outcome = AmbitionVersion.Outcome.APPROVED
    version.save(update_fields=["outcome"])
    from_status = ambition.status
    ambition.approve()
    ambition.approved_version = version
    ambition.save(update_fields=["status", "approved_version", "updated_at"])
    entry = _log(
        ambition, from_status=from_status, by=by, version=version, remark=remark, flags=flags
    )
    notifications.send_decided(transition=entry)
    return entry


@transaction.atomic
def ambition_return(
    *, ambition: StrategicAmbition, by: User, remark: str, flags: list[str] | None = None
) -> Transition:
    """The steering group returns the submitted version with its remark (and the decision
    brief's flags that stood, for the register)."""
    if not remark.strip():
        raise ValueError("a returned ambition needs the steering group's remark")
    ambition = _lock(ambition)
    if not can_proceed(ambition.return_to_owner):
        raise WorkflowError
    _refuse_own_work(ambition, by)
    version = _pending_version(ambition)
    version.outcome = AmbitionVersion.Outcome.RETURNED
    version.save(update_fields=["outcome"])
    from_status = ambition.status
    ambition.return_to_owner()
    ambition.save(update_fields=["status", "updated_at"])
    entry = _log(
        ambition, from_status=from_status, by=by, version=version, remark=remark, flags=flags
    )
    notifications.send_decided(transition=entry)
    return entry


class ConflictOfInterest(Exception):
    """The person would decide on their own work (``permissions.decision_conflict``)."""


def _refuse_own_work(ambition: StrategicAmbition, by: User) -> None:
    """Read under the ambition's row lock, from the database: a role given a moment ago
    counts (the locked ambition's specialty is loaded afresh, memberships with it)."""
    reason = ambition_permissions.decision_conflict(by, ambition)
    if reason:
        raise ConflictOfInterest(reason)


def _pending_version(ambition: StrategicAmbition) -> AmbitionVersion:
    return AmbitionVersion.objects.select_for_update().get(
        ambition=ambition, outcome=AmbitionVersion.Outcome.PENDING
    )


@transaction.atomic
def ambition_start_revision(*, ambition: StrategicAmbition, by: User) -> Transition:
    """The owner opens a new draft; the approved version stays valid until the next approval."""
    ambition = _lock(ambition)
    if not can_proceed(ambition.start_revision):
        raise WorkflowError
    from_status = ambition.status
    ambition.start_revision()
    ambition.save(update_fields=["status", "updated_at"])
    return _log(ambition, from_status=from_status, by=by)


@transaction.atomic
def condition_mark_met(*, condition: ApprovalCondition, by: User, note: str) -> ApprovalCondition:
    current = ApprovalCondition.objects.select_for_update().get(pk=condition.pk)
    if current.met_at is not None:
        raise WorkflowError
    current.met_at = timezone.now()
    current.met_by = by
    current.met_note = note
    current.save(update_fields=["met_at", "met_by", "met_note"])
    return current


@transaction.atomic
def comment_add(*, part: AmbitionPart, by: User, text: str) -> Comment:
    return Comment.objects.create(part=part, author=by, text=text)


@transaction.atomic
def intervention_area_save(
    *,
    ambition: StrategicAmbition,
    by: User,
    title: str,
    description: str,
    challenges: list[Challenge],
    perspectives: list[Perspective],
    area: InterventionArea | None = None,
    base_revision: int = 0,
) -> InterventionArea:
    """Add an intervention area, or change one unless someone saved it in between."""
    ambition = _lock(ambition)
    if not ambition.is_editable:
        raise AmbitionLocked
    if area is None:
        last = InterventionArea.objects.filter(ambition=ambition).aggregate(m=Max("order"))["m"]
        current = InterventionArea(ambition=ambition, order=(last or 0) + 1)
    else:
        current = locked_for_edit(InterventionArea, pk=area.pk, base_revision=base_revision)
        current.revision += 1
    current.title = title
    current.description = description
    record_as(current, by).save()
    current.challenges.set(challenges)
    current.perspectives.set(perspectives)
    return current


@transaction.atomic
def intervention_area_delete(*, area: InterventionArea, by: User) -> None:
    ambition = _lock(area.ambition)
    if not ambition.is_editable:
        raise AmbitionLocked
    record_as(area, by).delete()
    for order, remaining in enumerate(
        InterventionArea.objects.filter(ambition=ambition).order_by("order", "pk"), start=1
    ):
        if remaining.order != order:
            remaining.order = order
            remaining.save(update_fields=["order"])


@dataclass(frozen=True)
class DilemmaInput:
    """What the dilemma form gives (``forms.DilemmaForm``)."""

    title: str
    description: str
    views: dict[str, str]
    principles: list[Principle]
    options: str
    decision: str
    decided_by: str
    decided_on: datetime.date | None
    challenges: list[Challenge]
    actions: list[Action]


@transaction.atomic
def dilemma_save(
    *,
    specialty: Specialty,
    by: User,
    data: DilemmaInput,
    dilemma: Dilemma | None = None,
    base_revision: int = 0,
) -> Dilemma:
    """Add a dilemma to the specialty's register, or change one unless someone saved it in
    between. The challenges and actions must be the specialty's own."""
    if any(c.specialty_id != specialty.pk for c in data.challenges) or any(
        a.focus_area.framework.ambition.specialty_id != specialty.pk for a in data.actions
    ):
        raise ValueError("a dilemma links only its own specialty's challenges and actions")
    if dilemma is None:
        current = Dilemma(specialty=specialty)
    else:
        current = locked_for_edit(Dilemma, pk=dilemma.pk, base_revision=base_revision)
        current.revision += 1
    current.title = data.title
    current.description = data.description
    current.views = {code: text for code, text in data.views.items() if text}
    current.options = data.options
    current.decision = data.decision
    current.decided_by = data.decided_by
    current.decided_on = data.decided_on
    current.updated_at = timezone.now()
    current.updated_by = by
    record_as(current, by).save()
    current.principles.set(data.principles)
    current.challenges.set(data.challenges)
    current.actions.set(data.actions)
    return current


@dataclass(frozen=True)
class PrerequisiteInput:
    """What the prerequisite form gives (``forms.PrerequisiteForm``)."""

    title: str
    description: str
    responsible: User
    deadline: datetime.date


@transaction.atomic
def prerequisite_save(
    *,
    specialty: Specialty,
    by: User,
    data: PrerequisiteInput,
    prerequisite: Prerequisite | None = None,
    base_revision: int = 0,
) -> Prerequisite:
    """Add a prerequisite to the specialty, or change one unless someone saved it in
    between. The responsible person must be one of the specialty's people: they follow it
    up in Mine opgaver and move its state on."""
    if not Membership.objects.filter(specialty=specialty, user=data.responsible).exists():
        raise ValueError("a prerequisite's responsible person is one of the specialty's people")
    if prerequisite is None:
        current = Prerequisite(specialty=specialty)
    else:
        current = locked_for_edit(Prerequisite, pk=prerequisite.pk, base_revision=base_revision)
        current.revision += 1
    current.title = data.title
    current.description = data.description
    current.responsible = data.responsible
    current.deadline = data.deadline
    current.updated_at = timezone.now()
    current.updated_by = by
    record_as(current, by).save()
    return current


@transaction.atomic
def prerequisite_delete(*, prerequisite: Prerequisite, by: User) -> None:
    record_as(prerequisite, by).delete()


@transaction.atomic
def prerequisite_state_change(
    *, prerequisite: Prerequisite, by: User, state: PrerequisiteState, remark: str
) -> Prerequisite:
    """Move the prerequisite to ``state`` with a dated remark (the history keeps each one).
    The revision stays: an editor with the text open does not lose it to a change of state."""
    current = Prerequisite.objects.select_for_update().get(pk=prerequisite.pk)
    current.state = state
    current.state_remark = remark
    current.state_changed_at = timezone.now()
    current.state_changed_by = by
    record_as(current, by).save(
        update_fields=["state", "state_remark", "state_changed_at", "state_changed_by"]
    )
    return current
