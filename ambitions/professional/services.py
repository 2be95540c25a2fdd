"""Writes of the professional ambition's frameworks and status rows.

Opening the professional ambition from the approved strategic ambition, keeping its
frameworks in step with a later approved version, and every change to a framework ("Rammer
for indsatsområdet") and its row in "Status og fremdrift". Each function is keyword-only,
runs in a transaction and records who made the change in the history.

Writes of "Konkretisering af handlinger": actions with their perspective assessments and
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

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from ambitions.models import (
    RATING_MAX,
    RATING_MIN,
    Action,
    ActionPrinciple,
    ActionStatus,
    Actor,
    AmbitionVersion,
    AreaFramework,
    InterventionArea,
    InterventionFocusArea,
    Measurement,
    Milestone,
    OutcomeGoal,
    PerspectiveAssessment,
    Principle,
    ProfessionalAmbition,
    ProgressIndicator,
    StatusComment,
    StrategicAmbition,
)
from ambitions.professional.queries.frameworks import area_titles, has_work
from bass.editing import locked_for_edit, record_as
from people.models import User
from specialties.models import Membership, Site, Specialty
from sustainability.models import Challenge, Perspective


class NotApproved(Exception):
    """The strategic ambition has no approved version to build the professional one on."""


def _live_areas(strategic: StrategicAmbition) -> dict[str, InterventionArea]:
    """The working copy's areas by title: the frozen content has no ids to link by."""
    areas: dict[str, InterventionArea] = {}
    for area in InterventionArea.objects.filter(ambition=strategic).order_by("order", "pk"):
        areas.setdefault(area.title.strip(), area)
    return areas


def _approved(specialty: Specialty) -> tuple[StrategicAmbition, AmbitionVersion]:
    strategic = (
        StrategicAmbition.objects.select_related("approved_version")
        .filter(specialty=specialty)
        .first()
    )
    if strategic is None or strategic.approved_version is None:
        raise NotApproved
    return strategic, strategic.approved_version


@transaction.atomic
def professional_open(*, specialty: Specialty, by: User) -> ProfessionalAmbition:
    """Open the professional ambition: one framework per intervention area of the APPROVED
    version (not of a later draft), in its order. Opening twice returns the first one."""
    # Lock the specialty so two people pressing "open" at once make one ambition.
    Specialty.objects.select_for_update().get(pk=specialty.pk)
    existing = ProfessionalAmbition.objects.filter(specialty=specialty).first()
    if existing is not None:
        return existing
    strategic, version = _approved(specialty)
    ambition = ProfessionalAmbition.objects.create(
        specialty=specialty, based_on=version, opened_by=by
    )
    live = _live_areas(strategic)
    for order, title in enumerate(area_titles(version), start=1):
        record_as(
            AreaFramework(
                ambition=ambition, title=title, order=order, intervention_area=live.get(title)
            ),
            by,
        ).save()
    return ambition


@transaction.atomic
def frameworks_synchronise(*, ambition: ProfessionalAmbition, by: User) -> list[AreaFramework]:
    """Bring the frameworks in step with the newest approved version.

    Adds a framework for each new intervention area, follows the version's order, links
    frameworks to the live areas, and removes only frameworks of dropped areas that nobody
    has written anything in. Returns the frameworks it added.
    """
    ambition = ProfessionalAmbition.objects.select_for_update().get(pk=ambition.pk)
    strategic, version = _approved(ambition.specialty)
    titles = area_titles(version)
    live = _live_areas(strategic)
    frameworks = list(AreaFramework.objects.filter(ambition=ambition).order_by("order", "pk"))
    by_title = {f.title.strip(): f for f in frameworks}
    added: list[AreaFramework] = []
    for order, title in enumerate(titles, start=1):
        framework = by_title.get(title)
        area = live.get(title)
        if framework is None:
            framework = record_as(
                AreaFramework(ambition=ambition, title=title, order=order, intervention_area=area),
                by,
            )
            framework.save()
            added.append(framework)
            continue
        changed = []
        if framework.order != order:
            framework.order = order
            changed.append("order")
        if area is not None and framework.intervention_area_id != area.pk:
            framework.intervention_area = area
            changed.append("intervention_area")
        if changed:
            record_as(framework, by).save(update_fields=changed)
    # Frameworks of areas the new version dropped go last; empty ones go away.
    extra_order = len(titles)
    for framework in frameworks:
        if framework.title.strip() in titles:
            continue
        if has_work(framework):
            extra_order += 1
            if framework.order != extra_order:
                framework.order = extra_order
                record_as(framework, by).save(update_fields=["order"])
        else:
            record_as(framework, by).delete()
    if ambition.based_on_id != version.pk:
        ambition.based_on = version
        ambition.save(update_fields=["based_on"])
    return added


def _lock(framework: AreaFramework) -> AreaFramework:
    return AreaFramework.objects.select_for_update().get(pk=framework.pk)


@transaction.atomic
def framework_purpose_save(
    *, framework: AreaFramework, purpose: str, base_revision: int, by: User
) -> AreaFramework:
    """Save the framework's purpose, unless someone saved the framework in between."""
    current = locked_for_edit(AreaFramework, pk=framework.pk, base_revision=base_revision)
    if current.purpose == purpose:
        return current
    current.purpose = purpose
    current.revision += 1
    record_as(current, by).save(update_fields=["purpose", "revision"])
    return current


@transaction.atomic
def outcome_goal_add(
    *,
    framework: AreaFramework,
    by: User,
    description: str,
    indicator: str,
    unit: str,
    baseline: Decimal,
    target: Decimal,
    target_date: datetime.date,
) -> OutcomeGoal:
    goal = OutcomeGoal(
        framework=framework,
        description=description,
        indicator=indicator,
        unit=unit,
        baseline=baseline,
        target=target,
        target_date=target_date,
    )
    record_as(goal, by).save()
    return goal


@transaction.atomic
def outcome_goal_delete(*, goal: OutcomeGoal, by: User) -> None:
    record_as(goal, by).delete()


@transaction.atomic
def actor_add(
    *, framework: AreaFramework, by: User, name: str, role: str, interest: int, influence: int
) -> Actor:
    actor = Actor(framework=framework, name=name, role=role, interest=interest, influence=influence)
    record_as(actor, by).save()
    return actor


@transaction.atomic
def actor_delete(*, actor: Actor, by: User) -> None:
    record_as(actor, by).delete()


@transaction.atomic
def focus_area_add(
    *, framework: AreaFramework, by: User, title: str, description: str = ""
) -> InterventionFocusArea:
    last = InterventionFocusArea.objects.filter(framework=framework).aggregate(m=Max("order"))["m"]
    focus_area = InterventionFocusArea(
        framework=framework, title=title, description=description, order=(last or 0) + 1
    )
    record_as(focus_area, by).save()
    return focus_area


@transaction.atomic
def focus_area_rename(
    *, focus_area: InterventionFocusArea, by: User, title: str
) -> InterventionFocusArea:
    if focus_area.title != title:
        focus_area.title = title
        record_as(focus_area, by).save(update_fields=["title"])
    return focus_area


@transaction.atomic
def framework_core_team_set(
    *, framework: AreaFramework, by: User, memberships: list[Membership]
) -> AreaFramework:
    """Choose the framework's core team among the specialty's people."""
    current = _lock(framework)
    specialty_id = current.ambition.specialty_id
    if any(m.specialty_id != specialty_id for m in memberships):
        raise ValueError("a framework's core team comes from its own specialty")
    record_as(current, by)
    current.core_team.set(memberships)
    return current


@transaction.atomic
def status_update(
    *,
    framework: AreaFramework,
    by: User,
    base_revision: int,
    anchoring: str,
    progress_owner: User | None,
    deadline: datetime.date | None,
    timeline: str,
    comment: str = "",
) -> AreaFramework:
    """Save the area's row in Status og fremdrift, with an optional dated status comment.

    Saving the row, even unchanged, says "we looked at it today": it stamps who and when.
    """
    current = locked_for_edit(AreaFramework, pk=framework.pk, base_revision=base_revision)
    now = timezone.now()
    current.anchoring = anchoring
    current.progress_owner = progress_owner
    current.deadline = deadline
    current.timeline = timeline
    current.status_updated_at = now
    current.status_updated_by = by
    current.revision += 1
    record_as(current, by).save(
        update_fields=[
            "anchoring",
            "progress_owner",
            "deadline",
            "timeline",
            "status_updated_at",
            "status_updated_by",
            "revision",
        ]
    )
    if comment:
        StatusComment.objects.create(framework=current, text=comment, author=by, written_at=now)
    return current


@dataclass(frozen=True)
class AssessmentInput:
    """How the action weakens (-) or strengthens (+) one sustainability perspective, and why."""

    perspective: Perspective
    rating: int
    justification: str = ""


@dataclass(frozen=True)
class PrincipleInput:
    """A BASS principle the action builds on, and how (the guide "Hvad er en faglig ambition?":
    part of the justification)."""

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
    # The sites it concerns; none: every site of the specialty (``Action.sites``).
    sites: Sequence[Site] = ()
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
    # sites are prefetched by the access functions too
    if data.sites and not {s.pk for s in data.sites} <= {s.pk for s in specialty.sites.all()}:
        raise ValueError("a site where the specialty is not present")


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
            record_as(row, by)
            row.save()
        elif (row.rating, row.justification) != (given.rating, justification):
            row.rating, row.justification = given.rating, justification
            record_as(row, by)
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
            record_as(link, by)
            link.save()
        elif link.justification != justification:
            link.justification = justification
            record_as(link, by)
            link.save(update_fields=["justification"])
    for link in existing.values():
        record_as(link, by)
        link.delete()


def _save_related(*, action: Action, data: ActionInput, by: User) -> None:
    record_as(action, by)  # the challenges' m2m history record
    action.challenges.set(data.challenges)
    # Through the relation, so the m2m signal bumps the specialty's content version.
    action.sites.set(data.sites)
    _save_assessments(action=action, assessments=data.assessments, by=by)
    _save_principles(action=action, principles=data.principles, by=by)


@transaction.atomic
def action_create(*, focus_area: InterventionFocusArea, by: User, data: ActionInput) -> Action:
    """Add an action to the focus area, with its assessments and principles, all or nothing."""
    _check(data, _specialty_of(focus_area))
    action = Action(focus_area=focus_area, updated_by=by, updated_at=timezone.now())
    for name in ACTION_FIELDS:
        setattr(action, name, getattr(data, name))
    record_as(action, by)
    action.save()
    _save_related(action=action, data=data, by=by)
    return action


@transaction.atomic
def action_update(*, action: Action, by: User, base_revision: int, data: ActionInput) -> Action:
    """Change an action unless someone saved it since ``base_revision`` (then EditConflict)."""
    _check(data, _specialty_of(action.focus_area))
    current = locked_for_edit(Action, pk=action.pk, base_revision=base_revision)
    for name in ACTION_FIELDS:
        setattr(current, name, getattr(data, name))
    current.revision += 1
    current.updated_at = timezone.now()
    current.updated_by = by
    record_as(current, by)
    current.save(update_fields=[*ACTION_FIELDS, "revision", "updated_at", "updated_by"])
    _save_related(action=current, data=data, by=by)
    return current


@transaction.atomic
def milestone_add(*, action: Action, by: User, title: str, due_date: datetime.date) -> Milestone:
    if not title.strip():
        raise ValueError("a milestone needs a title")
    milestone = Milestone(action=action, title=title.strip(), due_date=due_date)
    record_as(milestone, by)
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
    record_as(current, by)
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
    record_as(indicator, by)
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
