"""The interface is Danish, every string goes through gettext, and English is one click away."""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.conftest import Cast, require_service

ROOT = Path(settings.BASE_DIR)
PO = ROOT / "locale" / "da" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")


def _entries(catalogue: polib._BaseFile) -> dict[tuple[str | None, str], object]:
    return {
        (e.msgctxt, e.msgid): (e.msgstr_plural and dict(e.msgstr_plural)) or e.msgstr
        for e in catalogue
        if not e.obsolete
    }


def test_every_string_has_a_danish_translation() -> None:
    po = polib.pofile(str(PO))
    assert po.fuzzy_entries() == []
    assert [e.msgid for e in po.untranslated_entries()] == []
    assert len(po) > 100


def test_the_compiled_catalogue_matches_the_source() -> None:
    header = {(None, ""): None}
    assert _entries(polib.mofile(str(MO))) | header == _entries(polib.pofile(str(PO))) | header


def test_no_string_is_missing_from_the_catalogue(tmp_path: Path) -> None:
    """makemessages over a copy of the code finds exactly the strings we translated."""
    require_service(shutil.which("xgettext") is not None, "GNU gettext (xgettext)")
    copy = tmp_path / "src"
    shutil.copytree(
        ROOT,
        copy,
        ignore=shutil.ignore_patterns(
            ".venv", ".git", "staticfiles", "tests", "*.sqlite3", "__pycache__", "var"
        ),
    )
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "da", "--no-location", "--no-obsolete"],
        cwd=copy,
        check=True,
        capture_output=True,
    )
    fresh = {(e.msgctxt, e.msgid) for e in polib.pofile(str(copy / PO.relative_to(ROOT)))}
    committed = {(e.msgctxt, e.msgid) for e in polib.pofile(str(PO))}
    assert fresh - committed == set(), "run bin/makemessages and translate the new strings"
    assert committed - fresh == set(), "run bin/makemessages to drop strings no longer used"


def test_the_app_speaks_danish_even_to_an_english_browser(cast: Cast) -> None:
    client = cast.client_for(cast.owner)
    response = client.get(reverse("home"), headers={"Accept-Language": "en"})
    assert '<html lang="da">' in response.text
    assert "<h1>Forside</h1>" in response.text


def test_english_when_chosen(cast: Cast) -> None:
    client = cast.client_for(cast.owner)
    response = client.post(reverse("set_language"), {"language": "en", "next": reverse("home")})
    assert response.status_code == 302
    page = client.get(reverse("home")).text
    assert '<html lang="en">' in page
    assert "<h1>Home</h1>" in page
    assert "Waiting for you" in page


@pytest.mark.parametrize("url_name", ["login"])
def test_anonymous_pages_are_danish(url_name: str) -> None:
    assert "Log ind" in Client().get(reverse(url_name)).text
