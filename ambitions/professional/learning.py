"""The learning rule on the professional ambition: what a reader from outside the specialty sees
of the strategy it is built on.

The professional ambition is open to the whole programme once the strategic ambition is
approved (``permissions.LEARNING_RULE``), but the strategic ambition's working copy is not:
its challenges (core or not), its intervention areas and a revision's draft changes stay with
the specialty's own people, the steering group and the secretariat. The professional pages
show strategic things (an area's description and the challenges it answers, the challenges
an action answers, the core challenges of Sporbarhed), and they read them live. So for a
reader who may not read the working copy, those things come from the approved version's
frozen content instead (issue 25, item 4):

- the core challenges are the approved version's, with the approved titles;
- an action's challenges are those of its challenges the approved version has as core
  challenges (a non-core or a draft-only challenge is left out);
- a framework's intervention area is the approved version's area of the same id (or, for a
  version frozen before ids were kept, of the same title), so deleting or rewording an area
  in a draft does not change what the programme reads.

``strategy_for(user, specialty)`` says which applies (None: the reader reads the working
copy, nothing changes); ``apply`` puts the approved stand-ins in place of the live objects
on already-loaded frameworks and actions, without a query. The documents use
``approved_strategy`` for everyone, since one PDF is made for all its readers.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ambitions.models import Action, AreaFramework, InterventionArea
from bass.permissions import AnyUser
from specialties import permissions as specialty_permissions
from specialties.models import Specialty
from sustainability.models import Challenge


@dataclass
class ApprovedStrategy:
    """The approved version's core challenges and intervention areas, as unsaved stand-ins
    of the live models (so templates read them the same way)."""

    number: int
    challenges: list[Challenge] = field(default_factory=list)
    challenges_by_id: dict[int, Challenge] = field(default_factory=dict)
    challenges_by_title: dict[str, Challenge] = field(default_factory=dict)
    areas_by_id: dict[int, InterventionArea] = field(default_factory=dict)
    areas_by_title: dict[str, InterventionArea] = field(default_factory=dict)

    def challenge(self, live: Challenge) -> Challenge | None:
        """The approved stand-in of a live challenge, or None if the approved version does
        not have it as a core challenge."""
        found = self.challenges_by_id.get(live.pk)
        if found is None and not self.challenges_by_id:  # a version frozen without ids
            found = self.challenges_by_title.get(live.title)
        return found

    def area(self, framework: AreaFramework) -> InterventionArea | None:
        if framework.intervention_area_id is not None:
            found = self.areas_by_id.get(framework.intervention_area_id)
            if found is not None:
                return found
        # Deleted in a draft (the link is gone), or a version frozen before ids were kept:
        # the framework keeps the area's title.
        return self.areas_by_title.get(framework.title)


def _with_cache(obj: Any, name: str, items: list[Any], model: Any) -> None:
    """``obj.<name>.all()`` answers ``items`` (a prefetch cache of our own: no query)."""
    queryset = model.objects.none()
    queryset._result_cache = items
    queryset._prefetch_done = True
    cache = obj.__dict__.setdefault("_prefetched_objects_cache", {})
    cache[name] = queryset


def approved_strategy(specialty: Specialty) -> ApprovedStrategy | None:
    """The approved version's strategy (from the specialty's selected strategic ambition and
    its approved version: no query when ``with_versions``/``with_people`` selected them)."""
    ambition = getattr(specialty, "strategic_ambition", None)
    version = getattr(ambition, "approved_version", None) if ambition is not None else None
    if version is None:
        return None
    content = version.content
    strategy = ApprovedStrategy(number=version.number)
    live_ids: dict[str, int] = {}
    if any("id" not in c for c in content.get("core_challenges", [])):
        # A version frozen before ids were kept: a live challenge of the same title is the
        # same one (ids are only for telling them apart on the page).
        live_ids = dict(Challenge.objects.filter(specialty=specialty).values_list("title", "pk"))
    for order, frozen in enumerate(content.get("core_challenges", [])):
        pk = frozen.get("id") or live_ids.get(frozen["title"]) or -(order + 1)
        challenge = Challenge(
            pk=pk,
            specialty_id=specialty.pk,
            title=frozen["title"],
            description=frozen.get("description", ""),
            is_core=True,
            core_order=order,
        )
        strategy.challenges.append(challenge)
        if "id" in frozen:
            strategy.challenges_by_id[frozen["id"]] = challenge
        strategy.challenges_by_title[frozen["title"]] = challenge
    for order, frozen in enumerate(content.get("intervention_areas", [])):
        area = InterventionArea(
            pk=frozen.get("id"),
            title=frozen["title"],
            description=frozen.get("description", ""),
            order=order,
        )
        answers = [
            strategy.challenges_by_title[title]
            for title in frozen.get("challenges", [])
            if title in strategy.challenges_by_title
        ]
        _with_cache(area, "challenges", answers, Challenge)
        if "id" in frozen:
            strategy.areas_by_id[frozen["id"]] = area
        strategy.areas_by_title[frozen["title"]] = area
    return strategy


def reads_working_copy(user: AnyUser, specialty: Specialty) -> bool:
    """Whether the reader reads the strategic ambition's working copy (the specialty's people,
    the steering group, the secretariat); everyone else reads the approved version."""
    return specialty_permissions.can_view_ambition(user, specialty)


def strategy_for(user: AnyUser, specialty: Specialty) -> ApprovedStrategy | None:
    """None for a reader of the working copy; the approved strategy for everyone else (an
    empty one if, against the rule, nothing is approved: nothing strategic is shown)."""
    if reads_working_copy(user, specialty):
        return None
    return approved_strategy(specialty) or ApprovedStrategy(number=0)


def reader(strategy: ApprovedStrategy | None) -> str:
    """What a kept page's key says of its reader: the working copy's or the approved
    version's (a page kept for one is never shown to the other)."""
    return "working" if strategy is None else f"approved-{strategy.number}"


def apply(
    strategy: ApprovedStrategy | None,
    *,
    frameworks: Iterable[AreaFramework] = (),
    actions: Iterable[Action] = (),
) -> None:
    """Put the approved stand-ins in place on loaded frameworks and actions (their
    ``intervention_area`` with its challenges, and each action's ``challenges``)."""
    if strategy is None:
        return
    for framework in frameworks:
        area = strategy.area(framework)
        framework._state.fields_cache["intervention_area"] = area
    for action in actions:
        answers = [
            found
            for live in action.challenges.all()
            if (found := strategy.challenge(live)) is not None
        ]
        _with_cache(action, "challenges", answers, Challenge)
