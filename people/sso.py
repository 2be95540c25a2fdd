"""Single sign-on with OpenID Connect (mozilla-django-oidc), fitted to BASS (docs/sso.md).

The provider's endpoints come from its discovery document (``OIDC_ISSUER``), read once per
process on the first sign-in; an endpoint set in the environment wins over it. The ID token
must be signed (RS256, key from the provider's JWKS), issued by ``OIDC_ISSUER`` to our
client id, unexpired and carry the nonce of the request that started the sign-in; the
person is then found by a stable subject (Entra ID's ``oid``, else ``sub``), never by name
or e-mail. A first sign-in makes an account from the claims with no role, or with the
programme role its groups map to (``OIDC_SECRETARIAT_GROUPS``, ``OIDC_STEERING_GROUPS``).
"""

from __future__ import annotations

import functools
import logging
import secrets
from dataclasses import dataclass
from typing import Any

import jwt
import requests
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ImproperlyConfigured, SuspiciousOperation, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from bass import text
from people.models import ProgrammeRole, User

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Endpoints:
    issuer: str
    authorization: str
    token: str
    jwks: str
    end_session: str  # "" where the provider offers no sign-out


@functools.cache
def discover(issuer: str) -> dict[str, Any]:
    """The provider's discovery document (``/.well-known/openid-configuration``)."""
    url = f"{issuer.rstrip('/')}/.well-known/openid-configuration"
    response = requests.get(url, timeout=settings.OIDC_TIMEOUT)
    response.raise_for_status()
    document: dict[str, Any] = response.json()
    if document.get("issuer", "").rstrip("/") != issuer.rstrip("/"):
        raise ImproperlyConfigured(
            f"{url} names issuer {document.get('issuer')!r}, not OIDC_ISSUER {issuer!r}"
        )
    return document


def endpoints() -> Endpoints:
    """The provider's endpoints: those set in the environment, the rest from discovery."""
    explicit = {
        "authorization_endpoint": settings.OIDC_OP_AUTHORIZATION_ENDPOINT,
        "token_endpoint": settings.OIDC_OP_TOKEN_ENDPOINT,
        "jwks_uri": settings.OIDC_OP_JWKS_ENDPOINT,
        "end_session_endpoint": settings.OIDC_OP_END_SESSION_ENDPOINT,
    }
    found = dict(explicit)
    if not all(explicit.values()):
        document = discover(settings.OIDC_ISSUER)
        found = {key: value or document.get(key, "") for key, value in explicit.items()}
    return Endpoints(
        issuer=settings.OIDC_ISSUER.rstrip("/"),
        authorization=found["authorization_endpoint"],
        token=found["token_endpoint"],
        jwks=found["jwks_uri"],
        end_session=found["end_session_endpoint"],
    )


def subject_of(claims: dict[str, Any]) -> str:
    """The stable identity of a person at the provider: ``oid`` (Entra ID), else ``sub``."""
    return str(claims.get("oid") or claims.get("sub") or "")


def programme_role_of(claims: dict[str, Any]) -> str | None:
    """The programme role the groups claim maps to; None when no mapping is configured (the
    role is then kept in the app)."""
    secretariat, steering = settings.OIDC_SECRETARIAT_GROUPS, settings.OIDC_STEERING_GROUPS
    if not secretariat and not steering:
        return None
    groups = set(claims.get(settings.OIDC_GROUPS_CLAIM) or [])
    if groups & set(secretariat):
        return ProgrammeRole.SECRETARIAT
    if groups & set(steering):
        return ProgrammeRole.STEERING_GROUP
    return ProgrammeRole.NONE


def _names(claims: dict[str, Any]) -> tuple[str, str]:
    first, last = claims.get("given_name") or "", claims.get("family_name") or ""
    if not first and not last:
        first, _sep, last = str(claims.get("name") or "").partition(" ")
    # Cleaned like every typed name (no control characters: one made the exports a 500).
    return " ".join(text.normalise(str(first)).split())[:150], " ".join(
        text.normalise(str(last)).split()
    )[:150]


def _email(claims: dict[str, Any]) -> str:
    """The person's address, or "" when the claims hold none that is valid.

    Entra ID puts the address in `email` only as an optional claim; `preferred_username` is
    the work account's sign-in name, an address in practice but not always. An address that
    is not one would be refused by the outbox when the person is written to (bass.outbox),
    and fail the change that wrote to them."""
    for claim in ("email", "preferred_username"):
        address = str(claims.get(claim) or "").strip()[:254]
        try:
            validate_email(address)
        except ValidationError:
            continue
        return address
    return ""


def _free_username(claims: dict[str, Any]) -> str:
    base = (_email(claims).partition("@")[0] or "sso").lower()[:130]
    username = base
    while User.objects.filter(username=username).exists():
        username = f"{base}-{secrets.token_hex(3)}"
    return username


class SignInRefused(Exception):
    """A sign-in through the provider that must not succeed; the message says why, in the
    person's language."""


class SSOBackend(OIDCAuthenticationBackend):
    """mozilla-django-oidc's code flow, with discovery, the ID token's claims checked in full
    and people matched by subject."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # The endpoints are read on use (discovery needs the network); nothing to read here.
        self.UserModel = User
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        self.OIDC_RP_CLIENT_SECRET = settings.OIDC_RP_CLIENT_SECRET
        self.OIDC_RP_SIGN_ALGO = "RS256"
        self.OIDC_RP_IDP_SIGN_KEY = None

    def authenticate(self, request: HttpRequest | None, **kwargs: Any) -> User | None:
        if request is None or not settings.SSO_ENABLED or "code_verifier" not in kwargs:
            return None  # a password log-in, or SSO not configured: not ours
        try:
            found = endpoints()
            self.OIDC_OP_TOKEN_ENDPOINT = found.token
            self.OIDC_OP_JWKS_ENDPOINT = found.jwks
            self.OIDC_OP_USER_ENDPOINT = ""
            user = super().authenticate(request, **kwargs)
            if user is not None and not user.is_active:
                raise SignInRefused(_("Your account is deactivated. Ask the BASS secretariat."))
            return user
        except SignInRefused as refused:
            messages.error(request, str(refused))
        except (SuspiciousOperation, jwt.PyJWTError, ValueError) as error:
            log.warning("SSO sign-in refused: %s", error)
            messages.error(
                request,
                _(
                    "The sign-in from your work account could not be verified and was "
                    "refused. Try again; if it keeps happening, contact the BASS secretariat."
                ),
            )
        except (requests.RequestException, ImproperlyConfigured) as error:
            log.error("SSO provider unreachable or misconfigured: %s", error)
            messages.error(
                request,
                _("Sign-in with your work account is not available right now. Try again later."),
            )
        return None

    def verify_token(self, token: str, **kwargs: Any) -> dict[str, Any]:
        """The signature (mozilla-django-oidc, with the expiry pyjwt checks), then the issuer,
        audience and expiry ourselves: the library leaves the audience unchecked."""
        payload: dict[str, Any] = super().verify_token(token, **kwargs)
        issuer = settings.OIDC_ISSUER.rstrip("/")
        if str(payload.get("iss", "")).rstrip("/") != issuer:
            raise SuspiciousOperation("ID token from another issuer")
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if settings.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation("ID token for another client")
        if "exp" not in payload:
            raise SuspiciousOperation("ID token without expiry")
        return payload

    def get_userinfo(self, access_token: str, id_token: str, payload: dict[str, Any]) -> Any:
        # The verified ID token's claims: signed, unlike a userinfo answer, and Entra ID puts
        # `oid`, the names and the groups there (its userinfo endpoint has neither).
        return payload

    def verify_claims(self, claims: dict[str, Any]) -> bool:
        return bool(subject_of(claims))

    def filter_users_by_claims(self, claims: dict[str, Any]) -> Any:
        return User.objects.filter(sso_subject=subject_of(claims))

    def create_user(self, claims: dict[str, Any]) -> User:
        return sso_account_create(claims=claims)

    def update_user(self, user: User, claims: dict[str, Any]) -> User:
        return sso_account_update(user=user, claims=claims)


@transaction.atomic
def sso_account_create(*, claims: dict[str, Any]) -> User:
    """The account of a person's first sign-in: name and e-mail from the claims, no role
    (unless a groups mapping gives one), and no password: they sign in with SSO."""
    first, last = _names(claims)
    user = User.objects.create_user(
        username=_free_username(claims),
        email=_email(claims),
        first_name=first,
        last_name=last,
        sso_subject=subject_of(claims),
        programme_role=programme_role_of(claims) or ProgrammeRole.NONE,
    )
    return user


@transaction.atomic
def sso_account_update(*, user: User, claims: dict[str, Any]) -> User:
    """A returning person: the programme role follows the groups when a mapping is set."""
    role = programme_role_of(claims)
    if role is not None and role != user.programme_role:
        user.programme_role = role
        user.save(update_fields=["programme_role"])
    return user
