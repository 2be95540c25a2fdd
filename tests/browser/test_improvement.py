"""A core-team member builds a small driver diagram and links a change idea to an action that
tests it, in headless Chromium at desktop width and at 390 px; axe finds nothing on the
driver diagram, the run chart or the PDSA page."""

import io
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from playwright.sync_api import Page, expect

from ambitions.models import Action, ProgressIndicator
from improvement.models import ChangeIdea, Driver

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = [(1280, 900), (390, 844)]


@pytest.fixture
def demo(reference_data: None) -> None:
    call_command("load_demo", stdout=io.StringIO())


def assert_accessible(page: Page) -> None:
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize(("width", "height"), WIDTHS)
def test_build_a_driver_diagram_and_link_a_change_idea(
    demo: None, live_server: object, page: Page, width: int, height: int
) -> None:
    page.set_viewport_size({"width": width, "height": height})
    base = str(live_server)
    page.goto(base + "/log-ind/")
    page.get_by_label("Brugernavn").fill("kerneteam")
    page.get_by_label("Adgangskode").fill("bass-demo")
    page.get_by_role("button", name="Log ind").click()

    action = (
        Action.objects.filter(
            focus_area__framework__ambition__specialty__slug="im-kardiologi",
            focus_area__framework__ambition__specialty__memberships__user__username="kerneteam",
        )
        .select_related("focus_area__framework")
        .first()
    )
    assert action is not None
    framework = action.focus_area.framework
    page.goto(base + f"/specialer/im-kardiologi/faglig-ambition/rammer/{framework.pk}/")
    page.get_by_role("link", name=re.compile("^Driverdiagram")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(framework.title)

    page.locator("#primary-text").fill("Ensartet praksis")
    page.get_by_role("button", name="Tilføj primær driver").click()
    expect(page.locator("#drivers")).to_contain_text("Ensartet praksis")
    primary = Driver.objects.get(framework=framework, text="Ensartet praksis")

    page.locator(f"#secondary-{primary.pk}-text").fill("Ens henvisningsskabelon")
    page.locator(f"#driver-{primary.pk}").get_by_role(
        "button", name=re.compile("^Tilføj sekundær driver")
    ).click()
    expect(page.locator(f"#driver-{primary.pk}")).to_contain_text("Ens henvisningsskabelon")
    secondary = Driver.objects.get(parent=primary)

    page.locator(f"#idea-new-{secondary.pk}-text").fill("Tjekliste ved visitation")
    page.locator(f"#driver-{secondary.pk}").get_by_role(
        "button", name=re.compile("^Tilføj forandringsidé")
    ).click()
    expect(page.locator(f"#driver-{secondary.pk}")).to_contain_text("Tjekliste ved visitation")
    idea = ChangeIdea.objects.get(driver=secondary)

    page.locator(f"#idea-{idea.pk} summary", has_text="Knyt til handlinger").click()
    page.locator(f"#idea-{idea.pk}").get_by_label(re.compile(re.escape(action.title))).check()
    page.locator(f"#idea-{idea.pk}").get_by_role(
        "button", name=re.compile("^Gem tilknytninger")
    ).click()
    expect(page.locator(f'#idea-{idea.pk} a[data-action="{action.pk}"]')).to_have_text(action.title)
    assert list(idea.actions.all()) == [action]
    expect(page.locator("svg.driver-diagram")).to_contain_text("Tjekliste ved")
    assert_accessible(page)

    # The action's PDSA cycles and an indicator's run chart, from the action card.
    page.goto(
        base + f"/specialer/im-kardiologi/faglig-ambition/fokusomraader/{action.focus_area_id}/"
    )
    page.locator(f"#action-{action.pk}").get_by_role(
        "link", name=re.compile("^PDSA-cyklusser")
    ).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(action.title)
    assert_accessible(page)
    indicator = ProgressIndicator.objects.filter(
        action__focus_area__framework__ambition__specialty__slug="im-kardiologi"
    ).first()
    assert indicator is not None
    page.goto(base + f"/specialer/im-kardiologi/forbedring/indikatorer/{indicator.pk}/")
    expect(page.locator("#run-chart-verdict")).to_be_visible()
    assert_accessible(page)
