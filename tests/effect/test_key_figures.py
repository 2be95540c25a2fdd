"""Key figures (effektmål, issue 27): the secretariat defines them, the people responsible
record a month's value per site, the trends are run charts with the indicators' rules, and
the before/after page shows each series' medians and signal."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from effect import queries, services
from effect.models import EffectSettings, KeyFigure, KeyFigureValue
from improvement.runchart import analyse, median
from specialties.models import Site
from tests.conftest import Cast

pytestmark = pytest.mark.django_db

START = datetime.date(2025, 1, 1)


@pytest.fixture
def figure(cast: Cast) -> KeyFigure:
    found = KeyFigure.objects.create(name="Sygefravær", unit="%", better=KeyFigure.Better.LOWER)
    found.specialties.add(cast.specialty)
    return found


@pytest.fixture
def site_figure() -> KeyFigure:
    return KeyFigure.objects.create(
        name="Patienter uden for regionen",
        unit="patienter",
        better=KeyFigure.Better.LOWER,
        per_site_only=True,
    )


def _month(index: int) -> datetime.date:
    return queries.add_months(datetime.date(2024, 1, 1), index)


# Twelve months around 6 before the start, twelve clearly lower after it.
BEFORE = ["6.5", "6.1", "6.9", "6.2", "6.6", "6.3", "6.8", "6.0", "6.7", "6.4", "6.5", "6.3"]
AFTER = ["5.1", "5.3", "4.9", "5.0", "5.2", "4.8", "5.1", "5.0", "4.9", "5.2", "5.0", "4.7"]


def _series(cast: Cast, figure: KeyFigure) -> None:
    site = Site.objects.get(short_name="SUH Køge")
    for index, value in enumerate(BEFORE + AFTER):
        services.value_record(
            key_figure=figure,
            specialty=cast.specialty,
            site=site,
            period=_month(index),
            value=Decimal(value),
            by=cast.owner,
        )


def test_the_trends_signal_is_the_run_chart_rules_result_on_a_known_series(
    cast: Cast, figure: KeyFigure
) -> None:
    _series(cast, figure)
    services.programme_start_set(start=START, by=cast.secretariat)
    found = [
        s for s in queries.specialty_series([cast.specialty], START)[cast.specialty.pk] if s.points
    ]
    assert len(found) == 1
    series = found[0]
    values = [Decimal(v) for v in BEFORE + AFTER]
    centre = median([Decimal(v) for v in BEFORE])
    expected = analyse(values, centre)
    assert series.centre == centre == Decimal("6.45")
    assert series.analysis == expected
    assert series.analysis is not None
    assert expected.signal
    assert expected.long_run
    assert expected.longest_run == 13  # 6.3 (Dec) and all twelve months after lie below
    assert series.verdict == "signal"
    assert series.baseline_median == Decimal("6.45")
    assert series.latest_median == Decimal("5.0")
    assert series.direction == queries.Direction.BETTER
    # Higher is better: the same fall is a deterioration.
    series.key_figure.better = KeyFigure.Better.HIGHER
    assert series.direction == queries.Direction.WORSE


def test_without_a_programme_start_every_month_is_the_baseline(
    cast: Cast, figure: KeyFigure
) -> None:
    _series(cast, figure)
    (series,) = [
        s for s in queries.specialty_series([cast.specialty], None)[cast.specialty.pk] if s.points
    ]
    assert series.centre == median([Decimal(v) for v in BEFORE + AFTER])
    assert series.baseline_median is None
    assert series.direction is None


def _page(cast: Cast) -> str:
    return reverse("effect:specialty", args=[cast.specialty.slug])


def _post(cast: Cast, figure: KeyFigure, **data: str) -> dict[str, str]:
    site = Site.objects.get(short_name="SUH Køge")
    return {
        "key_figure": str(figure.pk),
        "site": str(site.pk),
        "period": "03.2025",
        "value": "6,5",
        **data,
    }


@pytest.mark.parametrize("who", ["owner", "lead", "secretariat"])
def test_the_people_responsible_record_a_months_value(
    cast: Cast, figure: KeyFigure, who: str
) -> None:
    response = cast.client_for(getattr(cast, who)).post(_page(cast), _post(cast, figure))
    assert response.status_code == 302
    value = KeyFigureValue.objects.get()
    assert value.value == Decimal("6.5")
    assert value.period == datetime.date(2025, 3, 1)
    assert value.specialty == cast.specialty
    assert value.recorded_by == getattr(cast, who)


def test_recording_the_same_month_again_replaces_the_value(cast: Cast, figure: KeyFigure) -> None:
    client = cast.client_for(cast.owner)
    client.post(_page(cast), _post(cast, figure))
    client.post(_page(cast), _post(cast, figure, value="7,25", period="2025-03"))
    assert [v.value for v in KeyFigureValue.objects.all()] == [Decimal("7.25")]


@pytest.mark.parametrize(
    ("who", "status"), [("core", 403), ("steering", 403), ("other_owner", 403), ("outsider", 404)]
)
def test_others_may_not_record(cast: Cast, figure: KeyFigure, who: str, status: int) -> None:
    response = cast.client_for(getattr(cast, who)).post(_page(cast), _post(cast, figure))
    assert response.status_code == status
    assert not KeyFigureValue.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("value", "seks", "Skriv et tal, fx 6,5."),
        ("value", "6,555", "Skriv højst to decimaler."),
        ("period", "marts", "Skriv måneden som mm.åååå, fx 11.2026."),
        ("period", "13.2025", "Skriv måneden som mm.åååå, fx 11.2026."),
        ("period", "01.2099", "Måneden er ikke begyndt endnu"),
        ("site", "999999", "Vælg en af matriklerne på listen."),
    ],
)
def test_bad_input_gets_a_danish_error_next_to_the_field(
    cast: Cast, figure: KeyFigure, field: str, value: str, message: str
) -> None:
    response = cast.client_for(cast.owner).post(_page(cast), _post(cast, figure, **{field: value}))
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    # next to the field: the error list names the field's own id
    assert f'id="value-{field}_error"' in html
    assert not KeyFigureValue.objects.exists()


def test_a_site_the_specialty_is_not_at_is_refused(cast: Cast, figure: KeyFigure) -> None:
    holbaek = Site.objects.get(short_name="Holbæk")
    response = cast.client_for(cast.owner).post(
        _page(cast), _post(cast, figure, site=str(holbaek.pk))
    )
    assert response.status_code == 400
    assert not KeyFigureValue.objects.exists()


@pytest.mark.parametrize(("who", "status"), [("core", 200), ("steering", 200), ("outsider", 404)])
def test_who_may_read_the_trends(cast: Cast, figure: KeyFigure, who: str, status: int) -> None:
    _series(cast, figure)
    services.programme_start_set(start=START, by=cast.secretariat)
    response = cast.client_for(getattr(cast, who)).get(_page(cast))
    assert response.status_code == status
    if status == 200:
        html = response.content.decode()
        assert 'class="run-chart"' in html
        assert "Programstart" in html
        assert 'data-verdict="signal"' in html
        assert ('name="value"' in html) is False


def test_only_the_secretariat_records_figures_per_site(cast: Cast, site_figure: KeyFigure) -> None:
    url = reverse("effect:sites")
    site = Site.objects.get(short_name="Slagelse")
    data = {
        "key_figure": str(site_figure.pk),
        "site": str(site.pk),
        "period": "01.2025",
        "value": "40",
    }
    assert cast.client_for(cast.owner).post(url, data).status_code == 403
    assert cast.client_for(cast.secretariat).post(url, data).status_code == 302
    value = KeyFigureValue.objects.get()
    assert value.specialty is None
    assert value.site == site
    assert cast.client_for(cast.owner).get(url).status_code == 200
    assert cast.client_for(cast.outsider).get(url).status_code == 404


def test_a_value_must_fit_its_key_figure(
    cast: Cast, figure: KeyFigure, site_figure: KeyFigure
) -> None:
    site = Site.objects.get(short_name="SUH Køge")
    kwargs = {"site": site, "period": START, "value": Decimal(1), "by": cast.owner}
    with pytest.raises(services.WrongSeries):
        services.value_record(key_figure=site_figure, specialty=cast.specialty, **kwargs)
    with pytest.raises(services.WrongSeries):
        services.value_record(key_figure=figure, specialty=None, **kwargs)
    with pytest.raises(services.WrongSeries):
        services.value_record(key_figure=figure, specialty=cast.other_specialty, **kwargs)


# -- The secretariat's definitions ----------------------------------------------------------


def test_the_secretariat_defines_a_key_figure(cast: Cast) -> None:
    client = cast.client_for(cast.secretariat)
    response = client.post(
        reverse("effect:figure_add"),
        {
            "name": "Vikarforbrug",
            "unit": "timer",
            "better": "lower",
            "specialties": [str(cast.specialty.pk)],
            "order": "1",
            "active": "on",
        },
    )
    assert response.status_code == 302
    figure = KeyFigure.objects.get()
    assert figure.name == "Vikarforbrug"
    assert list(figure.specialties.all()) == [cast.specialty]
    # A figure per specialty needs specialties.
    response = client.post(
        reverse("effect:figure_edit", args=[figure.pk]),
        {"name": "Vikarforbrug", "unit": "timer", "better": "lower", "order": "1"},
    )
    assert response.status_code == 400
    assert "Vælg de specialer, der registrerer effektmålet" in response.content.decode()
    # Per site only: no specialties.
    response = client.post(
        reverse("effect:figure_edit", args=[figure.pk]),
        {
            "name": "Vikarforbrug",
            "unit": "timer",
            "better": "lower",
            "per_site_only": "on",
            "specialties": [str(cast.specialty.pk)],
            "order": "1",
        },
    )
    assert response.status_code == 302
    figure.refresh_from_db()
    assert figure.per_site_only
    assert not figure.specialties.exists()
    assert not figure.active


def test_the_secretariat_sets_the_programme_start(cast: Cast) -> None:
    url = reverse("effect:programme_start")
    assert (
        cast.client_for(cast.steering).post(url, {"programme_start": "01.01.2025"}).status_code
        == 403
    )
    response = cast.client_for(cast.secretariat).post(url, {"programme_start": "1. januar"})
    assert response.status_code == 400
    assert (
        cast.client_for(cast.secretariat).post(url, {"programme_start": "01.01.2025"}).status_code
        == 302
    )
    assert EffectSettings.objects.get().programme_start == START
    assert queries.programme_start() == START


@pytest.mark.parametrize("who", ["owner", "steering", "core", "outsider"])
def test_only_the_secretariat_defines(cast: Cast, figure: KeyFigure, who: str) -> None:
    client = cast.client_for(getattr(cast, who))
    refused = 404 if who == "outsider" else 403
    assert client.get(reverse("effect:figure_add")).status_code == refused
    assert client.get(reverse("effect:figure_edit", args=[figure.pk])).status_code == refused
    listing = client.get(reverse("effect:figures"))
    assert listing.status_code == (404 if who == "outsider" else 200)


def test_before_and_after(cast: Cast, figure: KeyFigure) -> None:
    _series(cast, figure)
    services.programme_start_set(start=START, by=cast.secretariat)
    url = reverse("effect:before_after")
    assert cast.client_for(cast.outsider).get(url).status_code == 404
    response = cast.client_for(cast.steering).get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "IM: Testkardiologi" in html
    assert "6,45" in html
    assert "5" in html
    assert 'data-direction="better"' in html
    assert "Forbedring" in html


def test_missing_for_a_period(cast: Cast, figure: KeyFigure) -> None:
    site = Site.objects.get(short_name="SUH Køge")
    services.value_record(
        key_figure=figure,
        specialty=cast.specialty,
        site=site,
        period=datetime.date(2025, 1, 1),
        value=Decimal(5),
        by=cast.owner,
    )
    missing = queries.missing_for(
        [cast.specialty],
        datetime.date(2025, 1, 1),
        datetime.date(2025, 3, 31),
        datetime.date(2025, 3, 5),
    )[cast.specialty.pk]
    # January at Køge is recorded; March has not ended: January at Slagelse and February at both.
    assert sorted((m.site.short_name, m.period.month) for m in missing) == [
        ("SUH Køge", 2),
        ("Slagelse", 1),
        ("Slagelse", 2),
    ]
