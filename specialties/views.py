"""The specialty pages: the list, one specialty with its people, and its core team."""

import functools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from bass.cache import version as content_version
from bass.forms import with_focus
from bass.http import HtmxHttpRequest, signed_in_user, wants_fragment
from bass.permissions import AnyUser
from people.models import User
from specialties import permissions as specialty_permissions
from specialties import population, queries, services
from specialties.access import (
    get_invitation_for_change,
    get_specialty_for_core_team_edit,
    get_specialty_for_invite,
    get_specialty_for_view,
)
from specialties.forms import CoreTeamMemberForm, InvitationForm
from specialties.invitations import (
    invitation_create,
    invitation_renew,
    invitation_withdraw,
)
from specialties.models import Invitation, Membership, Specialty
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


def _invite_roles(user: AnyUser, specialty: Specialty) -> list[str]:
    """The roles ``user`` may invite people to in the specialty."""
    return [
        role
        for role in Membership.Role.values
        if specialty_permissions.can_invite(user, specialty, role)
    ]


def _pending_invitations(user: AnyUser, specialty: Specialty) -> list[Invitation]:
    """The specialty's pending invitations to the roles ``user`` may invite to (read when
    the core-team section is shown to someone who may invite)."""
    roles = _invite_roles(user, specialty)
    if not roles:
        return []
    return list(
        Invitation.objects.pending()
        .filter(specialty=specialty, role__in=roles)
        .select_related("site", "profession")
    )


def _detail_context(
    specialty: Specialty,
    form: CoreTeamMemberForm | None,
    *,
    user: AnyUser,
    invite_form: InvitationForm | None = None,
) -> dict[str, object]:
    return {
        "specialty": specialty,
        # Read only when the kept fragment is stale (the picture's rows are tracked).
        "picture": SimpleLazyObject(lambda: population.population_picture(specialty)),
        "form": form,
        "invite_form": invite_form,
        "invitations": functools.partial(_pending_invitations, user, specialty),
        "now": timezone.now(),
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
    if request.GET.get("inviter") == "1":
        specialty = get_specialty_for_invite(request.user, slug)
        invite_form = with_focus(
            InvitationForm(specialty=specialty, roles=_invite_roles(request.user, specialty))
        )
        context = _detail_context(specialty, None, user=request.user, invite_form=invite_form)
        template = "specialties/detail.html"
        return render(
            request, template + "#part_core_team" if wants_fragment(request) else template, context
        )
    adding = request.GET.get("tilfoej") == "1"
    if adding and wants_fragment(request):
        specialty = get_specialty_for_core_team_edit(request.user, slug)
        return _core_team_section(
            request, specialty, with_focus(CoreTeamMemberForm(specialty=specialty))
        )
    specialty = get_specialty_for_view(request.user, slug)
    form = CoreTeamMemberForm(specialty=specialty) if adding else None
    return render(
        request, "specialties/detail.html", _detail_context(specialty, form, user=request.user)
    )


def _core_team_section(
    request: HtmxHttpRequest, specialty: Specialty, form: CoreTeamMemberForm | None
) -> HttpResponse:
    return render(
        request,
        "specialties/detail.html#part_core_team",
        _detail_context(specialty, form, user=request.user),
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
        return render(request, template, _detail_context(specialty, form, user=request.user))
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


# -- Inviting people who are not yet in the app (issue 24) ------------------------------------


@require_POST
@login_required
def invite(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """Invite a person by name and e-mail to a role in the specialty: the owner and leads to
    its core team, the secretariat to any role. The e-mail goes when the invitation is saved."""
    specialty = get_specialty_for_invite(request.user, slug)
    form = InvitationForm(
        request.POST, specialty=specialty, roles=_invite_roles(request.user, specialty)
    )
    if not form.is_valid():
        template = "specialties/detail.html"
        if wants_fragment(request):
            template += "#part_core_team"
        context = _detail_context(specialty, None, user=request.user, invite_form=form)
        return render(request, template, context, status=400)
    invitation, _token = invitation_create(
        specialty=specialty,
        email=form.cleaned_data["email"],
        first_name=form.cleaned_data["first_name"],
        last_name=form.cleaned_data["last_name"],
        role=form.cleaned_data["role"],
        site=form.cleaned_data["site"],
        profession=form.cleaned_data["profession"],
        by=signed_in_user(request),
    )
    messages.success(
        request,
        _("The invitation is sent to %(email)s.") % {"email": invitation.email},
    )
    return _core_team_response(request, specialty, adding=False)


def _after_invitation_change(request: HtmxHttpRequest, specialty: Specialty) -> HttpResponse:
    """Back where the button was: the people pages (``next``) or the core-team section."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return _core_team_response(request, specialty, adding=False)


@require_POST
@login_required
def invitation_resend(request: HtmxHttpRequest, slug: str, pk: int) -> HttpResponse:
    """Send a pending invitation again, with a new link (the old one stops working) and a
    new expiry."""
    specialty, invitation = get_invitation_for_change(request.user, slug, pk)
    invitation_renew(invitation=invitation)
    messages.success(
        request, _("The invitation is sent again to %(email)s.") % {"email": invitation.email}
    )
    return _after_invitation_change(request, specialty)


@require_POST
@login_required
def invitation_withdraw_view(request: HtmxHttpRequest, slug: str, pk: int) -> HttpResponse:
    """Withdraw a pending invitation: its link is refused from now on."""
    specialty, invitation = get_invitation_for_change(request.user, slug, pk)
    invitation_withdraw(invitation=invitation)
    messages.success(
        request, _("The invitation to %(email)s is withdrawn.") % {"email": invitation.email}
    )
    return _after_invitation_change(request, specialty)
