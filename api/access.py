"""Fetch the people and tokens of the token pages for what the user wants to do, or refuse.

Issuing is the secretariat's (``permissions.can_manage_people``: the people pages are
theirs, 403 for anyone else signed in); a person sees and withdraws their own tokens on
their own page; someone else's token is not there for anyone but the secretariat (404)."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404

from api.models import ApiToken
from bass.permissions import AnyUser
from people import permissions as people_permissions
from people.models import User
from specialties.access import require_people_manager


def get_person_for_tokens(user: AnyUser, pk: int) -> User:
    """A person's token page, where tokens are issued: the secretariat's."""
    require_people_manager(user)
    return get_object_or_404(User, pk=pk)


def get_token_for_withdraw(user: AnyUser, pk: int) -> ApiToken:
    """The token's own person or the secretariat withdraws it; 404 for anyone else."""
    token = get_object_or_404(ApiToken.objects.select_related("user"), pk=pk)
    if token.user_id != user.pk and not people_permissions.can_manage_people(user):
        raise Http404
    return token
