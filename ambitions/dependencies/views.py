"""A specialty's dependencies page (Afhængigheder): what it needs from other specialties and
what they need from it. The asking specialty's owner and leads add, change and withdraw
theirs in place; the other specialty's owner and leads answer in place."""

from __future__ import annotations

import contextlib
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from ambitions import permissions as ambition_permissions
from ambitions.dependencies import queries, services
from ambitions.dependencies.access import (
    get_dependencies_for_view,
    get_dependency_for_answer,
    get_dependency_for_change,
    get_dependency_for_view,
    get_dependency_for_withdraw,
    get_specialty_for_dependency_add,
)
from ambitions.dependencies.forms import AnswerForm, DependencyForm
from ambitions.models import Dependency
from bass.forms import with_focus
from bass.http import HtmxHttpRequest, render_page_or_fragment, signed_in_user, wants_fragment
from specialties.models import Specialty

TEMPLATE = "ambitions/dependencies.html"


def _ask_form(specialty: Specialty, data: Any = None, **kwargs: Any) -> DependencyForm:
    challenges, actions = queries.subjects_of(specialty)
    return DependencyForm(
        data, specialty=specialty, challenges=challenges, actions=actions, **kwargs
    )


def _page(
    request: HtmxHttpRequest,
    specialty: Specialty,
    *,
    add_form: DependencyForm | None = None,
    open_card: dict[str, Any] | None = None,
) -> dict[str, Any]:
    can_ask = ambition_permissions.can_ask_dependency(request.user, specialty)
    if add_form is None and can_ask:
        add_form = _ask_form(specialty, auto_id="add-%s")
    return {
        "specialty": specialty,
        "dependencies": queries.of_specialty(specialty),
        "can_ask": can_ask,
        "add_form": add_form,
        # The card with a form open, when a request without HTMX asked for one.
        **(open_card or {}),
    }


def _card(
    request: HtmxHttpRequest,
    specialty: Specialty,
    dependency: Dependency,
    *,
    form: DependencyForm | AnswerForm | None = None,
) -> HttpResponse:
    """The dependency's card on the page of ``specialty`` (either side's), read or with a
    form open; the whole page for a request without HTMX."""
    open_card = {
        "open_pk": dependency.pk,
        "form": form,
        "mode": "answer" if isinstance(form, AnswerForm) else "edit" if form else "",
    }
    return render_page_or_fragment(
        request,
        TEMPLATE,
        "part_dependency",
        page=lambda: _page(request, specialty, open_card=open_card),
        fragment_context=lambda: {"specialty": specialty, "dependency": dependency, **open_card},
        target="dependency",
    )


@require_safe
@login_required
def dependency_list(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """The specialty's dependencies on others and others' on it; a card's Cancel asks for
    that card's read view."""
    specialty = get_dependencies_for_view(request.user, slug)
    target = (request.htmx.target or "") if wants_fragment(request) else ""
    pk = target.removeprefix("dependency-")
    if pk != target and pk.isdigit():
        return _card(request, specialty, get_dependency_for_view(request.user, slug, int(pk)))
    return render(request, TEMPLATE, _page(request, specialty))


@require_POST
@login_required
def dependency_add(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """Name another specialty the work depends on, what it needs and by when."""
    specialty = get_specialty_for_dependency_add(request.user, slug)
    form = _ask_form(specialty, request.POST, auto_id="add-%s")
    if not form.is_valid():
        return _asked(request, specialty, form)
    services.dependency_create(
        specialty=specialty,
        by=signed_in_user(request),
        depends_on=form.cleaned_data["depends_on"],
        subject=form.cleaned_data["subject"],
        need=form.cleaned_data["need"],
        needed_by=form.cleaned_data["needed_by"],
    )
    if not wants_fragment(request):
        messages.success(request, _("The dependency is sent to the other specialty."))
        return redirect(queries.page_url(specialty))
    return _asked(request, specialty, None)  # a fresh form for the next one


def _asked(
    request: HtmxHttpRequest, specialty: Specialty, form: DependencyForm | None
) -> HttpResponse:
    """The section of what the specialty asks, with the form (``form`` with its errors)."""
    return render_page_or_fragment(
        request,
        TEMPLATE,
        "part_asked",
        page=lambda: _page(request, specialty, add_form=form),
        fragment_context=lambda: _page(request, specialty, add_form=form),
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def dependency_edit(request: HtmxHttpRequest, slug: str, pk: int) -> HttpResponse:
    """Change what is asked (GET: the card's form, POST: save); after a question or a "no"
    this asks again."""
    dependency = get_dependency_for_change(request.user, slug, pk)
    specialty = dependency.specialty
    prefix = f"dependency-{dependency.pk}"
    if request.method != "POST":
        form = with_focus(
            _ask_form(specialty, prefix=prefix, initial=DependencyForm.initial_of(dependency))
        )
        return _card(request, specialty, dependency, form=form)
    form = _ask_form(specialty, request.POST, prefix=prefix)
    if not form.is_valid():
        return _card(request, specialty, dependency, form=form)
    try:
        dependency = services.dependency_update(
            dependency=dependency,
            by=signed_in_user(request),
            depends_on=form.cleaned_data["depends_on"],
            subject=form.cleaned_data["subject"],
            need=form.cleaned_data["need"],
            needed_by=form.cleaned_data["needed_by"],
        )
    except services.DependencyStateError:
        form.add_error(None, _("Someone answered or withdrew the dependency meanwhile."))
        return _card(request, specialty, get_dependency_for_view(request.user, slug, pk), form=form)
    return _after(request, slug, dependency)


@require_POST
@login_required
def dependency_withdraw(request: HtmxHttpRequest, slug: str, pk: int) -> HttpResponse:
    """Withdraw a dependency that is no longer needed; it stays, marked, for the record."""
    dependency = get_dependency_for_withdraw(request.user, slug, pk)
    # Withdrawn meanwhile: show it as it is.
    with contextlib.suppress(services.DependencyStateError):
        dependency = services.dependency_withdraw(dependency=dependency, by=signed_in_user(request))
    return _after(request, slug, dependency)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def dependency_answer(request: HtmxHttpRequest, slug: str, pk: int) -> HttpResponse:
    """Answer what another specialty needs (GET: the card's form, POST: save): accept,
    decline or ask a question, with a remark."""
    dependency = get_dependency_for_answer(request.user, slug, pk)
    specialty = dependency.depends_on
    prefix = f"answer-{dependency.pk}"
    if request.method != "POST":
        return _card(request, specialty, dependency, form=with_focus(AnswerForm(prefix=prefix)))
    form = AnswerForm(request.POST, prefix=prefix)
    if not form.is_valid():
        return _card(request, specialty, dependency, form=form)
    try:
        dependency = services.dependency_answer(
            dependency=dependency,
            by=signed_in_user(request),
            state=form.cleaned_data["state"],
            remark=form.cleaned_data["remark"],
        )
    except services.DependencyStateError:
        form.add_error(None, _("Someone answered or the asker withdrew it meanwhile."))
        return _card(request, specialty, get_dependency_for_view(request.user, slug, pk), form=form)
    return _after(request, slug, dependency)


def _after(request: HtmxHttpRequest, slug: str, dependency: Dependency) -> HttpResponse:
    """After a change: the card's read view, or back to the page without HTMX."""
    fresh = get_dependency_for_view(request.user, slug, dependency.pk)
    page_specialty = fresh.specialty if fresh.specialty.slug == slug else fresh.depends_on
    if not wants_fragment(request):
        return redirect(queries.page_url(page_specialty, fresh))
    return _card(request, page_specialty, fresh)
