"""Writes of "Konkretisering af handlinger": actions with their perspective assessments and
BASS principles, milestones, progress indicators and measurements.

Every write is a keyword-only function in one transaction, and every row with history
carries ``_history_user`` so django-simple-history records who changed it. The functions
refuse (``ValueError``) what the forms explain to people — an action without a justified
principle, an unjustified rating, dates out of order, a responsible person from outside the
specialty — so no other caller can store what the page would refuse.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db import models, transaction
from django.utils import timezone

from ambitions.models import (
    RATING_MAX,
    RATING_MIN,
    Action,
    ActionPrinciple,
    ActionStatus,
    InterventionFocusArea,
    Measurement,
    Milestone,
    PerspectiveAssessment,
    Principle,
    ProgressIndicator,
)
from people.models import User
from specialties.models import Specialty
from sustainability.models import Challenge, Perspective


class EditConflict(Exception):
    """Someone saved the action after the form was opened; ``current`` is what they saved."""

    def __init__(self, current: Action) -> None:
        super().__init__(f"action {current.pk} is now at revision {current.revision}")
        self.current = current


@dataclass(frozen=True)
class AssessmentInput:
    """How the action weakens (-) or strengthens (+) one sustainability perspective, and why."""

    perspective: Perspective
    rating: int
    justification: str = ""


@dataclass(frozen=True)
class PrincipleInput:
    """A BASS principle the action builds on, and how (seed 003: part of the justification)."""

    principle: Principle
    justification: str


@dataclass(frozen=True)
class ActionInput:
    """Everything an action is written with, as the form cleaned it."""

    title: str
    purpose: str
    responsible: User
    start_date: datetime.date
    end_date: datetime.date
    principles: Sequence[PrincipleInput]
    assessments: Sequence[AssessmentInput] = ()
    challenges: Sequence[Challenge] = ()
    status: str = ActionStatus.NOT_STARTED
    resource_hours: Decimal | None = None
    resource_fte: Decimal | None = None
    resource_dkk: Decimal | None = None
    resource_text: str = ""
    success_criteria: str = ""
    process_goals: str = ""
    contributors: str = ""


# The Action fields copied from an ActionInput as they are.
ACTION_FIELDS = (
    "title",
    "purpose",
    "responsible",
    "start_date",
    "end_date",
    "status",
    "resource_hours",
    "resource_fte",
    "resource_dkk",
    "resource_text",
    "success_criteria",
    "process_goals",
    "contributors",
)


def _record_as(instance: models.Model, by: User) -> None:
    instance._history_user = by  # type: ignore[attr-defined]  # read by simple-history


def _specialty_of(focus_area: InterventionFocusArea) -> Specialty:
    return focus_area.framework.ambition.specialty


def _check(data: ActionInput, specialty: Specialty) -> None:
    """The rules of an action; the form explains each of them next to its field."""
    if data.end_date < data.start_date:
        raise ValueError("an action cannot end before it starts")
    if data.status not in ActionStatus.values:
        raise ValueError(f"unknown status {data.status!r}")
    if not data.principles:
        raise ValueError("every action must be traceable to at least one BASS principle")
    if len({p.principle.pk for p in data.principles}) != len(data.principles):
        raise ValueError("a principle is given twice")
    if any(not p.justification.strip() for p in data.principles):
        raise ValueError("every principle of an action needs its justification")
    if len({a.perspective.pk for a in data.assessments}) != len(data.assessments):
        raise ValueError("a perspective is assessed twice")
    for assessment in data.assessments:
        if not RATING_MIN <= assessment.rating <= RATING_MAX:
            raise ValueError(f"rating {assessment.rating} outside {RATING_MIN}..{RATING_MAX}")
        if assessment.rating != 0 and not assessment.justification.strip():
            raise ValueError("a rating other than 0 needs its justification")
    for amount in (data.resource_hours, data.resource_fte, data.resource_dkk):
        if amount is not None and amount < 0:
            raise ValueError("resource use cannot be negative")
    # memberships are prefetched by the access functions, so this costs no query there
    if not any(m.user_id == data.responsible.pk for m in specialty.memberships.all()):
        raise ValueError("the responsible person is not one of the specialty's people")
    if any(c.specialty_id != specialty.pk for c in data.challenges):
        raise ValueError("a challenge of another specialty")


def _save_assessments(*, action: Action, assessments: Sequence[AssessmentInput], by: User) -> None:
    """One row per perspective given: created, or changed when it differs."""
    existing = {
        a.perspective_id: a
        for a in PerspectiveAssessment.objects.select_for_update().filter(action=action)
    }
    for given in assessments:
        row = existing.get(given.perspective.pk)
        justification = given.justification.strip()
        if row is None:
            row = PerspectiveAssessment(
                action=action,
                perspective=given.perspective,
                rating=given.rating,
                justification=justification,
            )
            _record_as(row, by)
            row.save()
        elif (row.rating, row.justification) != (given.rating, justification):
            row.rating, row.justification = given.rating, justification
            _record_as(row, by)
            row.save(update_fields=["rating", "justification"])


def _save_principles(*, action: Action, principles: Sequence[PrincipleInput], by: User) -> None:
    """Exactly the principles given: new links created, changed ones updated, others removed."""
    existing = {
        link.principle_id: link
        for link in ActionPrinciple.objects.select_for_update().filter(action=action)
    }
    for given in principles:
        link = existing.pop(given.principle.pk, None)
        justification = given.justification.strip()
        if link is None:
            link = ActionPrinciple(
                action=action, principle=given.principle, justification=justification
            )
            _record_as(link, by)
            link.save()
        elif link.justification != justification:
            link.justification = justification
            _record_as(link, by)
            link.save(update_fields=["justification"])
    for link in existing.values():
        _record_as(link, by)
        link.delete()


def _save_related(*, action: Action, data: ActionInput, by: User) -> None:
    _record_as(action, by)  # the challenges' m2m history record
    action.challenges.set(data.challenges)
    _save_assessments(action=action, assessments=data.assessments, by=by)
    _save_principles(action=action, principles=data.principles, by=by)


@transaction.atomic
def action_create(*, focus_area: InterventionFocusArea, by: User, data: ActionInput) -> Action:
    """Add an action to the focus area, with its assessments and principles, all or nothing."""
    _check(data, _specialty_of(focus_area))
    action = Action(focus_area=focus_area, updated_by=by, updated_at=timezone.now())
    for name in ACTION_FIELDS:
        setattr(action, name, getattr(data, name))
    _record_as(action, by)
    action.save()
    _save_related(action=action, data=data, by=by)
    return action


@transaction.atomic
def action_update(*, action: Action, by: User, base_revision: int, data: ActionInput) -> Action:
    """Change an action unless someone saved it since ``base_revision`` (then EditConflict)."""
    _check(data, _specialty_of(action.focus_area))
    current = Action.objects.select_for_update().get(pk=action.pk)
    if current.revision != base_revision:
        raise EditConflict(current)
    for name in ACTION_FIELDS:
        setattr(current, name, getattr(data, name))
    current.revision += 1
    current.updated_at = timezone.now()
    current.updated_by = by
    _record_as(current, by)
    current.save(update_fields=[*ACTION_FIELDS, "revision", "updated_at", "updated_by"])
    _save_related(action=current, data=data, by=by)
    return current


@transaction.atomic
def milestone_add(*, action: Action, by: User, title: str, due_date: datetime.date) -> Milestone:
    if not title.strip():
        raise ValueError("a milestone needs a title")
    milestone = Milestone(action=action, title=title.strip(), due_date=due_date)
    _record_as(milestone, by)
    milestone.save()
    return milestone


@transaction.atomic
def milestone_set_done(
    *, milestone: Milestone, by: User, done: bool, today: datetime.date | None = None
) -> Milestone:
    """Mark the milestone done (today) or not done. Saying what it should be, rather than
    flipping it, keeps two people who press at the same time from undoing each other."""
    current = Milestone.objects.select_for_update().get(pk=milestone.pk)
    if done == (current.done_on is not None):
        return current
    current.done_on = (today or timezone.localdate()) if done else None
    _record_as(current, by)
    current.save(update_fields=["done_on"])
    return current


@transaction.atomic
def indicator_add(
    *, action: Action, by: User, name: str, unit: str, baseline: Decimal, target: Decimal
) -> ProgressIndicator:
    if not name.strip():
        raise ValueError("an indicator needs a name")
    if target == baseline:
        raise ValueError("the target of an indicator must differ from its baseline")
    indicator = ProgressIndicator(
        action=action, name=name.strip(), unit=unit.strip(), baseline=baseline, target=target
    )
    _record_as(indicator, by)
    indicator.save()
    return indicator


@transaction.atomic
def measurement_add(
    *,
    indicator: ProgressIndicator,
    by: User,
    measured_on: datetime.date,
    value: Decimal,
    note: str = "",
    today: datetime.date | None = None,
) -> Measurement:
    """A dated value of the indicator, recorded by ``by``; never dated in the future."""
    if measured_on > (today or timezone.localdate()):
        raise ValueError("a measurement cannot be dated in the future")
    return Measurement.objects.create(
        indicator=indicator,
        measured_on=measured_on,
        value=value,
        note=note.strip(),
        recorded_by=by,
        recorded_at=timezone.now(),
    )
