"""The programme's pages: the home page ("Mine specialer"), Programoverblik, Mine opgaver,
the programme's own strategic ambition and plan, exports and search."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from ambitions.professional.queries import DUE_SOON_DAYS, LIGHT_RULE, STALE_AFTER_DAYS
from bass import permissions
from bass.http import signed_in_user
from people.models import User
from programme import exports, overview, queries, search
from programme.access import check_overview_for_view
from programme.forms import OverviewFilterForm
from programme.overview import SORT_KEYS, Filters, OverviewRow
from specialties.models import Specialty
from sustainability.models import Perspective


@require_safe
@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Mine specialer, and "Venter på dig": the start of Mine opgaver."""
    user = signed_in_user(request)
    mine = list(Specialty.objects.with_people().for_member(user))
    waiting = queries.my_tasks(user, timezone.localdate())
    return render(
        request,
        "people/home.html",
        {
            "my_specialties": [(s, _my_roles(user, s)) for s in mine],
            "waiting": waiting[: queries.HOME_LIMIT],
            "waiting_count": len(waiting),
            "is_programme": permissions.is_steering_group(user) or permissions.is_secretariat(user),
            "can_view_register": permissions.can_view_decision_register(user),
        },
    )


@require_safe
@login_required
def my_tasks(request: HttpRequest) -> HttpResponse:
    """Mine opgaver: everything that waits for me, across specialties."""
    user = signed_in_user(request)
    items = queries.my_tasks(user, timezone.localdate())
    return render(
        request,
        "programme/my_tasks.html",
        {"groups": queries.grouped(items), "count": len(items), "due_soon": DUE_SOON_DAYS},
    )


def _my_roles(user: User, specialty: Specialty) -> list[str]:
    return [m.get_role_display() for m in specialty.memberships.all() if m.user_id == user.pk]


# -- Programoverblik -------------------------------------------------------------------------

# The sortable columns, in the page's order: (sort key, what a figure column shows first).
NUMERIC_SORTS = {"waiting", "overdue", "late", "off_track", "stale", "hours", "fte", "dkk"}


def _sort_links(request: HttpRequest, filters: Filters) -> dict[str, dict[str, str]]:
    """For each sortable column: the URL that sorts by it (the other way round when it is
    already the sort order) and its ``aria-sort`` value; the filters are kept."""
    links = {}
    for key in SORT_KEYS:
        query = request.GET.copy()
        current = filters.sort == key
        # Figures sort the biggest first on the first click: that is what one looks for.
        descending = (not filters.descending) if current else key in NUMERIC_SORTS
        query["sort"] = key
        query["dir"] = "desc" if descending else "asc"
        aria = ""
        if current:
            aria = "descending" if filters.descending else "ascending"
        links[key] = {"url": "?" + query.urlencode(), "aria": aria}
    return links


def _overview_rows(request: HttpRequest) -> tuple[OverviewFilterForm, Filters, list[OverviewRow]]:
    form = OverviewFilterForm(request.GET or None)
    filters = form.filters() if request.GET else Filters()
    return form, filters, overview.overview(filters, timezone.localdate())


@require_safe
@login_required
def programme_overview(request: HttpRequest) -> HttpResponse:
    """Programoverblik: every specialty's phase, strategy, progress and resources."""
    check_overview_for_view(request.user)
    form, filters, rows = _overview_rows(request)
    return render(
        request,
        "programme/overview.html",
        {
            "form": form,
            "rows": rows,
            "totals": overview.totals(rows),
            "sort_links": _sort_links(request, filters),
            "light_rule": LIGHT_RULE,
            "stale_after": STALE_AFTER_DAYS,
            "perspectives": list(Perspective.objects.order_by("order", "name")),
            "query": request.GET.urlencode(),
        },
    )


# -- Exports ---------------------------------------------------------------------------------

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _download(table: exports.Table, fmt: str, name: str) -> HttpResponse:
    stamp = timezone.localdate().isoformat()
    if fmt == "xlsx":
        response = HttpResponse(exports.to_xlsx(table), content_type=XLSX)
    else:
        # The byte-order mark tells Excel the file is UTF-8 (æ, ø, å).
        response = HttpResponse(
            "\ufeff" + exports.to_csv(table), content_type="text/csv; charset=utf-8"
        )
    response["Content-Disposition"] = f'attachment; filename="{name}-{stamp}.{fmt}"'
    return response


@require_safe
@login_required
def overview_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """Programoverblik as Excel or CSV, with the page's filters and sort order."""
    check_overview_for_view(request.user)
    _form, _filters, rows = _overview_rows(request)
    return _download(exports.overview_table(rows), fmt, "programoverblik")


@require_safe
@login_required
def actions_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """Every action of the specialties the overview's filters pick, as Excel or CSV."""
    check_overview_for_view(request.user)
    _form, _filters, rows = _overview_rows(request)
    return _download(exports.actions_table(rows, timezone.localdate()), fmt, "handlinger")


# -- Search ----------------------------------------------------------------------------------


@require_safe
@login_required
def search_page(request: HttpRequest) -> HttpResponse:
    """Søg: the ambitions' parts, challenges, areas, actions and comments one may read."""
    query = request.GET.get("q", "").strip()[:200]
    hits = search.search(request.user, query) if query else []
    return render(
        request,
        "programme/search.html",
        {
            "query": query,
            "hits": hits,
            "too_short": bool(query) and not search.words_of(query),
            "full_text": search.is_postgresql(),
            "learning_rule": permissions.LEARNING_RULE,
        },
    )
