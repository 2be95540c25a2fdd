"""The status reports: a specialty's, the programme's as of today, and a closed status
round's, read only from what the round froze."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _

from ambitions.professional.queries import funds as funds_queries
from ambitions.professional.queries import programme as programme_reads
from ambitions.professional.queries import status as progress
from ambitions.professional.queries import tracing
from ambitions.professional.queries.funds import FundsTotals
from ambitions.professional.queries.sites import SiteCount, site_counts_of
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
from specialties import population
from specialties.models import Site, Specialty

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
    specialties: list[Specialty], today: datetime.date, site: Site | None = None
) -> list[SpecialtyStatus]:
    """Each specialty's figures, in a fixed number of queries for all of them; with a
    ``site``, of the actions that concern it."""
    return programme_reads.programme_figures(specialties, today, site=site)


def _site_counts(specialties: list[Specialty], site: Site | None) -> list[SiteCount]:
    """Actions per site (issue 26): every site, or the one the report is for."""
    return site_counts_of(specialties, sites=[site] if site is not None else ())


def specialty_report(
    specialty_id: int | None,
    object_id: int | None,
    today: datetime.date,
    site: Site | None = None,
) -> Document:
    """The specialty's status report: status og fremdrift, balance, indicators, overdue work;
    with a ``site``, the actions that concern it only."""
    specialty = _specialty(specialty_id)
    if site is not None and site not in specialty.sites.all():
        raise DocumentUnavailable
    [report] = _specialty_statuses([specialty], today, site)
    label = str(DocumentKind.SPECIALTY_REPORT.label)
    subtitle = _title(specialty.name, site.name if site is not None else "")
    return Document(
        kind=DocumentKind.SPECIALTY_REPORT,
        template="documents/pdf/specialty_report.html",
        title=_title(label, subtitle),
        heading=label,
        subtitle=subtitle,
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
            **population.pdf_context(specialty),
            "site": site,
            "site_counts": _site_counts([specialty], site),
            # Transition funds (issue 28, item 6): every request with its decision.
            "funds_requests": funds_queries.specialty_requests(specialty.pk),
            "funds_totals": funds_queries.totals(specialty.pk),
        },
    )


def programme_report(
    specialty_id: int | None,
    object_id: int | None,
    today: datetime.date,
    site: Site | None = None,
) -> Document:
    """The programme's status across every specialty, for the steering group's meetings;
    with a status round as ``object_id``, that closed round's report (``round_report``);
    with a ``site``, the specialties present there and their actions that concern it."""
    if object_id is not None:
        return round_report(object_id)
    specialties_qs = (
        Specialty.objects.with_people()
        .select_related("strategic_ambition__approved_version")
        .order_by("name")
    )
    if site is not None:
        specialties_qs = specialties_qs.filter(sites=site)
    specialties = list(specialties_qs)
    label = str(DocumentKind.PROGRAMME_REPORT.label)
    return Document(
        kind=DocumentKind.PROGRAMME_REPORT,
        template="documents/pdf/programme_report.html",
        title=_title(label, site.name if site is not None else ""),
        heading=label,
        subtitle=_title(_(PROGRAMME), site.name if site is not None else ""),
        author=_("BASS secretariat"),
        header_specialty=_("All specialties"),
        today=today,
        context={
            "reports": _specialty_statuses(specialties, today, site),
            "site": site,
            "site_counts": _site_counts(specialties, site),
            # Transition funds per specialty and for the programme, summed by the database.
            "funds_rows": _funds_rows(specialties),
            "funds_total": funds_queries.totals_of(s.pk for s in specialties),
            # The effect section (issue 27): documents/effect.py.
            "effect": effect_section(),
        },
    )


def _funds_rows(specialties: list[Specialty]) -> list[tuple[Specialty, FundsTotals]]:
    """Each specialty with its transition funds: one grouped query for all of them."""
    totals = funds_queries.totals_by_specialty(s.pk for s in specialties)
    return [(s, totals.get(s.pk, FundsTotals())) for s in specialties]


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
