"""The Danish on every page (issue 29, item 3): every page of the permission matrix, as each
persona the matrix lets read it, over the demo data and the matrix's world, written the way
a Danish reader expects dates and times.

It fails on an English (or English-capitalised) month abbreviation in a date ("5. Nov 2026",
"Nov 5, 2026"), a time of day without "kl." before it ("5. december 2026 02:07"), and "for 0
dage siden" (i dag). Dates and times go through the Danish formats in
``bass/formats/da/formats.py``; this test keeps a page from writing its own.
"""

from __future__ import annotations

import html
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from people.models import User
from tests.url_matrix import (
    OK,
    PERSONAS,
    ROUTES,
    World,
    build_world,
    programme_written,
    role_towards,
    round_opened,
    submit_both,
)

pytestmark = pytest.mark.django_db(transaction=True)

# Files, not pages: the PDF, the overview's Excel and CSV files, the health URL's JSON, the
# import's templates (Excel; their dates are tested in tests/dataimport).
NOT_PAGES = {
    "dataimport:template",
    "health",
    "documents:download",
    "programme:overview_export",
    "programme:actions_export",
    "programme:site_export",
}

DEMO_PERSONAS = ("ejer", "leder", "kerneteam", "styregruppe", "sekretariat", "ingen")

MONTHS = "Jan|Feb|Mar|Apr|May|Maj|Jun|Jul|Aug|Sep|Sept|Oct|Okt|Nov|Dec"
# "5. Nov 2026", "5 Nov. 2026", "Nov 5, 2026", "Nov. 2026": a capitalised (English or
# title-cased) abbreviation beside a day or a year. Danish writes "5. nov. 2026".
ENGLISH_MONTH = re.compile(
    rf"\b\d{{1,2}}\.? (?:{MONTHS})\b"
    rf"|\b(?:{MONTHS})\.? \d{{1,2}}(?:,|\b)"
    rf"|\b(?:{MONTHS})\.? \d{{4}}\b"
)
# A clock time (14:05 or 14.05) that is not "kl. 14.05": not part of a date (05.11.2026) or
# of a longer number.
TIME = re.compile(r"(?<![\d.,:])(\d{1,2})[:.](\d{2})(?![\d.,:]\d)")
ZERO_DAYS = re.compile(r"for 0 dage siden")


def visible_text(body: str) -> str:
    """The page's text as a reader sees it: no scripts, styles, tags or attributes."""
    body = re.sub(r"(?is)<(script|style|svg)\b.*?</\1>", " ", body)
    body = re.sub(r"(?s)<[^>]+>", " ", body)
    return re.sub(r"\s+", " ", html.unescape(body))


def faults(text: str) -> list[str]:
    """What a Danish reader would stumble on, each with a little of its context."""
    found = [
        f"English month: …{text[max(m.start() - 20, 0) : m.end() + 20]}…"
        for m in ENGLISH_MONTH.finditer(text)
    ]
    for m in TIME.finditer(text):
        hours, minutes = int(m.group(1)), int(m.group(2))
        if hours > 23 or minutes > 59:
            continue
        if text[max(m.start() - 4, 0) : m.start()] != "kl. ":
            found.append(f"time without kl.: …{text[max(m.start() - 30, 0) : m.end() + 10]}…")
    found += [
        f"zero days ago: …{text[max(m.start() - 20, 0) : m.end()]}…"
        for m in ZERO_DAYS.finditer(text)
    ]
    return found


def test_faults_are_found() -> None:
    """The checks catch what the issue found, and pass what is right."""
    assert faults("Åbnet 5. Nov 2026 af Eva")
    assert faults("Frist: Nov 5, 2026")
    assert faults("Sidst ændret 5. december 2026 02:07 af Eva")
    assert faults("Opdateret for 0 dage siden")
    assert not faults("Åbnet 5. nov. 2026 af Eva, frist 4. maj 2027")
    assert not faults("Sidst ændret 5. december 2026 kl. 02.07 af Eva")
    assert not faults("Dato 05.11.2026, 12,50 kr., version 1.10.3, 30 dage")


def pages(persona: str, world: World, *, prepared: bool) -> Iterator[tuple[str, str]]:
    """(label, URL) of every page the persona may read, in the matrix's own specialty."""
    side = "b" if persona == "other_core" else "a"
    role = role_towards(persona, side)
    for name, route in ROUTES.items():
        if name in NOT_PAGES or route.get is None or (route.prepare is not None) != prepared:
            continue
        url = reverse(name, kwargs=route.kwargs(world.side(side)) or None)
        if route.get.expect(role) == OK:
            yield name, url
        if route.edit_get is not None and route.edit_get.expect(role) == OK:
            yield f"{name} (rediger)", url + "?rediger=1"


def test_every_page_writes_dates_and_times_in_danish(
    reference_data: None, settings: Any, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("load_demo", stdout=io.StringIO())
    # The demo's people are named as the matrix's personas are: they keep their pages under
    # another name, and the matrix's world is built beside them.
    for user in User.objects.filter(username__in=DEMO_PERSONAS):
        user.username = f"demo-{user.username}"
        user.save(update_fields=["username"])
    world = build_world()
    problems: list[str] = []
    visited = 0
    for prepared in (False, True):
        if prepared:
            submit_both(world)
            programme_written(world)
            round_opened(world)
        for persona in PERSONAS:
            client = Client()
            if persona == "anonymous":
                urls: Iterator[tuple[str, str]] = iter([("login", reverse("login"))])
            else:
                client.force_login(world.users[persona])
                urls = pages(persona, world, prepared=prepared)
            for name, url in urls:
                response = client.get(url, follow=True)
                visited += 1
                if response.status_code != 200:
                    problems.append(f"{persona}: {name} {url}: {response.status_code}")
                    continue
                text = visible_text(response.content.decode())
                problems += [f"{persona}: {name} {url}: {fault}" for fault in faults(text)]
    assert visited > 100
    assert not problems, f"{len(problems)} faults:\n" + "\n".join(problems)
