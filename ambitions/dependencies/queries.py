"""What the dependency pages, the home page and Programoverblik read of the dependencies
between specialties; each a fixed number of queries."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator, format_lazy
from django.utils.translation import gettext_lazy as _

from ambitions.models import Action, Dependency, DependencyState
from people.models import User
from specialties.models import Membership, Specialty
from specialties.queries import WaitingItem
from sustainability.models import Challenge

# How long an answer stays on the asker's home page.
ANSWER_SHOWN_DAYS = 14


def _loaded() -> QuerySet[Dependency]:
    return Dependency.objects.select_related(
        "specialty", "depends_on", "challenge", "action", "answered_by", "created_by"
    )


@dataclass(frozen=True)
class SpecialtyDependencies:
    asked: list[Dependency]  # what the specialty needs from others
    asked_of: list[Dependency]  # what others need from it


def of_specialty(specialty: Specialty) -> SpecialtyDependencies:
    """Both sides of a specialty's dependencies, the open ones first; one query."""
    asked: list[Dependency] = []
    asked_of: list[Dependency] = []
    rows = _loaded().filter(Q(specialty=specialty) | Q(depends_on=specialty))
    for dependency in sorted(rows, key=lambda d: (d.state == DependencyState.WITHDRAWN,)):
        (asked if dependency.specialty_id == specialty.pk else asked_of).append(dependency)
    return SpecialtyDependencies(asked=asked, asked_of=asked_of)


def of_subjects(
    *, challenges: Sequence[int] = (), actions: Sequence[int] = ()
) -> dict[tuple[str, int], list[Dependency]]:
    """The dependencies of these challenges and actions, by ("challenge"|"action", pk)."""
    found: dict[tuple[str, int], list[Dependency]] = defaultdict(list)
    if not challenges and not actions:
        return found
    for dependency in (
        _loaded()
        .filter(Q(challenge_id__in=challenges) | Q(action_id__in=actions))
        .exclude(state=DependencyState.WITHDRAWN)
    ):
        if dependency.challenge_id is not None:
            found[("challenge", dependency.challenge_id)].append(dependency)
        else:
            assert dependency.action_id is not None
            found[("action", dependency.action_id)].append(dependency)
    return found


def subjects_of(specialty: Specialty) -> tuple[list[Challenge], list[Action]]:
    """What of the specialty's work may depend on another: its challenges and actions."""
    challenges = list(Challenge.objects.filter(specialty=specialty).order_by("title"))
    actions = list(
        Action.objects.filter(focus_area__framework__ambition__specialty=specialty).order_by(
            "title"
        )
    )
    return challenges, actions


def page_url(specialty: Specialty, dependency: Dependency | None = None) -> str:
    url = reverse("dependencies:list", kwargs={"slug": specialty.slug})
    return f"{url}#dependency-{dependency.pk}" if dependency is not None else url


def _short(text: str) -> str:
    return Truncator(text).chars(80)


ANSWER_TEXTS = {
    DependencyState.ACCEPTED: _("{other} accepted “{need}”."),
    DependencyState.DECLINED: _("{other} declined “{need}”."),
    DependencyState.QUESTION: _("{other} asks a question about “{need}”: answer by changing it."),
}


def waiting_for(user: User, today: datetime.date) -> list[WaitingItem]:
    """For the home page and Mine opgaver: the open dependencies the user's specialties are
    asked to answer (as their owner or a lead), and the answers to what their specialties
    asked (a question until it is answered, an acceptance or a "no" for two weeks); one
    query."""
    mine = Membership.objects.filter(
        user=user, role__in=[Membership.Role.OWNER, Membership.Role.IMPLEMENTATION_LEAD]
    ).values("specialty_id")
    since = timezone.now() - datetime.timedelta(days=ANSWER_SHOWN_DAYS)
    rows = (
        Dependency.objects.filter(
            Q(depends_on__in=mine, state=DependencyState.OPEN)
            | Q(specialty__in=mine, state=DependencyState.QUESTION)
            | Q(
                specialty__in=mine,
                state__in=[DependencyState.ACCEPTED, DependencyState.DECLINED],
                answered_at__gte=since,
            )
        )
        .select_related("specialty", "depends_on")
        .order_by("needed_by", "pk")
    )
    items = []
    for dependency in rows:
        if dependency.state == DependencyState.OPEN:
            items.append(
                WaitingItem(
                    dependency.depends_on,
                    format_lazy(
                        _("{asker} depends on you: “{need}”."),
                        asker=dependency.specialty.name,
                        need=_short(dependency.need),
                    ),
                    page_url(dependency.depends_on, dependency),
                    kind="dependency",
                    due=dependency.needed_by,
                    overdue=dependency.needed_by is not None and dependency.needed_by < today,
                )
            )
        else:
            items.append(
                WaitingItem(
                    dependency.specialty,
                    format_lazy(
                        ANSWER_TEXTS[DependencyState(dependency.state)],
                        other=dependency.depends_on.name,
                        need=_short(dependency.need),
                    ),
                    page_url(dependency.specialty, dependency),
                    kind="dependency_answer",
                )
            )
    return items


@dataclass(frozen=True)
class OpenCounts:
    """A specialty's open dependencies: what it waits for, and what waits for its answer."""

    asked: int = 0
    asked_of: int = 0


def open_counts(specialty_ids: list[int]) -> dict[int, OpenCounts]:
    """Open dependencies per specialty, counted by the database in two queries whatever the
    number of specialties: those it asked and has no "yes" or "no" to (awaiting an answer,
    or a question back), and those asked of it awaiting its answer."""
    # No ordering: the model's would be grouped by too.
    base = Dependency.objects.order_by()
    asked = dict(
        base.filter(
            specialty_id__in=specialty_ids,
            state__in=[DependencyState.OPEN, DependencyState.QUESTION],
        )
        .values("specialty_id")
        .annotate(n=Count("pk"))
        .values_list("specialty_id", "n")
    )
    asked_of = dict(
        base.filter(depends_on_id__in=specialty_ids, state=DependencyState.OPEN)
        .values("depends_on_id")
        .annotate(n=Count("pk"))
        .values_list("depends_on_id", "n")
    )
    return {
        pk: OpenCounts(asked=asked.get(pk, 0), asked_of=asked_of.get(pk, 0)) for pk in specialty_ids
    }
