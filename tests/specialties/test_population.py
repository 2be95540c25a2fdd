"""The population picture through HTTP (issue 26, item 2): who may read and write it, the
grid as a picture and as a table, the strength positions checked against two hospitals (not
two sites), the introduction and the history."""

from __future__ import annotations

import pytest
from django.urls import reverse

from specialties.models import Service, Site, SiteService, Specialty, StrengthPosition
from tests.conftest import Cast

pytestmark = pytest.mark.django_db


def _url(cast: Cast, name: str = "specialties:population", **kwargs: object) -> str:
    return reverse(name, kwargs={"slug": cast.specialty.slug, **kwargs})


def _site(short_name: str) -> Site:
    return Site.objects.get(short_name=short_name)


def _site_data(site: Site, **offered: str) -> dict[str, str]:
    data: dict[str, str] = {}
    for service, groups in offered.items():
        data[f"site-{site.pk}-offer_{service}"] = "on"
        data[f"site-{site.pk}-groups_{service}"] = groups
    return data


@pytest.mark.parametrize(
    "persona", ["owner", "lead", "core", "steering", "secretariat", "outsider"]
)
def test_everyone_signed_in_reads_the_picture(cast: Cast, persona: str) -> None:
    response = cast.client_for(getattr(cast, persona)).get(_url(cast))
    assert response.status_code == 200
    assert 'role="img"' in response.text  # the grid as a picture
    assert "<table" in response.text  # and as a table
    writes = persona in ("owner", "lead")
    assert (_url(cast, "specialties:population_introduction") in response.text) is writes


def test_anonymous_is_sent_to_log_in(cast: Cast) -> None:
    response = cast.client_for(None).get(_url(cast))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("persona", ["owner", "lead"])
def test_owner_and_lead_write_what_the_specialty_offers_at_a_site(cast: Cast, persona: str) -> None:
    koege = _site("SUH Køge")
    client = cast.client_for(getattr(cast, persona))
    data = _site_data(koege, acute_admission="Akut hjertesyge", outpatient_clinic="Hjertesvigt")
    response = client.post(_url(cast, "specialties:population_site", site_pk=koege.pk), data)
    assert response.status_code == 302
    rows = SiteService.objects.filter(specialty=cast.specialty, site=koege)
    assert {(r.service, r.patient_groups) for r in rows} == {
        ("acute_admission", "Akut hjertesyge"),
        ("outpatient_clinic", "Hjertesvigt"),
    }
    # Unticked is no longer offered.
    client.post(
        _url(cast, "specialties:population_site", site_pk=koege.pk),
        _site_data(koege, outpatient_clinic="Hjertesvigt"),
    )
    assert [r.service for r in rows.all()] == ["outpatient_clinic"]
    page = client.get(_url(cast))
    assert "Hjertesvigt" in page.text
    assert "Ambulatorium" in page.text


@pytest.mark.parametrize("persona", ["core", "steering", "secretariat", "outsider", "other_owner"])
def test_others_may_not_write_and_nothing_changes(cast: Cast, persona: str) -> None:
    koege = _site("SUH Køge")
    client = cast.client_for(getattr(cast, persona))
    posts = [
        (_url(cast, "specialties:population_site", site_pk=koege.pk), _site_data(koege, ward="X")),
        (_url(cast, "specialties:population_introduction"), {"text": "Overskrevet"}),
        (
            _url(cast, "specialties:strength_position_add"),
            {"strength-name": "X", "strength-sites": [koege.pk]},
        ),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 403
    position = StrengthPosition.objects.create(specialty=cast.specialty, name="Hjertesvigt")
    url = _url(cast, "specialties:strength_position_remove", pk=position.pk)
    assert client.post(url).status_code == 403
    assert not SiteService.objects.exists()
    assert list(StrengthPosition.objects.all()) == [position]
    assert Specialty.objects.get(pk=cast.specialty.pk).description != "Overskrevet"


def test_a_site_the_specialty_is_not_at_is_404(cast: Cast) -> None:
    holbaek = _site("Holbæk")
    response = cast.client_for(cast.owner).post(
        _url(cast, "specialties:population_site", site_pk=holbaek.pk),
        _site_data(holbaek, ward="X"),
    )
    assert response.status_code == 404
    assert not SiteService.objects.exists()


def test_other_needs_a_name(cast: Cast) -> None:
    koege = _site("SUH Køge")
    response = cast.client_for(cast.owner).post(
        _url(cast, "specialties:population_site", site_pk=koege.pk),
        _site_data(koege, other="Hjerterehabilitering"),
    )
    assert response.status_code == 400
    assert "Skriv, hvad den anden ydelse er." in response.text
    assert not SiteService.objects.exists()


def test_a_strength_position_needs_two_hospitals_not_two_sites(cast: Cast) -> None:
    koege, slagelse, nykobing = _site("SUH Køge"), _site("Slagelse"), _site("Nykøbing F.")
    cast.specialty.sites.add(nykobing)
    client = cast.client_for(cast.lead)
    add = _url(cast, "specialties:strength_position_add")
    assert (
        client.post(
            add, {"strength-name": "Hjertesvigt", "strength-sites": [koege.pk, slagelse.pk]}
        )
    ).status_code == 302
    # Køge and Nykøbing F. are two sites of one hospital (Sjællands Universitetshospital).
    assert (
        client.post(
            add, {"strength-name": "Ekkokardiografi", "strength-sites": [koege.pk, nykobing.pk]}
        )
    ).status_code == 302
    met = StrengthPosition.objects.get(name="Hjertesvigt")
    flagged = StrengthPosition.objects.get(name="Ekkokardiografi")
    assert met.is_met
    assert not flagged.is_met
    page = client.get(_url(cast)).text
    assert "Kun 1 hospital: programmet kræver mindst 2." in page
    assert "1 styrkeposition bæres ikke af mindst to hospitaler." in page
    # Removed, the flag goes with it.
    remove = _url(cast, "specialties:strength_position_remove", pk=flagged.pk)
    assert client.post(remove).status_code == 302
    assert "Kun 1 hospital" not in client.get(_url(cast)).text


def test_a_strength_position_of_a_site_elsewhere_is_refused(cast: Cast) -> None:
    holbaek = _site("Holbæk")
    response = cast.client_for(cast.owner).post(
        _url(cast, "specialties:strength_position_add"),
        {"strength-name": "Hjertesvigt", "strength-sites": [holbaek.pk]},
    )
    assert response.status_code == 400
    assert not StrengthPosition.objects.exists()


def test_the_introduction_is_the_description_and_its_history_is_kept(cast: Cast) -> None:
    client = cast.client_for(cast.owner)
    url = _url(cast, "specialties:population_introduction")
    assert client.post(url, {"text": "Kardiologien har populationsansvar."}).status_code == 302
    text = "Kardiologien har fælles populationsansvar."
    assert client.post(url, {"text": text}).status_code == 302
    specialty = Specialty.objects.get(pk=cast.specialty.pk)
    assert specialty.description == "Kardiologien har fælles populationsansvar."
    records = specialty.history.filter(history_user=cast.owner).order_by("history_date")
    assert [r.description for r in records] == ["Kardiologien har populationsansvar.", text]
    page = client.get(_url(cast)).text
    assert "Introduktion" in page
    assert "fælles populationsansvar" in page
    # The specialty's own page shows the picture too.
    detail = client.get(cast.specialty.get_absolute_url()).text
    assert "Populationsbillede" in detail
    assert 'id="population-grid"' in detail


def test_the_page_reads_in_a_fixed_number_of_queries(
    cast: Cast, django_assert_max_num_queries: object
) -> None:
    client = cast.client_for(cast.owner)
    for site in cast.specialty.sites.all():
        for service in Service.values[:3]:
            SiteService.objects.create(specialty=cast.specialty, site=site, service=service)
    client.get(_url(cast))
    with django_assert_max_num_queries(20):  # type: ignore[operator]
        assert client.get(_url(cast)).status_code == 200
