"""The read-only JSON API at /api/v1/ (issue 27, item 4), for the region's other tools.

Every endpoint answers as the token's person would be answered by the page that shows the
same figures: it loads through the same access functions (404 where the page says "not
found", 403 where it says "not allowed") and computes with the same query functions, so the
API and the pages cannot disagree.

The OpenAPI schema is published at /api/v1/openapi.json, for everyone: it describes the
figures, it holds none, and a tool's generator reads it without a token. There is no
documentation page: django-ninja's Swagger UI would need its scripts past our
Content-Security-Policy and has not been through the accessibility checks every page passes;
the developer guide (docs/developer/api.md) describes the API with a curl example instead.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import NinjaAPI, Schema

from ambitions.models import Measurement
from ambitions.professional.access import get_professional_for_view
from ambitions.professional.queries.programme import SpecialtyFigures, programme_figures
from api.auth import TokenAuth
from effect import queries as effect_queries
from effect.access import get_effect_for_view, get_specialty_for_effect
from people.models import User
from programme import overview
from programme.access import check_overview_for_view
from specialties.models import Specialty

api = NinjaAPI(
    title="BASS Ambitions API",
    version="1",
    description=(
        "Read-only figures of the BASS programme for the region's other tools. "
        "Authenticate with a personal access token: `Authorization: Bearer <token>`."
    ),
    auth=TokenAuth(),
    urls_namespace="api",
    docs_url=None,
)


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    """The pages' 403: the person may see this, not do it."""
    return api.create_response(request, {"detail": "Forbidden"}, status=403)


def _person(request: HttpRequest) -> User:
    user = request.auth  # type: ignore[attr-defined]
    assert isinstance(user, User)
    return user


# -- Schemas ----------------------------------------------------------------------------------


class Resources(Schema):
    hours: Decimal
    fte: Decimal
    dkk: Decimal


class OverviewRow(Schema):
    specialty: str
    slug: str
    phase: str
    state: str
    revision_in_progress: bool
    days_waiting: int | None
    actions_done: int
    actions_counted: int
    overdue_milestones: int
    late_actions: int
    indicators_off_track: int
    stale_status_rows: int
    resources: Resources


class OverviewTotals(Schema):
    overdue_milestones: int
    late_actions: int
    indicators_off_track: int
    stale_status_rows: int
    resources: Resources


class Overview(Schema):
    date: datetime.date
    specialties: list[OverviewRow]
    totals: OverviewTotals


class StatusRow(Schema):
    intervention_area: str
    light: str
    actions: int
    actions_done: int
    late_actions: int
    overdue_milestones: int
    indicators_on_track: int
    indicators_off_track: int
    indicators_without_measurement: int
    updated_at: datetime.datetime | None
    is_stale: bool


class SpecialtyFiguresOut(Schema):
    date: datetime.date
    specialty: str
    slug: str
    state: str
    open_conditions: int
    overdue_conditions: int
    overdue_milestones: int
    late_actions: int
    indicators_off_track: int
    resources: Resources
    status_rows: list[StatusRow]


class MeasurementOut(Schema):
    measured_on: datetime.date
    value: Decimal
    note: str


class IndicatorOut(Schema):
    id: int
    name: str
    unit: str
    action: str
    baseline: Decimal
    target: Decimal
    expected_now: Decimal
    track: str
    measurements: list[MeasurementOut]


# -- Endpoints --------------------------------------------------------------------------------


@api.get("/overblik", response=Overview, summary="Programoverblik: every specialty's figures")
def overview_figures(request: HttpRequest) -> Overview:
    """The rows and totals of Programoverblik, unfiltered, from the same query as the page;
    for every programme member (404 for anyone else, as the page)."""
    check_overview_for_view(_person(request))
    today = timezone.localdate()
    rows = overview.overview(overview.Filters(), today)
    totals = overview.totals(rows)
    return Overview(
        date=today,
        specialties=[
            OverviewRow(
                specialty=r.specialty.name,
                slug=r.specialty.slug,
                phase=r.phase_value,
                state=r.figures.state,
                revision_in_progress=r.figures.revision_in_progress,
                days_waiting=r.figures.days_waiting,
                actions_done=r.figures.done,
                actions_counted=r.figures.counted,
                overdue_milestones=r.figures.overdue_count,
                late_actions=r.figures.late_count,
                indicators_off_track=r.figures.off_track,
                stale_status_rows=r.figures.stale_count,
                resources=Resources(**vars(r.figures.resources)),
            )
            for r in rows
        ],
        totals=OverviewTotals(
            overdue_milestones=totals.overdue,
            late_actions=totals.late,
            indicators_off_track=totals.off_track,
            stale_status_rows=totals.stale,
            resources=Resources(hours=totals.hours, fte=totals.fte, dkk=totals.dkk),
        ),
    )


def _figures(request: HttpRequest, slug: str) -> SpecialtyFigures:
    """The specialty's figures, if the person may read its "Status og fremdrift" (the
    professional ambition's rule, ``LEARNING_RULE``); 404 otherwise, as the page."""
    ambition = get_professional_for_view(_person(request), slug)
    specialty: Specialty = ambition.specialty
    return programme_figures([specialty], timezone.localdate())[0]


@api.get(
    "/specialer/{slug}/tal",
    response=SpecialtyFiguresOut,
    summary="One specialty's figures (Status og fremdrift)",
)
def specialty_figures(request: HttpRequest, slug: str) -> SpecialtyFiguresOut:
    figures = _figures(request, slug)
    return SpecialtyFiguresOut(
        date=figures.today,
        specialty=figures.specialty.name,
        slug=figures.specialty.slug,
        state=figures.state,
        open_conditions=len(figures.open_conditions),
        overdue_conditions=len(figures.overdue_conditions),
        overdue_milestones=len(figures.overdue_milestones),
        late_actions=len(figures.late_actions),
        indicators_off_track=figures.off_track,
        resources=Resources(**vars(figures.resources)),
        status_rows=[
            StatusRow(
                intervention_area=row.framework.title,
                light=str(light),
                actions=len(row.actions),
                actions_done=row.share.done,
                late_actions=len(row.late_actions),
                overdue_milestones=len(row.overdue_milestones),
                indicators_on_track=row.on_track,
                indicators_off_track=row.off_track,
                indicators_without_measurement=row.no_measurement,
                updated_at=row.updated_at,
                is_stale=row.is_stale,
            )
            for row, light in figures.lights
        ],
    )


@api.get(
    "/specialer/{slug}/indikatorer",
    response=list[IndicatorOut],
    summary="One specialty's indicators with every measurement",
)
def specialty_indicators(request: HttpRequest, slug: str) -> list[IndicatorOut]:
    figures = _figures(request, slug)
    statuses = figures.indicators
    measurements: dict[int, list[Measurement]] = defaultdict(list)
    for measurement in Measurement.objects.filter(
        indicator_id__in=[s.indicator.pk for s in statuses]
    ).order_by("measured_on", "pk"):
        measurements[measurement.indicator_id].append(measurement)
    return [
        IndicatorOut(
            id=s.indicator.pk,
            name=s.indicator.name,
            unit=s.indicator.unit,
            action=s.action.title,
            baseline=s.indicator.baseline,
            target=s.indicator.target,
            expected_now=s.expected,
            track=str(s.track),
            measurements=[
                MeasurementOut(measured_on=m.measured_on, value=m.value, note=m.note)
                for m in measurements[s.indicator.pk]
            ],
        )
        for s in statuses
    ]


# -- Key figures (effektmål) ------------------------------------------------------------------


class KeyFigureValueOut(Schema):
    period: datetime.date
    value: Decimal
    note: str


class KeyFigureSeriesOut(Schema):
    key_figure: str
    unit: str
    better: str
    specialty: str | None
    site: str
    baseline_median: Decimal | None
    latest_median: Decimal | None
    signal: str
    direction: str | None
    values: list[KeyFigureValueOut]


class KeyFiguresOut(Schema):
    programme_start: datetime.date | None
    series: list[KeyFigureSeriesOut]


def _series_out(series: list[effect_queries.Series], start: datetime.date | None) -> KeyFiguresOut:
    return KeyFiguresOut(
        programme_start=start,
        series=[
            KeyFigureSeriesOut(
                key_figure=s.key_figure.name,
                unit=s.key_figure.unit,
                better=s.key_figure.better,
                specialty=s.specialty.name if s.specialty is not None else None,
                site=s.site.name,
                baseline_median=s.baseline_median,
                latest_median=s.latest_median,
                signal=s.verdict,
                direction=s.direction,
                values=[
                    KeyFigureValueOut(period=p.period, value=p.value, note=p.note) for p in s.points
                ],
            )
            for s in series
        ],
    )


@api.get(
    "/specialer/{slug}/effektmaal",
    response=KeyFiguresOut,
    summary="One specialty's key figures: each site's monthly values, medians and signal",
)
def specialty_key_figures(request: HttpRequest, slug: str) -> KeyFiguresOut:
    """As the specialty's key-figure page: every programme member, 404 for anyone else."""
    specialty = get_specialty_for_effect(_person(request), slug)
    start = effect_queries.programme_start()
    return _series_out(effect_queries.specialty_series([specialty], start)[specialty.pk], start)


@api.get(
    "/effektmaal/matrikler",
    response=KeyFiguresOut,
    summary="The key figures per site only: each site's monthly values, medians and signal",
)
def site_key_figures(request: HttpRequest) -> KeyFiguresOut:
    """As the sites' key-figure page: every programme member, 404 for anyone else."""
    get_effect_for_view(_person(request))
    start = effect_queries.programme_start()
    return _series_out(effect_queries.site_series(start), start)
