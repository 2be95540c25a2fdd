"""The read-only JSON API (issue 27, item 4): tokens, the pages' permission rules, the figures."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from ambitions.models import Measurement, ProfessionalAmbition, ProgressIndicator
from api import services
from api.models import ApiToken
from people.models import User
from tests.ambitions.professional.conftest import frameworks_of, make_action, make_focus_area
from tests.conftest import Cast

OVERVIEW = "/api/v1/overblik"


def _figures_url(slug: str) -> str:
    return f"/api/v1/specialer/{slug}/tal"


def _indicators_url(slug: str) -> str:
    return f"/api/v1/specialer/{slug}/indikatorer"


def bearer(cast: Cast, user: User) -> dict[str, str]:
    _token, secret = services.token_issue(user=user, name="BI", by=cast.secretariat)
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def test_without_a_token_the_api_answers_401(cast: Cast) -> None:
    assert Client().get(OVERVIEW).status_code == 401
    assert Client().get(OVERVIEW, HTTP_AUTHORIZATION="Bearer nonsense").status_code == 401
    # A session is no token: the API is for tools, not a signed-in browser.
    assert cast.client_for(cast.secretariat).get(OVERVIEW).status_code == 401


def test_a_token_is_stored_only_as_a_hash_with_a_visible_prefix(cast: Cast) -> None:
    token, secret = services.token_issue(user=cast.owner, name="BI", by=cast.secretariat)
    token.refresh_from_db()
    assert secret.startswith("bass_")
    assert len(secret) > 40
    assert token.prefix == secret[:12]
    assert secret not in {token.secret_hash, token.prefix, token.name}
    assert token.secret_hash == services.hash_secret(secret)


def test_a_withdrawn_token_is_refused_with_401(cast: Cast) -> None:
    token, secret = services.token_issue(user=cast.owner, name="BI", by=cast.secretariat)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    assert Client().get(OVERVIEW, **auth).status_code == 200
    services.token_withdraw(token=token, by=cast.secretariat)
    assert Client().get(OVERVIEW, **auth).status_code == 401


def test_a_deactivated_persons_token_is_refused(cast: Cast) -> None:
    auth = bearer(cast, cast.owner)
    User.objects.filter(pk=cast.owner.pk).update(is_active=False)
    assert Client().get(OVERVIEW, **auth).status_code == 401


def test_using_a_token_records_when(cast: Cast) -> None:
    auth = bearer(cast, cast.owner)
    assert ApiToken.objects.get().last_used_at is None
    Client().get(OVERVIEW, **auth)
    assert ApiToken.objects.get().last_used_at is not None


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("owner", 200),
        ("core", 200),
        ("steering", 200),
        ("secretariat", 200),
        ("other_owner", 200),
        ("outsider", 404),  # no role: as Programoverblik, not there
    ],
)
def test_the_overview_follows_programoverblik(cast: Cast, persona: str, expected: int) -> None:
    response = Client().get(OVERVIEW, **bearer(cast, getattr(cast, persona)))
    assert response.status_code == expected


def test_a_role_taken_counts_at_once(cast: Cast) -> None:
    """Permissions are decided from the database on every request, never a kept answer."""
    auth = bearer(cast, cast.other_owner)
    assert Client().get(OVERVIEW, **auth).status_code == 200
    cast.other_owner.memberships.all().delete()
    assert Client().get(OVERVIEW, **auth).status_code == 404


def test_the_overview_has_the_pages_rows(cast: Cast, professional: ProfessionalAmbition) -> None:
    body = Client().get(OVERVIEW, **bearer(cast, cast.steering)).json()
    slugs = [row["slug"] for row in body["specialties"]]
    assert slugs == sorted(slugs, key=str.lower)
    assert {"im-testkardiologi", "im-testnefrologi"} <= set(slugs)
    row = next(r for r in body["specialties"] if r["slug"] == "im-testkardiologi")
    assert row["state"] == "approved"
    assert set(row["resources"]) == {"hours", "fte", "dkk"}
    page = cast.client_for(cast.steering).get(reverse("programme:overview"))
    assert len(page.context["rows"]) == len(body["specialties"])


def _indicator(cast: Cast, professional: ProfessionalAmbition) -> ProgressIndicator:
    action = make_action(
        make_focus_area(frameworks_of(professional)[0]), responsible=cast.lead, title="Triage"
    )
    indicator = ProgressIndicator.objects.create(
        action=action, name="Ventetid", unit="dage", baseline=Decimal(40), target=Decimal(20)
    )
    for month, value in [(1, 38), (2, 35)]:
        Measurement.objects.create(
            indicator=indicator,
            measured_on=datetime.date(2025, month, 1),
            value=Decimal(value),
            recorded_by=cast.lead,
        )
    return indicator


def test_indicators_with_their_measurements(cast: Cast, professional: ProfessionalAmbition) -> None:
    _indicator(cast, professional)
    response = Client().get(_indicators_url(cast.specialty.slug), **bearer(cast, cast.core))
    assert response.status_code == 200
    [indicator] = response.json()
    assert indicator["name"] == "Ventetid"
    assert indicator["action"] == "Triage"
    assert [m["value"] for m in indicator["measurements"]] == ["38.00", "35.00"]
    assert indicator["track"] in {"on_track", "off_track", "no_measurement"}


def test_a_specialtys_figures(cast: Cast, professional: ProfessionalAmbition) -> None:
    _indicator(cast, professional)
    body = Client().get(_figures_url(cast.specialty.slug), **bearer(cast, cast.owner)).json()
    assert body["slug"] == cast.specialty.slug
    assert len(body["status_rows"]) == len(frameworks_of(professional))
    assert {r["light"] for r in body["status_rows"]} <= {"red", "amber", "green", "none"}


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("outsider", 404), ("other_owner", 200), ("core", 200), ("secretariat", 200)],
)
def test_a_specialty_is_refused_as_the_page_refuses(
    cast: Cast, professional: ProfessionalAmbition, persona: str, expected: int
) -> None:
    """The API answers as "Status og fremdrift" does: the other specialty's owner reads an
    approved specialty's figures (LEARNING_RULE), a person without a role does not."""
    user = getattr(cast, persona)
    auth = bearer(cast, user)
    page = cast.client_for(user).get(
        reverse("professional:status", kwargs={"slug": cast.specialty.slug})
    )
    api = Client().get(_figures_url(cast.specialty.slug), **auth)
    assert api.status_code == page.status_code == expected
    assert Client().get(_indicators_url(cast.specialty.slug), **auth).status_code == expected
    # The other specialty has no professional ambition: not there, for anyone.
    assert Client().get(_figures_url(cast.other_specialty.slug), **auth).status_code == 404


def test_before_approval_only_the_specialty_and_the_programme_read(
    cast: Cast, drafted: object
) -> None:
    """No professional ambition yet: the figures are not there (404) for anyone, as the page."""
    for user in (cast.owner, cast.other_owner, cast.secretariat):
        response = Client().get(_figures_url(cast.specialty.slug), **bearer(cast, user))
        assert response.status_code == 404


def test_the_schema_is_published(cast: Cast) -> None:
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["info"]["title"] == "BASS Ambitions API"
    assert "/api/v1/overblik" in schema["paths"]
    assert schema["components"]["securitySchemes"]["TokenAuth"]["scheme"] == "bearer"


def test_there_is_no_docs_page_to_load_scripts_from_a_cdn(cast: Cast) -> None:
    assert cast.client_for(cast.outsider).get("/api/v1/docs").status_code == 404


# -- Key figures (effektmål) ------------------------------------------------------------------


def _key_figures(cast: Cast) -> None:
    from effect.models import KeyFigure, KeyFigureValue
    from specialties.models import Site

    koege = Site.objects.get(short_name="SUH Køge")
    sick_leave = KeyFigure.objects.create(
        name="Sygefravær", unit="%", better=KeyFigure.Better.LOWER
    )
    sick_leave.specialties.add(cast.specialty)
    for month, value in [(1, "5.10"), (2, "4.80")]:
        KeyFigureValue.objects.create(
            key_figure=sick_leave,
            specialty=cast.specialty,
            site=koege,
            period=datetime.date(2025, month, 1),
            value=Decimal(value),
            recorded_by=cast.owner,
        )
    vacancies = KeyFigure.objects.create(
        name="Vakante stillinger", unit="antal", better=KeyFigure.Better.LOWER, per_site_only=True
    )
    KeyFigureValue.objects.create(
        key_figure=vacancies,
        site=koege,
        period=datetime.date(2025, 1, 1),
        value=Decimal(12),
        recorded_by=cast.secretariat,
    )


def test_a_specialtys_key_figures_with_their_values(cast: Cast) -> None:
    _key_figures(cast)
    url = f"/api/v1/specialer/{cast.specialty.slug}/effektmaal"
    body = Client().get(url, **bearer(cast, cast.other_owner)).json()
    [series] = [s for s in body["series"] if s["values"]]
    assert series["key_figure"] == "Sygefravær"
    assert series["specialty"] == cast.specialty.name
    assert [v["value"] for v in series["values"]] == ["5.10", "4.80"]
    sites = Client().get("/api/v1/effektmaal/matrikler", **bearer(cast, cast.steering)).json()
    assert [v["value"] for s in sites["series"] for v in s["values"]] == ["12.00"]


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("outsider", 404), ("core", 200), ("other_owner", 200), ("steering", 200)],
)
def test_key_figures_are_refused_as_the_pages_refuse(
    cast: Cast, persona: str, expected: int
) -> None:
    _key_figures(cast)
    user = getattr(cast, persona)
    auth = bearer(cast, user)
    page = cast.client_for(user).get(
        reverse("effect:specialty", kwargs={"slug": cast.specialty.slug})
    )
    api = Client().get(f"/api/v1/specialer/{cast.specialty.slug}/effektmaal", **auth)
    assert api.status_code == page.status_code == expected
    sites_page = cast.client_for(user).get(reverse("effect:sites"))
    sites_api = Client().get("/api/v1/effektmaal/matrikler", **auth)
    assert sites_api.status_code == sites_page.status_code == expected
    assert Client().get("/api/v1/specialer/findes-ikke/effektmaal", **auth).status_code == 404
