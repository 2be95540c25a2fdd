"""The guide's screenshots (issue 29, item 1): the demo region in headless Chromium, each main
page as the person who uses it, saved as PNG into ``docs/img/`` and committed, so the user
guide (``docs/brugervejledning/``) shows the pages as they are after every change.

Run it after changing a page: ``bin/test -m browser tests/browser/test_screenshots.py``,
then commit the changed PNGs. The guide embeds every file named in ``SHOTS``, and
``tests/test_help.py`` checks that each one exists and that the guide embeds it.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import Browser, Page, expect

from ambitions.models import AreaFramework, InterventionFocusArea, ProgressIndicator

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

IMG = Path(__file__).resolve().parents[2] / "docs" / "img"
CARDIO = "im-kardiologi"


def _framework() -> AreaFramework:
    framework = AreaFramework.objects.filter(ambition__specialty__slug=CARDIO).first()
    assert framework is not None
    return framework


def _focus_area() -> InterventionFocusArea:
    focus_area = InterventionFocusArea.objects.filter(framework=_framework()).first()
    assert focus_area is not None
    return focus_area


def _indicator() -> ProgressIndicator:
    """The demo indicator with the longest series: its run chart has a verdict to show."""
    indicators = ProgressIndicator.objects.filter(
        action__focus_area__framework__ambition__specialty__slug=CARDIO
    )
    indicator = max(indicators, key=lambda i: i.measurements.count(), default=None)
    assert indicator is not None
    return indicator


# File name (without .png) -> (who signs in, how the URL is built). The user guide embeds
# each as img/<name>.png.
SHOTS: dict[str, tuple[str, Callable[[], str]]] = {
    "mine-specialer": ("ejer", lambda: reverse("home")),
    "mine-opgaver": ("leder", lambda: reverse("programme:my_tasks")),
    "speciale": ("ejer", lambda: reverse("specialties:detail", kwargs={"slug": CARDIO})),
    "udfordringer": ("kerneteam", lambda: reverse("sustainability:challenges", args=[CARDIO])),
    "strategisk-ambition": ("ejer", lambda: reverse("ambitions:detail", args=[CARDIO])),
    "beslut": ("styregruppe", lambda: reverse("ambitions:decide", args=["im-lungesygdomme"])),
    "faglig-ambition": ("leder", lambda: reverse("professional:overview", args=[CARDIO])),
    "rammer": (
        "leder",
        lambda: reverse("professional:framework", args=[CARDIO, _framework().pk]),
    ),
    "handlinger": (
        "kerneteam",
        lambda: reverse("professional:focus_area", args=[CARDIO, _focus_area().pk]),
    ),
    "seriediagram": (
        "kerneteam",
        lambda: reverse("improvement:indicator", args=[CARDIO, _indicator().pk]),
    ),
    "status-og-fremdrift": ("leder", lambda: reverse("professional:status", args=[CARDIO])),
    "programoverblik": ("styregruppe", lambda: reverse("programme:overview")),
    "statusrunder": ("sekretariat", lambda: reverse("rounds:list")),
}


def _signed_in(browser: Browser, base_url: str, username: str) -> Page:
    context = browser.new_context(locale="da-DK", viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(base_url + "/log-ind/")
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill("bass-demo")
    page.get_by_role("button", name="Log ind").click()
    expect(page.get_by_role("navigation", name="Hovedmenu")).to_be_visible()
    return page


def test_the_guide_screenshots_show_the_demo_as_it_is(
    reference_data: None, live_server: object, browser: Browser
) -> None:
    call_command("load_demo", stdout=io.StringIO())
    base = str(live_server)
    IMG.mkdir(parents=True, exist_ok=True)
    login = browser.new_context(locale="da-DK", viewport={"width": 1280, "height": 800})
    login_page = login.new_page()
    login_page.goto(base + "/log-ind/")
    login_page.screenshot(path=str(IMG / "log-ind.png"))
    login.close()
    pages: dict[str, Page] = {}
    for name, (username, url) in SHOTS.items():
        if username not in pages:
            pages[username] = _signed_in(browser, base, username)
        page = pages[username]
        response = page.goto(base + url())
        assert response is not None
        assert response.status == 200, (name, response.status)
        expect(page.locator("main h1").first).to_be_visible()
        # The first screenful: what a person sees when the page opens.
        page.screenshot(path=str(IMG / f"{name}.png"))
    for page in pages.values():
        page.context.close()
    written = {p.stem for p in IMG.glob("*.png")}
    assert set(SHOTS) | {"log-ind"} <= written
