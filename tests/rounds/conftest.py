"""The rounds' fixtures: the documents' professional ambition (one late action with an
overdue milestone, indicators on and off track), and helpers to open and close rounds."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path

import pytest
from django.utils import timezone

from rounds import services
from rounds.models import StatusRound
from specialties.models import Specialty
from tests.conftest import Cast
from tests.documents.conftest import (  # noqa: F401  (fixtures)
    approved,
    draft,
    make_pdf,
    poppler,
    professional,
    submitted,
)


@pytest.fixture(autouse=True)
def _media_root(settings: object, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"  # type: ignore[attr-defined]


@pytest.fixture
def open_round(cast: Cast) -> Callable[..., StatusRound]:
    """Open a round for the cast's specialties (or the ones given) as the secretariat."""

    def make(
        name: str = "Status 1. kvartal",
        specialties: list[Specialty] | None = None,
        deadline: datetime.date | None = None,
    ) -> StatusRound:
        today = timezone.localdate()
        return services.round_open(
            name=name,
            period_start=today - datetime.timedelta(days=90),
            period_end=today,
            deadline=deadline or today + datetime.timedelta(days=14),
            specialties=specialties or [cast.specialty, cast.other_specialty],
            by=cast.secretariat,
        )

    return make
