"""What each document shows: the data a document's template needs, read from the database.

One builder per ``DocumentKind``. A builder takes the document's identity (specialty and
object) and the date it is made, reads everything in a fixed number of queries per
specialty, and returns a ``Document``: the template, its context, and the title, author and
markings that every page carries. Computed status (done shares, overdue milestones,
indicators on track, loose ends) comes from ``ambitions.professional.progress``, so a page
and its PDF always agree.

One module per document or family of documents: ``strategic`` (the strategic ambition, the
decision brief), ``professional`` (a framework, a focus area's actions, the status) and
``reports`` (a specialty's, the programme's and a closed round's status report); what they
share is in ``base``.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from documents.builders.base import REPORT_LIST_LIMIT, Document, DocumentUnavailable
from documents.builders.professional import actions, framework, status
from documents.builders.reports import programme_report, specialty_report
from documents.builders.strategic import decision_brief, strategic_ambition
from documents.models import DocumentKind
from specialties.models import Site

__all__ = ["BUILDERS", "REPORT_LIST_LIMIT", "Document", "DocumentUnavailable", "build"]


def build(
    kind: str,
    specialty_id: int | None,
    object_id: int | None,
    today: datetime.date,
    *,
    site_id: int | None = None,
) -> Document:
    """The document of this kind for this specialty and object, as of ``today``; with a
    ``site_id``, a status report for that site (matrikel) only (issue 26)."""
    if site_id is None:
        return BUILDERS[DocumentKind(kind)](specialty_id, object_id, today)
    site = Site.objects.filter(pk=site_id).first()
    if site is None or object_id is not None:
        raise DocumentUnavailable
    if kind == DocumentKind.SPECIALTY_REPORT:
        return specialty_report(specialty_id, object_id, today, site=site)
    if kind == DocumentKind.PROGRAMME_REPORT:
        return programme_report(specialty_id, object_id, today, site=site)
    raise DocumentUnavailable


BUILDERS: dict[DocumentKind, Callable[[int | None, int | None, datetime.date], Document]] = {
    DocumentKind.STRATEGIC_AMBITION: strategic_ambition,
    DocumentKind.FRAMEWORK: framework,
    DocumentKind.ACTIONS: actions,
    DocumentKind.STATUS: status,
    DocumentKind.SPECIALTY_REPORT: specialty_report,
    DocumentKind.PROGRAMME_REPORT: programme_report,
    DocumentKind.DECISION_BRIEF: decision_brief,
}
