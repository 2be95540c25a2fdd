"""Writes of the professional ambition's frameworks and status rows.

Opening the professional ambition from the approved strategic ambition, keeping its
frameworks in step with a later approved version, and every change to a framework ("Rammer
for indsatsområdet") and its row in "Status og fremdrift". Each function is keyword-only,
runs in a transaction and records who made the change in the history.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from ambitions.models import (
    Actor,
    AmbitionVersion,
    AreaFramework,
    InterventionArea,
    InterventionFocusArea,
    OutcomeGoal,
    ProfessionalAmbition,
    StatusComment,
    StrategicAmbition,
)
from people.models import User
from specialties.models import Membership, Specialty


class NotApproved(Exception):
    """The strategic ambition has no approved version to build the professional one on."""


class FrameworkEditConflict(Exception):
    """Someone saved the framework since the editor opened it; ``current`` is theirs."""

    def __init__(self, current: AreaFramework) -> None:
        super().__init__("edit conflict")
        self.current = current


def _by(obj: Any, by: User) -> Any:
    obj._history_user = by
    return obj


def area_titles(version: AmbitionVersion) -> list[str]:
    """The intervention areas' titles in the frozen version, in its order."""
    titles: list[str] = []
    for area in version.content.get("intervention_areas", []):
        title = str(area.get("title", "")).strip()
        if title and title not in titles:
            titles.append(title)
    return titles


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
        _by(
            AreaFramework(
                ambition=ambition, title=title, order=order, intervention_area=live.get(title)
            ),
            by,
        ).save()
    return ambition


def has_work(framework: AreaFramework) -> bool:
    """Whether anything has been written in the framework (then it is never removed)."""
    return bool(
        framework.purpose
        or framework.anchoring
        or framework.timeline
        or framework.deadline
        or framework.progress_owner_id
        or framework.outcome_goals.exists()
        or framework.actors.exists()
        or framework.focus_areas.exists()
        or framework.core_team.exists()
        or framework.status_comments.exists()
    )


def missing_frameworks(frameworks: list[AreaFramework], version: AmbitionVersion) -> list[str]:
    """Titles of ``version``'s intervention areas that have no framework among ``frameworks``."""
    have = {f.title.strip() for f in frameworks}
    return [t for t in area_titles(version) if t not in have]


def dropped_frameworks(
    frameworks: list[AreaFramework], version: AmbitionVersion
) -> list[AreaFramework]:
    """Frameworks whose intervention area is not in ``version`` (kept when they have work)."""
    titles = set(area_titles(version))
    return [f for f in frameworks if f.title.strip() not in titles]


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
            framework = _by(
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
            _by(framework, by).save(update_fields=changed)
    # Frameworks of areas the new version dropped go last; empty ones go away.
    extra_order = len(titles)
    for framework in frameworks:
        if framework.title.strip() in titles:
            continue
        if has_work(framework):
            extra_order += 1
            if framework.order != extra_order:
                framework.order = extra_order
                _by(framework, by).save(update_fields=["order"])
        else:
            _by(framework, by).delete()
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
    current = _lock(framework)
    if current.revision != base_revision:
        raise FrameworkEditConflict(current)
    if current.purpose == purpose:
        return current
    current.purpose = purpose
    current.revision += 1
    _by(current, by).save(update_fields=["purpose", "revision"])
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
    _by(goal, by).save()
    return goal


@transaction.atomic
def outcome_goal_delete(*, goal: OutcomeGoal, by: User) -> None:
    _by(goal, by).delete()


@transaction.atomic
def actor_add(
    *, framework: AreaFramework, by: User, name: str, role: str, interest: int, influence: int
) -> Actor:
    actor = Actor(framework=framework, name=name, role=role, interest=interest, influence=influence)
    _by(actor, by).save()
    return actor


@transaction.atomic
def actor_delete(*, actor: Actor, by: User) -> None:
    _by(actor, by).delete()


@transaction.atomic
def focus_area_add(
    *, framework: AreaFramework, by: User, title: str, description: str = ""
) -> InterventionFocusArea:
    last = InterventionFocusArea.objects.filter(framework=framework).aggregate(m=Max("order"))["m"]
    focus_area = InterventionFocusArea(
        framework=framework, title=title, description=description, order=(last or 0) + 1
    )
    _by(focus_area, by).save()
    return focus_area


@transaction.atomic
def focus_area_rename(
    *, focus_area: InterventionFocusArea, by: User, title: str
) -> InterventionFocusArea:
    if focus_area.title != title:
        focus_area.title = title
        _by(focus_area, by).save(update_fields=["title"])
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
    _by(current, by)
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
    current = _lock(framework)
    if current.revision != base_revision:
        raise FrameworkEditConflict(current)
    now = timezone.now()
    current.anchoring = anchoring
    current.progress_owner = progress_owner
    current.deadline = deadline
    current.timeline = timeline
    current.status_updated_at = now
    current.status_updated_by = by
    current.revision += 1
    _by(current, by).save(
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
