"""Who may ask for and download which document, or 404.

A specialty's documents are read by those who read its ambitions
(``permissions.can_view_ambition``), and, learning across specialties, the approved version
of its strategic ambition and its professional ambition's documents by every programme
member (``permissions.LEARNING_RULE``); the programme report by the steering group and the
secretariat (``permissions.can_view_programme_report``). Whoever may not read a document
gets 404 for it, so its existence is not given away. The download asks again every time:
a PDF made for someone yesterday is not theirs today if their role has gone.
"""

from __future__ import annotations

from django.http import Http404

from ambitions import permissions as ambition_permissions
from ambitions.models import (
    AmbitionVersion,
    AreaFramework,
    InterventionFocusArea,
    ProfessionalAmbition,
    StrategicAmbition,
)
from bass.permissions import AnyUser
from documents.models import DocumentJob, DocumentKind
from rounds import permissions as round_permissions
from rounds.models import StatusRound
from specialties import permissions as specialty_permissions
from specialties.access import get_specialty
from specialties.models import Site, Specialty

# The professional ambition's own documents: open to the programme (``LEARNING_RULE``).
PROFESSIONAL_DOCUMENTS = {DocumentKind.FRAMEWORK, DocumentKind.ACTIONS, DocumentKind.STATUS}


def may_read(
    user: AnyUser, kind: str, specialty: Specialty | None, object_id: int | None = None
) -> bool:
    if kind == DocumentKind.PROGRAMME_REPORT:
        return round_permissions.can_view_programme_report(user)
    if specialty is None:
        return False
    if specialty_permissions.can_view_ambition(user, specialty):
        return True
    # Learning across specialties: the approved version and the professional ambition.
    if kind in PROFESSIONAL_DOCUMENTS:
        return ambition_permissions.can_view_professional_ambition(user, specialty)
    if kind == DocumentKind.STRATEGIC_AMBITION and object_id is not None:
        approved = getattr(specialty, "strategic_ambition", None)
        return (
            approved is not None
            and approved.approved_version is not None
            and approved.approved_version.number == object_id
            and ambition_permissions.can_read_approved_ambition(user, specialty)
        )
    return False


def get_document_for_request(
    user: AnyUser, *, kind: str, slug: str, object_id: int | None
) -> Specialty | None:
    """The specialty of the document the user asks for (None for the programme report),
    once it is clear the user may read it and it exists; 404 otherwise."""
    if kind == DocumentKind.PROGRAMME_REPORT:
        if slug or not may_read(user, kind, None):
            raise Http404
        # With an object: a closed status round's report, frozen when the round closed.
        if (
            object_id is not None
            and not StatusRound.objects.filter(pk=object_id, closed_at__isnull=False).exists()
        ):
            raise Http404
        return None
    specialty = get_specialty(user, slug, may_see=lambda u, s: may_read(u, kind, s, object_id))
    if not _exists(kind, specialty, object_id):
        raise Http404
    return specialty


def _exists(kind: str, specialty: Specialty, object_id: int | None) -> bool:
    if kind == DocumentKind.STRATEGIC_AMBITION:
        if object_id is None:
            return StrategicAmbition.objects.filter(specialty=specialty).exists()
        return AmbitionVersion.objects.filter(
            ambition__specialty=specialty, number=object_id
        ).exists()
    if kind == DocumentKind.DECISION_BRIEF:
        # The brief on a version the steering group decides on, or decided on.
        return AmbitionVersion.objects.filter(
            ambition__specialty=specialty, number=object_id or 0
        ).exists()
    if kind == DocumentKind.FRAMEWORK:
        return AreaFramework.objects.filter(
            ambition__specialty=specialty, pk=object_id or 0
        ).exists()
    if kind == DocumentKind.ACTIONS:
        return InterventionFocusArea.objects.filter(
            framework__ambition__specialty=specialty, pk=object_id or 0
        ).exists()
    if kind == DocumentKind.STATUS:
        return (
            object_id is None and ProfessionalAmbition.objects.filter(specialty=specialty).exists()
        )
    if kind == DocumentKind.SPECIALTY_REPORT:
        return object_id is None
    return False


def get_job_for_view(user: AnyUser, pk: int) -> DocumentJob:
    """The job, if the user may read its document now."""
    job = DocumentJob.objects.filter(pk=pk).first()
    if job is None:
        raise Http404
    specialty = None
    if job.specialty_id is not None:
        # The people, for the permission predicates.
        specialty = Specialty.objects.with_people().get(pk=job.specialty_id)
        job.specialty = specialty
    if not may_read(user, job.kind, specialty, job.object_id):
        raise Http404
    return job


# The documents that can be made for one site (issue 26): they count actions.
SITE_DOCUMENTS = {DocumentKind.SPECIALTY_REPORT, DocumentKind.PROGRAMME_REPORT}


def get_site_for_document(
    *, kind: str, specialty: Specialty | None, object_id: int | None, site_id: int | None
) -> Site | None:
    """The site a status report is asked for (``matrikel``), or None for every site; 404 for
    a site that does not exist, a document that is not counted by site, a closed round's
    report (frozen as it was), or a site the specialty is not present at."""
    if site_id is None:
        return None
    if kind not in SITE_DOCUMENTS or object_id is not None:
        raise Http404
    site = Site.objects.filter(pk=site_id).first()
    if site is None or (specialty is not None and site not in specialty.sites.all()):
        raise Http404
    return site
