"""The strategic ambition's documents: the ambition itself and the steering group's one-page
decision brief."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _

from ambitions.models import (
    AmbitionVersion,
    ApprovalCondition,
    Dilemma,
    PartKind,
    Status,
    Transition,
)
from ambitions.strategic import brief
from ambitions.strategic import queries as strategic_reads
from ambitions.strategic.content import sections, snapshot
from documents.builders.base import (
    Document,
    DocumentUnavailable,
    _author,
    _conditions,
    _frozen_balance,
    _perspectives,
    _specialty,
    _title,
)
from documents.models import DocumentKind
from specialties import population
from specialties.access import strategic_ambition_of
from specialties.models import Specialty
from sustainability.models import Perspective


def strategic_ambition(
    specialty_id: int | None, object_id: int | None, today: datetime.date
) -> Document:
    """A version of the strategic ambition, or (no object) its working copy."""
    specialty = _specialty(specialty_id)
    ambition = strategic_ambition_of(specialty)
    if ambition is None:
        raise DocumentUnavailable
    version: AmbitionVersion | None = None
    if object_id is None:
        content = snapshot(ambition)
        subtitle = _("The working copy")
        # A working copy is never what was decided, whatever the ambition's state.
        marking = _("Draft").upper()
    else:
        version = (
            AmbitionVersion.objects.select_related("submitted_by")
            .filter(ambition=ambition, number=object_id)
            .first()
        )
        if version is None:
            raise DocumentUnavailable
        content = version.content
        subtitle = _("Version %(number)s") % {"number": version.number}
        marking = {
            AmbitionVersion.Outcome.PENDING: f"{_('Submitted')} – {_('Awaiting decision')}",
            AmbitionVersion.Outcome.RETURNED: _("Returned"),
        }.get(AmbitionVersion.Outcome(version.outcome), "").upper()

    approval = None
    conditions: list[ApprovalCondition] = []
    if version is not None and version.outcome == AmbitionVersion.Outcome.APPROVED:
        approval = (
            Transition.objects.filter(version=version, to_status=Status.APPROVED)
            .select_related("by")
            .order_by("-at")
            .first()
        )
        conditions = list(_conditions([version]))
    perspectives = _perspectives()
    return Document(
        kind=DocumentKind.STRATEGIC_AMBITION,
        template="documents/pdf/strategic_ambition.html",
        title=_title(str(DocumentKind.STRATEGIC_AMBITION.label), specialty.name, subtitle),
        heading=str(DocumentKind.STRATEGIC_AMBITION.label),
        subtitle=subtitle,
        author=_author(specialty),
        header_specialty=specialty.name,
        today=today,
        marking=marking,
        context={
            "specialty": specialty,
            "ambition": ambition,
            "version": version,
            # The five parts; the core challenges and areas are shown from their data.
            "sections": [s for s in sections(content) if s.key in PartKind.values],
            "core_challenges": content.get("core_challenges", []),
            "intervention_areas": content.get("intervention_areas", []),
            "balance": _frozen_balance(content.get("core_challenges", []), perspectives),
            "approval": approval,
            "conditions": conditions,
            "is_valid": version is not None and ambition.approved_version_id == version.pk,
            # The specialty's dilemma register as it stands: it is not part of a version.
            "dilemmas": _dilemmas(specialty, perspectives),
            # So is its population picture, shown with the situation part (issue 26, item 2).
            **population.pdf_context(specialty),
            # Its prerequisites too (issue 28, item 3).
            "prerequisites": list(strategic_reads.prerequisites(specialty)),
        },
    )


def decision_brief(
    specialty_id: int | None, object_id: int | None, today: datetime.date
) -> Document:
    """The decision brief on a version of the strategic ambition, as the data stand today
    (``ambitions.strategic.brief``: the decision page shows the same)."""
    specialty = _specialty(specialty_id)
    ambition = strategic_ambition_of(specialty)
    if ambition is None:
        raise DocumentUnavailable
    version = (
        AmbitionVersion.objects.select_related("submitted_by")
        .filter(ambition=ambition, number=object_id or 0)
        .first()
    )
    if version is None:
        raise DocumentUnavailable
    label = str(DocumentKind.DECISION_BRIEF.label)
    subtitle = _("Version %(number)s") % {"number": version.number}
    return Document(
        kind=DocumentKind.DECISION_BRIEF,
        template="documents/pdf/decision_brief.html",
        title=_title(label, specialty.name, subtitle),
        heading=label,
        subtitle=subtitle,
        author=_author(specialty),
        header_specialty=specialty.name,
        today=today,
        context={
            "specialty": specialty,
            "version": version,
            "brief": brief.decision_brief(ambition, version),
        },
    )


def _dilemmas(specialty: Specialty, perspectives: list[Perspective]) -> list[Dilemma]:
    found = list(strategic_reads.dilemmas(specialty))
    for dilemma in found:
        dilemma.perspective_views = dilemma.views_by(perspectives)  # type: ignore[attr-defined]
    return found
