"""The specialty's population picture page (issue 26, item 2): read by everyone signed in,
written by the specialty's owner and implementation leads (``specialties.population``)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from bass.http import HtmxHttpRequest, signed_in_user
from specialties import permissions as specialty_permissions
from specialties import population
from specialties.access import get_specialty_for_population_edit, get_specialty_for_view
from specialties.forms import PopulationIntroductionForm, SiteServicesForm, StrengthPositionForm
from specialties.models import SiteService, Specialty, StrengthPosition

TEMPLATE = "specialties/population.html"


def _page_url(specialty: Specialty, anchor: str = "") -> str:
    url = reverse("specialties:population", kwargs={"slug": specialty.slug})
    return f"{url}#{anchor}" if anchor else url


def _site_forms(
    specialty: Specialty, picture: population.PopulationPicture, bound: SiteServicesForm | None
) -> list[SiteServicesForm]:
    forms = []
    for row in picture.rows:
        if bound is not None and bound.site.pk == row.site.pk:
            forms.append(bound)
            continue
        rows = {cell.service: cell for cell in row.offered}
        forms.append(SiteServicesForm(site=row.site, rows=rows))
    return forms


def _render(
    request: HtmxHttpRequest,
    specialty: Specialty,
    *,
    introduction_form: PopulationIntroductionForm | None = None,
    site_form: SiteServicesForm | None = None,
    strength_form: StrengthPositionForm | None = None,
    status: int = 200,
) -> HttpResponse:
    picture = population.population_picture(specialty)
    context: dict[str, Any] = {
        "specialty": specialty,
        "picture": picture,
        "can_edit": specialty_permissions.can_edit_population_picture(request.user, specialty),
        "history": population.picture_history(specialty),
    }
    if context["can_edit"]:
        context["introduction_form"] = introduction_form or PopulationIntroductionForm(
            initial={"text": specialty.description}
        )
        context["site_forms"] = _site_forms(specialty, picture, site_form)
        context["strength_form"] = strength_form or StrengthPositionForm(specialty=specialty)
    return render(request, TEMPLATE, context, status=status)


@require_safe
@login_required
def population_page(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """The population picture: its introduction, the sites-by-services grid with its table,
    the strength positions checked against two hospitals, and its history."""
    return _render(request, get_specialty_for_view(request.user, slug))


@require_POST
@login_required
def population_introduction(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """Save the picture's introduction (the specialty's description)."""
    specialty = get_specialty_for_population_edit(request.user, slug)
    form = PopulationIntroductionForm(request.POST)
    if not form.is_valid():
        return _render(request, specialty, introduction_form=form, status=400)
    population.introduction_save(
        specialty=specialty, text=form.cleaned_data["text"].strip(), by=signed_in_user(request)
    )
    messages.success(request, _("The introduction is saved."))
    return redirect(_page_url(specialty, "introduction"))


@require_POST
@login_required
def population_site(request: HtmxHttpRequest, slug: str, site_pk: int) -> HttpResponse:
    """Save what the specialty offers at one of its sites, and to which patient groups."""
    specialty = get_specialty_for_population_edit(request.user, slug)
    site = next((s for s in specialty.sites.all() if s.pk == site_pk), None)
    if site is None:
        raise Http404
    rows = {r.service: r for r in SiteService.objects.filter(specialty=specialty, site=site)}
    form = SiteServicesForm(request.POST, site=site, rows=rows)
    if not form.is_valid():
        return _render(request, specialty, site_form=form, status=400)
    population.site_services_save(
        specialty=specialty, site=site, offered=form.offered(), by=signed_in_user(request)
    )
    messages.success(request, _("The services at %(site)s are saved.") % {"site": site.name})
    return redirect(_page_url(specialty, "grid"))


@require_POST
@login_required
def strength_position_add(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """Name a strength position and the sites that carry it."""
    specialty = get_specialty_for_population_edit(request.user, slug)
    form = StrengthPositionForm(request.POST, specialty=specialty)
    if not form.is_valid():
        return _render(request, specialty, strength_form=form, status=400)
    population.strength_position_add(
        specialty=specialty,
        name=form.cleaned_data["name"],
        sites=list(form.cleaned_data["sites"]),
        by=signed_in_user(request),
    )
    messages.success(request, _("The strength position is added."))
    return redirect(_page_url(specialty, "strength-positions"))


@require_POST
@login_required
def strength_position_remove(request: HtmxHttpRequest, slug: str, pk: int) -> HttpResponse:
    """Remove a strength position from the picture."""
    specialty = get_specialty_for_population_edit(request.user, slug)
    position = StrengthPosition.objects.filter(specialty=specialty, pk=pk).first()
    if position is None:
        raise Http404
    population.strength_position_remove(position=position, by=signed_in_user(request))
    messages.success(request, _("The strength position is removed."))
    return redirect(_page_url(specialty, "strength-positions"))
