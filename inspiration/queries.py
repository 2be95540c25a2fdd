"""Reads of the inspiration library: search and filters, the cases suggested for a
challenge, the cases an action cites.

Search is one function, ``text_search``, that chooses by the database: on PostgreSQL
full-text search with the Danish configuration (stemmed, so "sygeplejerskerne" finds
"sygeplejersker", and ranked), on SQLite (development, the quick test run) a plain fallback
where every word must occur in one of the fields, in any case.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Prefetch, Q, QuerySet, prefetch_related_objects

from ambitions.models import Action
from inspiration.models import ActionInspiration, Case, Classification, TaskShift
from specialties.models import Specialty
from sustainability.models import Challenge, FocusArea, Perspective

CONFIG = "danish"
CASE_FIELDS = (
    "title",
    "setting",
    "specialty_text",
    "background",
    "what_they_did",
    "prerequisites_and_barriers",
    "results",
    "potential",
)
TASK_SHIFT_FIELDS = ("task", "from_whom", "to_whom", "specialty_text", "finding", "conditions")
# A shared focus area says more about a challenge than a shared perspective does.
FOCUS_AREA_WEIGHT = 2
PERSPECTIVE_WEIGHT = 1
# The best few, not the library: every case shares a perspective with nearly every
# challenge, so all twelve were suggested for each (issue 30, item 11).
MAX_SUGGESTIONS = 5


def is_full_text() -> bool:
    return connection.vendor == "postgresql"


def text_search(queryset: QuerySet, fields: Sequence[str], query: str) -> QuerySet:
    """``queryset`` narrowed to what matches ``query``: on PostgreSQL ranked Danish
    full-text search over ``fields``, elsewhere every word in one of them."""
    query = " ".join(query.split())
    if not query:
        return queryset
    if is_full_text():
        vector = SearchVector(*fields, config=CONFIG)
        search = SearchQuery(query, config=CONFIG, search_type="websearch")
        return (
            queryset.annotate(search=vector, rank=SearchRank(vector, search))
            .filter(search=search)
            .order_by("-rank", *queryset.query.order_by or queryset.model._meta.ordering)
        )
    for word in query.split():
        matches = Q()
        for name in fields:
            matches |= Q(**{f"{name}__icontains": word})
        queryset = queryset.filter(matches)
    return queryset


def cases_queryset() -> QuerySet[Case]:
    return Case.objects.select_related("specialty").prefetch_related(
        "classifications",
        Prefetch("perspectives", queryset=Perspective.objects.order_by("order")),
        Prefetch("focus_areas", queryset=FocusArea.objects.select_related("perspective")),
    )


@dataclass(frozen=True)
class CaseFilters:
    query: str = ""
    classification: Classification | None = None
    perspective: Perspective | None = None
    focus_area: FocusArea | None = None
    specialty: Specialty | None = None


def search_cases(filters: CaseFilters) -> list[Case]:
    """The cases that match the search and every filter given, best matches first."""
    cases = cases_queryset()
    if filters.classification is not None:
        cases = cases.filter(classifications=filters.classification)
    if filters.perspective is not None:
        cases = cases.filter(perspectives=filters.perspective)
    if filters.focus_area is not None:
        cases = cases.filter(focus_areas=filters.focus_area)
    if filters.specialty is not None:
        cases = cases.filter(specialty=filters.specialty)
    return list(text_search(cases, CASE_FIELDS, filters.query))


def classifications_by_kind() -> list[tuple[str, list[Classification]]]:
    """The report's classifications, grouped by kind in the order of ``Kind``."""
    groups: dict[str, list[Classification]] = defaultdict(list)
    for classification in Classification.objects.all():
        groups[classification.kind].append(classification)
    return [(str(kind.label), groups[kind.value]) for kind in Classification.Kind]


def task_shifts(
    *, query: str = "", level: str = "", specialty: Specialty | None = None
) -> list[TaskShift]:
    shifts = TaskShift.objects.select_related("specialty").prefetch_related("cases")
    if level:
        shifts = shifts.filter(level=level)
    if specialty is not None:
        shifts = shifts.filter(specialty=specialty)
    return list(text_search(shifts, TASK_SHIFT_FIELDS, query))


# -- Where the library meets the work ---------------------------------------------------------


@dataclass(frozen=True)
class Suggestion:
    """A case suggested for a challenge, with the tags they share (the reason)."""

    case: Case
    score: int
    focus_areas: list[FocusArea] = field(default_factory=list)
    perspectives: list[Perspective] = field(default_factory=list)


def suggestions_for(challenges: Iterable[Challenge]) -> list[Suggestion]:
    """The best few (``MAX_SUGGESTIONS``) cases for the challenges, best first.

    A case is relevant when it shares a focus area with the challenges; for challenges not
    yet tagged with a focus area, when it shares a perspective. A challenge's perspectives
    are its primary perspective and those of its focus areas. A case scores
    ``FOCUS_AREA_WEIGHT`` for each focus area it shares and ``PERSPECTIVE_WEIGHT`` for each
    perspective; ties go by title. Three queries, whatever the number of cases.
    """
    focus_areas: dict[int, FocusArea] = {}
    perspective_ids: set[int] = set()
    for challenge in challenges:
        perspective_ids.add(challenge.primary_perspective_id)
        for area in challenge.focus_areas.all():
            focus_areas[area.pk] = area
            perspective_ids.add(area.perspective_id)
    if not focus_areas and not perspective_ids:
        return []
    relevant = (
        Q(focus_areas__in=focus_areas) if focus_areas else Q(perspectives__in=perspective_ids)
    )
    candidates = Case.objects.filter(relevant).distinct()
    suggestions = []
    for case in cases_queryset().filter(pk__in=candidates):
        shared_areas = [a for a in case.focus_areas.all() if a.pk in focus_areas]
        shared_perspectives = [p for p in case.perspectives.all() if p.pk in perspective_ids]
        score = FOCUS_AREA_WEIGHT * len(shared_areas) + PERSPECTIVE_WEIGHT * len(
            shared_perspectives
        )
        suggestions.append(Suggestion(case, score, shared_areas, shared_perspectives))
    suggestions.sort(key=lambda s: (-s.score, s.case.title))
    return suggestions[:MAX_SUGGESTIONS]


def challenge_with_tags(challenge: Challenge) -> Challenge:
    """The challenge with its focus areas (and their perspectives) prefetched, for
    ``suggestions_for``."""
    prefetch_related_objects(
        [challenge],
        Prefetch("focus_areas", queryset=FocusArea.objects.select_related("perspective")),
    )
    return challenge


def citations_of(action: Action) -> list[ActionInspiration]:
    return list(
        ActionInspiration.objects.filter(action=action)
        .select_related("case", "created_by")
        .order_by("case__title")
    )


def citations_by_action(action_ids: Iterable[int]) -> dict[int, list[ActionInspiration]]:
    """The cases each action cites, for documents that list many actions: one query."""
    found: dict[int, list[ActionInspiration]] = defaultdict(list)
    for citation in (
        ActionInspiration.objects.filter(action_id__in=list(action_ids))
        .select_related("case")
        .order_by("case__title")
    ):
        found[citation.action_id].append(citation)
    return dict(found)


def suggestions_for_action(action: Action, cited: Iterable[ActionInspiration]) -> list[Suggestion]:
    """Cases suggested by the challenges the action answers, those it cites left out."""
    challenges = list(
        Challenge.objects.filter(actions=action).prefetch_related(
            Prefetch("focus_areas", queryset=FocusArea.objects.select_related("perspective"))
        )
    )
    cited_ids = {c.case_id for c in cited}
    return [s for s in suggestions_for(challenges) if s.case.pk not in cited_ids]
