"""The guide and "Hjælp" in the app (issue 29).

The guide is built here, strictly, from ``docs/`` into a folder of the test's own; the app
serves it from there. Every URL of the permission matrix has a section of the guide, and
every page the matrix opens shows "Hjælp" in its header with a link that lands on that
section of the built site (its page exists and holds the heading's id).
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from django.db import transaction
from django.test import Client, override_settings
from django.urls import reverse

from bass import help as guide
from tests.browser.test_screenshots import SHOTS
from tests.url_matrix import OK, ROUTES, World, build_world, named_urls, role_towards

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The guide as ``bin/test`` and the Dockerfile build it: strict, so a broken link or a
    missing picture fails."""
    site = tmp_path_factory.mktemp("hjaelp")
    subprocess.run(  # noqa: S603 - our own interpreter and arguments
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(site)],
        cwd=ROOT,
        check=True,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": str(Path(sys.executable).parent)},
    )
    return site


@pytest.fixture
def serving(built_site: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(guide, "SITE_DIR", built_site)
    return built_site


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.ids.update(value for name, value in attrs if name == "id" and value)


def ids_in(html: str) -> set[str]:
    parser = _Ids()
    parser.feed(html)
    return parser.ids


def _served(client: Client, url: str) -> tuple[int, str]:
    response = client.get(url)
    streamed = response.streaming
    body = b"".join(response.streaming_content) if streamed else response.content  # type: ignore[arg-type]
    return response.status_code, body.decode("utf-8", errors="replace")


# -- The map from pages to sections -----------------------------------------------------------


def test_every_url_of_the_matrix_has_a_section_of_the_guide() -> None:
    assert sorted(set(ROUTES) - set(guide.GUIDE)) == []
    # No entry for a URL that no longer exists.
    assert sorted(set(guide.GUIDE) - set(named_urls())) == []


def test_every_section_named_exists_in_the_built_guide(built_site: Path) -> None:
    missing = []
    for name, target in guide.GUIDE.items():
        page, _, section = target.partition("#")
        html_file = built_site / page / "index.html"
        if not html_file.is_file():
            missing.append((name, target, "no such page"))
        elif section not in ids_in(html_file.read_text(encoding="utf-8")):
            missing.append((name, target, "no such section"))
    assert missing == []


def test_a_page_without_an_entry_gets_the_guides_start() -> None:
    assert guide.guide_target(None) == guide.START
    assert guide.help_url("no-such:page") == "/hjaelp/brugervejledning/"
    assert (
        guide.help_url("improvement:indicator")
        == "/hjaelp/brugervejledning/kerneteam/#seriediagram"
    )


# -- Every page of the matrix shows Hjælp, and it lands ---------------------------------------

HELP_LINK = re.compile(r'<a class="help-link" href="(?P<href>[^"]*)">(?P<text>[^<]*)</a>')
# Where people stop and wonder, the page explains in a few words of plain Danish.
EXPLAINED = {
    "sustainability:challenges": "Hvad er en linse?",
    "specialties:detail": "Hvad kræver reglen om kerneteamet?",
    "improvement:indicator": "Hvad betyder et signal?",
}
# Who opens each page: the first persona of these the matrix lets in.
OPENERS = ("owner", "lead", "core", "steering", "secretariat", "no_role", "anonymous")


@dataclass
class Setup:
    world: World
    clients: dict[str, Client]


@pytest.fixture(scope="module")
def setup(
    django_db_setup: None, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Setup]:
    media = tmp_path_factory.mktemp("media")
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media),
        transaction.atomic(),
    ):
        world = build_world()
        clients = {"anonymous": Client()}
        for persona, user in world.users.items():
            clients[persona] = Client()
            clients[persona].force_login(user)
        yield Setup(world, clients)
        transaction.set_rollback(True)


def _opener(name: str) -> str | None:
    route = ROUTES[name]
    if route.get is None or route.prepare is not None:
        return None
    for persona in OPENERS:
        if route.get.expect(role_towards(persona, "a")) == OK:
            return persona
    return None


@pytest.mark.django_db
def test_every_page_of_the_matrix_links_help_to_its_own_section(
    setup: Setup, serving: Path
) -> None:
    checked, problems = [], []
    landed: dict[str, set[str]] = {}
    for name, route in ROUTES.items():
        persona = _opener(name)
        if persona is None:
            continue
        url = reverse(name, kwargs=route.kwargs(setup.world.a) or None)
        status, html = _served(setup.clients[persona], url)
        if status != 200 or "<html" not in html:
            continue  # files, JSON and fragments: no header of their own
        found = HELP_LINK.search(html)
        if found is None:
            problems.append((name, "no Hjælp in the header"))
            continue
        checked.append(name)
        if name in EXPLAINED and f"<summary>{EXPLAINED[name]}</summary>" not in html:
            problems.append((name, "no explanation"))
        if found["text"] != "Hjælp" or found["href"] != guide.help_url(name):
            problems.append((name, found.group(0)))
            continue
        page, _, section = found["href"].partition("#")
        if page not in landed:
            page_status, page_html = _served(Client(), page)
            assert page_status == 200, (name, page)
            landed[page] = ids_in(page_html)
        if section not in landed[page]:
            problems.append((name, f"{found['href']}: no such section"))
    assert problems == []
    assert set(EXPLAINED) <= set(checked)
    # Nearly every page of the matrix is a page: the check above ran over them.
    assert len(checked) >= 40, checked


# -- The guide served by the app --------------------------------------------------------------


@pytest.mark.django_db
def test_the_guide_is_served_to_everyone_with_its_files(serving: Path) -> None:
    client = Client()
    status, html = _served(client, "/hjaelp/")
    assert status == 200
    assert "BASS Ambitions" in html
    status, html = _served(client, "/hjaelp/brugervejledning/kerneteam/")
    assert status == 200
    assert 'id="seriediagram"' in html
    stylesheet = next(serving.glob("assets/stylesheets/main*.css"))
    response = client.get("/hjaelp/" + str(stylesheet.relative_to(serving)))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/css")
    picture = client.get("/hjaelp/img/seriediagram.png")
    assert picture.status_code == 200
    assert picture["Content-Type"] == "image/png"
    # Material's own inline scripts run on the guide's pages, and only there.
    assert "'unsafe-inline'" in response["Content-Security-Policy"]
    assert "'unsafe-inline'" not in client.get(reverse("login"))["Content-Security-Policy"]


@pytest.mark.django_db
def test_nothing_outside_the_guide_is_served(serving: Path) -> None:
    client = Client()
    for path in (
        "/hjaelp/../../bass/settings.py",
        "/hjaelp/%2e%2e/%2e%2e/bass/settings.py",
        "/hjaelp/no-such-page/",
        "/hjaelp/img/no-such.png",
    ):
        assert client.get(path).status_code == 404, path
    assert client.post("/hjaelp/").status_code == 405


@pytest.mark.django_db
def test_where_the_guide_is_not_built_a_danish_page_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, django_user_model: Any
) -> None:
    monkeypatch.setattr(guide, "SITE_DIR", tmp_path / "not-built")
    client = Client()
    for path in ("/hjaelp/", "/hjaelp/brugervejledning/kerneteam/", "/hjaelp/x/y.png"):
        response = client.get(path)
        assert response.status_code == 200, path
        html = response.content.decode()
        assert "Vejledningen findes ikke her endnu" in html
        assert "uv run mkdocs build" in html
    # The app's own pages still link to it.
    assert '<a class="help-link" href="/hjaelp/brugervejledning/#log-ind">Hjælp</a>' in (
        client.get(reverse("login")).content.decode()
    )


# -- The guide's pictures, the README, the licence ---------------------------------------------


def test_the_guide_shows_every_screenshot_the_browser_test_takes() -> None:
    text = "\n".join(p.read_text(encoding="utf-8") for p in DOCS.rglob("*.md"))
    for name in [*SHOTS, "log-ind"]:
        assert (DOCS / "img" / f"{name}.png").is_file(), name
        assert f"img/{name}.png" in text, name


def test_the_readme_is_short_starts_with_the_two_commands_and_links_into_the_guide() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    lines = readme.splitlines()
    assert len(lines) < 150
    commands = [line for line in lines if line.startswith("bin/")]
    assert [c.split()[0] for c in commands[:2]] == ["bin/start", "bin/test"]
    links = re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", readme)
    local = [link for link in links if not link.startswith("http")]
    assert len(local) >= 15
    assert [link for link in local if not (ROOT / link).exists()] == []


def test_the_licence_is_the_mpl_with_the_region_as_holder() -> None:
    licence = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "Region Sjælland" in licence.splitlines()[1]
    assert "Mozilla Public License Version 2.0" in licence
    assert 'Exhibit B - "Incompatible With Secondary Licenses" Notice' in licence
    assert len(licence.splitlines()) > 370
