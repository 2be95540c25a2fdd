"""Key figures in a status round (issue 27): what is missing for the round's period shows on
the round page and in Mine opgaver, and closing the round freezes the values."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from effect import queries, services
from effect.models import KeyFigure
from rounds import services as round_services
from rounds.models import RoundSnapshot, StatusRound
from specialties.models import Site
from tests.conftest import Cast

pytestmark = pytest.mark.django_db


@pytest.fixture
def figure(cast: Cast) -> KeyFigure:
    found = KeyFigure.objects.create(name="Sygefravær", unit="%", better=KeyFigure.Better.LOWER)
    found.specialties.add(cast.specialty)
    return found


@pytest.fixture
def round_(cast: Cast) -> StatusRound:
    """A round over the two months before this one."""
    this_month = timezone.localdate().replace(day=1)
    return round_services.round_open(
        name="Runde 1",
        period_start=queries.add_months(this_month, -2),
        period_end=this_month - datetime.timedelta(days=1),
        deadline=timezone.localdate() + datetime.timedelta(days=10),
        specialties=[cast.specialty],
        by=cast.secretariat,
    )


def _record(cast: Cast, figure: KeyFigure, round_: StatusRound, value: str) -> None:
    services.value_record(
        key_figure=figure,
        specialty=cast.specialty,
        site=Site.objects.get(short_name="SUH Køge"),
        period=round_.period_start,
        value=Decimal(value),
        by=cast.owner,
    )


def test_the_round_page_shows_what_is_missing(
    cast: Cast, figure: KeyFigure, round_: StatusRound
) -> None:
    _record(cast, figure, round_, "6.5")
    html = cast.client_for(cast.steering).get(reverse("rounds:detail", args=[round_.pk])).content
    page = html.decode()
    # Two sites, two months: one value recorded, three missing.
    assert "1 / 4" in page
    assert "3 værdier mangler" in page
    assert page.count("Sygefravær · ") == 3


def test_mine_opgaver_lists_the_missing_key_figures_for_the_owner_and_leads(
    cast: Cast, figure: KeyFigure, round_: StatusRound
) -> None:
    url = reverse("programme:my_tasks")
    for who in (cast.owner, cast.lead):
        page = cast.client_for(who).get(url).content.decode()
        assert "Registrér 4 værdier for effektmål (Sygefravær)" in page
        assert reverse("effect:specialty", args=[cast.specialty.slug]) in page
    for who in (cast.core, cast.steering, cast.other_owner):
        assert "værdier for effektmål" not in cast.client_for(who).get(url).content.decode()


def test_mine_opgaver_lists_the_missing_key_figures_per_site_for_the_secretariat_only(
    cast: Cast, round_: StatusRound
) -> None:
    """A key figure per site only belongs to no specialty: the secretariat records it, so
    what is missing of it waits in the secretariat's Mine opgaver, without a specialty's
    name, and nowhere else."""
    per_site = KeyFigure.objects.create(
        name="Vikarforbrug", unit="timer", better=KeyFigure.Better.LOWER, per_site_only=True
    )
    sites = list(cast.specialty.sites.all())
    months = queries.months_between(round_.period_start, round_.period_end)
    services.value_record(
        key_figure=per_site,
        specialty=None,
        site=sites[0],
        period=months[0],
        value=Decimal(120),
        by=cast.secretariat,
    )
    url = reverse("programme:my_tasks")
    expected = len(sites) * len(months) - 1
    page = cast.client_for(cast.secretariat).get(url).content.decode()
    item = f"Registrér {expected} værdier for effektmål pr. matrikel (Vikarforbrug)"
    assert item in page
    assert f'href="{reverse("effect:sites")}">{item}' in page  # no specialty named first
    for who in (cast.owner, cast.lead, cast.core, cast.steering, cast.outsider):
        assert "pr. matrikel (Vikarforbrug)" not in cast.client_for(who).get(url).text
    # Everything recorded: nothing waits.
    for site in sites:
        for month in months:
            services.value_record(
                key_figure=per_site,
                specialty=None,
                site=site,
                period=month,
                value=Decimal(100),
                by=cast.secretariat,
            )
    assert "Vikarforbrug" not in cast.client_for(cast.secretariat).get(url).text


def test_nothing_waits_once_everything_is_recorded(
    cast: Cast, figure: KeyFigure, round_: StatusRound
) -> None:
    for site in cast.specialty.sites.all():
        for month in queries.months_between(round_.period_start, round_.period_end):
            services.value_record(
                key_figure=figure,
                specialty=cast.specialty,
                site=site,
                period=month,
                value=Decimal(5),
                by=cast.owner,
            )
    page = cast.client_for(cast.owner).get(reverse("programme:my_tasks")).content.decode()
    assert "værdier for effektmål" not in page


def test_closing_the_round_freezes_the_values(
    cast: Cast, figure: KeyFigure, round_: StatusRound
) -> None:
    _record(cast, figure, round_, "6.5")
    round_services.round_close(round_=round_, by=cast.secretariat, today=timezone.localdate())
    frozen = RoundSnapshot.objects.get(round=round_).figures["key_figures"]
    assert len(frozen) == 4
    recorded = [k for k in frozen if k["value"] is not None]
    assert recorded == [
        {
            "key_figure": figure.pk,
            "name": "Sygefravær",
            "unit": "%",
            "per_site_only": False,
            "site": Site.objects.get(short_name="SUH Køge").pk,
            "site_name": "SUH Køge",
            "period": round_.period_start.isoformat(),
            "value": "6.50",
        }
    ]
    # A later change does not touch the closed round.
    _record(cast, figure, round_, "9")
    page = cast.client_for(cast.steering).get(reverse("rounds:detail", args=[round_.pk]))
    assert RoundSnapshot.objects.get(round=round_).figures["key_figures"] == frozen
    assert "1 / 4" in page.content.decode()
