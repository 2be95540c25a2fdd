"""The professional ambition's overview: its three documents, or how and when it is opened;
opening it, and following a newer approved strategy."""

from __future__ import annotations

import functools
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from ambitions import balance
from ambitions import permissions as ambition_permissions
from ambitions.models import (
    AmbitionVersion,
    AreaFramework,
    ProfessionalAmbition,
)
from ambitions.professional import learning, services
from ambitions.professional.access import (
    get_professional_for_frameworks,
    get_specialty_for_professional,
    get_specialty_for_professional_open,
)
from ambitions.professional.queries import frameworks as framework_queries
from ambitions.professional.queries import funds as funds_queries
from ambitions.professional.queries import status as progress
from ambitions.professional.queries import tracing
from bass.cache import version as content_version
from bass.http import HtmxHttpRequest, signed_in_user
from specialties.access import strategic_ambition_of

OVERVIEW = "ambitions/professional/overview.html"


def _overview_url(slug: str) -> str:
    return reverse("professional:overview", kwargs={"slug": slug})


# -- Overview and opening ---------------------------------------------------------------------


@require_safe
@login_required
def overview(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """The professional ambition's three documents, or how and when it is opened."""
    specialty = get_specialty_for_professional(request.user, slug)
    strategic = strategic_ambition_of(specialty)
    # Selected with the (kept) specialty, with whom it was opened by and what it is based on.
    ambition: ProfessionalAmbition | None = getattr(specialty, "professional_ambition", None)
    context: dict[str, Any] = {"specialty": specialty, "strategic": strategic, "ambition": ambition}
    if ambition is None:
        return render(request, OVERVIEW, context)
    ambition.specialty = specialty
    today = timezone.localdate()
    # The figures and loose ends are lazy: the page keeps its rendered frameworks per
    # content version and day, and only loads the whole ambition when that is out of date.
    strategy = learning.strategy_for(request.user, specialty)
    loaded = functools.cache(lambda: progress.load(ambition, today, strategy))
    frameworks = list(AreaFramework.objects.filter(ambition=ambition).order_by("order", "pk"))
    approved: AmbitionVersion | None = strategic.approved_version if strategic else None
    status = functools.cache(lambda: progress.status_overview(loaded(), today))
    context.update(
        frameworks=frameworks,
        rows=SimpleLazyObject(lambda: status().rows),
        status=SimpleLazyObject(status),
        loose_ends=SimpleLazyObject(lambda: tracing.loose_ends(loaded(), today)),
        today=today,
        content_version=content_version(specialty),
        reader=learning.reader(strategy),
        approved=approved,
        missing=framework_queries.missing_frameworks(frameworks, approved) if approved else [],
        dropped=framework_queries.dropped_frameworks(frameworks, approved) if approved else [],
        newer=approved is not None and approved.pk != ambition.based_on_id,
        # Lazy like the figures: read only when the kept page is out of date.
        work=SimpleLazyObject(lambda: balance.work_balance(specialty, approved)),
        # Transition funds are the specialty's and the programme's business, not every
        # learner's: outside the kept part, one aggregate query for who may see them.
        funds_totals=SimpleLazyObject(lambda: funds_queries.totals(specialty.pk))
        if ambition_permissions.can_view_funds(request.user, specialty)
        else None,
    )
    return render(request, OVERVIEW, context)


@require_POST
@login_required
def open_ambition(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """The owner or a lead opens the professional ambition from the approved strategy."""
    specialty = get_specialty_for_professional_open(request.user, slug)
    services.professional_open(specialty=specialty, by=signed_in_user(request))
    return redirect(_overview_url(slug))


@require_POST
@login_required
def synchronise(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """Add frameworks for intervention areas a later approved version brought in."""
    ambition = get_professional_for_frameworks(request.user, slug)
    added = services.frameworks_synchronise(ambition=ambition, by=signed_in_user(request))
    if added:
        messages.success(
            request,
            _("Frameworks added: %(titles)s.") % {"titles": ", ".join(f.title for f in added)},
        )
    else:
        messages.info(request, _("The frameworks already follow the approved version."))
    return redirect(_overview_url(slug))
