"""The Content-Security-Policy holds on the real pages (issue #11, item 8).

Every page is visited in Chromium with a listener for ``securitypolicyviolation`` (and the
console), through the HTMX interactions that swap content in: no inline script, no style
attribute, no eval, nothing from elsewhere may be blocked, because then something on the
page would silently not work. The policy must also really be the one sent.
"""

import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import ConsoleMessage, Page, expect

from ambitions.models import AreaFramework, InterventionFocusArea
from specialties.models import Specialty
from tests.browser.test_specialty_pages import assert_accessible, log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(
    `${e.violatedDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}`
  );
});
"""


@pytest.fixture
def demo(reference_data: None) -> None:
    call_command("load_demo", stdout=io.StringIO())


class Recorder:
    """Collects CSP violations from the page (listener) and from Chromium's console."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.console: list[str] = []
        page.add_init_script(RECORD_VIOLATIONS)
        page.on("console", self._on_console)

    def _on_console(self, message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            self.console.append(message.text)

    def violations(self) -> list[str]:
        in_page = self.page.evaluate("window.__cspViolations || []")
        return [*in_page, *self.console]


def visit(page: Page, recorder: Recorder, url: str) -> None:
    response = page.goto(url)
    assert response is not None
    assert response.status == 200, url
    policy = response.headers.get("content-security-policy", "")
    assert "script-src 'self'" in policy, url
    assert "unsafe-inline" not in policy
    assert "camera=()" in response.headers.get("permissions-policy", "")
    assert recorder.violations() == [], url


def test_no_page_breaks_the_content_security_policy(
    demo: None, live_server: object, page: Page
) -> None:
    base = str(live_server)
    recorder = Recorder(page)
    log_in(page, base, "ejer")
    expect(page.get_by_role("heading", name="Forside", level=1)).to_be_visible()
    assert recorder.violations() == []

    framework = AreaFramework.objects.filter(ambition__specialty__slug="im-kardiologi").first()
    focus_area = InterventionFocusArea.objects.filter(
        framework__ambition__specialty__slug="im-kardiologi"
    ).first()
    assert framework is not None
    assert focus_area is not None
    slug = "im-kardiologi"
    pages = [
        reverse("home"),
        reverse("specialties:list"),
        reverse("specialties:detail", kwargs={"slug": slug}),
        reverse("ambitions:detail", kwargs={"slug": slug}),
        reverse("ambitions:versions", kwargs={"slug": slug}),
        reverse("sustainability:challenges", args=[slug]),
        reverse("professional:overview", kwargs={"slug": slug}),
        reverse("professional:framework", kwargs={"slug": slug, "pk": framework.pk}),
        reverse("professional:focus_area", kwargs={"slug": slug, "pk": focus_area.pk}),
        reverse("professional:status", kwargs={"slug": slug}),
        reverse("professional:traceability", kwargs={"slug": slug}),
    ]
    for url in pages:
        visit(page, recorder, base + url)

    # HTMX swaps: open a status row for editing, save it; the swapped-in content obeys too.
    page.goto(base + reverse("professional:status", kwargs={"slug": slug}))
    page.evaluate("window.__sameDocument = true")
    page.get_by_role("link", name=re.compile("^Opdatér")).first.click()
    page.get_by_role("textbox", name="Statuskommentar").fill("Godt i gang.")
    page.get_by_role("button", name="Gem", exact=True).click()
    expect(page.get_by_text("Godt i gang.")).to_be_visible()
    assert page.evaluate("window.__sameDocument") is True
    assert recorder.violations() == []
    assert_accessible(page)


def test_the_admin_and_the_decision_register_keep_the_policy_too(
    demo: None, live_server: object, page: Page
) -> None:
    base = str(live_server)
    recorder = Recorder(page)
    log_in(page, base, "sekretariat")
    expect(page.get_by_role("heading", name="Forside", level=1)).to_be_visible()
    for url in [
        reverse("decision_register"),
        reverse("admin:index"),
        reverse("admin:specialties_specialty_changelist"),
        reverse(
            "admin:specialties_specialty_change",
            args=[Specialty.objects.get(slug="im-kardiologi").pk],
        ),
        reverse("admin:axes_accessattempt_changelist"),
    ]:
        visit(page, recorder, base + url)


def test_the_log_in_page_has_the_policy_before_anyone_signs_in(
    live_server: object, page: Page
) -> None:
    recorder = Recorder(page)
    visit(page, recorder, str(live_server) + reverse("login"))
    assert_accessible(page)
