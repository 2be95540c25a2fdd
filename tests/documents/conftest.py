"""The documents' fixtures: a strategic ambition in each state, a professional ambition with
actions and measurements, and helpers that read PDFs with poppler-utils.

The texts are Danish on purpose (æøå and ÆØÅ must survive the PDF), and some are hostile:
markup and a script that must come out as harmless text, if at all.
"""

from __future__ import annotations

import datetime
import re
import shutil
import subprocess
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone

from ambitions.models import (
    Action,
    ActionPrinciple,
    ActionStatus,
    Actor,
    AreaFramework,
    InterventionArea,
    InterventionFocusArea,
    Level,
    Measurement,
    Milestone,
    OutcomeGoal,
    PartKind,
    PerspectiveAssessment,
    Principle,
    ProfessionalAmbition,
    ProgressIndicator,
    StatusComment,
    StrategicAmbition,
)
from ambitions.strategic import services as ambition_services
from documents import services
from documents.models import DocumentJob
from sustainability.models import Challenge, LensAnswer, Perspective
from tests.conftest import Cast, require_service

HOSTILE = (
    '<script>alert("pwned")</script> <img src="http://evil.example/x.png" onerror="alert(1)"> '
    "[klik her](javascript:alert(1))"
)
PARTS = {
    PartKind.SITUATION: "Kardiologien i Køge og Slagelse: ventetider og sygefravær. ÆØÅ æøå.",
    PartKind.CHALLENGES: "Tre kerneudfordringer, set gennem de tre linser.",
    PartKind.AMBITION: "Viden flytter sig – ikke patienterne. " + HOSTILE,
    PartKind.PREREQUISITES: "- Fælles visitation\n- Løn under transport",
    PartKind.INTERVENTION_AREAS: "To strategiske indsatsområder.",
}
AREA_TITLES = ["Ensartet visitation", "Fælles vagtlag"]


@pytest.fixture(autouse=True)
def _media_root(request: pytest.FixtureRequest, settings: object, tmp_path: Path) -> None:
    """Rendered files go to a throwaway folder, except for the real worker's test: the
    worker is another process and writes to the MEDIA_ROOT it was started with."""
    if request.node.get_closest_marker("services") is None:
        settings.MEDIA_ROOT = tmp_path / "media"  # type: ignore[attr-defined]


def perspective(code: str) -> Perspective:
    return Perspective.objects.get(code=code)


def _challenge(cast: Cast, title: str, order: int, primary: str) -> Challenge:
    challenge = Challenge.objects.create(
        specialty=cast.specialty,
        title=title,
        primary_perspective=perspective(primary),
        is_core=True,
        core_order=order,
    )
    for code, text in {
        "faglig": f"{title}: rutinekontroller uden evidens – Ærø og Øresund.",
        "personalemaessig": f"{title}: højt sygefravær i ambulatoriet.",
        "organisatorisk": f"{title}: ventetid på ydelser fra et andet speciale.",
    }.items():
        LensAnswer.objects.create(challenge=challenge, perspective=perspective(code), text=text)
    return challenge


@pytest.fixture
def draft(cast: Cast) -> StrategicAmbition:
    """A complete working copy, not submitted: five parts, two core challenges, two areas."""
    ambition = ambition_services.ambition_start(specialty=cast.specialty, by=cast.owner)
    for part in ambition.parts.all():
        ambition_services.part_save(
            part=part, text=PARTS[PartKind(part.kind)], base_revision=0, by=cast.owner
        )
    waiting = _challenge(cast, "Ventelister", 1, "faglig")
    recruiting = _challenge(cast, "Rekruttering på små matrikler", 2, "personalemaessig")
    for title, challenge in zip(AREA_TITLES, [waiting, recruiting], strict=True):
        ambition_services.intervention_area_save(
            ambition=ambition,
            by=cast.owner,
            title=title,
            description="Område for **fælles** indsats.",
            challenges=[challenge],
            perspectives=[perspective("faglig")],
        )
    return StrategicAmbition.objects.get(pk=ambition.pk)


@pytest.fixture
def submitted(cast: Cast, draft: StrategicAmbition) -> StrategicAmbition:
    ambition_services.ambition_submit(ambition=draft, by=cast.owner)
    return StrategicAmbition.objects.get(pk=draft.pk)


@pytest.fixture
def approved(cast: Cast, submitted: StrategicAmbition) -> StrategicAmbition:
    """Version 1 approved with two conditions: one overdue, one not yet due."""
    today = timezone.localdate()
    ambition_services.ambition_approve(
        ambition=submitted,
        by=cast.steering,
        remark="Godkendt med betingelser.",
        conditions=[
            ambition_services.ConditionInput(
                text="Økonomien afklares med direktionen",
                deadline=today - datetime.timedelta(days=10),
                responsible=cast.owner,
            ),
            ambition_services.ConditionInput(
                text="Vagtplanen forelægges styregruppen",
                deadline=today + datetime.timedelta(days=30),
                responsible=cast.lead,
            ),
        ],
    )
    return StrategicAmbition.objects.get(pk=submitted.pk)


@pytest.fixture
def professional(cast: Cast, approved: StrategicAmbition) -> ProfessionalAmbition:
    """The professional ambition with a framework per area, focus areas and actions: one
    late action with an overdue milestone, indicators on and off track and one unmeasured."""
    today = timezone.localdate()
    ambition = ProfessionalAmbition.objects.create(
        specialty=cast.specialty, based_on=approved.approved_version, opened_by=cast.owner
    )
    principle = Principle.objects.order_by("order").first()
    assert principle is not None
    for order, area in enumerate(
        InterventionArea.objects.filter(ambition=approved).order_by("order"), start=1
    ):
        framework = AreaFramework.objects.create(
            ambition=ambition,
            intervention_area=area,
            title=area.title,
            order=order,
            purpose=f"Formålet med {area.title.lower()}: færre ventedage. " + HOSTILE,
            anchoring="Forankret i afdelingsledelsen på SUH Køge.",
            progress_owner=cast.lead,
            deadline=today + datetime.timedelta(days=90),
            timeline="Kvartal 1–4",
            status_updated_at=timezone.now(),
            status_updated_by=cast.lead,
        )
        OutcomeGoal.objects.create(
            framework=framework,
            description="Ventetiden halveres",
            indicator="Ventedage til udredning",
            unit="dage",
            baseline=Decimal(60),
            target=Decimal(30),
            target_date=today + datetime.timedelta(days=365),
        )
        Actor.objects.create(
            framework=framework,
            name="Almen praksis på Lolland-Falster",
            role="Henviser",
            interest=Level.HIGH,
            influence=Level.MEDIUM,
        )
        framework.core_team.set(cast.specialty.memberships.all())
        StatusComment.objects.create(
            framework=framework, text="Godt i gang – ærligt talt.", author=cast.lead
        )
        focus_area = InterventionFocusArea.objects.create(
            framework=framework, title=f"Fokus: {area.title}", order=1
        )
        action = Action.objects.create(
            focus_area=focus_area,
            title=f"Fælles henvisningsskabelon ({area.title})",
            purpose="Færre fejlhenvisninger. " + HOSTILE,
            resource_hours=Decimal(120),
            success_criteria="Alle henvisninger bruger skabelonen.",
            responsible=cast.core,
            start_date=today - datetime.timedelta(days=100),
            end_date=today - datetime.timedelta(days=5),
            status=ActionStatus.IN_PROGRESS,
        )
        Milestone.objects.create(
            action=action, title="Skabelon godkendt", due_date=today - datetime.timedelta(days=20)
        )
        Milestone.objects.create(
            action=action,
            title="Første måling",
            due_date=today - datetime.timedelta(days=50),
            done_on=today - datetime.timedelta(days=49),
        )
        measured = ProgressIndicator.objects.create(
            action=action, name="Andel korrekte henvisninger", unit="%", baseline=50, target=90
        )
        Measurement.objects.create(
            indicator=measured,
            measured_on=today - datetime.timedelta(days=3),
            value=Decimal(95),
            recorded_by=cast.core,
        )
        ProgressIndicator.objects.create(
            action=action, name="Ventedage på ekkokardiografi", unit="dage", baseline=40, target=20
        )
        PerspectiveAssessment.objects.create(
            action=action,
            perspective=perspective("faglig"),
            rating=2,
            justification="Ensartet kvalitet på tværs af matriklerne.",
        )
        ActionPrinciple.objects.create(
            action=action, principle=principle, justification="Viden flytter sig – ikke patienten."
        )
    return ambition


# -- Making and reading PDFs --------------------------------------------------------------


@pytest.fixture
def make_pdf(
    django_capture_on_commit_callbacks: Callable[..., object],
) -> Callable[..., tuple[DocumentJob, bytes]]:
    """Ask for a document as ``by`` and run the (eager) task: the finished job and its PDF."""

    def make(
        kind: str, specialty: object, by: object, object_id: int | None = None
    ) -> tuple[DocumentJob, bytes]:
        with django_capture_on_commit_callbacks(execute=True):  # type: ignore[attr-defined]
            job = services.document_request(
                kind=kind,
                specialty=specialty,  # type: ignore[arg-type]
                object_id=object_id,
                by=by,  # type: ignore[arg-type]
            )
        job.refresh_from_db()
        assert job.state == DocumentJob.State.DONE, (job.failure_reason, job.error)
        with job.file.storage.open(job.file.name, "rb") as handle:
            return job, handle.read()

    return make


@pytest.fixture
def poppler() -> None:
    require_service(shutil.which("pdftotext") is not None, "poppler-utils (pdftotext)")


def _tool(name: str) -> str:
    path = shutil.which(name)
    assert path is not None, f"{name} (poppler-utils) is missing"
    return path


def pdf_text(data: bytes, page: int | None = None) -> str:
    """The PDF's text by pdftotext (one page, or all)."""
    pages = ["-f", str(page), "-l", str(page)] if page is not None else []
    out = subprocess.run(  # noqa: S603 - our own arguments, no shell
        [_tool("pdftotext"), "-enc", "UTF-8", *pages, "-", "-"],
        input=data,
        capture_output=True,
        check=True,
    )
    return out.stdout.decode()


def pdf_info(data: bytes) -> dict[str, str]:
    """pdfinfo's fields (Title, Author, Pages, Tagged, …)."""
    out = subprocess.run(  # noqa: S603 - our own arguments, no shell
        [_tool("pdfinfo"), "-enc", "UTF-8", "-"], input=data, capture_output=True, check=True
    )
    info = {}
    for line in out.stdout.decode().splitlines():
        key, _, value = line.partition(":")
        info[key.strip()] = value.strip()
    return info


def flat(text: str) -> str:
    """Text with its line breaks and runs of spaces made single spaces."""
    return re.sub(r"\s+", " ", text)


@pytest.fixture
def worker_media_cleanup() -> Iterator[list[str]]:
    """Names of files a real worker wrote, removed after the test."""
    from documents.storage import documents_storage

    names: list[str] = []
    yield names
    for name in names:
        documents_storage().delete(name)
