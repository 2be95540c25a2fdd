"""How the actions of a specialty lean across the three perspectives and the BASS principles
(issue 28, item 4): the actions' ratings (``PerspectiveAssessment``, -2..+2) summed per
perspective, how many actions cite each principle, and the gaps in words.

The decision brief (``ambitions.strategic.brief``) reads ``action_balance`` for its table of
the planned actions; the professional ambition's overview and its status PDF read
``work_balance``, which adds the principles and draws the sums beside the challenges'
balance (``sustainability.balance``). One function sums, so the brief and the page agree.

It lives beside the models, not under ``strategic`` or ``professional``: both read it, and
the professional ambition may build on the strategic one but not the other way round.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Prefetch
from django.utils.translation import gettext, ngettext

from ambitions.models import Action, ActionPrinciple, PerspectiveAssessment, Principle
from ambitions.models.professional import RATING_MAX
from sustainability.balance import Balance, frozen_balance
from sustainability.models import Perspective

if TYPE_CHECKING:
    from ambitions.models import AmbitionVersion
    from specialties.models import Specialty


@dataclass(frozen=True)
class ActionBalance:
    """One perspective's view of the planned actions: their ratings summed, and how many
    actions strengthen (rating above 0) or weaken (below 0) it."""

    perspective: Perspective
    total: int
    strengthening: int
    weakening: int


@dataclass(frozen=True)
class PrincipleCount:
    """A BASS principle and how many of the planned actions cite it."""

    principle: Principle
    actions: int


@dataclass(frozen=True)
class ActionChartText:
    """The chart's words, translated here: makemessages does not read .svg templates."""

    title: str
    scale: str
    description: str  # every number in one paragraph, for <desc> and screen readers


@dataclass(frozen=True)
class Bar:
    """One perspective's bar in the chart, in per cent of its width, as SVG reads numbers
    (a float in a template would be localised: "12,5" in Danish)."""

    row: ActionBalance
    x: str
    width: str
    end: str


@dataclass(frozen=True)
class WorkBalance:
    """The balance of the work: the planned actions per perspective and per principle, beside
    the balance of the challenges they answer (None when there is none to show)."""

    action_count: int
    perspectives: list[ActionBalance]
    principles: list[PrincipleCount]
    challenge_balance: Balance | None

    @property
    def is_empty(self) -> bool:
        return self.action_count == 0

    @property
    def scale(self) -> int:
        """The bars' half-width: the largest sum either way, at least the top rating of one
        action (so a single +1 does not fill the bar)."""
        return max([RATING_MAX, *(abs(b.total) for b in self.perspectives)])

    @property
    def gaps(self) -> list[str]:
        """What no planned action does, in words; nothing before there are actions."""
        if self.is_empty:
            return []
        gaps = [
            gettext("No planned action strengthens the perspective “%(perspective)s”.")
            % {"perspective": b.perspective.name}
            for b in self.perspectives
            if b.strengthening == 0
        ]
        gaps += [
            gettext("No planned action cites the BASS principle “%(principle)s”.")
            % {"principle": p.principle.name}
            for p in self.principles
            if p.actions == 0
        ]
        return gaps

    @property
    def chart_text(self) -> ActionChartText:
        sentences = [
            ngettext("%(count)s planned action.", "%(count)s planned actions.", self.action_count)
            % {"count": self.action_count}
        ]
        sentences += [
            gettext(
                "%(perspective)s: ratings summed to %(total)s; %(strengthening)s strengthen "
                "it, %(weakening)s weaken it."
            )
            % {
                "perspective": b.perspective.name,
                "total": b.total,
                "strengthening": b.strengthening,
                "weakening": b.weakening,
            }
            for b in self.perspectives
        ]
        return ActionChartText(
            title=gettext("The actions' ratings summed per perspective"),
            scale=gettext("from −%(scale)s to +%(scale)s") % {"scale": self.scale},
            description=" ".join(sentences),
        )

    @property
    def bars(self) -> list[Bar]:
        """Where each perspective's bar is drawn, in per cent of the chart's width: the zero
        line at 45 %, the scale's ends at 1 % and 89 %."""
        bars = []
        for row in self.perspectives:
            width = round(44 * abs(row.total) / self.scale, 1)
            start = 45 - width if row.total < 0 else 45
            end = start if row.total < 0 else 45 + width
            bars.append(Bar(row=row, x=f"{start:g}", width=f"{width:g}", end=f"{end:g}"))
        return bars


def planned_actions(specialty: Specialty, *, principles: bool = False) -> list[Action]:
    """The specialty's actions that still count (a stopped action plans nothing), with their
    ratings and, with ``principles``, the principles they cite: two or three queries."""
    actions = Action.objects.prefetch_related(
        Prefetch(
            "assessments",
            queryset=PerspectiveAssessment.objects.only("action", "rating", "perspective"),
        )
    )
    if principles:
        actions = actions.prefetch_related(
            Prefetch("principles", queryset=ActionPrinciple.objects.only("action", "principle"))
        )
    return list(
        actions.filter(focus_area__framework__ambition__specialty=specialty)
        .exclude(status=Action.Status.STOPPED)
        .order_by("focus_area__framework__order", "focus_area__order", "start_date", "pk")
    )


def action_balance(actions: list[Action], perspectives: list[Perspective]) -> list[ActionBalance]:
    """Sum the actions' ratings per perspective (prefetched ``assessments``: no query)."""
    ratings: dict[int, list[int]] = {p.pk: [] for p in perspectives}
    for action in actions:
        for assessment in action.assessments.all():
            ratings.setdefault(assessment.perspective_id, []).append(assessment.rating)
    return [
        ActionBalance(
            perspective=p,
            total=sum(ratings[p.pk]),
            strengthening=sum(1 for r in ratings[p.pk] if r > 0),
            weakening=sum(1 for r in ratings[p.pk] if r < 0),
        )
        for p in perspectives
    ]


def principle_counts(actions: list[Action], principles: list[Principle]) -> list[PrincipleCount]:
    """How many actions cite each principle (prefetched ``principles``: no query)."""
    cited: dict[int, int] = {p.pk: 0 for p in principles}
    for action in actions:
        for pk in {ap.principle_id for ap in action.principles.all()}:
            cited[pk] = cited.get(pk, 0) + 1
    return [PrincipleCount(principle=p, actions=cited[p.pk]) for p in principles]


def work_balance(specialty: Specialty, approved: AmbitionVersion | None) -> WorkBalance:
    """The balance of the specialty's planned actions beside the core challenges of the
    ``approved`` version (five queries: the perspectives, the principles, the actions, their
    ratings and their principles).

    The challenges are the approved version's frozen ones for every reader: the learning rule
    (``ambitions.professional.learning``) keeps the working copy's challenges from readers
    outside the specialty, and the professional ambition carries out the approved strategy
    anyway. The actions' ratings and principles are the professional ambition's own, readable
    by whoever may read it."""
    perspectives = list(Perspective.objects.order_by("order", "name"))
    challenges = (
        frozen_balance(approved.content.get("core_challenges", []), perspectives)
        if approved is not None
        else None
    )
    actions = planned_actions(specialty, principles=True)
    return WorkBalance(
        action_count=len(actions),
        perspectives=action_balance(actions, perspectives),
        principles=principle_counts(actions, list(Principle.objects.order_by("order", "name"))),
        challenge_balance=challenges,
    )
