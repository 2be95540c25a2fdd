"""A request for a PDF document and what became of it.

One ``DocumentJob`` per request: which document (kind, specialty, object), who asked, how far
the background rendering got, and the file. A document is identified by its kind, its
specialty (none for the programme report) and its object (a version number, a framework or a
focus area, or none); the database keeps at most one queued or running job per document, so
pressing the button twice never renders twice.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from documents.storage import documents_storage

# How long a job may sit in the queue before we assume its message was lost (a broker that
# restarted without persistence) and queue it again when someone asks for the document.
QUEUE_PATIENCE = datetime.timedelta(minutes=15)
# A worker that was killed at the hard time limit leaves its job "running"; after the limit
# and this grace, nobody can still be working on it.
STALE_GRACE = datetime.timedelta(seconds=30)


class DocumentKind(models.TextChoices):
    STRATEGIC_AMBITION = "strategic_ambition", _("Strategic ambition")
    FRAMEWORK = "framework", _("Framework for the intervention area")
    ACTIONS = "actions", _("Concrete actions")
    STATUS = "status", _("Status and progress")
    SPECIALTY_REPORT = "specialty_report", _("Specialty status report")
    PROGRAMME_REPORT = "programme_report", _("Programme status report")
    DECISION_BRIEF = "decision_brief", _("Decision brief")


class JobState(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Being made")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


ACTIVE_STATES = (JobState.QUEUED, JobState.RUNNING)


class Failure(models.TextChoices):
    """Why a job failed, in words for the person who asked (the label is what they read)."""

    UNAVAILABLE = "unavailable", _("What the document shows no longer exists.")
    RENDER_ERROR = (
        "render_error",
        _(
            "The document could not be made because of an error in the application. "
            "Try again; if it fails again, tell the BASS secretariat."
        ),
    )
    TIMEOUT = "timeout", _("Making the document took too long and was stopped.")
    TRANSIENT = (
        "transient",
        _(
            "The document could not be made or stored, even after several attempts. "
            "Try again in a few minutes."
        ),
    )
    # On a queued job: it waits for the broker (see DocumentJob.is_waiting_for_broker).
    QUEUE = "queue", _("The background service that makes documents cannot be reached.")
    GAVE_UP = "gave_up", _("The document was started several times without finishing.")


class DocumentJobQuerySet(models.QuerySet["DocumentJob"]):
    def for_document(
        self, kind: str, specialty_id: int | None, object_id: int | None, site_id: int | None = None
    ) -> DocumentJobQuerySet:
        # Q, because an empty specialty, object or site must match IS NULL here.
        return self.filter(
            Q(kind=kind, specialty_id=specialty_id, object_id=object_id, site_id=site_id)
        )

    def active(self) -> DocumentJobQuerySet:
        return self.filter(state__in=ACTIVE_STATES)


class DocumentJob(models.Model):
    Kind = DocumentKind
    State = JobState

    kind = models.CharField(_("document"), max_length=30, choices=DocumentKind.choices)
    specialty = models.ForeignKey(
        "specialties.Specialty",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="document_jobs",
        verbose_name=_("specialty"),
    )
    object_id = models.PositiveIntegerField(
        _("object"),
        null=True,
        blank=True,
        help_text=_(
            "The version number of a strategic ambition (empty: the working copy), "
            "the framework or the focus area."
        ),
    )
    # A status report for one site (matrikel, issue 26): it counts only the actions that
    # concern the site. Empty: every site.
    site = models.ForeignKey(
        "specialties.Site",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("site"),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    title = models.CharField(_("title"), max_length=300, blank=True)
    state = models.CharField(
        _("state"), max_length=20, choices=JobState.choices, default=JobState.QUEUED
    )
    failure_reason = models.CharField(
        _("reason for the failure"), max_length=20, choices=Failure.choices, blank=True, default=""
    )
    # For whoever runs the installation; people read ``failure_reason``.
    error = models.TextField(_("technical error"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    content_hash = models.CharField(_("content hash"), max_length=64, blank=True)
    file = models.FileField(
        _("file"), upload_to="documents/%Y/%m/", storage=documents_storage, blank=True
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    queued_at = models.DateTimeField(_("queued"), default=timezone.now)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    objects = DocumentJobQuerySet.as_manager()

    class Meta:
        verbose_name = _("document job")
        verbose_name_plural = _("document jobs")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # NULL never equals NULL in a unique index, so the empty specialty and object
            # count as 0 here: otherwise the programme report could be queued twice.
            models.UniqueConstraint(
                "kind",
                Coalesce("specialty", Value(0)),
                Coalesce("object_id", Value(0)),
                Coalesce("site", Value(0)),
                condition=Q(state__in=ACTIVE_STATES),
                name="one_active_job_per_document_and_site",
            )
        ]
        indexes = [
            models.Index(
                fields=["kind", "specialty", "object_id", "content_hash"],
                name="document_job_content",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk} ({self.state})"

    @property
    def is_active(self) -> bool:
        return self.state in ACTIVE_STATES

    @property
    def is_waiting_for_broker(self) -> bool:
        """Queued, but not yet handed to the broker, which could not be reached: the job
        is kept and handed over when the broker answers again."""
        return self.state == JobState.QUEUED and self.failure_reason == Failure.QUEUE

    @property
    def is_stale(self) -> bool:
        """Queued or running for longer than any live worker could take: lost, not busy.

        A running job outlives the task's hard time limit only when its worker died (killed
        at the limit, out of memory, the machine restarted); a queued job outlives
        ``QUEUE_PATIENCE`` only when its message was lost.
        """
        now = timezone.now()
        if self.state == JobState.RUNNING:
            limit = datetime.timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT) + STALE_GRACE
            return self.started_at is None or now - self.started_at > limit
        if self.state == JobState.QUEUED:
            return now - self.queued_at > QUEUE_PATIENCE
        return False
