"""How the actions trace back to the core challenges, and the loose ends (an action that answers
no core challenge, a core challenge no action answers, ...): pure, on what ``status.load``
returned."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from enum import StrEnum

from ambitions.models import (
    Action,
    AreaFramework,
    InterventionFocusArea,
    ProgressIndicator,
)
from ambitions.professional.queries.status import (
    STALE_AFTER_DAYS,
    Loaded,
    latest_measurement,
    status_age_days,
)
from sustainability.models import Challenge


def area_challenges(framework: AreaFramework) -> list[Challenge]:
    """The challenges the framework's strategic intervention area answers."""
    if framework.intervention_area is None:
        return []
    return list(framework.intervention_area.challenges.all())


@dataclass(frozen=True)
class ActionTrace:
    """An action and the challenges it answers: its own, and its intervention area's."""

    action: Action
    framework: AreaFramework
    focus_area: InterventionFocusArea
    direct: list[Challenge]
    through_area: list[Challenge]

    @property
    def challenges(self) -> list[Challenge]:
        seen = {c.pk for c in self.direct}
        return self.direct + [c for c in self.through_area if c.pk not in seen]


@dataclass(frozen=True)
class ChallengeTrace:
    """A core challenge and what answers it, from the strategy down to the indicators."""

    challenge: Challenge
    frameworks: list[AreaFramework]  # through their strategic intervention area
    focus_areas: list[InterventionFocusArea]
    actions: list[Action]
    indicators: list[ProgressIndicator]

    @property
    def is_answered(self) -> bool:
        return bool(self.actions)


@dataclass(frozen=True)
class Traceability:
    challenges: list[ChallengeTrace]
    actions: list[ActionTrace]


def action_traces(loaded: Loaded) -> list[ActionTrace]:
    traces = []
    for framework in loaded.frameworks:
        through_area = area_challenges(framework)
        for focus_area in framework.focus_areas.all():
            for action in focus_area.actions.all():
                traces.append(
                    ActionTrace(
                        action=action,
                        framework=framework,
                        focus_area=focus_area,
                        direct=list(action.challenges.all()),
                        through_area=through_area,
                    )
                )
    return traces


def traceability(loaded: Loaded) -> Traceability:
    """Both ways: from each core challenge down to what answers it, and from each action
    back to its challenges."""
    actions = action_traces(loaded)
    challenges = []
    for challenge in loaded.core_challenges:
        answering = [t for t in actions if any(c.pk == challenge.pk for c in t.challenges)]
        frameworks = [
            f for f in loaded.frameworks if any(c.pk == challenge.pk for c in area_challenges(f))
        ]
        for trace in answering:
            if trace.framework not in frameworks:
                frameworks.append(trace.framework)
        focus_areas: list[InterventionFocusArea] = []
        for trace in answering:
            if trace.focus_area not in focus_areas:
                focus_areas.append(trace.focus_area)
        challenges.append(
            ChallengeTrace(
                challenge=challenge,
                frameworks=frameworks,
                focus_areas=focus_areas,
                actions=[t.action for t in answering],
                indicators=[i for t in answering for i in t.action.indicators.all()],
            )
        )
    return Traceability(challenges=challenges, actions=actions)


class LooseEndKind(StrEnum):
    UNANSWERED_CHALLENGE = "unanswered_challenge"
    UNTIED_ACTION = "untied_action"
    UNMEASURED_INDICATOR = "unmeasured_indicator"
    STALE_STATUS = "stale_status"


@dataclass(frozen=True)
class LooseEnd:
    """Something that does not hang together yet, with where it sits (to link to a fix).

    ``subject`` is a Challenge, an Action, a ProgressIndicator or an AreaFramework, by kind.
    """

    kind: LooseEndKind
    subject: Challenge | Action | ProgressIndicator | AreaFramework
    framework: AreaFramework | None = None
    focus_area: InterventionFocusArea | None = None
    action: Action | None = None
    days: int | None = None  # for a stale status row: days since the last update


def loose_ends(loaded: Loaded, today: datetime.date) -> list[LooseEnd]:
    """Core challenges no action answers, actions tied to no challenge, indicators with no
    measurement (up to today), and status rows not updated for more than 60 days."""
    trace = traceability(loaded)
    ends = [
        LooseEnd(kind=LooseEndKind.UNANSWERED_CHALLENGE, subject=c.challenge)
        for c in trace.challenges
        if not c.is_answered
    ]
    for t in trace.actions:
        if not t.challenges:
            ends.append(
                LooseEnd(
                    kind=LooseEndKind.UNTIED_ACTION,
                    subject=t.action,
                    framework=t.framework,
                    focus_area=t.focus_area,
                    action=t.action,
                )
            )
        for indicator in t.action.indicators.all():
            if latest_measurement(indicator, today) is None:
                ends.append(
                    LooseEnd(
                        kind=LooseEndKind.UNMEASURED_INDICATOR,
                        subject=indicator,
                        framework=t.framework,
                        focus_area=t.focus_area,
                        action=t.action,
                    )
                )
    opened_at = loaded.ambition.opened_at
    for framework in loaded.frameworks:
        age = status_age_days(framework, opened_at, today)
        if age > STALE_AFTER_DAYS:
            ends.append(
                LooseEnd(
                    kind=LooseEndKind.STALE_STATUS,
                    subject=framework,
                    framework=framework,
                    days=age,
                )
            )
    return ends
