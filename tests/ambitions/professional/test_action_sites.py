"""The sites an action concerns (issue 26, item 1): chosen in the action form, saved by the
service (so kept pages go stale), shown on the card, and filtered by on the focus-area page,
Status og fremdrift, Programoverblik and the actions export."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ambitions.models import Action, InterventionFocusArea, ProfessionalAmbition, concerning_site
from bass import cache as content_cache
from specialties.models import Site
from tests.ambitions.professional.conftest import make_action
from tests.ambitions.professional.test_actions import form_data, page_url, url
from tests.conftest import Cast


@pytest.fixture
def focus_area(professional: ProfessionalAmbition) -> InterventionFocusArea:
    framework = professional.frameworks.order_by("order", "pk").first()
    assert framework is not None
    return InterventionFocusArea.objects.create(framework=framework, title="Visitation", order=1)


def site(short_name: str) -> Site:
    return Site.objects.get(short_name=short_name)


def test_the_lead_names_the_sites_and_the_version_bumps(
    cast: Cast, focus_area: InterventionFocusArea
) -> None:
    before = content_cache.version(cast.specialty.pk)
    response = cast.client_for(cast.lead).post(
        url(cast, "action_add", pk=focus_area.pk),
        form_data(cast, sites=str(site("Slagelse").pk)),
    )
    assert response.status_code == 302
    action = Action.objects.get(focus_area=focus_area)
    assert [s.short_name for s in action.sites.all()] == ["Slagelse"]
    assert content_cache.version(cast.specialty.pk) != before
    page = cast.client_for(cast.core).get(page_url(cast, focus_area)).content.decode()
    card = page.split(f'id="action-{action.pk}"')[1]
    assert "Slagelse" in card.split("data-sites")[1].split("</dd>")[0]


def test_none_chosen_means_every_site_of_the_specialty(
    cast: Cast, focus_area: InterventionFocusArea
) -> None:
    cast.client_for(cast.lead).post(url(cast, "action_add", pk=focus_area.pk), form_data(cast))
    action = Action.objects.get(focus_area=focus_area)
    assert list(action.sites.all()) == []
    page = cast.client_for(cast.lead).get(page_url(cast, focus_area)).content.decode()
    assert "Alle specialets matrikler" in page.split("data-sites")[1].split("</dd>")[0]
    for name in ("SUH Køge", "Slagelse"):
        assert Action.objects.filter(concerning_site(site(name).pk)).get() == action
    # Not a site where the specialty is absent.
    assert not Action.objects.filter(concerning_site(site("Holbæk").pk)).exists()


def test_a_site_where_the_specialty_is_absent_is_refused(
    cast: Cast, focus_area: InterventionFocusArea
) -> None:
    response = cast.client_for(cast.lead).post(
        url(cast, "action_add", pk=focus_area.pk),
        form_data(cast, sites=str(site("Holbæk").pk)),
    )
    assert response.status_code == 200
    assert "Vælg blandt de matrikler, hvor specialet findes." in response.content.decode()
    assert not Action.objects.filter(focus_area=focus_area).exists()


def test_editing_changes_the_sites(cast: Cast, focus_area: InterventionFocusArea) -> None:
    client = cast.client_for(cast.lead)
    client.post(
        url(cast, "action_add", pk=focus_area.pk), form_data(cast, sites=str(site("SUH Køge").pk))
    )
    action = Action.objects.get(focus_area=focus_area)
    edit = client.get(url(cast, "action", pk=action.pk) + "?rediger=1").content.decode()
    chosen = re.findall(r'<input type="checkbox" name="sites" value="(\d+)"[^>]*checked', edit)
    assert chosen == [str(site("SUH Køge").pk)]
    client.post(
        url(cast, "action", pk=action.pk),
        form_data(cast, sites=str(site("Slagelse").pk), revision=str(action.revision)),
    )
    assert [s.short_name for s in action.sites.all()] == ["Slagelse"]


def test_who_may_not_edit_cannot_set_the_sites(
    cast: Cast, focus_area: InterventionFocusArea
) -> None:
    action = make_action(focus_area, responsible=cast.core)
    for person, status in ((cast.steering, 403), (cast.other_owner, 403), (cast.outsider, 404)):
        response = cast.client_for(person).post(
            url(cast, "action", pk=action.pk),
            form_data(cast, sites=str(site("Slagelse").pk), revision=str(action.revision)),
        )
        assert response.status_code == status, person
    assert list(action.sites.all()) == []


def _three(cast: Cast, focus_area: InterventionFocusArea) -> tuple[Action, Action, Action]:
    koege = make_action(focus_area, responsible=cast.core, title="Kun i Køge")
    koege.sites.set([site("SUH Køge")])
    slagelse = make_action(focus_area, responsible=cast.core, title="Kun i Slagelse")
    slagelse.sites.set([site("Slagelse")])
    everywhere = make_action(focus_area, responsible=cast.core, title="Overalt")
    return koege, slagelse, everywhere


def test_the_focus_area_page_filters_by_site(cast: Cast, focus_area: InterventionFocusArea) -> None:
    _three(cast, focus_area)
    client = cast.client_for(cast.steering)
    query = f"?matrikel={site('Slagelse').pk}"
    page = client.get(page_url(cast, focus_area) + query).content.decode()
    assert "Kun i Slagelse" in page
    assert "Overalt" in page
    assert "Kun i Køge" not in page
    assert 'id="site-filter"' in page
    whole = client.get(page_url(cast, focus_area)).content.decode()
    assert all(t in whole for t in ("Kun i Køge", "Kun i Slagelse", "Overalt"))
    # A site where the specialty is absent, or junk, shows every action.
    for junk in (f"?matrikel={site('Holbæk').pk}", "?matrikel=x"):
        assert "Kun i Køge" in client.get(page_url(cast, focus_area) + junk).content.decode()


def test_the_filtered_page_costs_no_more_queries(
    cast: Cast, focus_area: InterventionFocusArea
) -> None:
    client = cast.client_for(cast.lead)
    query = f"?matrikel={site('Slagelse').pk}"

    def count() -> int:
        content_cache.bump(cast.specialty.pk)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(page_url(cast, focus_area) + query).status_code == 200
        return len(ctx.captured_queries)

    _three(cast, focus_area)
    few = count()
    for n in range(12):
        make_action(focus_area, responsible=cast.core, title=f"Flere {n}").sites.set(
            [site("Slagelse")]
        )
    assert count() == few


def test_status_counts_only_the_sites_actions(
    cast: Cast, focus_area: InterventionFocusArea
) -> None:
    _three(cast, focus_area)
    status = reverse("professional:status", kwargs={"slug": cast.specialty.slug})
    client = cast.client_for(cast.other_owner)  # a reader of the approved work
    whole = client.get(status).content.decode()
    assert 'data-value="0/3"' in whole
    filtered = client.get(f"{status}?matrikel={site('SUH Køge').pk}").content.decode()
    assert 'data-value="0/2"' in filtered
    assert 'id="status-site"' in filtered


def test_the_programme_overview_filters_and_counts_by_the_actions_sites(
    cast: Cast, focus_area: InterventionFocusArea
) -> None:
    _three(cast, focus_area)
    overview = reverse("programme:overview")
    client = cast.client_for(cast.secretariat)
    page = client.get(overview).content.decode()
    # Two site filters, named apart.
    assert "Speciale på matriklen" in page
    assert "Handlinger på matriklen" in page
    counts = page.split('id="site-counts-table"')[1].split("</table>")[0]
    koege = counts.split(f'data-site="{site("SUH Køge").pk}"')[1].split("</tr>")[0]
    assert 'data-total="2"' in koege  # "Kun i Køge" and "Overalt"
    holbaek = counts.split(f'data-site="{site("Holbæk").pk}"')[1].split("</tr>")[0]
    assert 'data-total="0"' in holbaek
    # Holbæk: no specialty has work there, so no row.
    filtered = client.get(f"{overview}?matrikel={site('Holbæk').pk}").content.decode()
    assert f'id="row-{cast.specialty.slug}"' not in filtered
    present = client.get(f"{overview}?matrikel={site('Slagelse').pk}").content.decode()
    assert f'id="row-{cast.specialty.slug}"' in present


def test_the_actions_export_names_the_sites_and_filters(
    cast: Cast, focus_area: InterventionFocusArea
) -> None:
    _three(cast, focus_area)
    client = cast.client_for(cast.steering)
    export = reverse("programme:actions_export", kwargs={"fmt": "csv"})

    def lines(query: str = "") -> dict[str, str]:
        response = client.get(export + query)
        text = b"".join(response.streaming_content).decode("utf-8-sig")  # type: ignore[attr-defined]
        rows = list(csv.reader(io.StringIO(text), delimiter=";"))
        column = rows[0].index("Matrikler, handlingen vedrører")
        title = rows[0].index("Handling")
        return {row[title]: row[column] for row in rows[1:]}

    assert lines() == {
        "Kun i Køge": site("SUH Køge").name,
        "Kun i Slagelse": site("Slagelse").name,
        "Overalt": "Alle specialets matrikler",
    }
    assert set(lines(f"?matrikel={site('Slagelse').pk}")) == {"Kun i Slagelse", "Overalt"}


def test_a_concurrent_edit_shows_the_sites_saved_first(
    cast: Cast, focus_area: InterventionFocusArea
) -> None:
    action = make_action(focus_area, responsible=cast.core)
    htmx = {"HX-Request": "true", "HX-Target": f"action-{action.pk}"}
    first = cast.client_for(cast.lead).post(
        url(cast, "action", pk=action.pk),
        form_data(cast, sites=str(site("Slagelse").pk), revision="0"),
        headers=htmx,
    )
    assert first.status_code == 200
    second = (
        cast.client_for(cast.core)
        .post(
            url(cast, "action", pk=action.pk),
            form_data(cast, sites=str(site("SUH Køge").pk), revision="0"),
            headers=htmx,
        )
        .text
    )
    theirs = second[second.index(f'id="action-{action.pk}-theirs"') :].split("</dl>")[0]
    saved = theirs.split("<dt>Matrikler, handlingen vedrører</dt>")[1].split("</dd>")[0]
    assert "Slagelse" in saved
    assert "Køge" not in saved
    assert [s.short_name for s in action.sites.all()] == ["Slagelse"]
