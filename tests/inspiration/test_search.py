"""The library's search, one function on both databases: Danish full-text search on
PostgreSQL (run with DATABASE_URL set; CI does), a plain fallback on SQLite."""

from __future__ import annotations

import pytest
from django.db import connection

from inspiration import queries
from inspiration.models import Case
from inspiration.queries import CaseFilters
from specialties.models import Specialty
from tests.conftest import require_service

pytestmark = pytest.mark.django_db


def _slugs(query: str, **filters: object) -> list[str]:
    return [c.slug for c in queries.search_cases(CaseFilters(query=query, **filters))]  # type: ignore[arg-type]


def test_the_search_chooses_by_the_database() -> None:
    assert queries.is_full_text() == (connection.vendor == "postgresql")


def test_every_word_must_match_on_both_databases() -> None:
    assert "fve-bilen-kolding" in _slugs("paramediciner")
    assert _slugs("paramediciner antibiotika") == ["fve-bilen-kolding"]
    assert _slugs("paramediciner mammografi") == []
    assert _slugs("") == [c.slug for c in Case.objects.order_by("title")]


def test_search_and_filters_together() -> None:
    geriatri = Specialty.objects.get(slug="im-geriatri")
    assert _slugs("geriater", specialty=geriatri) == ["tag-snakken-aalborg"]
    assert _slugs("paramediciner", specialty=geriatri) == []


def test_the_fallback_matches_words_as_written(monkeypatch: pytest.MonkeyPatch) -> None:
    """SQLite's search, run on either database (on PostgreSQL by asking for it)."""
    monkeypatch.setattr(queries, "is_full_text", lambda: False)
    # Case-insensitive, in any field, but no inflection.
    assert _slugs("PARAMEDICINER") == ["fve-bilen-kolding"]
    assert _slugs("paramedicineren") == []


def test_danish_inflections_on_postgresql() -> None:
    require_service(connection.vendor == "postgresql", "PostgreSQL (DATABASE_URL)")
    # Neither form is in the texts as written; Danish stemming finds them.
    assert "fve-bilen-kolding" in _slugs("paramedicineren")
    assert "tag-snakken-aalborg" in _slugs("geriateren")
    # Ranked: the case about the shift burden comes first for its own word.
    assert _slugs("vagtbyrden")[0] == "ouh-vagtbyrde"
    # websearch syntax: a quoted phrase, and a word left out.
    assert _slugs('"internetbaseret terapi"') == ["internetbaseret-terapi"]
    assert "ai-mamma" not in _slugs("teknologi -mammografi")
