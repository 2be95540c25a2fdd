"""A person's deadlines for their calendar feed: the milestones of the actions they are
responsible for, the open conditions of approval they follow up, and the deadlines of the
open status rounds their specialties are in. Work stays assigned to a person who left a
specialty, but (as on Mine opgaver) only what their roles today let them act on is listed."""

from __future__ import annotations

from collections import defaultdict

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from ambitions.models import ActionStatus, ApprovalCondition, Milestone
from api.ical import Event
from people.models import User
from rounds.models import StatusRound
from specialties.models import Specialty, holds_a_role


def _link(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def deadlines_for(user: User) -> list[Event]:
    """Every deadline of ``user`` as an all-day event, by date; three queries."""
    events: list[Event] = []
    for milestone in (
        Milestone.objects.filter(
            holds_a_role(user, "action__focus_area__framework__ambition__specialty"),
            action__responsible=user,
            done_on__isnull=True,
        )
        .exclude(action__status__in=[ActionStatus.COMPLETED, ActionStatus.STOPPED])
        .select_related("action__focus_area__framework__ambition__specialty")
    ):
        specialty = milestone.action.focus_area.framework.ambition.specialty
        events.append(
            Event(
                uid=f"milestone-{milestone.pk}@bass",
                day=milestone.due_date,
                summary=_("Milestone: %(title)s") % {"title": milestone.title},
                description=_("%(specialty)s, the action “%(action)s”.")
                % {"specialty": specialty.name, "action": milestone.action.title},
                url=_link(
                    reverse(
                        "professional:action",
                        kwargs={"slug": specialty.slug, "pk": milestone.action_id},
                    )
                ),
            )
        )
    for condition in (
        ApprovalCondition.objects.open()
        .filter(holds_a_role(user, "version__ambition__specialty"), responsible=user)
        .select_related("version__ambition__specialty")
    ):
        specialty = condition.version.ambition.specialty
        events.append(
            Event(
                uid=f"condition-{condition.pk}@bass",
                day=condition.deadline,
                summary=_("Condition of approval: %(specialty)s") % {"specialty": specialty.name},
                description=condition.text,
                url=_link(specialty.get_absolute_url()),
            )
        )
    mine = set(Specialty.objects.for_member(user).values_list("pk", flat=True))
    specialties_in: dict[int, list[str]] = defaultdict(list)
    rounds: dict[int, StatusRound] = {}
    for round_ in StatusRound.objects.filter(
        closed_at__isnull=True, specialties__in=mine
    ).prefetch_related("specialties"):
        rounds[round_.pk] = round_
        specialties_in[round_.pk] = sorted(s.name for s in round_.specialties.all() if s.pk in mine)
    for round_ in rounds.values():
        events.append(
            Event(
                uid=f"round-{round_.pk}@bass",
                day=round_.deadline,
                summary=_("Status round deadline: %(round)s") % {"round": round_.name},
                description=", ".join(specialties_in[round_.pk]),
                url=_link(reverse("rounds:detail", kwargs={"pk": round_.pk})),
            )
        )
    return sorted(events, key=lambda e: (e.day, e.uid))
