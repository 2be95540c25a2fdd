"""The decision brief: the facts the app holds about a submitted strategic ambition, put
before the steering group beside the text it decides on (issue 28, item 1).

The brief gathers, for the version awaiting a decision: the core-team rule per site, the
balance of the core challenges across the three perspectives, the balance of the planned
actions (their ratings per perspective), the open conditions of earlier versions, what
changed since the approved version, the prerequisites that are late, and the resources the
actions ask for. Each item that
falls short of the guides is a *flag*, in words; approving while a flag stands needs a
remark, which goes into the decision register with the flags (``services.ambition_approve``).

The decision page and the one-page PDF (``documents.builders.decision_brief``) read the same
``decision_brief``, so they always agree. The programme has no model of dependencies
between specialties or actions, so the brief has nothing to say about them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ambitions.balance import ActionBalance, planned_actions
from ambitions.balance import action_balance as balance_of_actions
from ambitions.models import (
    Action,
    AmbitionVersion,
    ApprovalCondition,
    Prerequisite,
    StrategicAmbition,
)
from ambitions.strategic import content
from specialties.models import MIN_CLINICAL_REPRESENTATIVES_PER_SITE, SiteCoverage, Specialty
from sustainability.balance import Balance, frozen_balance
from sustainability.models import Perspective


@dataclass(frozen=True)
class ResourceRequest:
    """What one action asks for (``Action.resource_*``)."""

    action: Action
    hours: Decimal | None
    fte: Decimal | None
    dkk: Decimal | None
    text: str


@dataclass(frozen=True)
class Flags:
    """The shortfalls, in words, per item of the brief."""

    core_team: list[str] = field(default_factory=list)
    challenges: list[str] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)
    conditions: list[str] = field(default_factory=list)
    prerequisites: list[str] = field(default_factory=list)

    @property
    def all(self) -> list[str]:
        return [
            *self.core_team,
            *self.challenges,
            *self.actions,
            *self.conditions,
            *self.prerequisites,
        ]


@dataclass(frozen=True)
class Brief:
    specialty: Specialty
    version: AmbitionVersion
    coverage: list[SiteCoverage]
    min_per_site: int
    challenge_balance: Balance
    action_count: int
    action_balance: list[ActionBalance]
    open_conditions: list[ApprovalCondition]
    late_prerequisites: list[Prerequisite]
    approved_version: AmbitionVersion | None
    changed: list[str]  # titles of the sections changed since the approved version
    resources: list[ResourceRequest]
    totals: dict[str, Decimal]
    flags: Flags

    @property
    def flag_texts(self) -> list[str]:
        return self.flags.all


def _resources(actions: list[Action]) -> tuple[list[ResourceRequest], dict[str, Decimal]]:
    requests = [
        ResourceRequest(
            action=a,
            hours=a.resource_hours,
            fte=a.resource_fte,
            dkk=a.resource_dkk,
            text=a.resource_text,
        )
        for a in actions
        if a.resource_hours or a.resource_fte or a.resource_dkk or a.resource_text.strip()
    ]
    totals = {
        "hours": sum((r.hours or Decimal(0) for r in requests), Decimal(0)),
        "fte": sum((r.fte or Decimal(0) for r in requests), Decimal(0)),
        "dkk": sum((r.dkk or Decimal(0) for r in requests), Decimal(0)),
    }
    return requests, totals


def _core_team_flags(coverage: list[SiteCoverage]) -> list[str]:
    return [
        _("The core team has %(count)s of at least %(min)s clinical representatives at %(site)s.")
        % {
            "count": c.clinical_representatives,
            "min": MIN_CLINICAL_REPRESENTATIVES_PER_SITE,
            "site": c.site.name,
        }
        for c in coverage
        if not c.is_met
    ]


def _challenge_flags(balance: Balance) -> list[str]:
    if balance.is_empty:
        return [_("The version has no core challenges.")]
    flags = [
        _("No core challenge is looked at through the perspective “%(perspective)s”.")
        % {"perspective": c.perspective.name}
        for c in balance.counts
        if c.answered == 0
    ]
    if balance.dominant is not None:
        flags.append(
            _(
                "“%(perspective)s” is the primary perspective of more than half of the core "
                "challenges: give the other perspectives special attention."
            )
            % {"perspective": balance.dominant.name}
        )
    return flags


def _action_flags(action_count: int, balance: list[ActionBalance]) -> list[str]:
    if action_count == 0:
        return []  # a first strategic ambition comes before its actions: nothing falls short
    return [
        _("No planned action strengthens the perspective “%(perspective)s”.")
        % {"perspective": b.perspective.name}
        for b in balance
        if b.strengthening == 0
    ]


def _condition_flags(conditions: list[ApprovalCondition]) -> list[str]:
    return [
        _("A condition of version %(number)s is still open (deadline %(deadline)s): %(text)s")
        % {
            "number": c.version.number,
            "deadline": date_format(c.deadline),
            "text": c.text,
        }
        for c in conditions
    ]


def _prerequisite_flags(prerequisites: list[Prerequisite]) -> list[str]:
    return [
        _(
            "The prerequisite “%(title)s” is not in place (deadline %(deadline)s, "
            "responsible %(who)s)."
        )
        % {"title": p.title, "deadline": date_format(p.deadline), "who": p.responsible}
        for p in prerequisites
    ]


def decision_brief(ambition: StrategicAmbition, version: AmbitionVersion) -> Brief:
    """The brief on ``version`` of ``ambition``, from the data as it stands now.

    The challenges are read as the version froze them (what is decided on); the core team,
    the actions and the conditions as they are today (what the decision meets)."""
    specialty = Specialty.objects.with_people().get(pk=ambition.specialty_id)
    perspectives = list(Perspective.objects.order_by("order", "name"))
    coverage = specialty.core_team_coverage()
    challenge_balance = frozen_balance(version.content.get("core_challenges", []), perspectives)
    actions = planned_actions(specialty)
    action_balance = balance_of_actions(actions, perspectives)
    open_conditions = list(
        ApprovalCondition.objects.open()
        .filter(version__ambition=ambition)
        .exclude(version=version)
        .select_related("version", "responsible")
        .order_by("deadline", "pk")
    )
    late_prerequisites = list(
        Prerequisite.objects.late(timezone.localdate())
        .filter(specialty=specialty)
        .select_related("responsible")
        .order_by("deadline", "pk")
    )
    approved = ambition.approved_version
    changed: list[str] = []
    if approved is not None and approved.pk != version.pk:
        changed = content.changed_titles(approved.content, version.content)
    resources, totals = _resources(actions)
    flags = Flags(
        core_team=_core_team_flags(coverage),
        challenges=_challenge_flags(challenge_balance),
        actions=_action_flags(len(actions), action_balance),
        conditions=_condition_flags(open_conditions),
        prerequisites=_prerequisite_flags(late_prerequisites),
    )
    return Brief(
        specialty=specialty,
        version=version,
        coverage=coverage,
        min_per_site=MIN_CLINICAL_REPRESENTATIVES_PER_SITE,
        challenge_balance=challenge_balance,
        action_count=len(actions),
        action_balance=action_balance,
        open_conditions=open_conditions,
        late_prerequisites=late_prerequisites,
        approved_version=approved if approved is not None and approved.pk != version.pk else None,
        changed=changed,
        resources=resources,
        totals=totals,
        flags=flags,
    )
