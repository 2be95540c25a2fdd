"""Inviting a person who is not yet in the app to a role in a specialty (issue 24).

The invitation e-mail carries a one-time link with a random token; only its SHA-256 is
stored. The link expires after ``VALID_DAYS``; sending the invitation again makes a new
token (the old link stops working) and a new expiry; withdrawing it, or accepting it once,
ends it. Accepting sets a password and makes the account, or, where single sign-on is
configured, signs in with the work account, which is matched to the invitation by its
e-mail address on that first sign-in (``InvitationSSOBackend``). Either way the account gets
the invitation's role in the specialty, recorded in the membership history.
"""

from __future__ import annotations

import datetime
import enum
import hashlib
import secrets
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.mail import send_mail
from django.db import transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from people.models import User
from people.sso import SSOBackend
from specialties.models import Invitation, Membership, Profession, Site, Specialty

VALID_DAYS = 14
# The invitation a person chose to accept with their work account, until the provider
# sends them back (the session is the server's: nothing in it comes from the browser).
SESSION_KEY = "bass_invitation"
EMAIL_LANGUAGE = "da"


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _new_token() -> tuple[str, str]:
    token = secrets.token_urlsafe(32)
    return token, _hash(token)


def accept_url(token: str) -> str:
    """The link in the e-mail, to where people reach the app (``SITE_URL``)."""
    return settings.SITE_URL + reverse("persons:invitation_accept", kwargs={"token": token})


class LinkRefused(enum.Enum):
    """Why an invitation link does not open; the message is what the person reads."""

    UNKNOWN = "unknown"
    USED = "used"
    WITHDRAWN = "withdrawn"
    EXPIRED = "expired"

    @property
    def message(self) -> str:
        return {
            LinkRefused.UNKNOWN: _(
                "The invitation link is not valid. It may be incomplete, or a newer "
                "invitation has replaced it: use the link in the newest e-mail."
            ),
            LinkRefused.USED: _(
                "The invitation link has already been used. Sign in with your account."
            ),
            LinkRefused.WITHDRAWN: _(
                "The invitation has been withdrawn. Ask the person who invited you."
            ),
            LinkRefused.EXPIRED: _(
                "The invitation link has expired. Ask the person who invited you to send it again."
            ),
        }[self]


def invitation_for_token(token: str) -> Invitation | LinkRefused:
    """The pending, unexpired invitation the link is for, or why it is refused."""
    invitation = (
        Invitation.objects.select_related("specialty", "site", "profession")
        .filter(token_hash=_hash(token))
        .first()
    )
    if invitation is None:
        return LinkRefused.UNKNOWN
    if invitation.accepted_at is not None:
        return LinkRefused.USED
    if invitation.withdrawn_at is not None:
        return LinkRefused.WITHDRAWN
    if invitation.expires_at <= timezone.now():
        return LinkRefused.EXPIRED
    return invitation


def send_invitation(*, invitation: Invitation, token: str) -> None:
    """The invitation e-mail, in Danish (read outside the app), through Django's mail."""
    with translation.override(EMAIL_LANGUAGE):
        subject = _("Invitation to BASS Ambitions: %(specialty)s") % {
            "specialty": invitation.specialty.name
        }
        body = render_to_string(
            "specialties/email/invitation.txt",
            {
                "invitation": invitation,
                "role": invitation.get_role_display(),
                "link": accept_url(token),
                "sso_enabled": settings.SSO_ENABLED,
                "valid_days": VALID_DAYS,
            },
        )
    send_mail(subject, body, None, [invitation.email])


@transaction.atomic
def invitation_create(
    *,
    specialty: Specialty,
    email: str,
    first_name: str,
    last_name: str,
    role: str,
    site: Site | None,
    profession: Profession | None,
    by: User,
) -> tuple[Invitation, str]:
    """A new invitation, its e-mail queued, and its token (it is not stored)."""
    token, token_hash = _new_token()
    now = timezone.now()
    invitation = Invitation.objects.create(
        specialty=specialty,
        email=email,
        first_name=first_name,
        last_name=last_name,
        role=role,
        site=site,
        profession=profession,
        invited_by=by,
        token_hash=token_hash,
        sent_at=now,
        expires_at=now + datetime.timedelta(days=VALID_DAYS),
    )
    # The e-mail is queued in the outbox in this transaction (bass.outbox).
    send_invitation(invitation=invitation, token=token)
    return invitation, token


@transaction.atomic
def invitation_renew(*, invitation: Invitation) -> str:
    """Send again: a new token (the old link stops working) and a new expiry."""
    if not invitation.is_pending:
        raise ValueError("only a pending invitation is sent again")
    token, invitation.token_hash = _new_token()
    invitation.sent_at = timezone.now()
    invitation.expires_at = invitation.sent_at + datetime.timedelta(days=VALID_DAYS)
    invitation.save(update_fields=["token_hash", "sent_at", "expires_at"])
    send_invitation(invitation=invitation, token=token)
    return token


@transaction.atomic
def invitation_withdraw(*, invitation: Invitation) -> None:
    if not invitation.is_pending:
        raise ValueError("only a pending invitation is withdrawn")
    invitation.withdrawn_at = timezone.now()
    invitation.save(update_fields=["withdrawn_at"])


def _free_username(email: str) -> str:
    """The e-mail address as the username (what the person types to sign in), unless taken."""
    base = email.lower()[:140]
    username = base
    while User.objects.filter(username=username).exists():
        username = f"{base}-{secrets.token_hex(3)}"
    return username


def _give_role(*, invitation: Invitation, user: User) -> None:
    """The invitation's role, unless the person has it already (or the specialty has
    another owner by now: the secretariat sees the invitation accepted without it)."""
    taken = Membership.objects.filter(
        specialty=invitation.specialty, user=user, role=invitation.role
    )
    if taken.exists():
        return
    if (
        invitation.role == Membership.Role.OWNER
        and Membership.objects.filter(specialty=invitation.specialty, role=invitation.role).exists()
    ):
        return
    Membership.objects.create(
        specialty=invitation.specialty,
        user=user,
        role=invitation.role,
        site=invitation.site,
        profession=invitation.profession,
    )


def _mark_accepted(*, invitation: Invitation, user: User) -> None:
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])


def unsaved_account(invitation: Invitation) -> User:
    """The account the invitation will make, for the password validators to compare with."""
    return User(
        username=invitation.email.lower(),
        email=invitation.email,
        first_name=invitation.first_name,
        last_name=invitation.last_name,
    )


@transaction.atomic
def invitation_accept_with_password(*, invitation: Invitation, password: str) -> User:
    """The invited person's account with their password, and the invitation's role."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_pending:
        raise ValueError("the invitation is no longer pending")
    user = User.objects.create_user(
        username=_free_username(invitation.email),
        email=invitation.email,
        password=password,
        first_name=invitation.first_name,
        last_name=invitation.last_name,
    )
    _give_role(invitation=invitation, user=user)
    _mark_accepted(invitation=invitation, user=user)
    return user


@transaction.atomic
def invitation_accept_for_account(*, invitation: Invitation, user: User) -> None:
    """The invitation accepted by a person who signed in with their work account."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_pending:
        raise ValueError("the invitation is no longer pending")
    _give_role(invitation=invitation, user=user)
    _mark_accepted(invitation=invitation, user=user)


class InvitationSSOBackend(SSOBackend):
    """The work account's sign-in (people/sso.py), which also accepts the invitation the
    person came from: on that first sign-in the account is matched to the invitation by its
    e-mail address, and gets the invitation's role."""

    def authenticate(self, request: HttpRequest | None, **kwargs: Any) -> User | None:
        user = super().authenticate(request, **kwargs)
        if request is None or user is None:
            return user
        invitation_pk = request.session.pop(SESSION_KEY, None)
        if invitation_pk is None:
            return user
        invitation = Invitation.objects.filter(pk=invitation_pk).first()
        if (
            invitation is None
            or not invitation.is_pending
            or invitation.expires_at <= timezone.now()
        ):
            messages.error(request, LinkRefused.EXPIRED.message)
            return user
        if user.email.strip().lower() != invitation.email.strip().lower():
            messages.error(
                request,
                _(
                    "Your work account's e-mail address is not the one the invitation was "
                    "sent to, so the invitation was not accepted. Ask the person who invited "
                    "you to send it to your work address."
                ),
            )
            return user
        invitation_accept_for_account(invitation=invitation, user=user)
        return user
