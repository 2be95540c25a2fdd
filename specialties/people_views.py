"""The people pages (personer/, issue 24): the secretariat's list of everyone with their roles,
one person's roles and account, the invitations; and the invitation link itself.

People's roles are memberships of specialties, so the pages live here, above ``people``.
"""

from django.conf import settings
from django.contrib import auth, messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import SetPasswordForm
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from bass.forms import with_focus
from bass.http import HtmxHttpRequest, signed_in_user, wants_fragment
from people.models import User
from specialties import invitations, services
from specialties.access import require_people_manager
from specialties.forms import InvitationForm, MembershipAddForm, ProgrammeRoleForm
from specialties.models import Invitation, Membership

ALL_ROLES = list(Membership.Role.values)


def _people() -> list[User]:
    memberships = Membership.objects.select_related("specialty", "site")
    return list(
        User.objects.prefetch_related(Prefetch("memberships", queryset=memberships)).order_by(
            "-is_active", "first_name", "last_name"
        )
    )


def _list_context(invite_form: InvitationForm | None = None) -> dict[str, object]:
    return {
        "people": _people(),
        "invitations": list(
            Invitation.objects.pending().select_related("specialty", "site", "invited_by")
        ),
        "invite_form": invite_form or InvitationForm(specialty=None, roles=ALL_ROLES),
        "now": timezone.now(),
    }


@require_safe
@login_required
def person_list(request: HtmxHttpRequest) -> HttpResponse:
    """Everyone in the app with their roles, and the pending invitations (the secretariat)."""
    require_people_manager(request.user)
    return render(request, "specialties/people.html", _list_context())


@require_POST
@login_required
def invite(request: HtmxHttpRequest) -> HttpResponse:
    """Invite a person to any role of any specialty (the secretariat)."""
    require_people_manager(request.user)
    form = InvitationForm(request.POST, specialty=None, roles=ALL_ROLES)
    if not form.is_valid():
        template = "specialties/people.html"
        if wants_fragment(request):
            template += "#part_invitations"
        return render(request, template, _list_context(form), status=400)
    invitation, _token = invitations.invitation_create(
        specialty=form.cleaned_data["specialty"],
        email=form.cleaned_data["email"],
        first_name=form.cleaned_data["first_name"],
        last_name=form.cleaned_data["last_name"],
        role=form.cleaned_data["role"],
        site=form.cleaned_data["site"],
        profession=form.cleaned_data["profession"],
        by=signed_in_user(request),
    )
    messages.success(
        request, _("The invitation is sent to %(email)s.") % {"email": invitation.email}
    )
    if wants_fragment(request):
        return render(
            request, "specialties/people.html#part_invitations", _list_context(), status=200
        )
    return redirect(reverse("persons:list") + "#part-invitations")


def _person(pk: int) -> User:
    memberships = Membership.objects.select_related("specialty", "site", "profession")
    return get_object_or_404(
        User.objects.prefetch_related(Prefetch("memberships", queryset=memberships)), pk=pk
    )


def _person_context(
    person: User,
    *,
    role_form: MembershipAddForm | None = None,
    programme_form: ProgrammeRoleForm | None = None,
) -> dict[str, object]:
    return {
        "person": person,
        "role_form": role_form or MembershipAddForm(user=person),
        "programme_form": programme_form
        or ProgrammeRoleForm(initial={"programme_role": person.programme_role}),
        "sso_enabled": settings.SSO_ENABLED,
    }


def _person_response(
    request: HtmxHttpRequest, person: User, *, status: int = 200, **forms: object
) -> HttpResponse:
    """The person's page, or for HTMX its roles section, fresh from the database."""
    person = _person(person.pk)
    context = _person_context(person, **forms)  # type: ignore[arg-type]
    if wants_fragment(request):
        return render(request, "specialties/person.html#part_person", context, status=status)
    if status != 200:
        return render(request, "specialties/person.html", context, status=status)
    return redirect("persons:detail", pk=person.pk)


@require_safe
@login_required
def person_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """One person: their account and roles, and the forms that change them."""
    require_people_manager(request.user)
    person = _person(pk)
    context = _person_context(person)
    if request.GET.get("rolle") == "1":
        context["role_form"] = with_focus(MembershipAddForm(user=person))
    return render(request, "specialties/person.html", context)


@require_POST
@login_required
def person_active(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Deactivate (``active=0``) or reactivate (``active=1``) a person's account."""
    require_people_manager(request.user)
    person = _person(pk)
    active = request.POST.get("active") == "1"
    if person.pk == request.user.pk and not active:
        messages.error(request, _("You cannot deactivate your own account."))
        return _person_response(request, person, status=400)
    services.person_set_active(user=person, active=active)
    if active:
        messages.success(request, _("%(name)s can sign in again.") % {"name": person})
    else:
        messages.success(
            request, _("%(name)s is deactivated and can no longer sign in.") % {"name": person}
        )
    return _person_response(request, person)


@require_POST
@login_required
def person_programme_role(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Give or take the person's programme role (steering group, secretariat)."""
    require_people_manager(request.user)
    person = _person(pk)
    form = ProgrammeRoleForm(request.POST)
    if not form.is_valid():
        return _person_response(request, person, status=400, programme_form=form)
    services.programme_role_set(user=person, programme_role=form.cleaned_data["programme_role"])
    messages.success(request, _("The programme role is saved."))
    return _person_response(request, person)


@require_POST
@login_required
def membership_add(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Give the person a role in a specialty (recorded in the membership history)."""
    require_people_manager(request.user)
    person = _person(pk)
    form = MembershipAddForm(request.POST, user=person)
    if not form.is_valid():
        return _person_response(request, person, status=400, role_form=form)
    services.membership_add(
        specialty=form.cleaned_data["specialty"],
        user=person,
        role=form.cleaned_data["role"],
        site=form.cleaned_data["site"],
        profession=form.cleaned_data["profession"],
    )
    messages.success(request, _("The role is given."))
    return _person_response(request, person)


@require_POST
@login_required
def membership_remove(request: HtmxHttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    """Take a role from the person (the history keeps who had it)."""
    require_people_manager(request.user)
    person = _person(pk)
    membership = get_object_or_404(Membership, pk=membership_pk, user=person)
    services.membership_remove(membership=membership)
    messages.success(request, _("The role is taken away."))
    return _person_response(request, person)


# -- The invitation link ----------------------------------------------------------------------


def _refused(request: HttpRequest, refused: invitations.LinkRefused) -> HttpResponse:
    return render(
        request,
        "specialties/invitation_accept.html",
        {"refused": refused.message},
        status=410,
    )


@require_http_methods(["GET", "HEAD", "POST"])
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the invitation e-mail: choose a password (or sign in with the work
    account), which makes the account with the invitation's role and signs the person in.
    An unknown, used, withdrawn or expired link is refused, saying which."""
    found = invitations.invitation_for_token(token)
    if isinstance(found, invitations.LinkRefused):
        return _refused(request, found)
    invitation = found
    account = invitations.unsaved_account(invitation)
    form = SetPasswordForm(account, request.POST if request.method == "POST" else None)
    if settings.SSO_ONLY:
        form = None  # type: ignore[assignment]
        if request.method == "POST":
            raise Http404
    if request.method == "POST" and form is not None and form.is_valid():
        user = invitations.invitation_accept_with_password(
            invitation=invitation, password=form.cleaned_data["new_password1"]
        )
        if request.user.is_authenticated:
            auth.logout(request)
        auth.login(request, user, backend=settings.SESSION_AUTH_BACKEND)
        messages.success(request, _("Welcome to BASS Ambitions. Your account is ready."))
        return redirect(settings.LOGIN_REDIRECT_URL)
    context = {
        "invitation": invitation,
        "form": form,
        "token": token,
        "sso_enabled": settings.SSO_ENABLED,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "specialties/invitation_accept.html", context, status=status)


@require_POST
def invitation_sso(request: HttpRequest, token: str) -> HttpResponse:
    """Accept with the work account: remember the invitation in the session and go to the
    provider; on the way back the account is matched to it by e-mail
    (``invitations.InvitationSSOBackend``)."""
    if not settings.SSO_ENABLED:
        raise Http404
    found = invitations.invitation_for_token(token)
    if isinstance(found, invitations.LinkRefused):
        return _refused(request, found)
    if request.user.is_authenticated:
        auth.logout(request)
    request.session[invitations.SESSION_KEY] = found.pk
    return redirect("sso_start")
