"""Pages of the key figures (effektmål): the secretariat's definitions and the programme's
start, a specialty's values and trends, the figures per site, and the before/after page for
the steering group."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from bass.http import signed_in_user
from bass.permissions import require
from effect import permissions as effect_permissions
from effect import queries, services
from effect.access import (
    get_effect_for_define,
    get_effect_for_view,
    get_figure_for_define,
    get_specialty_for_effect,
)
from effect.charts import series_chart_svg
from effect.forms import KeyFigureForm, ProgrammeStartForm, ValueForm
from effect.models import KeyFigure
from improvement import queries as improvement
from improvement.svg import run_chart_svg
from specialties.models import Site, Specialty


def _charts(series: list[queries.Series]) -> list[tuple[queries.Series, Any]]:
    return [(s, series_chart_svg(s)) for s in series]


# -- The secretariat's definitions ------------------------------------------------------------


@require_safe
@login_required
def figures(request: HttpRequest) -> HttpResponse:
    """Effektmål: every key figure and the programme's start; the secretariat defines them."""
    get_effect_for_view(request.user)
    can_define = effect_permissions.can_define_key_figures(request.user)
    start = queries.programme_start()
    return render(
        request,
        "effect/figures.html",
        {
            "figures": KeyFigure.objects.prefetch_related("specialties"),
            "start": start,
            "can_define": can_define,
            "start_form": ProgrammeStartForm(initial={"programme_start": start})
            if can_define
            else None,
        },
    )


@require_POST
@login_required
def programme_start(request: HttpRequest) -> HttpResponse:
    """The secretariat sets (or clears) the programme's start: every baseline's end."""
    get_effect_for_define(request.user)
    form = ProgrammeStartForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "effect/figures.html",
            {
                "figures": KeyFigure.objects.prefetch_related("specialties"),
                "start": queries.programme_start(),
                "can_define": True,
                "start_form": form,
            },
            status=400,
        )
    services.programme_start_set(
        start=form.cleaned_data["programme_start"], by=signed_in_user(request)
    )
    messages.success(request, _("The programme's start is saved."))
    return redirect("effect:figures")


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def figure_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """The secretariat defines a new key figure, or changes one."""
    if pk is None:
        get_effect_for_define(request.user)
        figure = KeyFigure()
    else:
        figure = get_figure_for_define(request.user, pk)
    form = KeyFigureForm(request.POST or None, instance=figure)
    if request.method == "POST":
        if form.is_valid():
            services.figure_save(
                figure=form.save(commit=False),
                specialties=form.cleaned_data["specialties"],
                by=signed_in_user(request),
            )
            messages.success(request, _("The key figure is saved."))
            return redirect("effect:figures")
        return render(
            request, "effect/figure_form.html", {"form": form, "figure": figure}, status=400
        )
    return render(request, "effect/figure_form.html", {"form": form, "figure": figure})


# -- Recording and trends ---------------------------------------------------------------------


def _record(
    request: HttpRequest,
    form: ValueForm,
    specialty: Specialty | None,
) -> bool:
    if not form.is_valid():
        return False
    data = form.cleaned_data
    services.value_record(
        key_figure=data["key_figure"],
        specialty=specialty,
        site=data["site"],
        period=data["period"],
        value=data["value"],
        note=data["note"],
        by=signed_in_user(request),
    )
    messages.success(request, _("The value is recorded."))
    return True


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def specialty(request: HttpRequest, slug: str) -> HttpResponse:
    """A specialty's key figures: record a month's value (owner, implementation leads), and
    each key figure at each site, and each indicator, as a run chart."""
    found = get_specialty_for_effect(request.user, slug)
    can_record = effect_permissions.can_record_key_figures(request.user, found)
    today = timezone.localdate()
    own = queries.figures_of(found)
    sites = list(found.sites.order_by("order", "name"))
    form = None
    if can_record and own:
        initial = {"period": queries.add_months(queries.month_of(today), -1)}
        form = ValueForm(
            request.POST or None,
            figures=own,
            sites=sites,
            today=today,
            initial=initial,
            auto_id="value-%s",
        )
    if request.method == "POST":
        require(form is not None)
        assert form is not None
        if _record(request, form, found):
            return redirect("effect:specialty", slug=found.slug)
    start = queries.programme_start()
    series = queries.specialty_series([found], start)[found.pk]
    charts = improvement.charts_by_specialty([found.pk]).get(found.pk, [])
    return render(
        request,
        "effect/specialty.html",
        {
            "specialty": found,
            "form": form,
            "start": start,
            "charts": _charts(series),
            "indicators": [
                (c, run_chart_svg(c, dom_id=f"run-chart-{c.indicator.pk}")) for c in charts
            ],
        },
        status=400 if form is not None and form.is_bound else 200,
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def sites(request: HttpRequest) -> HttpResponse:
    """The key figures per site only: the secretariat records them; every programme member
    reads their run charts."""
    get_effect_for_view(request.user)
    today = timezone.localdate()
    figures_ = queries.site_figures()
    form = None
    if effect_permissions.can_record_site_key_figures(request.user) and figures_:
        form = ValueForm(
            request.POST or None,
            figures=figures_,
            sites=list(Site.objects.all()),
            today=today,
            initial={"period": queries.add_months(queries.month_of(today), -1)},
            auto_id="value-%s",
        )
    if request.method == "POST":
        require(form is not None)
        assert form is not None
        if _record(request, form, None):
            return redirect("effect:sites")
    start = queries.programme_start()
    series = [s for s in queries.site_series(start) if s.points]
    return render(
        request,
        "effect/sites.html",
        {"form": form, "start": start, "charts": _charts(series)},
        status=400 if form is not None and form.is_bound else 200,
    )


@require_safe
@login_required
def before_after(request: HttpRequest) -> HttpResponse:
    """Før og efter: per specialty, site and key figure the baseline's median, the latest
    median and the run chart's signal, for the steering group."""
    get_effect_for_view(request.user)
    start = queries.programme_start()
    return render(
        request,
        "effect/before_after.html",
        {"start": start, "groups": queries.before_after(start)},
    )
