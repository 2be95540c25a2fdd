"""On the demo region, every figure the status page shows is the figure its PDF prints.

The page (through HTTP, as a person sees it) and the PDF builders (as the Celery task calls
them) both read ``ambitions.professional.queries``; this checks that they really do, on the
demo's overdue milestones, late actions, stale rows and off-track indicators.
"""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from documents import builders
from documents.models import DocumentKind
from people.models import User
from specialties.models import Specialty

pytestmark = pytest.mark.django_db


def _figures(overview: object) -> dict[str, object]:
    return {
        name: getattr(overview, name)
        for name in (
            "overdue_milestones",
            "late_actions",
            "stale_rows",
            "on_track",
            "off_track",
            "no_measurement",
        )
    } | {"done_percent": overview.share.percent}  # type: ignore[attr-defined]


def test_the_status_page_and_its_pdfs_show_the_same_figures() -> None:
    call_command("load_demo", stdout=io.StringIO())
    specialty = Specialty.objects.get(name="IM: Kardiologi")
    client = Client()
    client.force_login(User.objects.get(username="sekretariat"))

    page = client.get(reverse("professional:status", kwargs={"slug": specialty.slug}))
    assert page.status_code == 200
    on_page = _figures(page.context["status"])
    today = timezone.localdate()
    status_pdf = builders.build(DocumentKind.STATUS, specialty.pk, None, today)
    report = builders.build(DocumentKind.SPECIALTY_REPORT, specialty.pk, None, today)

    assert _figures(status_pdf.context["overview"]) == on_page
    assert _figures(report.context["report"].overview) == on_page
    # The demo has something to show in each of the figures that matter most.
    assert on_page["overdue_milestones"]
    assert on_page["late_actions"]
    assert on_page["off_track"]
    # And the page prints them: the late actions' count is in its HTML.
    assert re.search(rf"\b{on_page['late_actions']}\b", page.text)
