"""Sporbarhed: the core challenges traced to the actions and indicators and back, with the
loose ends."""

from __future__ import annotations

import functools

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_safe

from ambitions.professional import learning
from ambitions.professional.access import (
    get_professional_for_view,
)
from ambitions.professional.queries import status as progress
from ambitions.professional.queries import tracing
from bass.cache import version as content_version
from bass.http import HtmxHttpRequest

TRACEABILITY = "ambitions/professional/traceability.html"
# Entries of each list the traceability page shows unless asked for all of them.
TRACE_LIMIT = 25


@require_safe
@login_required
def traceability(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """From the core challenges to the actions and indicators and back, and the loose ends.

    A summary by default (the first TRACE_LIMIT of each list, with the count of the rest);
    ``?alle=1`` shows everything. Computed only when the kept page is out of date."""
    ambition = get_professional_for_view(request.user, slug)
    today = timezone.localdate()
    strategy = learning.strategy_for(request.user, ambition.specialty)
    loaded = functools.cache(lambda: progress.load(ambition, today, strategy))
    trace = functools.cache(lambda: tracing.traceability(loaded()))
    ends = functools.cache(lambda: tracing.loose_ends(loaded(), today))
    show_all = request.GET.get("alle") == "1"

    def truncated() -> bool:
        longest = max(
            [len(ends()), len(trace().actions)]
            + [max(len(c.actions), len(c.indicators)) for c in trace().challenges]
        )
        return not show_all and longest > TRACE_LIMIT

    return render(
        request,
        TRACEABILITY,
        {
            "specialty": ambition.specialty,
            "ambition": ambition,
            "trace": SimpleLazyObject(trace),
            "loose_ends": SimpleLazyObject(ends),
            "reader": learning.reader(strategy),
            "limit": ":" if show_all else f":{TRACE_LIMIT}",
            "trace_limit": TRACE_LIMIT,
            "truncated": SimpleLazyObject(truncated),
            "show_all": show_all,
            "today": today,
            "content_version": content_version(ambition.specialty),
            "stale_after_days": progress.STALE_AFTER_DAYS,
        },
    )
