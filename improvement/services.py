"""Every write of the improvement tools, each in one transaction."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from ambitions.models import Action, AreaFramework, ProgressIndicator
from bass.editing import locked_for_edit, record_as
from improvement.models import (
    STAGE_ORDER,
    ChangeIdea,
    Driver,
    PDSACycle,
    PDSAStage,
    RunChartBaseline,
)
from people.models import User

# -- Run charts --------------------------------------------------------------------------------


@transaction.atomic
def baseline_set(
    *, indicator: ProgressIndicator, by: User, until: datetime.date | None
) -> RunChartBaseline | None:
    """Fix the baseline period of the indicator's run chart (``None``: all points count)."""
    if until is None:
        RunChartBaseline.objects.filter(indicator=indicator).delete()
        return None
    baseline, _created = RunChartBaseline.objects.update_or_create(
        indicator=indicator,
        defaults={"until": until, "set_by": by, "set_at": timezone.now()},
    )
    return baseline


# -- PDSA cycles -------------------------------------------------------------------------------


@transaction.atomic
def cycle_add(
    *,
    action: Action,
    by: User,
    plan: str,
    responsible: User,
    starts_on: datetime.date,
    study_on: datetime.date,
    prediction: str,
) -> PDSACycle:
    """Plan a new cycle: numbered after the action's last one."""
    if study_on < starts_on:
        raise ValueError("a cycle is studied after it starts")
    Action.objects.select_for_update().filter(pk=action.pk).first()  # one number at a time
    last = PDSACycle.objects.filter(action=action).aggregate(n=Max("number"))["n"] or 0
    cycle = PDSACycle(
        action=action,
        number=last + 1,
        plan=plan,
        responsible=responsible,
        starts_on=starts_on,
        study_on=study_on,
        prediction=prediction,
        updated_by=by,
    )
    record_as(cycle, by).save()
    return cycle


# What each stage writes.
STAGE_FIELDS: dict[str, tuple[str, ...]] = {
    PDSAStage.PLAN: ("plan", "responsible", "starts_on", "study_on", "prediction"),
    PDSAStage.DO: ("do",),
    PDSAStage.STUDY: ("study",),
    PDSAStage.ACT: ("decision", "next_cycle"),
}


@transaction.atomic
def cycle_update(
    *, cycle: PDSACycle, by: User, stage: str, base_revision: int, data: dict[str, object]
) -> PDSACycle:
    """Write one stage of a cycle, in order: a stage is written only once the one before it
    is (Do after Plan, Study after Do, Act after Study). Raises ``EditConflict``."""
    current = locked_for_edit(PDSACycle, pk=cycle.pk, base_revision=base_revision)
    if not current.reached(stage):
        raise ValueError(f"stage {stage} comes after {current.stage}")
    fields = STAGE_FIELDS[PDSAStage(stage)]
    for name in fields:
        setattr(current, name, data[name])
    if stage == PDSAStage.PLAN and current.study_on < current.starts_on:
        raise ValueError("a cycle is studied after it starts")
    # Emptying a stage empties the ones after it, so the order always holds.
    later = STAGE_ORDER[STAGE_ORDER.index(PDSAStage(stage)) + 1 :]
    emptied: list[str] = []
    if not all(getattr(current, name) for name in fields if name != "next_cycle"):
        for after in later:
            for name in STAGE_FIELDS[after]:
                setattr(current, name, "")
                emptied.append(name)
    current.revision += 1
    current.updated_at = timezone.now()
    current.updated_by = by
    record_as(current, by).save(
        update_fields=[*fields, *emptied, "revision", "updated_at", "updated_by"]
    )
    return current


@transaction.atomic
def cycle_delete(*, cycle: PDSACycle, by: User) -> None:
    record_as(cycle, by).delete()


# -- Driver diagrams ---------------------------------------------------------------------------


@transaction.atomic
def driver_add(
    *, framework: AreaFramework, by: User, text: str, parent: Driver | None = None
) -> Driver:
    """A primary driver (no parent) or a secondary driver under a primary one."""
    if parent is not None and (parent.framework_id != framework.pk or not parent.is_primary):
        raise ValueError("a secondary driver belongs under a primary driver of the framework")
    driver = Driver(framework=framework, parent=parent, text=text)
    record_as(driver, by).save()
    return driver


class TextChanged(Exception):
    """Someone changed the text since the form was shown; ``current`` is what it says now."""

    def __init__(self, current: str) -> None:
        super().__init__(current)
        self.current = current


@transaction.atomic
def rename(*, node: Driver | ChangeIdea, by: User, text: str, was: str) -> None:
    """Give a driver or a change idea a new text, unless someone changed it since ``was``
    was shown (under a row lock, so two saves cannot both pass the check)."""
    locked = type(node).objects.select_for_update().get(pk=node.pk)
    if locked.text != was:
        raise TextChanged(locked.text)
    if locked.text == text:
        return
    locked.text = text
    record_as(locked, by).save(update_fields=["text"])
    node.text = text


@transaction.atomic
def driver_delete(*, driver: Driver, by: User) -> None:
    """Remove a driver with everything under it."""
    record_as(driver, by).delete()


@transaction.atomic
def idea_add(*, driver: Driver, by: User, text: str) -> ChangeIdea:
    """A change idea under a secondary driver."""
    if driver.is_primary:
        raise ValueError("change ideas belong under a secondary driver")
    idea = ChangeIdea(driver=driver, text=text)
    record_as(idea, by).save()
    return idea


@transaction.atomic
def idea_delete(*, idea: ChangeIdea, by: User) -> None:
    record_as(idea, by).delete()


@transaction.atomic
def idea_link_actions(*, idea: ChangeIdea, by: User, actions: Iterable[Action]) -> ChangeIdea:
    """The actions that test the change idea; only the framework's own."""
    chosen = list(actions)
    framework_id = idea.driver.framework_id
    if any(action.focus_area.framework_id != framework_id for action in chosen):
        raise ValueError("an idea is tested by actions of its own framework")
    record_as(idea, by)
    idea.actions.set(chosen)
    return idea
