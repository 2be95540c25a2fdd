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


def wants_fragment(request: HttpRequest, target: str | tuple[str, ...] | None = None) -> bool:
    """Whether to answer with a fragment rather than the whole page: the one page-or-fragment
    rule of every view (issue 21, item 3).

    Only an HTMX request that is not boosted gets a fragment: a boosted request (a link or
    form with ``hx-boost``) swaps the whole body and needs the whole page. When ``target``
    names the fragment's element id (or a family of them: ``part-milestones`` is also
    ``part-milestones-<pk>``), only a request aimed at that element gets it, so a request
    aimed at another element never has this one pasted into it. htmx sends no
    ``HX-Target`` when the target element has no id, so a request without one is taken at
    its word."""
    htmx = getattr(request, "htmx", None)
    if not htmx or htmx.boosted:
        return False
    asked = htmx.target
    if target is None or asked is None:
        return True
    for one in (target,) if isinstance(target, str) else target:
        pk = asked.removeprefix(f"{one}-")
        if asked == one or (pk != asked and pk.isdigit()):
            return True
    return False


def render_page_or_fragment(
    request: HtmxHttpRequest,
    template: str,
    fragment: str,
    *,
    page: Callable[[], dict[str, Any]],
    fragment_context: Callable[[], dict[str, Any]],
    target: str | tuple[str, ...] | None = None,
    status: int = 200,
) -> HttpResponse:
    """One view, one template: the template's named partial (``template#fragment``), built
    from ``fragment_context`` — only what that fragment shows — for an HTMX request that
    targets the fragment's element, and the whole page, built from ``page``, for any other
    request (plain, boosted, or aimed elsewhere). Only the context that is rendered is built.

    ``target`` is the id of the fragment's element; by the project's convention it is the
    partial's name with dashes (``part_section`` ↔ ``id="part-section"`` or
    ``id="part-section-<pk>"``)."""
    if wants_fragment(request, target or fragment.replace("_", "-")):
        return render(request, f"{template}#{fragment}", fragment_context(), status=status)
    return render(request, template, page(), status=status)
