"""What every document is (``Document``) and the pieces its builders share: the specialty,
its author line, titles, perspectives, the frozen balance, the approval conditions, and the
short lists of a status document or report (``REPORT_LIST_LIMIT``)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from ambitions.models import (
    AmbitionVersion,
    ApprovalCondition,
    ProfessionalAmbition,
)
from specialties.models import Specialty
from sustainability.balance import Balance, frozen_balance
from sustainability.models import Perspective

BRAND = "BASS Ambitions"


# Translated where it is used (in the active language); marked here for makemessages.
PROGRAMME = gettext_noop("BASS – Sustainable acute hospitals and specialties · Region Zealand")


class DocumentUnavailable(Exception):
    """What the document shows does not exist (any more): a deleted version, framework…"""


@dataclass(frozen=True)
class Document:
    """A document ready for its template: ``context`` plus what every page shows."""

    kind: str
    template: str
    title: str  # the PDF's title, and the download's file name
    heading: str
    subtitle: str
    author: str
    header_specialty: str  # "Speciale: …" in the running header
    today: datetime.date
    marking: str = ""  # "KLADDE" and the like, on every page
    landscape: bool = False
    context: dict[str, Any] = field(default_factory=dict)

    @property
    def description(self) -> str:
        return f"{self.title}. {_(PROGRAMME)}"


def _specialty(specialty_id: int | None) -> Specialty:
    if specialty_id is None:
        raise DocumentUnavailable
    specialty = (
        Specialty.objects.with_people()
        .select_related("strategic_ambition__approved_version")
        .filter(pk=specialty_id)
        .first()
    )
    if specialty is None:
        raise DocumentUnavailable
    return specialty


def _author(specialty: Specialty) -> str:
    owner = specialty.owner
    return str(owner.user) if owner is not None else BRAND


def _title(*parts: str) -> str:
    return " – ".join(p for p in parts if p)


def _professional_of(specialty: Specialty) -> ProfessionalAmbition | None:
    ambition = (
        ProfessionalAmbition.objects.select_related("based_on").filter(specialty=specialty).first()
    )
    if ambition is not None:
        ambition.specialty = specialty
    return ambition


def _perspectives() -> list[Perspective]:
    return list(Perspective.objects.order_by("order", "name"))


def _frozen_balance(
    core_challenges: list[dict[str, Any]], perspectives: list[Perspective]
) -> Balance:
    """The balance of the core challenges as a version froze them (see ``frozen_balance``)."""
    return frozen_balance(core_challenges, perspectives)


def _conditions(versions: list[AmbitionVersion]) -> QuerySet[ApprovalCondition]:
    return (
        ApprovalCondition.objects.filter(version__in=versions)
        .select_related("responsible", "met_by", "version")
        .order_by("deadline", "pk")
    )


# A status report is a summary the steering group reads in a meeting: its lists of what
# needs attention show this many entries, the most pressing first, and say how many more
# there are (the detail is in the documents of the focus areas and frameworks).
REPORT_LIST_LIMIT = 15


@dataclass(frozen=True)
class Shortlist:
    """The first entries of a list that needs attention, and how many are left out."""

    items: list[Any]
    total: int

    @property
    def more(self) -> int:
        return self.total - len(self.items)

    def __bool__(self) -> bool:
        return self.total > 0


def shortlist(items: list[Any], key: Callable[[Any], Any]) -> Shortlist:
    return Shortlist(sorted(items, key=key)[:REPORT_LIST_LIMIT], len(items))
