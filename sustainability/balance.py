"""How a specialty's challenges lean across the three sustainability perspectives (the guide
"Bæredygtighed").

Seed 000: when a specialty has a preponderance ("overvægt") of challenges that belong to one
perspective, the owner and implementation leads should give that perspective special
attention. This module turns that into numbers and one stated rule, so the challenges page,
the strategic ambition and its PDF all show the same thing.

``perspective_balance`` is pure: it reads the challenges' ``primary_perspective_id`` and
their prefetched ``lens_answers`` and queries nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from sustainability.models import Challenge, LensAnswer, Perspective

if TYPE_CHECKING:
    from specialties.models import Specialty

# The rule, stated once: "more than half" of "at least three". With one or two challenges
# every split is lopsided, so a warning would say nothing.
MIN_CHALLENGES_FOR_DOMINANCE = 3
DOMINANCE_RULE = _(
    "A perspective dominates when it is the primary perspective of more than half of the "
    "challenges, counted once there are at least three challenges."
)


@dataclass(frozen=True)
class PerspectiveCount:
    """One perspective's numbers: as primary perspective, and as an answered lens."""

    perspective: Perspective
    primary: int
    answered: int
    total: int

    @property
    def unanswered(self) -> int:
        return self.total - self.answered


@dataclass(frozen=True)
class MissingLenses:
    """A challenge and the perspectives whose reflection question it has not answered."""

    challenge: Challenge
    perspectives: list[Perspective]


@dataclass(frozen=True)
class ChartText:
    """The words of the chart, translated here: makemessages does not read .svg templates."""

    title: str
    primary: str
    answered: str
    scale: str
    half: str
    dominates: str
    description: str  # every number in one paragraph, for <desc> and screen readers


@dataclass(frozen=True)
class Balance:
    total: int
    counts: list[PerspectiveCount]  # in the order of the perspectives given
    missing: list[MissingLenses]  # in the order of the challenges given
    dominant: Perspective | None

    @property
    def is_empty(self) -> bool:
        return self.total == 0

    @property
    def rule(self) -> str:
        return str(DOMINANCE_RULE)

    @property
    def counted(self) -> bool:
        """Whether there are enough challenges for the rule to apply."""
        return self.total >= MIN_CHALLENGES_FOR_DOMINANCE

    @property
    def chart_text(self) -> ChartText:
        """The chart's words in the active language (read while the template renders)."""
        sentences = [
            ngettext("%(total)s challenge.", "%(total)s challenges.", self.total)
            % {"total": self.total}
        ]
        sentences += [
            gettext(
                "%(perspective)s: primary perspective of %(primary)s, "
                "lens answered by %(answered)s."
            )
            % {"perspective": c.perspective.name, "primary": c.primary, "answered": c.answered}
            for c in self.counts
        ]
        if self.dominant is not None:
            sentences.append(
                gettext("%(perspective)s dominates.") % {"perspective": self.dominant.name}
            )
        return ChartText(
            title=gettext("Balance between the perspectives"),
            primary=gettext("Primary perspective"),
            answered=gettext("Lens answered"),
            scale=ngettext("of %(total)s challenge", "of %(total)s challenges", self.total)
            % {"total": self.total},
            half=gettext("Half of the challenges"),
            dominates=gettext("dominates"),
            description=" ".join(sentences),
        )


def perspectives_with_focus_areas() -> list[Perspective]:
    """The perspectives in their order, with their focus areas (two queries)."""
    return list(Perspective.objects.prefetch_related("focus_areas"))


def perspectives_with_guides() -> list[Perspective]:
    """The perspectives with their focus areas and examples (three queries): what the
    challenge form shows beside each lens, the guide "Bæredygtighed" in its own words."""
    return list(Perspective.objects.prefetch_related("focus_areas", "examples"))


def prefetched_challenges(specialty: Specialty) -> QuerySet[Challenge]:
    """A specialty's challenges, core ones first in their order, with what the balance and
    the pages read: three queries however many challenges there are."""
    return (
        Challenge.objects.filter(specialty=specialty)
        .select_related("primary_perspective")
        .prefetch_related(
            Prefetch("lens_answers", queryset=LensAnswer.objects.select_related("perspective")),
            "focus_areas",
        )
    )


def challenges_by_specialty(specialty_ids: Sequence[int]) -> dict[int, list[Challenge]]:
    """``prefetched_challenges`` for many specialties at once, by specialty pk: the same
    three queries for one specialty or the whole region."""
    by_specialty: dict[int, list[Challenge]] = {pk: [] for pk in specialty_ids}
    for challenge in (
        Challenge.objects.filter(specialty_id__in=specialty_ids)
        .select_related("primary_perspective")
        .prefetch_related(
            Prefetch("lens_answers", queryset=LensAnswer.objects.select_related("perspective")),
            "focus_areas",
        )
    ):
        by_specialty[challenge.specialty_id].append(challenge)
    return by_specialty


def leading_perspective_ids(balance: Balance) -> set[int]:
    """The perspectives that are the primary perspective of the most challenges (all of
    them when tied); none without challenges. The overview's perspective filter uses it."""
    top = max((c.primary for c in balance.counts), default=0)
    if top == 0:
        return set()
    return {c.perspective.pk for c in balance.counts if c.primary == top}


def answered_perspective_ids(challenge: Challenge) -> set[int]:
    """The perspectives whose lens the challenge answers (prefetched ``lens_answers``)."""
    return {a.perspective_id for a in challenge.lens_answers.all() if a.text.strip()}


def perspective_balance(
    challenges: Sequence[Challenge], perspectives: Sequence[Perspective]
) -> Balance:
    """Count, per perspective, the challenges that have it as their primary perspective and
    those that answer its lens; name the lenses each challenge lacks; apply the rule."""
    total = len(challenges)
    answered = {c.pk: answered_perspective_ids(c) for c in challenges}
    counts = [
        PerspectiveCount(
            perspective=p,
            primary=sum(1 for c in challenges if c.primary_perspective_id == p.pk),
            answered=sum(1 for c in challenges if p.pk in answered[c.pk]),
            total=total,
        )
        for p in perspectives
    ]
    missing = [
        MissingLenses(challenge=c, perspectives=lacking)
        for c in challenges
        if (lacking := [p for p in perspectives if p.pk not in answered[c.pk]])
    ]
    dominant = None
    if total >= MIN_CHALLENGES_FOR_DOMINANCE:
        dominant = next((c.perspective for c in counts if 2 * c.primary > total), None)
    return Balance(total=total, counts=counts, missing=missing, dominant=dominant)


def frozen_balance(
    core_challenges: Sequence[dict[str, Any]], perspectives: Sequence[Perspective]
) -> Balance:
    """The balance of the core challenges as a version of the strategic ambition froze them.

    A version's content keeps its core challenges as data, not rows, so that version 2 still
    shows version 2 after the challenges changed. ``perspective_balance`` reads challenges
    and their lens answers; here they are unsaved stand-ins built from the frozen data
    (perspectives matched by name, as the content stores them). Queries nothing.
    """
    by_name = {p.name: p for p in perspectives}
    challenges = []
    for number, frozen in enumerate(core_challenges, start=1):
        challenge = Challenge(
            pk=number,
            title=frozen.get("title", ""),
            primary_perspective=by_name.get(frozen.get("primary_perspective", "")),
        )
        answers = [
            LensAnswer(perspective=by_name[lens["perspective"]], text=lens.get("text", ""))
            for lens in frozen.get("lenses", [])
            if lens.get("perspective") in by_name
        ]
        # What prefetch_related would have put there: the balance never queries.
        challenge._prefetched_objects_cache = {"lens_answers": answers}  # type: ignore[attr-defined]
        challenges.append(challenge)
    return perspective_balance(challenges, perspectives)
