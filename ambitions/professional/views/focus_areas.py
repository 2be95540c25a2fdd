"""Konkretisering af handlinger (the guide "Hvad er en faglig ambition?"): one page per focus
area with its concrete actions, each shown as a card; the page and each of its fragments.

The writes on the page (an action, its milestones, indicators and measurements) are in
``actions``; they answer with the fragments built here.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_safe

from ambitions import permissions as ambition_permissions
from ambitions.models import (
    Action,
    InterventionFocusArea,
)
from ambitions.professional import learning
from ambitions.professional.access import (
    get_focus_area_for_actions,
    get_focus_area_for_view,
)
from ambitions.professional.views.action_cards import NOTHING_OPEN, Opened, _add_form, _listing
from bass.cache import version as content_version
from bass.http import HtmxHttpRequest, render_page_or_fragment, wants_fragment
from specialties.models import Site, Specialty
from sustainability import permissions as sustainability_permissions

TEMPLATE = "ambitions/professional/focus_area.html"


def _common(
    request: HtmxHttpRequest,
    focus_area: InterventionFocusArea,
    opened: Opened,
    site: Site | None = None,
) -> dict[str, Any]:
    """What the page and every fragment show around the actions: who may do what, the
    action in edit mode, and the site the list is filtered by (``?matrikel=``)."""
    framework = focus_area.framework
    specialty = framework.ambition.specialty
    # A reader from another specialty sees the strategy of the approved version (issue 25).
    strategy = learning.strategy_for(request.user, specialty)
    return {
        "specialty": specialty,
        "framework": framework,
        "focus_area": focus_area,
        "today": timezone.localdate(),
        "start": 0,
        "show_all": False,
        "can_edit": ambition_permissions.can_edit_actions(request.user, specialty),
        "can_discuss": ambition_permissions.can_discuss_professional(request.user, specialty),
        "can_see_history": sustainability_permissions.can_view_professional_history(
            request.user, specialty
        ),
        "content_version": content_version(specialty),
        "strategy": strategy,
        "reader": learning.reader(strategy),
        "volatile": opened.volatile,
        "add_form": None,
        "editing": opened.editing,
        "edit_form": opened.bound.get("edit"),
        "conflict": opened.conflict,
        "site": site,
        "site_key": site.pk if site is not None else 0,
        "site_query": f"&matrikel={site.pk}" if site is not None else "",
    }


def page_context(
    request: HtmxHttpRequest,
    focus_area: InterventionFocusArea,
    *,
    opened: Opened = NOTHING_OPEN,
    focus: int | None = None,
    start: int = 0,
    show_all: bool = False,
    site: Site | None = None,
) -> dict[str, Any]:
    """The whole page. The cards and counts come as one lazy ``listing``, which the page keeps
    (``{% fragment %}``) under the specialty's content version, the day, the site and what
    the reader may do, so a kept page loads none of it."""
    common = _common(request, focus_area, opened, site)
    listing = functools.partial(
        _listing, common, opened, focus=focus, start=start, show_all=show_all
    )
    return {
        **common,
        "start": start,
        "show_all": show_all,
        "listing": SimpleLazyObject(listing),
        "add_form": _add_form(common, opened),
    }


def actions_context(
    request: HtmxHttpRequest,
    focus_area: InterventionFocusArea,
    *,
    opened: Opened = NOTHING_OPEN,
    focus: int | None = None,
) -> dict[str, Any]:
    """``part_actions``: the first screenful of cards (as far as the ``focus``ed one), the
    counts, and the form for a new action."""
    common = _common(request, focus_area, opened)
    return {
        **common,
        **_listing(common, opened, focus=focus).as_context(),
        "add_form": _add_form(common, opened),
    }


def card_context(
    request: HtmxHttpRequest,
    focus_area: InterventionFocusArea,
    action: int,
    *,
    opened: Opened = NOTHING_OPEN,
) -> dict[str, Any]:
    """``part_action``, ``part_milestones`` and ``part_indicators``: one action's card (and
    only that action is loaded)."""
    common = _common(request, focus_area, opened)
    return {**common, **_listing(common, opened, focus=action, only_focus=True).as_context()}


def add_context(request: HtmxHttpRequest, focus_area: InterventionFocusArea) -> dict[str, Any]:
    """``part_add``: the form for a new action."""
    opened = Opened(adding=True)
    common = _common(request, focus_area, opened)
    return {**common, "add_form": _add_form(common, opened)}


def more_context(
    request: HtmxHttpRequest,
    focus_area: InterventionFocusArea,
    *,
    start: int,
    show_all: bool = False,
    opened: Opened = NOTHING_OPEN,
    site: Site | None = None,
) -> dict[str, Any]:
    """``part_more_actions`` ("show more"): the next cards from the ``start``-th, and the link
    moved on."""
    common = _common(request, focus_area, opened, site)
    return {
        **common,
        "start": start,
        "show_all": show_all,
        **_listing(common, opened, start=start, show_all=show_all).as_context(),
    }


def page_url(focus_area: InterventionFocusArea, anchor: str = "") -> str:
    url = reverse(
        "professional:focus_area",
        kwargs={"slug": focus_area.framework.ambition.specialty.slug, "pk": focus_area.pk},
    )
    return f"{url}#{anchor}" if anchor else url


# The element each fragment of one action's card replaces: ``<prefix>-<action>``.
CARD_TARGETS = {
    "part_action": "action",
    "part_milestones": "part-milestones",
    "part_indicators": "part-indicators",
}


def render_part(
    request: HtmxHttpRequest,
    focus_area: InterventionFocusArea,
    partial: str,
    *,
    focus: int | None = None,
    opened: Opened = NOTHING_OPEN,
) -> HttpResponse:
    """After a write or for a card's state: the named partial for an HTMX request that targets
    it (``part_actions``, or one of the ``focus``ed action's ``CARD_TARGETS``), the whole page
    otherwise."""
    fragment_context: Callable[[], dict[str, Any]]
    if partial == "part_actions":
        target = "part-actions"
        fragment_context = functools.partial(
            actions_context, request, focus_area, opened=opened, focus=focus
        )
    else:
        assert focus is not None, "a card's fragment names its action"
        target = f"{CARD_TARGETS[partial]}-{focus}"
        fragment_context = functools.partial(
            card_context, request, focus_area, focus, opened=opened
        )
    return render_page_or_fragment(
        request,
        TEMPLATE,
        partial,
        target=target,
        page=functools.partial(page_context, request, focus_area, opened=opened, focus=focus),
        fragment_context=fragment_context,
    )


# -- The page ------------------------------------------------------------------------------


@require_safe
@login_required
def focus_area(request: HtmxHttpRequest, slug: str, pk: int) -> HttpResponse:
    """Konkretisering af handlinger: the focus area's actions, one document per focus area.

    ``?fra=N`` (from "show more") gives the next actions from the N-th: for HTMX only those
    cards, appended to the list; ``?alle=1`` shows every action on one page; ``?ny=1`` the
    form for a new action; ``?opdater=<action>`` (without JavaScript) that action opened to
    record progress."""
    focus_area = get_focus_area_for_view(request.user, slug, pk)
    site = site_asked_for(request, focus_area.framework.ambition.specialty)
    start = _number(request.GET.get("fra")) or 0
    if start:
        # No further than the last action: every ?fra= past it is the same page and key.
        start = min(start, Action.objects.filter(focus_area=focus_area).count())
    show_all = request.GET.get("alle") == "1"
    adding = request.GET.get("ny") == "1"
    updating = _number(request.GET.get("opdater"))
    opened = Opened(updating=updating, adding=adding)
    page = functools.partial(
        page_context,
        request,
        focus_area,
        opened=opened,
        focus=updating,
        start=start,
        show_all=show_all,
        site=site,
    )
    if adding:
        if wants_fragment(request, "action-add"):
            # The form alone is only for who may add (the page just leaves it out).
            get_focus_area_for_actions(request.user, slug, pk)
        return render_page_or_fragment(
            request,
            TEMPLATE,
            "part_add",
            target="action-add",
            page=page,
            fragment_context=functools.partial(add_context, request, focus_area),
        )
    if start:
        return render_page_or_fragment(
            request,
            TEMPLATE,
            "part_more_actions",
            target="more-actions",
            page=page,
            fragment_context=functools.partial(
                more_context,
                request,
                focus_area,
                start=start,
                show_all=show_all,
                opened=opened,
                site=site,
            ),
        )
    return render(request, TEMPLATE, page())


def site_asked_for(request: HtmxHttpRequest, specialty: Specialty) -> Site | None:
    """The site of ``?matrikel=<id>`` if the specialty is present there (its sites are
    prefetched with it), else None: any other value shows every action."""
    asked = _number(request.GET.get("matrikel"))
    return next((s for s in specialty.sites.all() if s.pk == asked), None)


def _number(value: str | None) -> int | None:
    """A non-negative whole number from the query string, or None."""
    try:
        number = int(value or "")
    except ValueError:
        return None
    return number if 0 <= number < 2**31 else None
