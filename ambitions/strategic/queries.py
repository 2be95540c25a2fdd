"""What the strategic ambition's pages and documents read, each in a fixed number of queries.

Pages, fragments and PDF builders all read through these, so a page and its PDF list the
same parts, challenges, areas and conditions in the same order.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from django.db.models import F, Prefetch, QuerySet, Value
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from ambitions.models import (
    AmbitionPart,
    AmbitionVersion,
    ApprovalCondition,
    Comment,
    Dilemma,
    FundsRequest,
    InterventionArea,
    Prerequisite,
    Status,
    StrategicAmbition,
    Transition,
)
from ambitions.models.prerequisite import DUE_WITHIN_DAYS
from ambitions.strategic import content
from people import permissions as people_permissions
from people.models import User
from specialties import permissions as specialty_permissions
from specialties.models import Membership, Specialty, holds_a_role
from specialties.queries import WaitingItem
from sustainability.models import Challenge, LensAnswer


def parts(ambition: StrategicAmbition) -> QuerySet[AmbitionPart]:
    """The five parts in their order, with who saved them and their comments."""
    return (
        AmbitionPart.objects.filter(ambition=ambition)
        .select_related("updated_by")
        .prefetch_related(Prefetch("comments", queryset=Comment.objects.select_related("author")))
        .order_by("order")
    )


def core_challenges(specialty: Specialty) -> QuerySet[Challenge]:
    """The core challenges in the order the owner and leads chose, with their lenses."""
    return (
        Challenge.objects.filter(specialty=specialty, is_core=True)
        .select_related("primary_perspective")
        .prefetch_related(
            Prefetch(
                "lens_answers",
                queryset=LensAnswer.objects.select_related("perspective").order_by(
                    "perspective__order"
                ),
            )
        )
        .order_by("core_order", "pk")
    )


def intervention_areas(ambition: StrategicAmbition) -> QuerySet[InterventionArea]:
    return (
        InterventionArea.objects.filter(ambition=ambition)
        .prefetch_related("challenges", "perspectives")
        .order_by("order", "pk")
    )


def transitions(ambition: StrategicAmbition) -> QuerySet[Transition]:
    """The ambition's timeline, oldest first."""
    return (
        Transition.objects.filter(ambition=ambition)
        .select_related("by", "version")
        .order_by("at", "pk")
    )


def conditions(ambition: StrategicAmbition) -> QuerySet[ApprovalCondition]:
    """Every approval condition of every version, open ones first, by deadline."""
    return (
        ApprovalCondition.objects.filter(version__ambition=ambition)
        .select_related("responsible", "met_by", "version")
        .order_by("met_at", "deadline")
    )


def versions(ambition: StrategicAmbition) -> QuerySet[AmbitionVersion]:
    return AmbitionVersion.objects.filter(ambition=ambition).select_related("submitted_by")


def decision_register() -> QuerySet[Transition]:
    """Every submission and decision across the programme, newest first."""
    return (
        Transition.objects.select_related("ambition__specialty", "by", "version")
        .prefetch_related(
            Prefetch(
                "version__conditions",
                queryset=ApprovalCondition.objects.select_related("responsible"),
            )
        )
        .order_by("-at", "-pk")
    )


# The two kinds of entries of the decision register: the strategic ambitions' submissions
# and decisions, and the steering group's decisions on transition funds (issue 28, item 6).
REGISTER_TRANSITION = "transition"
REGISTER_FUNDS = "funds"


def decision_register_rows() -> QuerySet[Transition]:
    """The register's entries as (when, pk, kind) rows, newest first: one union of the
    ambitions' transitions and the decided funds requests, so the paginator counts and
    slices both together in one query each; ``register_entries`` loads a page's objects."""
    transitions = (
        Transition.objects.annotate(when=F("at"), kind=Value(REGISTER_TRANSITION))
        .values_list("when", "pk", "kind")
        .order_by()
    )
    funds = (
        FundsRequest.objects.decided()
        .annotate(when=F("decided_at"), kind=Value(REGISTER_FUNDS))
        .values_list("when", "pk", "kind")
        .order_by()
    )
    return transitions.union(funds, all=True).order_by("-when", "-pk")  # type: ignore[return-value]


def register_entries(rows: Iterable[Any]) -> list[Transition | FundsRequest]:
    """The objects of a page of ``decision_register_rows``, in its order: two queries (and
    the conditions' prefetch) whatever the page's length."""
    rows = list(rows)
    transition_ids = [pk for _when, pk, kind in rows if kind == REGISTER_TRANSITION]
    funds_ids = [pk for _when, pk, kind in rows if kind == REGISTER_FUNDS]
    transitions = (
        {t.pk: t for t in decision_register().filter(pk__in=transition_ids)}
        if transition_ids
        else {}
    )
    funds = (
        {
            f.pk: f
            for f in FundsRequest.objects.select_related(
                "specialty", "action", "framework", "requested_by", "decided_by"
            ).filter(pk__in=funds_ids)
        }
        if funds_ids
        else {}
    )
    entries: list[Transition | FundsRequest] = []
    for _when, pk, kind in rows:
        entry = transitions.get(pk) if kind == REGISTER_TRANSITION else funds.get(pk)
        if entry is not None:
            entries.append(entry)
    return entries


def comments_awaiting_answer(user: User) -> list[Comment]:
    """Questions waiting for the writers' answer: on each part of an ambition the person
    writes (as owner or implementation lead), the latest comment, when someone who is not
    one of that specialty's writers wrote it (the steering group's question, a core-team
    member's remark). Three queries."""
    writers: dict[int, set[int]] = defaultdict(set)
    mine = Membership.objects.filter(
        user=user, role__in=[Membership.Role.OWNER, Membership.Role.IMPLEMENTATION_LEAD]
    ).values_list("specialty_id", flat=True)
    for specialty_id, writer_id in Membership.objects.filter(
        specialty_id__in=list(mine),
        role__in=[Membership.Role.OWNER, Membership.Role.IMPLEMENTATION_LEAD],
    ).values_list("specialty_id", "user_id"):
        writers[specialty_id].add(writer_id)
    latest: dict[int, Comment] = {}
    for comment in (
        Comment.objects.filter(part__ambition__specialty_id__in=list(writers))
        .select_related("author", "part__ambition__specialty")
        .order_by("created_at", "pk")
    ):
        latest[comment.part_id] = comment
    return [c for c in latest.values() if c.author_id not in writers[c.part.ambition.specialty_id]]


def changes_since_approval(ambition: StrategicAmbition) -> list[str]:
    """Titles of the sections where the working copy differs from the approved version."""
    if ambition.approved_version is None or ambition.status == Status.SUBMITTED:
        return []
    return content.changed_titles(ambition.approved_version.content, content.snapshot(ambition))


def waiting_for(user: User, specialties: list[Specialty]) -> list[WaitingItem]:
    """What the strategic ambitions ask of ``user``: decisions, revisions, conditions.

    ``specialties`` are the user's own, loaded with ``with_people()`` (which also selects
    each one's strategic ambition).
    """
    from django.urls import reverse

    items: list[WaitingItem] = []
    if people_permissions.is_steering_group(user):
        for ambition in StrategicAmbition.objects.filter(status=Status.SUBMITTED).select_related(
            "specialty"
        ):
            items.append(
                WaitingItem(
                    ambition.specialty,
                    format_lazy(
                        _("Version {number} of the strategic ambition awaits your decision."),
                        number=ambition.working_version - 1,
                    ),
                    reverse("ambitions:decide", kwargs={"slug": ambition.specialty.slug}),
                    kind="decision",
                )
            )
    for specialty in specialties:
        if not specialty_permissions.is_owner(user, specialty):
            continue
        try:
            ambition = specialty.strategic_ambition
        except StrategicAmbition.DoesNotExist:
            items.append(
                WaitingItem(
                    specialty,
                    _("Start the strategic ambition."),
                    reverse("ambitions:detail", kwargs={"slug": specialty.slug}),
                    kind="returned",
                )
            )
            continue
        if ambition.status == Status.RETURNED:
            items.append(
                WaitingItem(
                    specialty,
                    _("The steering group returned the strategic ambition: revise and resubmit."),
                    reverse("ambitions:detail", kwargs={"slug": specialty.slug}),
                    kind="returned",
                )
            )
    today = timezone.localdate()
    for condition in (
        ApprovalCondition.objects.open()
        .filter(responsible=user)
        .select_related("version__ambition__specialty")
        .prefetch_related("version__ambition__specialty__memberships")
    ):
        specialty = condition.version.ambition.specialty
        if not specialty_permissions.can_view_ambition(user, specialty):
            continue  # no longer one of the specialty's people: not theirs to see
        text = (
            _("Overdue condition of the approval (deadline {deadline}): {text}")
            if condition.is_overdue(today)
            else _("Condition of the approval (deadline {deadline}): {text}")
        )
        items.append(
            WaitingItem(
                specialty,
                format_lazy(text, deadline=date_format(condition.deadline), text=condition.text),
                reverse("ambitions:detail", kwargs={"slug": specialty.slug}) + "#conditions",
                kind="condition",
                due=condition.deadline,
                overdue=condition.is_overdue(today),
            )
        )
    return items


def dilemmas(specialty: Specialty) -> QuerySet[Dilemma]:
    """The specialty's dilemma register, oldest first, with what the page shows of each."""
    return (
        Dilemma.objects.filter(specialty=specialty)
        .prefetch_related("principles", "challenges", "actions")
        .order_by("created_at", "pk")
    )


def prerequisites(specialty: Specialty) -> QuerySet[Prerequisite]:
    """The specialty's prerequisites, by deadline, with who is responsible."""
    return (
        Prerequisite.objects.filter(specialty=specialty)
        .select_related("responsible", "state_changed_by")
        .order_by("deadline", "pk")
    )


def prerequisites_due_for(user: User, today: datetime.date) -> list[Prerequisite]:
    """The person's prerequisites that are not in place (nor given up) and are due within
    ``DUE_WITHIN_DAYS`` or late, in specialties where they still have a role; the earliest
    first, one query."""
    return list(
        Prerequisite.objects.open()
        .filter(
            holds_a_role(user, "specialty"),
            responsible=user,
            deadline__lte=today + datetime.timedelta(days=DUE_WITHIN_DAYS),
        )
        .select_related("specialty")
        .order_by("deadline", "pk")
    )


def open_prerequisites(
    specialty_ids: Sequence[int], today: datetime.date
) -> dict[int, list[dict[str, Any]]]:
    """Each specialty's prerequisites that are not in place yet (nor given up), by deadline,
    as a snapshot lists them: a round follows them up, and a closed round keeps which were
    late then. One query, however many specialties."""
    found: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in (
        Prerequisite.objects.open()
        .filter(specialty_id__in=specialty_ids)
        .order_by("deadline", "pk")
        .values(
            "pk",
            "title",
            "state",
            "deadline",
            "specialty_id",
            "responsible__username",
            "responsible__first_name",
            "responsible__last_name",
        )
    ):
        name = f"{row['responsible__first_name']} {row['responsible__last_name']}".strip()
        found[row["specialty_id"]].append(
            {
                "id": row["pk"],
                "title": row["title"],
                "state": row["state"],
                "responsible": name or row["responsible__username"],
                "deadline": row["deadline"].isoformat(),
                "late": row["deadline"] < today,
            }
        )
    return found
