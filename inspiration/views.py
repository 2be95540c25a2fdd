"""The inspiration library's pages: the cases with search and filters, one case (edited in
place by the secretariat), the tasks that can move, the cases suggested for a challenge, and
the cases an action cites."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe
from django_htmx.http import HttpResponseClientRedirect

from ambitions.models import Action
from bass.editing import EditConflict, SavedVersion, saved_version
from bass.http import HtmxHttpRequest, render_page_or_fragment, signed_in_user, wants_fragment
from inspiration import permissions as inspiration_permissions
from inspiration import queries, services
from inspiration.access import (
    get_action_for_citing,
    get_action_for_inspiration,
    get_case_for_edit,
    get_case_for_view,
    get_challenge_for_inspiration,
    require_library_edit,
    require_library_read,
)
from inspiration.forms import CaseForm, CaseSearchForm, CitationForm, TaskShiftSearchForm
from inspiration.models import Case

LIBRARY = "inspiration/library.html"
CASE = "inspiration/case.html"
CASE_ADD = "inspiration/case_add.html"
TASK_SHIFTS = "inspiration/task_shifts.html"
CHALLENGE = "inspiration/challenge.html"
ACTION = "inspiration/action.html"


@require_safe
@login_required
def library(request: HtmxHttpRequest) -> HttpResponse:
    """The cases, searched and filtered; an HTMX request gets the results only."""
    require_library_read(request.user)
    form = CaseSearchForm(request.GET or None)
    if form.is_bound:
        form.is_valid()
    cases = queries.search_cases(form.filters())

    def fragment() -> dict[str, Any]:
        return {"form": form, "cases": cases, "full_text": queries.is_full_text()}

    def page() -> dict[str, Any]:
        return {
            **fragment(),
            "can_edit": inspiration_permissions.can_edit_inspiration(request.user),
            "total": Case.objects.count(),
        }

    return render_page_or_fragment(
        request, LIBRARY, "part_results", page=page, fragment_context=fragment
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def case_add(request: HtmxHttpRequest) -> HttpResponse:
    """The secretariat adds a case in the report's template."""
    require_library_edit(request.user)
    form = CaseForm(request.POST if request.method == "POST" else None, auto_id="add-%s")
    if request.method == "POST" and form.is_valid():
        case = services.case_create(by=signed_in_user(request), content=form.content())
        url = reverse("inspiration:case", kwargs={"slug": case.slug})
        messages.success(request, _("The case “%(title)s” is added.") % {"title": case.title})
        if wants_fragment(request):
            return HttpResponseClientRedirect(url)
        return redirect(url)
    return render_page_or_fragment(
        request,
        CASE_ADD,
        "part_case_form",
        page=lambda: {"form": form},
        fragment_context=lambda: {"form": form},
    )


def _case_context(
    request: HtmxHttpRequest,
    case: Case,
    *,
    form: CaseForm | None = None,
    conflict: SavedVersion | None = None,
) -> dict[str, Any]:
    return {
        "case": case,
        "form": form,
        "editing": form is not None,
        "conflict": conflict,
        "can_edit": inspiration_permissions.can_edit_inspiration(request.user),
        "task_shifts": list(case.task_shifts.all()),
    }


def _render_case(request: HtmxHttpRequest, case: Case, **kwargs: Any) -> HttpResponse:
    context = _case_context(request, case, **kwargs)
    return render_page_or_fragment(
        request, CASE, "part_case", page=lambda: context, fragment_context=lambda: context
    )


def _conflict(current: Case) -> SavedVersion:
    return saved_version(
        current,
        ["title", "setting", "what_they_did", "prerequisites_and_barriers", "results", "potential"],
        by=current.updated_by,
        at=current.updated_at,
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def case_detail(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """One case: shown (GET), in edit mode (GET ?rediger=1), or saved (POST)."""
    if request.method != "POST" and not request.GET.get("rediger"):
        return _render_case(request, get_case_for_view(request.user, slug))
    case = get_case_for_edit(request.user, slug)
    if request.method != "POST":
        return _render_case(request, case, form=CaseForm(case=case))
    form = CaseForm(request.POST, case=case)
    if not form.is_valid():
        return _render_case(request, case, form=form)
    try:
        services.case_update(
            case=case,
            by=signed_in_user(request),
            revision=form.cleaned_data["revision"],
            content=form.content(),
        )
    except EditConflict as exc:
        # Keep everything the person typed, and let the next save go through on purpose.
        current = exc.current
        assert isinstance(current, Case)
        data = request.POST.copy()
        data["revision"] = str(current.revision)
        form = CaseForm(data, case=case)
        form.is_valid()
        return _render_case(request, case, form=form, conflict=_conflict(current))
    saved = get_case_for_view(request.user, slug)
    if wants_fragment(request):
        return _render_case(request, saved)
    messages.success(request, _("The case is saved."))
    return redirect("inspiration:case", slug=saved.slug)


@require_safe
@login_required
def task_shifts(request: HtmxHttpRequest) -> HttpResponse:
    """What the analysis found about tasks that can move between professions and levels."""
    require_library_read(request.user)
    form = TaskShiftSearchForm(request.GET or None)
    data: dict[str, Any] = {}
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
    shifts = queries.task_shifts(
        query=data.get("q", ""), level=data.get("level", ""), specialty=data.get("specialty")
    )

    def fragment() -> dict[str, Any]:
        return {"form": form, "shifts": shifts}

    return render_page_or_fragment(
        request, TASK_SHIFTS, "part_results", page=fragment, fragment_context=fragment
    )


@require_safe
@login_required
def challenge(request: HtmxHttpRequest, slug: str, pk: int) -> HttpResponse:
    """The cases suggested for a challenge: those sharing its perspectives and focus areas,
    best matches first, and what the analysis found about tasks in its specialty."""
    found = queries.challenge_with_tags(get_challenge_for_inspiration(request.user, slug, pk))
    return render(
        request,
        CHALLENGE,
        {
            "challenge": found,
            "specialty": found.specialty,
            "suggestions": queries.suggestions_for([found]),
            "task_shifts": queries.task_shifts(specialty=found.specialty),
        },
    )


def _action_context(
    request: HtmxHttpRequest, action: Action, *, form: CitationForm | None = None
) -> dict[str, Any]:
    specialty = action.focus_area.framework.ambition.specialty
    citations = queries.citations_of(action)
    can_cite = inspiration_permissions.can_cite_inspiration(request.user, specialty)
    return {
        "action": action,
        "specialty": specialty,
        "focus_area": action.focus_area,
        "citations": citations,
        "can_cite": can_cite,
        "suggestions": queries.suggestions_for_action(action, citations)[:5] if can_cite else [],
        "cases": Case.objects.exclude(pk__in=[c.case_id for c in citations]) if can_cite else [],
        "form": form if form is not None else CitationForm(auto_id="cite-%s"),
    }


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def action(request: HtmxHttpRequest, slug: str, pk: int) -> HttpResponse:
    """The cases an action cites as its inspiration; whoever may edit the action cites a case
    (POST ``case``) or stops citing one (POST ``case`` and ``remove``)."""
    if request.method != "POST":
        shown = get_action_for_inspiration(request.user, slug, pk)
        context = _action_context(request, shown)
        return render_page_or_fragment(
            request,
            ACTION,
            "part_citations",
            page=lambda: context,
            fragment_context=lambda: context,
        )
    cited = get_action_for_citing(request.user, slug, pk)
    form = CitationForm(request.POST, auto_id="cite-%s")
    if not form.is_valid():
        context = _action_context(request, cited, form=form)
        return render_page_or_fragment(
            request,
            ACTION,
            "part_citations",
            page=lambda: context,
            fragment_context=lambda: context,
        )
    case = form.cleaned_data["case"]
    by = signed_in_user(request)
    if form.cleaned_data["remove"]:
        services.citation_remove(action=cited, case=case)
        message = _("“%(title)s” is no longer cited.") % {"title": case.title}
    else:
        services.citation_add(action=cited, case=case, note=form.cleaned_data["note"], by=by)
        message = _("“%(title)s” is cited as inspiration.") % {"title": case.title}
    if wants_fragment(request):
        context = _action_context(request, cited)
        context["done"] = message
        return render(request, f"{ACTION}#part_citations", context)
    messages.success(request, message)
    return redirect("inspiration:action", slug=slug, pk=pk)
