"""Transition funds (transitionsmidler, issue 28 item 6): the specialty's requests with the
form to ask for more (owner and implementation leads), and the steering group's page of open
requests where each is granted, reduced or refused."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from ambitions import permissions as ambition_permissions
from ambitions.models import FundsRequest, ProfessionalAmbition
from ambitions.professional import funds as services
from ambitions.professional.access import (
    check_open_funds,
    get_funds_request_for_decision,
    get_professional_for_funds,
    get_professional_for_funds_request,
)
from ambitions.professional.forms.funds import FundsDecisionForm, FundsRequestForm
from ambitions.professional.queries import funds as queries
from bass.http import HtmxHttpRequest, render_page_or_fragment, signed_in_user, wants_fragment

FUNDS = "ambitions/professional/funds.html"
OPEN_FUNDS = "ambitions/funds_open.html"


def _request_form(ambition: ProfessionalAmbition, data: Any = None) -> FundsRequestForm:
    frameworks, actions = queries.request_subjects(ambition)
    return FundsRequestForm(data, frameworks=frameworks, actions=actions, prefix="funds")


def _funds_context(
    request: HtmxHttpRequest, ambition: ProfessionalAmbition, form: FundsRequestForm | None
) -> dict[str, Any]:
    specialty = ambition.specialty
    may_request = ambition_permissions.can_request_funds(request.user, specialty)
    if form is None and may_request:
        form = _request_form(ambition)
    return {
        "specialty": specialty,
        "ambition": ambition,
        "requests": queries.specialty_requests(specialty.pk),
        "totals": queries.totals(specialty.pk),
        "form": form if may_request else None,
    }


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def funds(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """The specialty's funds requests (GET); the owner or a lead asks for funds (POST)."""
    if request.method != "POST":
        ambition = get_professional_for_funds(request.user, slug)
        return render(request, FUNDS, _funds_context(request, ambition, None))
    ambition = get_professional_for_funds_request(request.user, slug)
    form: FundsRequestForm | None = _request_form(ambition, request.POST)
    if form is not None and form.is_valid():
        services.funds_request_submit(
            specialty=ambition.specialty, by=signed_in_user(request), data=form.as_input()
        )
        messages.success(request, _("The funds request has been sent to the steering group."))
        if not wants_fragment(request, "part-funds"):
            return redirect("professional:funds", slug=slug)
        form = None
    return render_page_or_fragment(
        request,
        FUNDS,
        "part_funds",
        page=lambda: _funds_context(request, ambition, form),
        fragment_context=lambda: _funds_context(request, ambition, form),
    )


@require_safe
@login_required
def open_funds(request: HtmxHttpRequest) -> HttpResponse:
    """Every request awaiting the steering group, with a decision form for its members."""
    check_open_funds(request.user)
    may_decide = ambition_permissions.can_decide_funds(request.user)
    entries = []
    for funds_request in queries.open_requests():
        # Separation of duties: the request shows, with why there is no form.
        funds_request.conflict = ambition_permissions.funds_conflict(  # type: ignore[attr-defined]
            request.user, funds_request.specialty
        )
        form = (
            FundsDecisionForm(funds_request=funds_request, prefix=f"decide-{funds_request.pk}")
            if may_decide and not funds_request.conflict  # type: ignore[attr-defined]
            else None
        )
        entries.append((funds_request, form))
    return render(request, OPEN_FUNDS, {"entries": entries})


@require_POST
@login_required
def funds_decide(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """A member of the steering group grants, reduces or refuses one open request."""
    funds_request = get_funds_request_for_decision(request.user, pk)
    conflict = ambition_permissions.funds_conflict(request.user, funds_request.specialty)
    if conflict:
        messages.error(request, conflict)
        return redirect(reverse("funds:open"))
    form: FundsDecisionForm | None = FundsDecisionForm(
        request.POST, funds_request=funds_request, prefix=f"decide-{pk}"
    )
    if form is not None and form.is_valid():
        try:
            services.funds_request_decide(
                funds_request=funds_request,
                by=signed_in_user(request),
                state=form.cleaned_data["decision"],
                granted_amount=form.cleaned_data["granted_amount"],
                remark=form.cleaned_data["remark"],
            )
        except services.FundsAlreadyDecided:
            messages.error(request, _("Another member of the steering group decided first."))
            funds_request.refresh_from_db()
        else:
            messages.success(request, _("The decision is recorded and the requester told."))
        if not wants_fragment(request, f"part-funds-request-{pk}"):
            return redirect(reverse("funds:open"))
        form = None
    elif funds_request.state != FundsRequest.State.OPEN:
        messages.error(request, _("Another member of the steering group decided first."))
        form = None

    def context() -> dict[str, Any]:
        return {"entries": [(funds_request, form)]}

    return render_page_or_fragment(
        request,
        OPEN_FUNDS,
        "part_funds_request",
        page=context,
        fragment_context=lambda: {"funds_request": funds_request, "form": form},
        target=f"part-funds-request-{pk}",
    )
