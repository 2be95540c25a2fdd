"""Reading transition funds: a specialty's requests, the open requests of the programme, and
the totals per specialty (requested, granted, open), each one query whatever the number of
requests."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q, QuerySet, Sum
from django.db.models.functions import Coalesce

from ambitions.models import Action, AreaFramework, FundsRequest, FundsState, ProfessionalAmbition


@dataclass(frozen=True)
class FundsTotals:
    """A specialty's transition funds in whole kroner."""

    requested: int = 0  # every request, decided or not
    granted: int = 0  # what the steering group granted (in full or reduced)
    open: int = 0  # asked for and not decided yet

    @property
    def any(self) -> bool:
        return bool(self.requested)


def _with_subject(queryset: QuerySet[FundsRequest]) -> QuerySet[FundsRequest]:
    return queryset.select_related("specialty", "action", "framework", "requested_by", "decided_by")


def specialty_requests(specialty_id: int) -> list[FundsRequest]:
    """The specialty's requests, newest first."""
    return list(
        _with_subject(FundsRequest.objects.filter(specialty_id=specialty_id)).order_by(
            "-requested_at", "-pk"
        )
    )


def open_requests() -> list[FundsRequest]:
    """Every request awaiting the steering group, oldest first (the first asked, the first
    decided)."""
    return list(
        _with_subject(FundsRequest.objects.open()).order_by("specialty__name", "requested_at", "pk")
    )


_TOTALS = {
    "requested": Coalesce(Sum("amount"), 0),
    "granted": Coalesce(Sum("granted_amount"), 0),
    "open": Coalesce(Sum("amount", filter=Q(state=FundsState.OPEN)), 0),
}


def totals(specialty_id: int) -> FundsTotals:
    """The specialty's totals: one aggregate query."""
    return FundsTotals(
        **FundsRequest.objects.filter(specialty_id=specialty_id).aggregate(**_TOTALS)
    )


def totals_of(specialty_ids: Iterable[int]) -> FundsTotals:
    """The totals of several specialties together (a footer's): one aggregate query."""
    return FundsTotals(
        **FundsRequest.objects.filter(specialty_id__in=list(specialty_ids)).aggregate(**_TOTALS)
    )


def totals_by_specialty(specialty_ids: Iterable[int] | None = None) -> dict[int, FundsTotals]:
    """Totals per specialty (of ``specialty_ids``, or all): one grouped query. A specialty
    without requests is missing; ask with ``.get(pk, FundsTotals())``."""
    rows = FundsRequest.objects.all()
    if specialty_ids is not None:
        rows = rows.filter(specialty_id__in=list(specialty_ids))
    return {
        row["specialty_id"]: FundsTotals(
            requested=row["requested"], granted=row["granted"], open=row["open"]
        )
        for row in rows.values("specialty_id").annotate(**_TOTALS).order_by("specialty_id")
    }


def request_subjects(
    ambition: ProfessionalAmbition,
) -> tuple[list[AreaFramework], list[Action]]:
    """What a request may be for: the ambition's intervention areas and their actions."""
    frameworks = list(AreaFramework.objects.filter(ambition=ambition).order_by("order", "pk"))
    actions = list(
        Action.objects.filter(focus_area__framework__ambition=ambition).order_by(
            "focus_area__framework__order", "focus_area__order", "start_date", "pk"
        )
    )
    return frameworks, actions
