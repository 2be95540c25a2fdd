"""Status og fremdrift: a row per framework, computed where it can be and written where it
must be; a row is edited in place."""

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
from django.views.decorators.http import require_http_methods, require_safe

from ambitions import permissions as ambition_permissions
from ambitions.models import (
    AreaFramework,
    ProfessionalAmbition,
)
from ambitions.professional import learning, services
from ambitions.professional.access import (
    get_framework_for_status,
    get_framework_for_view,
    get_professional_for_view,
)
from ambitions.professional.forms.frameworks import (
    StatusForm,
)
from ambitions.professional.queries import status as progress
from ambitions.professional.views.focus_areas import site_asked_for
from ambitions.strategic import queries as strategic_reads
from bass.cache import version as content_version
from bass.editing import EditConflict, saved_version
from bass.http import HtmxHttpRequest, render_page_or_fragment, signed_in_user, wants_fragment
from specialties import permissions as specialty_permissions
from specialties.models import Site

STATUS = "ambitions/professional/status.html"


def _status_context(
    request: HtmxHttpRequest,
    ambition: ProfessionalAmbition,
    site: Site | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """Status og fremdrift. The figures are lazy: the page keeps its rendered totals and rows
    per content version, day and site (``{% fragment %}``), and only computes them on a
    miss. With a ``site`` (``?matrikel=``) the figures count only the actions that concern
    it."""
    today = timezone.localdate()
    strategy = learning.strategy_for(request.user, ambition.specialty)
    overview = functools.cache(
        lambda: progress.status_overview(progress.load(ambition, today, strategy, site=site), today)
    )
    return {
        "specialty": ambition.specialty,
        "ambition": ambition,
        "status": SimpleLazyObject(overview),
        "rows": SimpleLazyObject(lambda: overview().rows),
        "today": today,
        "content_version": content_version(ambition.specialty),
        "reader": learning.reader(strategy),
        "stale_after_days": progress.STALE_AFTER_DAYS,
        "can_edit": ambition_permissions.can_edit_status(request.user, ambition.specialty),
        # Comments and history are for the specialty's people and the programme, not every
        # reader of the approved work: a flag of the kept rows, like can_edit.
        "can_discuss": ambition_permissions.can_discuss_professional(
            request.user, ambition.specialty
        ),
        "editing": None,
        "saved": None,
        "site": site,
        "site_key": site.pk if site is not None else 0,
        # The prerequisites not in place: the specialty's own working list, for those who
        # read its strategic ambition (not every reader of the approved work).
        "can_read_prerequisites": specialty_permissions.can_view_ambition(
            request.user, ambition.specialty
        ),
        "open_prerequisites": SimpleLazyObject(
            lambda: strategic_reads.open_prerequisites([ambition.specialty.pk], today)[
                ambition.specialty.pk
            ]
        ),
        **extra,
    }


def _render_status_row(
    request: HtmxHttpRequest, framework: AreaFramework, **extra: Any
) -> HttpResponse:
    def fragment_context() -> dict[str, Any]:
        context = _status_context(request, framework.ambition, **extra)
        context["row"] = next(r for r in context["rows"] if r.framework.pk == framework.pk)
        return context

    return render_page_or_fragment(
        request,
        STATUS,
        "part_status_row",
        target=f"status-row-{framework.pk}",
        page=lambda: _status_context(request, framework.ambition, **extra),
        fragment_context=fragment_context,
    )


@require_safe
@login_required
def status(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """Status og fremdrift: a row per strategic intervention area."""
    ambition = get_professional_for_view(request.user, slug)
    site = site_asked_for(request, ambition.specialty)
    return render(request, STATUS, _status_context(request, ambition, site))


def _status_form(framework: AreaFramework, data: Any = None, **kwargs: Any) -> StatusForm:
    return StatusForm(
        data, prefix=f"status-{framework.pk}", specialty=framework.ambition.specialty, **kwargs
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def status_update(request: HtmxHttpRequest, slug: str, pk: int) -> HttpResponse:
    """One status row: shown (GET), in edit mode (GET ?rediger=1), or saved (POST)."""
    if request.method != "POST" and not request.GET.get("rediger"):
        shown = get_framework_for_view(request.user, slug, pk)
        return _render_status_row(request, shown)
    framework = get_framework_for_status(request.user, slug, pk)
    if request.method != "POST":
        form = _status_form(
            framework,
            initial={
                "anchoring": framework.anchoring,
                "progress_owner": framework.progress_owner_id,
                "deadline": framework.deadline,
                "timeline": framework.timeline,
                "revision": framework.revision,
            },
        )
        return _render_status_row(request, framework, editing=framework.pk, status_form=form)

    form = _status_form(framework, request.POST)
    if not form.is_valid():
        return _render_status_row(request, framework, editing=framework.pk, status_form=form)
    data = form.cleaned_data
    try:
        services.status_update(
            framework=framework,
            by=signed_in_user(request),
            base_revision=data["revision"],
            anchoring=data["anchoring"],
            progress_owner=data["progress_owner"],
            deadline=data["deadline"],
            timeline=data["timeline"],
            comment=data["comment"],
        )
    except EditConflict as conflict:
        current = AreaFramework.objects.select_related("progress_owner", "status_updated_by").get(
            pk=conflict.current.pk
        )
        form = _status_form(
            framework,
            initial={**data, "revision": current.revision},
        )
        return _render_status_row(
            request,
            framework,
            editing=framework.pk,
            status_form=form,
            conflict=saved_version(
                current,
                ["anchoring", "progress_owner", "deadline", "timeline"],
                by=current.status_updated_by,
                at=current.status_updated_at,
            ),
        )
    # Said out loud, like every other save (issue 30, item 11): the row alone changed quietly.
    if wants_fragment(request):
        return _render_status_row(request, framework, saved=framework.pk)
    saved = _("The status row “%(title)s” is saved.")
    messages.success(request, saved % {"title": framework.title})
    return redirect(reverse("professional:status", kwargs={"slug": slug}) + f"#status-row-{pk}")
