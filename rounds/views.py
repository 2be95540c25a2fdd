"""The status rounds' pages: the list (and opening a round), a round, closing it, and a
specialty's "siden sidste runde"."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from bass.http import HtmxHttpRequest, signed_in_user
from rounds import permissions as round_permissions
from rounds import queries, services
from rounds.access import (
    get_round_for_close,
    get_round_for_view,
    get_rounds_for_open,
    get_rounds_for_view,
    get_specialty_for_since,
)
from rounds.forms import RoundForm

LIST = "rounds/list.html"
DETAIL = "rounds/detail.html"


def _list_context(request: HtmxHttpRequest, form: RoundForm | None = None) -> dict[str, Any]:
    can_manage = round_permissions.can_manage_rounds(request.user)
    return {
        "rounds": list(queries.rounds_for_list()),
        "can_manage": can_manage,
        "form": form or (RoundForm() if can_manage else None),
        "today": timezone.localdate(),
    }


@require_safe
@login_required
def round_list(request: HtmxHttpRequest) -> HttpResponse:
    """Statusrunder: every round, open and closed; the secretariat opens a new one here."""
    get_rounds_for_view(request.user)
    return render(request, LIST, _list_context(request))


@require_POST
@login_required
def round_open(request: HtmxHttpRequest) -> HttpResponse:
    """The secretariat opens a round."""
    get_rounds_for_open(request.user)
    form = RoundForm(request.POST)
    if not form.is_valid():
        return render(request, LIST, _list_context(request, form), status=400)
    data = form.cleaned_data
    round_ = services.round_open(
        name=data["name"],
        period_start=data["period_start"],
        period_end=data["period_end"],
        deadline=data["deadline"],
        specialties=data["specialties"],
        by=signed_in_user(request),
    )
    messages.success(request, _("The status round is open."))
    return redirect("rounds:detail", pk=round_.pk)


@require_safe
@login_required
def round_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """A round: per specialty and status row, updated in this round or not and how fresh,
    and what changed since the last closed round."""
    round_ = get_round_for_view(request.user, pk)
    today = timezone.localdate()
    can_manage = round_permissions.can_manage_rounds(request.user)
    return render(
        request,
        DETAIL,
        {
            "round": round_,
            "specialties": queries.round_overview(round_, today),
            "today": today,
            "can_manage": can_manage,
            # ?luk=1: closing is final, so the page asks first (without a script too) and
            # says so, and warns when the deadline has not passed.
            "confirm_close": can_manage and round_.is_open and request.GET.get("luk") == "1",
            "before_deadline": round_.deadline >= today,
            "can_read_report": round_permissions.can_view_programme_report(request.user),
        },
    )


@require_POST
@login_required
def round_close(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """The secretariat closes a round: its figures are frozen."""
    round_ = get_round_for_close(request.user, pk)
    try:
        services.round_close(round_=round_, by=signed_in_user(request), today=timezone.localdate())
    except services.RoundClosed:
        messages.warning(request, _("The status round was closed already."))
    else:
        messages.success(request, _("The status round is closed and its status is frozen."))
    return redirect("rounds:detail", pk=pk)


@require_safe
@login_required
def since_last_round(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """Siden sidste runde: the specialty today against its last closed round."""
    specialty = get_specialty_for_since(request.user, slug)
    today = timezone.localdate()
    return render(
        request,
        "rounds/since.html",
        {
            "specialty": specialty,
            "entry": queries.since_last_round(specialty, today),
            "today": today,
            # The rows table is the round page's: here its "updated" column means since the
            # last closed round, not in a round.
            "since_page": True,
        },
    )
