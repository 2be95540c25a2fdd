"""Issuing and withdrawing access tokens, and making or resetting a calendar address."""

from __future__ import annotations

import hashlib
import secrets

from django.db import transaction
from django.utils import timezone

from api.models import ApiToken, CalendarFeed
from people.models import User

# What every secret starts with, so a token pasted where it should not be is recognisable
# (secret scanners look for such prefixes).
TOKEN_MARK = "bass_"  # noqa: S105  (a marker, not a secret)
# How many characters of the secret are kept in the clear to tell tokens apart.
PREFIX_LENGTH = 12


def hash_secret(secret: str) -> str:
    """What is stored for a secret: its SHA-256, hex. A random 256-bit secret needs no salt
    or slow hash: nobody can guess it from the hash."""
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def token_issue(*, user: User, name: str, by: User) -> tuple[ApiToken, str]:
    """A new token for ``user``; returns it and its secret, which is shown once and not kept."""
    secret = TOKEN_MARK + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=secret[:PREFIX_LENGTH],
        secret_hash=hash_secret(secret),
        created_by=by,
    )
    return token, secret


@transaction.atomic
def token_withdraw(*, token: ApiToken, by: User) -> None:
    """From now on the token opens nothing (the API answers 401). Withdrawing twice keeps
    the first time."""
    if token.withdrawn_at is not None:
        return
    token.withdrawn_at = timezone.now()
    token.withdrawn_by = by
    token.save(update_fields=["withdrawn_at", "withdrawn_by"])


def token_used(*, token: ApiToken) -> None:
    """Note that the token was used now (one UPDATE, no read-modify-write race)."""
    now = timezone.now()
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    token.last_used_at = now


@transaction.atomic
def calendar_feed_for(*, user: User) -> CalendarFeed:
    """The person's calendar address, made the first time they ask."""
    feed, _created = CalendarFeed.objects.get_or_create(
        user=user, defaults={"secret": secrets.token_urlsafe(32)}
    )
    return feed


@transaction.atomic
def calendar_feed_reset(*, user: User) -> CalendarFeed:
    """A new secret: the old address answers 404 from now on."""
    feed = calendar_feed_for(user=user)
    feed.secret = secrets.token_urlsafe(32)
    feed.created_at = timezone.now()
    feed.save(update_fields=["secret", "created_at"])
    return feed
