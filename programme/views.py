"""The programme's pages: the home page ("Mine specialer"), Programoverblik, Mine opgaver,
the programme's own strategic ambition and plan, exports and search."""

import functools
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    QueryDict,
    StreamingHttpResponse,
)
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from ambitions import permissions as ambition_permissions
from ambitions.models import PartKind
from ambitions.professional.queries.programme import DUE_SOON_DAYS, LIGHT_RULE
from ambitions.professional.queries.status import STALE_AFTER_DAYS
from ambitions.strategic.forms import PartForm
from bass import text
from bass.editing import EditConflict, SavedVersion, saved_version
from bass.http import HtmxHttpRequest, render_page_or_fragment, signed_in_user, wants_fragment
from bass.permissions import AnyUser
from improvement import queries as improvement
from people import permissions as people_permissions
from people.models import User
from programme import exports, overview, queries, search, services, sites
from programme import permissions as programme_permissions
from programme.access import (
    check_overview_for_view,
    check_programme_for_edit,
    check_programme_for_view,
    check_secretariat_contact_for_edit,
    get_programme_part_for_edit,
    get_programme_part_for_view,
    get_programme_version_for_view,
    get_site_for_view,
)
from programme.forms import OverviewFilterForm, ProgrammeVersionForm, SecretariatContactForm
from programme.models import Phase, ProgrammePart, ProgrammeVersion
from programme.overview import SORT_KEYS, Filters, OverviewRow
from rounds import permissions as round_permissions
from rounds.reminders import open_rounds_key
from specialties.models import Site, Specialty
from specialties.queries import region_version
from sustainability.models import Perspective


@require_safe
@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Mine specialer, and "Venter på dig": the start of Mine opgaver.

    The page is the person's own, and kept for them until something in the region changes
    (any specialty's content version, or the programme's), a status round opens or closes, or
    the day changes: what waits for a
    person may sit in any specialty, so the key holds every version (one query for the ids,
    one round trip to the cache). The specialties and tasks are only loaded to render it."""
    user = signed_in_user(request)
    today = timezone.localdate()
    tasks = SimpleLazyObject(lambda: queries.my_tasks(user, today))
    return render(
        request,
        "people/home.html",
        {
            "home_version": " ".join(
                [str(user.pk), today.isoformat(), open_rounds_key(), region_version()]
            ),
            "my_specialties": SimpleLazyObject(
                lambda: [
                    (s, _my_roles(user, s))
                    for s in Specialty.objects.with_people().for_member(user)
                ]
            ),
            "waiting": SimpleLazyObject(
                lambda: [t for t in tasks if t.kind not in queries.DEPENDENCY_KINDS][
                    : queries.HOME_LIMIT
                ]
            ),
            "dependencies": SimpleLazyObject(
                lambda: [t for t in tasks if t.kind in queries.DEPENDENCY_KINDS]
            ),
            "waiting_count": SimpleLazyObject(lambda: len(tasks)),
            "is_programme": people_permissions.is_steering_group(user)
            or people_permissions.is_secretariat(user),
            "can_view_register": ambition_permissions.can_view_decision_register(user),
            "can_manage_rounds": round_permissions.can_manage_rounds(user),
            "can_edit_contact": programme_permissions.can_edit_secretariat_contact(user),
            # For a person with no role: whom to ask for one (issue 29, item 4).
            "contact": SimpleLazyObject(queries.secretariat_contact),
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def secretariat_contact(request: HttpRequest) -> HttpResponse:
    """The secretariat says whom people without a role contact (shown on their home page)."""
    check_secretariat_contact_for_edit(request.user)
    form = SecretariatContactForm(
        request.POST if request.method == "POST" else None,
        instance=queries.secretariat_contact(),
    )
    if request.method == "POST" and form.is_valid():
        services.secretariat_contact_save(
            name=form.cleaned_data["name"],
            email=form.cleaned_data["email"],
            by=signed_in_user(request),
        )
        messages.success(request, _("The contact is saved."))
        return redirect("programme:contact")
    status = 400 if request.method == "POST" else 200
    return render(request, "programme/contact.html", {"form": form}, status=status)


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
NUMERIC_SORTS = {
    "waiting",
    "overdue",
    "late",
    "off_track",
    "stale",
    "hours",
    "fte",
    "dkk",
    "depends",
    "depended",
}


def _filters_query(filters: Filters) -> QueryDict:
    """The query string of the cleaned filters, in one order, without anything else asked
    for: what the page's links carry, and (with the versions) what its table is kept under,
    so a junk query string neither creates a key of its own nor travels on in the links."""
    query = QueryDict(mutable=True)
    values = {
        "site": filters.site,
        "matrikel": filters.work_site,
        "perspective": filters.perspective,
        "state": filters.state,
        "phase": filters.phase,
    }
    for name, value in values.items():
        if value not in (None, ""):
            query[name] = str(value)
    default = Filters()
    if (filters.sort, filters.descending) != (default.sort, default.descending):
        query["sort"] = filters.sort
        query["dir"] = "desc" if filters.descending else "asc"
    return query


def _sort_links(filters: Filters) -> dict[str, dict[str, str]]:
    """For each sortable column: the URL that sorts by it (the other way round when it is
    already the sort order) and its ``aria-sort`` value; the filters are kept."""
    links = {}
    for key in SORT_KEYS:
        query = _filters_query(filters)
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


def _overview_filters(request: HttpRequest) -> tuple[OverviewFilterForm, Filters]:
    form = OverviewFilterForm(request.GET or None)
    return form, form.filters() if request.GET else Filters()


def _overview_rows(request: HttpRequest) -> tuple[list[OverviewRow], Filters]:
    _form, filters = _overview_filters(request)
    return overview.overview(filters, timezone.localdate()), filters


@require_safe
@login_required
def programme_overview(request: HttpRequest) -> HttpResponse:
    """Programoverblik: every specialty's phase, strategy, progress and resources.

    The figures add up every specialty's work (at ten times the demo, 6,000 actions and
    their milestones and indicators), so the table and the signals are kept
    (``{% fragment %}``) until any specialty or the programme changes, or the day does,
    per filter and sort order: in a meeting they are computed once, not for every reader."""
    check_overview_for_view(request.user)
    form, filters = _overview_filters(request)
    today = timezone.localdate()
    rows = functools.cache(lambda: overview.overview(filters, today))
    return render(
        request,
        "programme/overview.html",
        {
            "form": form,
            "rows": SimpleLazyObject(rows),
            "totals": SimpleLazyObject(lambda: overview.totals(rows())),
            "site_counts": SimpleLazyObject(lambda: overview.site_counts(rows())),
            "overview_version": " ".join([today.isoformat(), region_version()]),
            "sort_links": _sort_links(filters),
            "light_rule": LIGHT_RULE,
            "stale_after": STALE_AFTER_DAYS,
            "perspectives": list(Perspective.objects.order_by("order", "name")),
            "query": _filters_query(filters).urlencode(),
            "signals": SimpleLazyObject(lambda: _signals(rows())),
            "verdicts": [improvement.verdict_label(v) for v in improvement.VERDICTS],
        },
    )


@dataclass(frozen=True)
class SpecialtySignals:
    specialty: Specialty
    summary: improvement.SignalSummary


def _signals(rows: list[OverviewRow]) -> list[SpecialtySignals]:
    """How each shown specialty's run charts read, in the rows' order: counted per verdict,
    the first that signal named; each specialty's kept until it changes."""
    summaries = improvement.signal_summaries(r.specialty.pk for r in rows)
    return [
        SpecialtySignals(r.specialty, summaries[r.specialty.pk])
        for r in rows
        if summaries[r.specialty.pk].total
    ]


# -- The acute hospital's view -------------------------------------------------------------


@require_safe
@login_required
def site_page(request: HttpRequest, pk: int) -> HttpResponse:
    """One site (matrikel): across every specialty, the intervention areas and the actions
    that concern it, their state and resources (issue 26); every programme member, each
    specialty as far as the learning rule lets the reader read it."""
    user = request.user
    site = get_site_for_view(user, pk)
    today = timezone.localdate()
    specialties = sites.readable_at(user, site)
    # A busy site lists one specialty's actions at a time (?speciale=<slug>), the others'
    # intervention areas with their counts: the whole region's thousands of rows are the
    # export's, not a page's.
    chosen = request.GET.get("speciale", "")
    if chosen not in {s.slug for s in specialties}:
        chosen = ""
    work = functools.cache(
        lambda: sites.site_work(
            user,
            site,
            today,
            specialties=specialties,
            listing={chosen},
            list_all_up_to=sites.LIST_ALL_UP_TO,
        )
    )
    return render(
        request,
        "programme/site.html",
        {
            "site": site,
            # The work is kept (the site's page at the 10x region shows 1,475 things) until
            # the region's content or the day changes, per kind of reader: two readers who
            # may read the same specialties the same way share it.
            "site_version": " ".join(
                [
                    str(site.pk),
                    today.isoformat(),
                    region_version(),
                    sites.reader_key(user, specialties),
                    chosen,
                ]
            ),
            "work": SimpleLazyObject(work),
            "counted_only": SimpleLazyObject(lambda: any(not item.listed for item in work())),
            "today": today,
            "all_sites": SimpleLazyObject(lambda: list(Site.objects.order_by("order", "name"))),
            "learning_rule": ambition_permissions.LEARNING_RULE,
            # The programme report for this site (issue 26): the steering group's and the
            # secretariat's, like the whole programme's.
            "can_read_report": round_permissions.can_view_programme_report(request.user),
        },
    )


@require_safe
@login_required
def site_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponseBase:
    """The site's page as Excel or CSV: a line per action that concerns the site."""
    site = get_site_for_view(request.user, pk)
    today = timezone.localdate()
    table = exports.site_table(sites.site_work(request.user, site, today), today)
    return _download(table, fmt, f"matrikel-{site.pk}")


# -- Exports ---------------------------------------------------------------------------------

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _download(table: exports.Table, fmt: str, name: str) -> HttpResponseBase:
    """The table as a file: the CSV streamed line by line as it is written, the Excel file
    written in openpyxl's write-only mode (a zip cannot be sent before it is finished)."""
    stamp = timezone.localdate().isoformat()
    response: HttpResponseBase
    if fmt == "xlsx":
        response = HttpResponse(exports.to_xlsx(table), content_type=XLSX)
    else:
        response = StreamingHttpResponse(
            exports.csv_lines(table), content_type="text/csv; charset=utf-8"
        )
    response["Content-Disposition"] = f'attachment; filename="{name}-{stamp}.{fmt}"'
    return response


@require_safe
@login_required
def overview_export(request: HttpRequest, fmt: str) -> HttpResponseBase:
    """Programoverblik as Excel or CSV, with the page's filters and sort order."""
    check_overview_for_view(request.user)
    rows, _filters = _overview_rows(request)
    return _download(exports.overview_table(rows), fmt, "programoverblik")


@require_safe
@login_required
def actions_export(request: HttpRequest, fmt: str) -> HttpResponseBase:
    """Every action of the specialties the overview's filters pick, as Excel or CSV."""
    check_overview_for_view(request.user)
    rows, filters = _overview_rows(request)
    table = exports.actions_table(rows, timezone.localdate(), site=filters.work_site)
    return _download(table, fmt, "handlinger")


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
            "learning_rule": ambition_permissions.LEARNING_RULE,
        },
    )


# -- The programme's own strategic ambition, and its plan ------------------------------------

AMBITION = "programme/ambition.html"


def _programme_flags(user: AnyUser) -> dict[str, bool]:
    return {"can_edit": programme_permissions.can_edit_programme(user)}


def _programme_page(request: HtmxHttpRequest, **extra: Any) -> dict[str, Any]:
    return {
        "parts": services.programme_parts_ensure(),
        "versions": list(ProgrammeVersion.objects.select_related("saved_by")),
        "version_form": extra.pop("version_form", None) or ProgrammeVersionForm(),
        **_programme_flags(request.user),
        **extra,
    }


def _render_programme_part(
    request: HtmxHttpRequest,
    part: ProgrammePart,
    *,
    form: PartForm | None = None,
    conflict: ProgrammePart | None = None,
    status: int = 200,
) -> HttpResponse:
    extra: dict[str, Any] = {
        "editing_kind": part.kind if form is not None else None,
        "part_form": form,
        "conflict": _programme_conflict(conflict) if conflict is not None else None,
    }
    return render_page_or_fragment(
        request,
        AMBITION,
        "part_section",
        target=part.anchor,
        page=lambda: _programme_page(request, **extra),
        fragment_context=lambda: {"part": part, **_programme_flags(request.user), **extra},
        status=status,
    )


def _programme_conflict(current: ProgrammePart) -> SavedVersion:
    return saved_version(
        current,
        [],
        by=current.updated_by,
        at=current.updated_at,
        extra=[(current.get_kind_display(), text.render(current.text))],
    )


def _programme_part_form(part: ProgrammePart, data: Any = None, **kwargs: Any) -> PartForm:
    form = PartForm(data, prefix=part.kind, **kwargs)
    form.fields["text"].label = part.get_kind_display()
    return form


@require_safe
@login_required
def programme_ambition(request: HtmxHttpRequest) -> HttpResponse:
    """The programme's own strategic ambition: five parts the secretariat writes and saves
    as versions."""
    check_programme_for_view(request.user)
    return render(request, AMBITION, _programme_page(request))


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def programme_part(request: HtmxHttpRequest, kind: str) -> HttpResponse:
    """One part: shown (GET), in edit mode (GET ?rediger=1), or saved (POST)."""
    if request.method != "POST" and not request.GET.get("rediger"):
        return _render_programme_part(request, get_programme_part_for_view(request.user, kind))
    part = get_programme_part_for_edit(request.user, kind)
    if request.method != "POST":
        form = _programme_part_form(part, initial={"text": part.text, "revision": part.revision})
        return _render_programme_part(request, part, form=form)
    form = _programme_part_form(part, request.POST)
    if not form.is_valid():
        return _render_programme_part(request, part, form=form)
    try:
        saved = services.programme_part_save(
            part=part,
            text=form.cleaned_data["text"],
            base_revision=form.cleaned_data["revision"],
            by=signed_in_user(request),
        )
    except EditConflict as conflict:
        current = conflict.current
        assert isinstance(current, ProgrammePart)
        # Keep what this person typed, with the newer revision: saving again is knowing.
        form = _programme_part_form(
            part, initial={"text": form.cleaned_data["text"], "revision": current.revision}
        )
        return _render_programme_part(request, part, form=form, conflict=current)
    if wants_fragment(request):
        return _render_programme_part(request, saved)
    return redirect(reverse("programme:ambition") + f"#{part.anchor}")


@require_POST
@login_required
def programme_version_add(request: HtmxHttpRequest) -> HttpResponse:
    """The secretariat freezes the five parts as the next version."""
    check_programme_for_edit(request.user)
    form = ProgrammeVersionForm(request.POST)
    if not form.is_valid():
        return render(request, AMBITION, _programme_page(request, version_form=form), status=400)
    version = services.programme_version_save(
        by=signed_in_user(request), note=form.cleaned_data["note"]
    )
    messages.success(request, _("Saved as version %(number)s.") % {"number": version.number})
    return redirect(reverse("programme:ambition") + "#versions")


@require_safe
@login_required
def programme_version(request: HtmxHttpRequest, number: int) -> HttpResponse:
    """A saved version of the programme's strategic ambition, as it was frozen."""
    version = get_programme_version_for_view(request.user, number)
    texts = {p["kind"]: p["text"] for p in version.content.get("parts", [])}
    return render(
        request,
        "programme/version.html",
        {
            "version": version,
            "sections": [(kind.label, texts.get(kind.value, "")) for kind in PartKind],
        },
    )


@require_safe
@login_required
def programme_plan(request: HtmxHttpRequest) -> HttpResponse:
    """The programme plan: each specialty's phases with their dates, as a timeline."""
    check_programme_for_view(request.user)
    return render(
        request,
        "programme/plan.html",
        {
            "timeline": queries.plan_timeline(timezone.localdate()),
            "phases": list(Phase),
            "can_edit": programme_permissions.can_edit_programme(request.user),
        },
    )
