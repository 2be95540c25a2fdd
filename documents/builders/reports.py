"""The status reports: a specialty's, the programme's as of today, and a closed status
round's, read only from what the round froze."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _

from ambitions.professional.queries import programme as programme_reads
from ambitions.professional.queries import status as progress
from ambitions.professional.queries import tracing
from ambitions.strategic import queries as strategic_reads
from documents.builders.base import (
    PROGRAMME,
    Document,
    DocumentUnavailable,
    Shortlist,
    _author,
    _specialty,
    _title,
    shortlist,
)
from documents.effect import effect_section
from documents.models import DocumentKind
from rounds import queries as rounds
from rounds.models import StatusRound
from specialties.models import Specialty

# A specialty's status, as the reports print it: the figures the programme overview shows
# too, computed once by ``ambitions.professional.queries.programme_figures``.
SpecialtyStatus = programme_reads.SpecialtyFigures


@dataclass(frozen=True)
class ReportLists:
    """What the specialty status report lists: the most pressing first, at most
    REPORT_LIST_LIMIT of each, with the count of the rest."""

    off_track: Shortlist
    overdue_milestones: Shortlist
    late_actions: Shortlist
    loose_ends: Shortlist


def report_lists(report: SpecialtyStatus, loose_ends: list[tracing.LooseEnd]) -> ReportLists:
    order = list(tracing.LooseEndKind)
    off = [i for i in report.indicators if i.track == progress.Track.OFF_TRACK]
    return ReportLists(
        off_track=shortlist(off, key=lambda i: (i.action.end_date, i.indicator.pk)),
        overdue_milestones=shortlist(report.overdue_milestones, key=lambda m: (m.due_date, m.pk)),
        late_actions=shortlist(report.late_actions, key=lambda a: (a.end_date, a.pk)),
        loose_ends=shortlist(loose_ends, key=lambda e: order.index(e.kind)),
    )


def _specialty_statuses(
    specialties: list[Specialty], today: datetime.date
) -> list[SpecialtyStatus]:
    """Each specialty's figures, in a fixed number of queries for all of them."""
    return programme_reads.programme_figures(specialties, today)


def specialty_report(
    specialty_id: int | None, object_id: int | None, today: datetime.date
) -> Document:
    """The specialty's status report: status og fremdrift, balance, indicators, overdue work."""
    specialty = _specialty(specialty_id)
    [report] = _specialty_statuses([specialty], today)
    label = str(DocumentKind.SPECIALTY_REPORT.label)
    return Document(
        kind=DocumentKind.SPECIALTY_REPORT,
        template="documents/pdf/specialty_report.html",
        title=_title(label, specialty.name),
        heading=label,
        subtitle=specialty.name,
        author=_author(specialty),
        header_specialty=specialty.name,
        today=today,
        context={
            "specialty": specialty,
            "report": report,
            "lists": report_lists(
                report, tracing.loose_ends(report.loaded, today) if report.loaded else []
            ),
            "prerequisites": list(strategic_reads.prerequisites(specialty)),
        },
    )


def programme_report(
    specialty_id: int | None, object_id: int | None, today: datetime.date
) -> Document:
    """The programme's status across every specialty, for the steering group's meetings;
    with a status round as ``object_id``, that closed round's report (``round_report``)."""
    if object_id is not None:
        return round_report(object_id)
    specialties = list(
        Specialty.objects.with_people()
        .select_related("strategic_ambition__approved_version")
        .order_by("name")
    )
    label = str(DocumentKind.PROGRAMME_REPORT.label)
    return Document(
        kind=DocumentKind.PROGRAMME_REPORT,
        template="documents/pdf/programme_report.html",
        title=label,
        heading=label,
        subtitle=_(PROGRAMME),
        author=_("BASS secretariat"),
        header_specialty=_("All specialties"),
        today=today,
        context={
            "reports": _specialty_statuses(specialties, today),
            # The effect section (issue 27): documents/effect.py.
            "effect": effect_section(),
        },
    )


def round_report(round_id: int) -> Document:
    """A closed status round's programme report, read only from what the round froze (its
    snapshots and the earlier rounds' for "since the last round") and dated the day it
    closed: fetched a year later, it is the same document."""
    round_ = StatusRound.objects.select_related("closed_by").filter(pk=round_id).first()
    if round_ is None or round_.is_open:
        raise DocumentUnavailable
    taken_on = round_.snapshots.values_list("taken_on", flat=True).first()
    today = taken_on or round_.deadline
    label = str(DocumentKind.PROGRAMME_REPORT.label)
    return Document(
        kind=DocumentKind.PROGRAMME_REPORT,
        template="documents/pdf/round_report.html",
        title=_title(label, round_.name),
        heading=label,
        subtitle=round_.name,
        author=_("BASS secretariat"),
        header_specialty=_("All specialties"),
        today=today,
        context={"round": round_, "entries": rounds.round_overview(round_, today)},
    )
