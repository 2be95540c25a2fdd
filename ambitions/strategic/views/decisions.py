"""The ambition's way through the steering group: submitted, decided (approved, with
conditions, or returned), revised; a condition recorded as met; and the decision register
across the programme."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from ambitions import permissions as ambition_permissions
from ambitions.models import (
    AmbitionVersion,
    StrategicAmbition,
)
from ambitions.strategic import brief, content, queries, services
from ambitions.strategic.access import (
    check_decision_register,
    get_ambition_for_decision,
    get_ambition_for_revision,
    get_ambition_for_submit,
    get_condition_for_follow_up,
)
from ambitions.strategic.forms import (
    ConditionFormSet,
    ConditionMetForm,
    DecisionForm,
)
from bass.http import HtmxHttpRequest, signed_in_user
from specialties.queries import region_version


@require_POST
@login_required
def ambition_submit(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """The owner submits the ambition to the steering group."""
    ambition = get_ambition_for_submit(request.user, slug)
    try:
        version = services.ambition_submit(ambition=ambition, by=signed_in_user(request))
    except services.SubmissionIncomplete as incomplete:
        messages.error(
            request,
            _("The ambition cannot be submitted yet. Missing: %(missing)s.")
            % {"missing": ", ".join(incomplete.missing)},
            extra_tags="beside-button",  # shown next to the submit button, not at the top
        )
    except services.WorkflowError:
        messages.error(
            request, _("The ambition has already been submitted."), extra_tags="beside-button"
        )
    else:
        messages.success(
            request,
            _("Version %(number)s has been submitted to the steering group.")
            % {"number": version.number},
        )
    return redirect(ambition.get_absolute_url())


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def ambition_decide(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """The steering group approves (possibly with conditions) or returns with a remark."""
    ambition = get_ambition_for_decision(request.user, slug)
    if ambition.status != StrategicAmbition.Status.SUBMITTED:
        messages.info(request, _("There is no submitted version awaiting a decision."))
        return redirect(ambition.get_absolute_url())
    version = AmbitionVersion.objects.get(
        ambition=ambition, outcome=AmbitionVersion.Outcome.PENDING
    )
    # Separation of duties: the page still shows the version, and says why there is no form.
    conflict = ambition_permissions.decision_conflict(request.user, ambition)
    if conflict and request.method == "POST":
        messages.error(request, conflict)
        return redirect("ambitions:decide", slug=slug)
    decision_brief = brief.decision_brief(ambition, version)
    form = DecisionForm(request.POST or None, flags=decision_brief.flag_texts)
    conditions = ConditionFormSet(
        request.POST or None, prefix="conditions", form_kwargs={"specialty": ambition.specialty}
    )
    if request.method == "POST" and form.is_valid() and conditions.is_valid():
        try:
            if form.cleaned_data["decision"] == DecisionForm.APPROVE:
                services.ambition_approve(
                    ambition=ambition,
                    by=signed_in_user(request),
                    remark=form.cleaned_data["remark"],
                    flags=decision_brief.flag_texts,
                    conditions=[
                        services.ConditionInput(**c.cleaned_data)
                        for c in conditions
                        if c.has_changed() and c.cleaned_data
                    ],
                )
                messages.success(request, _("The strategic ambition is approved."))
            else:
                services.ambition_return(
                    ambition=ambition,
                    by=signed_in_user(request),
                    remark=form.cleaned_data["remark"],
                    flags=decision_brief.flag_texts,
                )
                messages.success(request, _("The strategic ambition is returned to the owner."))
        except services.WorkflowError:
            messages.error(request, _("Another member of the steering group decided first."))
        except services.ConflictOfInterest as refusal:
            messages.error(request, str(refusal))
        return redirect(ambition.get_absolute_url())
    return render(
        request,
        "ambitions/decide.html",
        {
            "specialty": ambition.specialty,
            "ambition": ambition,
            "version": version,
            "sections": content.sections(version.content),
            "form": form,
            "conditions": conditions,
            "conflict": conflict,
            "brief": decision_brief,
        },
    )


@require_POST
@login_required
def ambition_revise(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """The owner opens a revision of the approved ambition."""
    ambition = get_ambition_for_revision(request.user, slug)
    try:
        services.ambition_start_revision(ambition=ambition, by=signed_in_user(request))
    except services.WorkflowError:
        messages.error(
            request, _("Only an approved ambition can be revised."), extra_tags="beside-button"
        )
    else:
        messages.success(
            request,
            _("A new draft is open. The approved version stays valid until the next approval."),
        )
    return redirect(ambition.get_absolute_url())


@require_POST
@login_required
def condition_met(request: HtmxHttpRequest, slug: str, pk: int) -> HttpResponse:
    """The responsible person (or the owner) records that a condition is met."""
    condition = get_condition_for_follow_up(request.user, slug, pk)
    form = ConditionMetForm(request.POST)
    if form.is_valid():
        try:
            services.condition_mark_met(
                condition=condition, by=signed_in_user(request), note=form.cleaned_data["note"]
            )
        except services.WorkflowError:
            messages.info(request, _("The condition was already recorded as met."))
        else:
            messages.success(request, _("The condition is recorded as met."))
    else:
        messages.error(request, str(form.errors["note"][0]))
    return redirect(condition.version.ambition.get_absolute_url() + "#conditions")


@require_safe
@login_required
def decision_register(request: HtmxHttpRequest) -> HttpResponse:
    """Every submission and decision across the programme, newest first: the strategic
    ambitions' and the steering group's decisions on transition funds.

    A page of it is kept until something in the region changes: its key holds the region's
    content version (one query) and the page's number; the entries are only loaded to
    render it again."""
    check_decision_register(request.user)
    # The page number as the paginator understands it (one count): a junk ?side= is the
    # first page, one past the end the last, and each is kept under that number only.
    page = Paginator(queries.decision_register_rows(), REGISTER_PAGE_SIZE).get_page(
        request.GET.get("side")
    )
    return render(
        request,
        "ambitions/register.html",
        {
            # Loaded only when the kept page is out of date.
            "entries": SimpleLazyObject(lambda: queries.register_entries(page.object_list)),
            "page": page,
            "register_version": f"{page.number} {region_version()}",
        },
    )


# Entries of the decision register shown at once; older ones are on the next pages.
REGISTER_PAGE_SIZE = 50
