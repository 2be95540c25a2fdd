"""What every view shares: the request type, the signed-in user, page-or-fragment rendering."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django_htmx.middleware import HtmxDetails

if TYPE_CHECKING:
    from people.models import User


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


def signed_in_user(request: HttpRequest) -> User:
    """``request.user`` as the project's User, for views behind ``login_required``.

    Anything else (an anonymous user slipping past a missing decorator) is refused rather
    than passed on to a service as ``by``.
    """
    user = request.user
    if not isinstance(user, get_user_model()):
        raise PermissionDenied
    return user


def wants_fragment(request: HttpRequest, target: str | None = None) -> bool:
    """Whether to answer with a fragment rather than the whole page: only an htmx request
    that is not boosted (a boosted link or form swaps in the whole page, so it must get the
    whole page) and, when the fragment's id is given, one that targets that fragment. The
    one page-or-fragment rule of every view (issue 21, item 3)."""
    htmx = getattr(request, "htmx", None)
    if not htmx or htmx.boosted:
        return False
    return target is None or htmx.target in (None, target)


def render_page_or_fragment(
    request: HtmxHttpRequest,
    template: str,
    fragment: str,
    *,
    page: Callable[[], dict[str, Any]],
    fragment_context: Callable[[], dict[str, Any]],
    status: int = 200,
) -> HttpResponse:
    """One view, one template: an HTMX request gets the template's named partial
    (``template#fragment``), built from ``fragment_context`` — only what that fragment shows —
    and any other request the whole page, built from ``page``. Only the context that is
    rendered is built."""
    if wants_fragment(request):
        return render(request, f"{template}#{fragment}", fragment_context(), status=status)
    return render(request, template, page(), status=status)
