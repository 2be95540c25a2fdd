"""The acute hospital's view (issue 26, item 3): one page per site with, across every
specialty, the intervention areas and the actions that concern the site; for every
programme member, each specialty as far as the learning rule lets the reader read it."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ambitions.models import (
    Action,
    ActionStatus,
    AreaFramework,
    InterventionFocusArea,
    ProfessionalAmbition,
    StrategicAmbition,
)
from people.models import User
from programme import sites
from specialties import population
from specialties.models import Site
from tests.ambitions.professional.conftest import (  # noqa: F401 (fixtures)
    approved,
    drafted,
    make_action,
    professional,
)
from tests.conftest import Cast


def site(short_name: str) -> Site:
    return Site.objects.get(short_name=short_name)


def page(short_name: str) -> str:
    return reverse("programme:site", kwargs={"pk": site(short_name).pk})


@pytest.fixture
def work(cast: Cast, professional: ProfessionalAmbition) -> dict[str, Action]:  # noqa: F811
    framework = AreaFramework.objects.filter(ambition=professional).order_by("order").first()
    assert framework is not None
    focus_area = InterventionFocusArea.objects.create(framework=framework, title="Visitation")
    koege = make_action(focus_area, responsible=cast.core, title="Kun i Køge")
    koege.sites.set([site("SUH Køge")])
    slagelse = make_action(focus_area, responsible=cast.core, title="Kun i Slagelse")
    slagelse.sites.set([site("Slagelse")])
    everywhere = make_action(focus_area, responsible=cast.core, title="Overalt")
    Action.objects.filter(pk=koege.pk).update(resource_hours=100)
    Action.objects.filter(pk=everywhere.pk).update(resource_hours=20)
    return {"koege": koege, "slagelse": slagelse, "everywhere": everywhere}


@pytest.mark.parametrize(
    "persona", ["owner", "lead", "core", "steering", "secretariat", "other_owner"]
)
def test_every_programme_member_reads_the_sites_work(
    cast: Cast, work: dict[str, Action], persona: str
) -> None:
    response = cast.client_for(getattr(cast, persona)).get(page("SUH Køge"))
    assert response.status_code == 200
    html = response.content.decode()
    section = html.split(f'id="site-specialty-{cast.specialty.slug}"')[1].split("</section>")[0]
    assert "Kun i Køge" in section
    assert "Overalt" in section
    assert "Kun i Slagelse" not in section
    assert 'data-actions="2"' in section
    assert "Alle specialets matrikler" in section  # "Overalt" names no site


def test_no_role_no_page(cast: Cast, work: dict[str, Action]) -> None:
    assert cast.client_for(cast.outsider).get(page("SUH Køge")).status_code == 404
    anonymous = Client().get(page("SUH Køge"))
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(reverse("login"))


def test_an_unknown_site_is_not_found(cast: Cast) -> None:
    url = reverse("programme:site", kwargs={"pk": 999999})
    assert cast.client_for(cast.steering).get(url).status_code == 404


def test_a_site_where_the_specialty_is_absent_shows_none_of_it(
    cast: Cast, work: dict[str, Action]
) -> None:
    html = cast.client_for(cast.steering).get(page("Holbæk")).content.decode()
    assert f'id="site-specialty-{cast.specialty.slug}"' not in html
    assert 'id="site-empty"' in html


def test_a_reader_from_outside_reads_the_approved_areas_only(
    cast: Cast,
    work: dict[str, Action],
    professional: ProfessionalAmbition,  # noqa: F811
) -> None:
    """The owner renames an intervention area in a new draft: the specialty's people see the
    working copy's title, another specialty's owner the approved one (the learning rule)."""
    framework = AreaFramework.objects.filter(ambition=professional).order_by("order").first()
    assert framework is not None
    area = framework.intervention_area
    assert area is not None
    approved_title = area.title
    area.title = "Omdøbt i udkastet"
    area.save(update_fields=["title"])
    own = cast.client_for(cast.owner).get(page("SUH Køge")).content.decode()
    outside = cast.client_for(cast.other_owner).get(page("SUH Køge")).content.decode()
    assert "Omdøbt i udkastet" in own
    assert "Omdøbt i udkastet" not in outside
    assert approved_title in outside


def test_a_specialty_without_an_approved_ambition_is_not_shown_outside(
    cast: Cast,
    work: dict[str, Action],
    professional: ProfessionalAmbition,  # noqa: F811
) -> None:
    """Against the rule the approval is withdrawn: another specialty's people no longer read
    its professional ambition here, its own people and the programme still do."""
    StrategicAmbition.objects.filter(specialty=cast.specialty).update(approved_version=None)
    section = f'id="site-specialty-{cast.specialty.slug}"'
    assert section not in cast.client_for(cast.other_owner).get(page("SUH Køge")).content.decode()
    assert section in cast.client_for(cast.steering).get(page("SUH Køge")).content.decode()


def test_the_page_costs_the_same_queries_for_few_and_many_actions(
    cast: Cast, work: dict[str, Action]
) -> None:
    client = cast.client_for(cast.steering)

    def count() -> int:
        cache.clear()  # the page computed, not kept
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(page("SUH Køge")).status_code == 200
        return len(ctx.captured_queries)

    client.get(page("SUH Køge"))
    few = count()
    focus_area = work["koege"].focus_area
    for n in range(10):
        make_action(focus_area, responsible=cast.core, title=f"Mere {n}").sites.set(
            [site("SUH Køge"), site("Slagelse")]
        )
    assert count() == few


def test_the_sites_work_is_kept_per_kind_of_reader_until_the_region_changes(
    cast: Cast, work: dict[str, Action]
) -> None:
    """The steering group and the secretariat read the same specialties the same way: the
    second reads the kept work, with no action loaded. An action added at the site shows at
    once; a reader who may read less never gets their copy."""
    actions = Action._meta.db_table
    clients = {}
    for user in (cast.steering, cast.secretariat, cast.other_owner):
        clients[user.pk] = cast.client_for(user)
        clients[user.pk].get(reverse("home"))  # what every page of theirs reads

    koege = page("SUH Køge")

    def read(user: User) -> tuple[str, str, int]:
        with CaptureQueriesContext(connection) as ctx:
            response = clients[user.pk].get(koege)
        assert response.status_code == 200
        sql = " ".join(q["sql"] for q in ctx.captured_queries)
        return response.content.decode(), sql, len(ctx.captured_queries)

    first, computed_sql, computed = read(cast.steering)
    again, kept_sql, kept = read(cast.secretariat)
    assert actions in computed_sql
    assert actions not in kept_sql
    # The person, the site, the specialties with their people and sites, the versions.
    assert kept <= 7
    assert kept < computed
    assert again.count("Kun i Køge") == first.count("Kun i Køge") == 1
    make_action(work["koege"].focus_area, responsible=cast.core, title="Ny i Køge").sites.set(
        [site("SUH Køge")]
    )
    assert "Ny i Køge" in read(cast.secretariat)[0]
    StrategicAmbition.objects.filter(specialty=cast.specialty).update(approved_version=None)
    assert f'id="site-specialty-{cast.specialty.slug}"' not in read(cast.other_owner)[0]


def test_a_busy_site_counts_each_area_and_lists_one_specialtys_actions_when_asked(
    cast: Cast, work: dict[str, Action], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A site of the whole region has thousands of actions: the page counts them per
    intervention area in the database (late ones and resources too) and lists a
    specialty's actions only when its reader asks for them, in the same queries."""
    monkeypatch.setattr(sites, "LIST_ALL_UP_TO", 2)  # Køge has 2 actions: listed
    client = cast.client_for(cast.steering)
    listed = client.get(page("SUH Køge")).content.decode()
    assert "Kun i Køge" in listed
    assert 'id="site-counted-only"' not in listed
    make_action(work["koege"].focus_area, responsible=cast.core, title="Nummer tre")
    # Late: past the end and not finished (the fixture's actions ended in 2025).
    Action.objects.filter(pk=work["everywhere"].pk).update(status=ActionStatus.COMPLETED)
    with CaptureQueriesContext(connection) as counted_queries:
        counted = client.get(page("SUH Køge")).content.decode()
    section = counted.split(f'id="site-specialty-{cast.specialty.slug}"')[1].split("</section>")[0]
    assert 'id="site-counted-only"' in counted
    assert "Kun i Køge" not in section
    assert "Overalt" not in section
    assert 'data-actions="3"' in section
    assert 'data-late="2"' in section
    framework = work["koege"].focus_area.framework
    area_row = section.split(f'data-area="{framework.pk}"')[1].split("</tr>")[0]
    assert ">3<" in area_row  # the area's three actions
    assert ">120<" in area_row  # Køge's 100 hours and the 20 of "Overalt"
    assert f"?speciale={cast.specialty.slug}" in section
    with CaptureQueriesContext(connection) as chosen_queries:
        chosen = client.get(page("SUH Køge") + f"?speciale={cast.specialty.slug}")
    section = chosen.content.decode().split(f'id="site-specialty-{cast.specialty.slug}"')[1]
    assert "Kun i Køge" in section
    assert "Overalt" in section
    assert "Nummer tre" in section
    assert "Kun i Slagelse" not in section
    # Listing reads the actions, their focus areas and sites: two queries more, however many.
    assert len(chosen_queries) == len(counted_queries) + 2


def test_the_overview_links_every_site_to_its_page(cast: Cast, work: dict[str, Action]) -> None:
    html = cast.client_for(cast.secretariat).get(reverse("programme:overview")).content.decode()
    assert f'href="{page("Slagelse")}"' in html


def test_the_demo_spreads_kardiologi_over_its_sites(db: None) -> None:
    call_command("load_demo", stdout=io.StringIO())
    client = Client()
    client.force_login(User.objects.get(username="styregruppe"))
    holbaek = client.get(page("Holbæk")).content.decode()
    assert "Fælles stillingsopslag for Holbæk og Nykøbing F." in holbaek
    # Kardiologi's services at Holbæk, and the owner's later change of one of them.
    changes = holbaek.split('class="site-service-changes"')[1].split("</details>")[0]
    assert "Brystsmerter (afklaring)</del>" in changes
    assert "om natten til SUH Køge)</ins>" in changes
    assert "Mette Kjær Lindholm" in changes
    assert "Én visitationsenhed for regionen" not in holbaek  # Køge only
    koege = client.get(page("SUH Køge")).content.decode()
    assert "Én visitationsenhed for regionen" in koege
    assert "Fælles stillingsopslag for Holbæk og Nykøbing F." not in koege


def test_the_site_export_has_a_line_per_action_that_concerns_it(
    cast: Cast, work: dict[str, Action]
) -> None:
    url = reverse("programme:site_export", kwargs={"pk": site("SUH Køge").pk, "fmt": "csv"})
    response = cast.client_for(cast.other_owner).get(url)
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")  # type: ignore[attr-defined]
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    title, sites = rows[0].index("Handling"), rows[0].index("Matrikler, handlingen vedrører")
    assert {row[title]: row[sites] for row in rows[1:]} == {
        "Kun i Køge": site("SUH Køge").name,
        "Overalt": "Alle specialets matrikler",
    }
    assert cast.client_for(cast.outsider).get(url).status_code == 404
    xlsx = reverse("programme:site_export", kwargs={"pk": site("SUH Køge").pk, "fmt": "xlsx"})
    assert (
        cast.client_for(cast.steering)
        .get(xlsx)["Content-Type"]
        .startswith("application/vnd.openxmlformats")
    )


def test_the_site_shows_each_specialtys_services_there_and_their_changes(
    cast: Cast, work: dict[str, Action]
) -> None:
    """What the specialty offers at the site (its population picture), the strength
    positions the site helps carry, and what changed in those services: for every reader
    of the site's page, in the same number of queries however many there are."""
    koege, slagelse, roskilde = site("SUH Køge"), site("Slagelse"), site("SUH Roskilde")
    steering = cast.client_for(cast.steering)

    def section(client: Client) -> tuple[str, int]:
        cache.clear()  # computed, so that the queries are counted
        with CaptureQueriesContext(connection) as ctx:
            html = client.get(page("SUH Køge")).content.decode()
        part = html.split(f'id="site-specialty-{cast.specialty.slug}"')[1].split("</section>")[0]
        return part, len(ctx.captured_queries)

    empty, _ = section(steering)
    assert "Specialets populationsbillede nævner ingen ydelser på matriklen." in empty
    population.site_services_save(
        specialty=cast.specialty,
        site=koege,
        offered={"acute_admission": ("Brystsmerter", ""), "outpatient_clinic": ("Hjertesvigt", "")},
        by=cast.owner,
    )
    population.site_services_save(
        specialty=cast.specialty,
        site=slagelse,
        offered={"ward": ("Kun i Slagelse", "")},
        by=cast.owner,
    )
    population.strength_position_add(
        specialty=cast.specialty, name="Hjertesvigt", sites=[koege, roskilde], by=cast.owner
    )
    population.site_services_save(
        specialty=cast.specialty,
        site=koege,
        offered={"acute_admission": ("Brystsmerter og synkope", "")},
        by=cast.lead,
    )
    for client in (steering, cast.client_for(cast.other_owner)):
        shown, queries = section(client)
        assert 'data-service="acute_admission"' in shown
        assert "Brystsmerter og synkope" in shown
        assert 'data-service="outpatient_clinic"' not in shown  # no longer offered
        assert "Kun i Slagelse" not in shown  # another site's
        assert "<strong>Hjertesvigt</strong>" in shown
        assert "færre hospitaler, end programmet beder om" in shown  # Køge and Roskilde: one
        changes = shown.split('class="site-service-changes"')[1].split("</details>")[0]
        assert "De 4 seneste ændringer af ydelserne" in changes
        assert "Brystsmerter</del>" in changes  # the lead's change: before and after
        assert "Brystsmerter og synkope</ins>" in changes
        assert "slettet" in changes  # the outpatient clinic
        assert str(cast.lead.get_full_name()) in changes
        assert reverse("specialties:population", args=[cast.specialty.slug]) in shown
    population.strength_position_add(
        specialty=cast.specialty, name="Synkope", sites=[koege, slagelse], by=cast.owner
    )
    population.site_services_save(
        specialty=cast.specialty,
        site=koege,
        offered={
            "acute_admission": ("Brystsmerter", ""),
            "telemedicine": ("Hjemmemonitorering", ""),
        },
        by=cast.owner,
    )
    more, counted = section(cast.client_for(cast.other_owner))
    assert "Hjemmemonitorering" in more
    assert "<strong>Synkope</strong>" in more
    assert counted == queries
