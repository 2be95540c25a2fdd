"""A core-team member adds an action with a milestone and a measurement in headless Chromium,
and Status og fremdrift changes accordingly."""

import datetime
import io
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import Page, expect

from ambitions.models import Action

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(reference_data: None) -> None:
    call_command("load_demo", stdout=io.StringIO())


def assert_accessible(page: Page) -> None:
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def field(label: str) -> re.Pattern[str]:
    """A form label as Django renders it (with or without the colon)."""
    return re.compile(rf"^{re.escape(label)}:?$")


def test_a_core_team_member_adds_an_action_and_the_status_follows(
    demo: None, live_server: object, page: Page
) -> None:
    base = str(live_server)
    today = timezone.localdate()
    page.goto(base + "/log-ind/")
    page.get_by_label("Brugernavn").fill("kerneteam")
    page.get_by_label("Adgangskode").fill("bass-demo")
    page.get_by_role("button", name="Log ind").click()
    page.goto(base + "/specialer/im-kardiologi/faglig-ambition/status/")
    row = page.get_by_role("row").filter(has_text="Fælles bagvagt og stillinger")
    expect(row).to_contain_text("1 overskredet milepæl")
    assert_accessible(page)

    page.goto(base + "/specialer/im-kardiologi/faglig-ambition/")
    page.get_by_role("link", name="Fælles stillinger").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Fælles stillinger")
    assert_accessible(page)

    # The form for a new action comes when asked for, in place.
    page.get_by_role("link", name="Ny handling").click()
    form = page.locator("#action-add")
    form.get_by_label(field("Titel")).fill("Mentorordning for nye speciallæger")
    form.get_by_label(field("Formål")).fill("Nye kolleger på de mindre matrikler får en mentor.")
    form.get_by_label(field("Ansvarlig")).select_option(label="Sofie Lund Mikkelsen")
    form.get_by_label(field("Start")).fill(
        (today - datetime.timedelta(days=60)).strftime("%d.%m.%Y")
    )
    form.get_by_label(field("Slut")).fill(
        (today + datetime.timedelta(days=200)).strftime("%d.%m.%Y")
    )
    form.get_by_role("button", name="Tilføj handlingen").click()
    # Refused without a BASS principle, and nothing typed is lost.
    expect(
        page.get_by_text("skal kunne spores tilbage til mindst ét BASS-princip").first
    ).to_be_visible()
    expect(form.get_by_label(field("Titel"))).to_have_value("Mentorordning for nye speciallæger")
    assert not Action.objects.filter(title="Mentorordning for nye speciallæger").exists()

    form.get_by_label(field("Styrkepositioner")).check()
    form.get_by_label(re.compile("^Hvordan handlingen bygger på Styrkepositioner")).fill(
        "Mentorerne kommer fra styrkepositionerne i Køge og Slagelse."
    )
    form.get_by_role("button", name="Tilføj handlingen").click()
    expect(
        page.get_by_role("heading", name="Mentorordning for nye speciallæger", exact=True)
    ).to_be_visible()
    action = Action.objects.get(title="Mentorordning for nye speciallæger")

    # The card opens to record progress: milestones, indicators and measurements.
    page.locator(f"#action-{action.pk}").get_by_role(
        "link", name=re.compile("^Registrér fremdrift")
    ).click()
    milestones = page.locator(f"#part-milestones-{action.pk}")
    milestones.get_by_label(field("Milepæl")).fill("Mentorer udpeget")
    milestones.get_by_label(field("Dato")).fill(
        (today - datetime.timedelta(days=10)).strftime("%d.%m.%Y")
    )
    milestones.get_by_role("button", name="Tilføj milepæl").click()
    expect(page.locator(f"#part-milestones-{action.pk}")).to_contain_text("Mentorer udpeget")

    indicators = page.locator(f"#part-indicators-{action.pk}")
    indicators.get_by_text("Tilføj en indikator for fremdrift").click()
    indicators.get_by_label(field("Indikator")).fill("Nye læger med mentor")
    indicators.get_by_label(field("Enhed")).fill("%")
    indicators.get_by_label(field("Udgangspunkt")).fill("0")
    indicators.get_by_label(field("Mål")).fill("100")
    indicators.get_by_role("button", name="Tilføj indikator").click()
    measurement = page.locator(f"#part-indicators-{action.pk}")
    expect(measurement).to_contain_text("Nye læger med mentor")
    measurement.get_by_label(field("Dato")).fill(today.strftime("%d.%m.%Y"))
    measurement.get_by_label(field("Værdi")).fill("40")
    measurement.get_by_role("button", name="Tilføj måling").click()
    expect(page.locator(f"#part-indicators-{action.pk}")).to_contain_text("40")
    assert_accessible(page)
    page.locator(f"#action-{action.pk}").get_by_role(
        "link", name=re.compile("^Luk registreringen")
    ).click()
    expect(page.locator(f"#part-milestones-{action.pk}")).to_contain_text("Mentorer udpeget")
    expect(page.get_by_role("button", name="Tilføj milepæl")).to_have_count(0)

    page.goto(base + "/specialer/im-kardiologi/faglig-ambition/status/")
    row = page.get_by_role("row").filter(has_text="Fælles bagvagt og stillinger")
    expect(row).to_contain_text("2 overskredne milepæle")
    expect(row).to_contain_text("0 af 3 handlinger afsluttet")
