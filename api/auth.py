"""Who is asking the API: the person whose personal access token is in
``Authorization: Bearer <secret>``, read from the database on every request."""

from __future__ import annotations

from django.http import HttpRequest
from ninja.security import HttpBearer

from api import services
from api.models import ApiToken
from people.models import User


class TokenAuth(HttpBearer):
    """A token in force of an active person, or nothing (ninja answers 401). The person is
    loaded fresh with the token, so a withdrawn role or a deactivated account counts at
    once: permissions are decided by the memberships this request reads, never a kept copy."""

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        found = (
            ApiToken.objects.in_force()
            .select_related("user")
            .filter(secret_hash=services.hash_secret(token))
            .first()
        )
        if found is None or not found.user.is_active:
            return None
        services.token_used(token=found)
        request.user = found.user
        return found.user
