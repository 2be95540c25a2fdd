"""The specialty pages: the list, one specialty with its people, and its core team."""

import functools

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_POST, require_safe

from bass.cache import version as content_version
from bass.forms import with_focus
from bass.http import HtmxHttpRequest, wants_fragment
from people.models import User
from specialties import queries, services
from specialties.access import get_specialty_for_core_team_edit, get_specialty_for_view
from specialties.forms import CoreTeamMemberForm
from specialties.models import Membership, Specialty
from specialties.queries import region_version


@require_safe
@login_required
def specialty_list(request: HttpRequest) -> HttpResponse:
    """All specialties with owner, sites, strength positions and the state of their ambitions.

    The table is the same for everyone and kept until a specialty in it changes: its key is
    every specialty's content version (one query for the ids, one round trip to the cache),
    and the specialties with their people are only loaded when it is rendered again."""
    context = {
        "specialties": SimpleLazyObject(lambda: list(Specialty.objects.with_people())),
        "list_version": region_version(),
    }
    return render(request, "specialties/list.html", context)


def _detail_context(specialty: Specialty, form: CoreTeamMemberForm | None) -> dict[str, object]:
    return {
        "specialty": specialty,
        "form": form,
        # Kept under the specialty's version, which every change of a membership bumps.
        "content_version": functools.partial(content_version, specialty),
        "membership_changes": functools.partial(queries.membership_changes, specialty),
    }


@require_safe
@login_required
def specialty_detail(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """One specialty: its sites, its people by role, and the core-team rule.

    The form that adds a person to the core team lists every person in the region, so it is
    built when asked for (``?tilfoej=1``; for HTMX the core-team section alone)."""
    adding = request.GET.get("tilfoej") == "1"
    if adding and wants_fragment(request):
        specialty = get_specialty_for_core_team_edit(request.user, slug)
        return _core_team_section(
            request, specialty, with_focus(CoreTeamMemberForm(specialty=specialty))
        )
    specialty = get_specialty_for_view(request.user, slug)
    form = CoreTeamMemberForm(specialty=specialty) if adding else None
    return render(request, "specialties/detail.html", _detail_context(specialty, form))


def _core_team_section(
    request: HtmxHttpRequest, specialty: Specialty, form: CoreTeamMemberForm | None
) -> HttpResponse:
    return render(
        request, "specialties/detail.html#part_core_team", _detail_context(specialty, form)
    )


def _core_team_response(
    request: HtmxHttpRequest, specialty: Specialty, *, adding: bool
) -> HttpResponse:
    """After a change: the core-team section for HTMX (still with the form after an addition,
    for the next person), the page for a plain browser."""
    if wants_fragment(request):
        specialty = get_specialty_for_view(request.user, specialty.slug)  # fresh, prefetched
        form = CoreTeamMemberForm(specialty=specialty) if adding else None
        return _core_team_section(request, specialty, form)
    return redirect(specialty.get_absolute_url() + "#part-core-team")


@require_POST
@login_required
def core_team_add(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """Add a person to the core team (the owner's job, the guide "BASS kort fortalt")."""
    specialty = get_specialty_for_core_team_edit(request.user, slug)
    form = CoreTeamMemberForm(request.POST, specialty=specialty)
    if not form.is_valid():
        template = "specialties/detail.html"
        if wants_fragment(request):
            template += "#part_core_team"
        return render(request, template, _detail_context(specialty, form))
    user: User = form.cleaned_data["user"]
    services.core_team_add_member(
        specialty=specialty,
        user=user,
        site=form.cleaned_data["site"],
        profession=form.cleaned_data["profession"],
    )
    return _core_team_response(request, specialty, adding=True)


@require_POST
@login_required
def core_team_remove(request: HtmxHttpRequest, slug: str, pk: int) -> HttpResponse:
    """Take a person off the core team."""
    specialty = get_specialty_for_core_team_edit(request.user, slug)
    membership = get_object_or_404(
        Membership, pk=pk, specialty=specialty, role=Membership.Role.CORE_TEAM
    )
    services.core_team_remove_member(membership=membership)
    return _core_team_response(request, specialty, adding=False)
