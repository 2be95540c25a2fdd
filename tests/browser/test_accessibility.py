"""Accessibility on every page (issue #11, item 13): axe-core over every page each persona
can reach, at desktop width and at 390 px, with 0 violations. Each persona has an unread
notification, and at 390 px no page is wider than the viewport (issue #30, item 4); no page
writes an error to the console, such as a Content-Security-Policy refusal (item 7).

The pages come from the permission matrix's table (``tests/url_matrix.py``): every URL with
a GET (and edit-mode GET) that the table says the persona may use, for the specialty the
persona belongs to ("b" for another specialty's core team, "a" for everyone else), so a new
page is checked as soon as it is in the table. Anonymous people reach the login page.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from playwright.sync_api import Browser, Page, expect

from ambitions.models import AreaFramework
from conversations.models import Comment, Notification
from tests.url_matrix import (
    OK,
    PERSONAS,
    ROUTES,
    Route,
    World,
    build_world,
    programme_written,
    role_towards,
    round_opened,
    submit_both,
)

pytestmark = [
    pytest.mark.browser,
    # serialized_rollback: the flush after the test would take the reference data with it.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WIDTHS = {"desktop": {"width": 1280, "height": 900}, "390 px": {"width": 390, "height": 844}}
# Not pages: the PDF itself, the overview's Excel and CSV files, the menu's unread count
# (a link the menu loads into place; it is checked as part of every page), and the health
# URL (JSON for load balancers, tests/test_health.py); the import's templates (an Excel file).
NOT_PAGES = {
    "dataimport:template",
    "health",
    "documents:download",
    "programme:overview_export",
    "programme:actions_export",
    "programme:site_export",
    "conversations:unread",
}


def pages_for(persona: str, world: World) -> Iterator[tuple[str, str]]:
    """(URL name, URL) of every page the persona may open, in the table's order."""
    side = "b" if persona == "other_core" else "a"
    objects = world.side(side)
    role = role_towards(persona, side)
    for name, route in ROUTES.items():
        if name in NOT_PAGES or route.get is None or route.prepare is not None:
            continue
        yield from _views_of(name, route, reverse(name, kwargs=route.kwargs(objects) or None), role)


def _views_of(name: str, route: Route, url: str, role: str) -> Iterator[tuple[str, str]]:
    """The page, and its edit mode where it has one, if the role may open them."""
    assert route.get is not None
    if route.get.expect(role) == OK:
        yield name, url
    if route.edit_get is not None and route.edit_get.expect(role) == OK:
        yield f"{name} (rediger)", url + "?rediger=1"


def prepared_pages_for(persona: str, world: World) -> Iterator[tuple[str, str]]:
    """Pages that need the world in another state: the steering group's decision page a
    submitted version, the programme's pages its written parts."""
    side = "b" if persona == "other_core" else "a"
    role = role_towards(persona, side)
    for name, route in ROUTES.items():
        if name in NOT_PAGES or route.get is None or route.prepare is None:
            continue
        route.prepare(world)  # as the matrix does: what the page names exists (idempotent)
        url = reverse(name, kwargs=route.kwargs(world.side(side)) or None)
        yield from _views_of(name, route, url, role)


def log_in(page: Page, base_url: str, username: str) -> None:
    page.goto(base_url + reverse("login"))
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill("matrix-password-123")
    page.get_by_role("button", name="Log ind").click()
    expect(page.get_by_role("heading", name="Forside", level=1)).to_be_visible()


def check(page: Page, url: str, label: str, problems: list[str], *, badge: bool = True) -> None:
    errors: list[str] = []
    reading_notifications = reverse("conversations:notifications")
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    for width, size in WIDTHS.items():
        page.set_viewport_size(size)  # type: ignore[arg-type]
        Notification.objects.update(read_at=None)  # the notifications page reads them
        response = page.goto(url)
        if response is None or not response.ok:
            problems.append(f"{label} at {width}: {response.status if response else 'no answer'}")
            continue
        if (
            badge
            and page.locator("#nav-notifications").count()
            and reading_notifications not in url
        ):
            # The unread count arrives after the page; the page is measured with it (the
            # notifications page itself reads them, so its count goes to none).
            expect(page.locator("#nav-notifications .badge")).to_be_visible()
        page.wait_for_load_state("networkidle")
        wider = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        if wider > 0:
            problems.append(f"{label} at {width}: {wider} px wider than the viewport")
        results = Axe().run(page)
        if results.violations_count:
            problems.append(f"{label} at {width}:\n{results.generate_report()}")
    if errors:
        problems.append(f"{label}: console errors: {errors}")


def unread_for_everyone(world: World) -> None:
    """An unread notification of a comment in each specialty for each persona, so the menu
    shows its count everywhere: every persona reads one of them, but the person with no
    role, who reads no comment and so is shown none (issue 25, item 8)."""
    for side in (world.a, world.b):
        framework = AreaFramework.objects.get(pk=side.framework)
        comment = Comment.objects.create(
            specialty=framework.ambition.specialty,
            topic="framework",
            framework=framework,
            author=world.users["owner"],
            text="Læs venligst",
        )
        Notification.objects.bulk_create(
            Notification(recipient=user, comment=comment) for user in world.users.values()
        )


def test_every_page_has_no_axe_violations(
    reference_data: None,
    live_server: Any,
    browser: Browser,
    settings: Any,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    world = build_world()
    unread_for_everyone(world)
    base = str(live_server)
    problems: list[str] = []
    visited = 0
    for prepared in (False, True):
        if prepared:
            # The steering group's decision page needs a submitted version; the programme's
            # pages its written parts and a version; the rounds' pages an open round.
            submit_both(world)
            programme_written(world)
            round_opened(world)
        for persona in PERSONAS:
            context = browser.new_context(locale="da-DK")
            page = context.new_page()
            page.set_default_timeout(15_000)
            try:
                if persona == "anonymous":
                    if not prepared:
                        visited += 1
                        check(page, base + reverse("login"), "anonymous: login", problems)
                    continue
                log_in(page, base, world.users[persona].username)
                pages = prepared_pages_for if prepared else pages_for
                for name, url in pages(persona, world):
                    visited += 1
                    check(
                        page,
                        base + url,
                        f"{persona}: {name} {url}",
                        problems,
                        badge=persona != "no_role",
                    )
            finally:
                context.close()
    with capsys.disabled():
        print(f"\naxe: {visited} pages x {len(WIDTHS)} widths, {len(problems)} with violations")
    assert visited > 100
    assert not problems, f"{len(problems)} pages with axe violations:\n\n" + "\n\n".join(problems)
