"""Konkretisering af handlinger (the guide "Hvad er en faglig ambition?"): one page per focus
area with its concrete actions, each shown as a card; the page and each of its fragments.

The writes on the page (an action, its milestones, indicators and measurements) are in
``actions``; they answer with the fragments built here.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeVar

from django import forms
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Prefetch, QuerySet
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_safe

from ambitions.models import (
    Action,
    ActionPrinciple,
    InterventionFocusArea,
    Measurement,
    Milestone,
    PerspectiveAssessment,
    Principle,
    ProgressIndicator,
    concerning_site,
)
from ambitions.professional import learning
from ambitions.professional.access import (
    get_focus_area_for_actions,
    get_focus_area_for_view,
)
from ambitions.professional.forms.actions import (
    RATING_LABELS,
    ActionForm,
    IndicatorForm,
    MeasurementForm,
    MilestoneForm,
)
from ambitions.professional.queries import status as progress
from bass import permissions
from bass.cache import version as content_version
from bass.editing import SavedVersion
from bass.forms import with_focus
from bass.http import HtmxHttpRequest, render_page_or_fragment, wants_fragment
from specialties.models import Site, Specialty
from sustainability.models import Challenge, Perspective

TEMPLATE = "ambitions/professional/focus_area.html"
# Actions shown at once on a focus area's page; "show more" loads the next ones.
ACTIONS_PER_PAGE = 10
# The newest measurements of an indicator an action's card shows; all of them, and the forms
# for milestones, indicators and measurements, when the card is opened to record progress.
MEASUREMENTS_SHOWN = 3

# The inspiration library's citations of an action, reached through the action's reverse
# relation (no import of the app above).
CITATIONS: Any = Action._meta.get_field("inspirations").related_model

F = TypeVar("F", bound=forms.Form)


@dataclass(frozen=True)
class AssessmentRow:
    """The action's assessment for one perspective; ``rating`` is None when not assessed."""

    perspective: Perspective
    rating: int | None
    justification: str

    @property
    def label(self) -> str:
        return str(RATING_LABELS[self.rating]) if self.rating is not None else ""

    @property
    def tone(self) -> str:
        if self.rating is None or self.rating == 0:
            return "neutral"
        return "positive" if self.rating > 0 else "negative"


@dataclass(frozen=True)
class IndicatorRow:
    """A progress indicator with its measurements, newest first (all of them, or the newest
    ``MEASUREMENTS_SHOWN`` of ``count``), and the form for the next."""

    indicator: ProgressIndicator
    measurements: list[Measurement]
    count: int
    form: MeasurementForm | None

    @property
    def latest(self) -> Measurement | None:
        return self.measurements[0] if self.measurements else None

    @property
    def progress(self) -> int | None:
        """How far the latest value has come from the baseline towards the target, in %."""
        latest, ind = self.latest, self.indicator
        if latest is None or ind.target == ind.baseline:
            return None
        share = (latest.value - ind.baseline) / (ind.target - ind.baseline) * Decimal(100)
        return round(share)


@dataclass(frozen=True)
class ActionCard:
    """What the page shows of one action."""

    action: Action
    is_late: bool
    assessments: list[AssessmentRow]
    principles: list[ActionPrinciple]
    milestones: list[Milestone]
    indicators: list[IndicatorRow]
    milestone_form: MilestoneForm | None
    indicator_form: IndicatorForm | None
    # Opened to record progress: the forms for milestones, indicators and measurements.
    updating: bool
    # The sites it names; none: every site of the specialty (``Action.sites``).
    sites: list[Site]


def action_queryset(
    focus_area: InterventionFocusArea, *, measurements_shown: int | None = None
) -> QuerySet[Action]:
    """The focus area's actions with everything the page shows, in a fixed number of queries:
    each indicator with the number of its measurements and the newest ``measurements_shown``
    of them (all when None; the database picks them, per indicator)."""
    measurements = Measurement.objects.select_related("recorded_by").order_by("-measured_on", "-pk")
    if measurements_shown is not None:
        measurements = measurements[:measurements_shown]
    return (
        Action.objects.filter(focus_area=focus_area)
        .select_related("responsible", "updated_by")
        .prefetch_related(
            "challenges",
            "sites",
            # What the action needs from other specialties, with their answers (issue 26).
            "dependencies__depends_on",
            # The library's cases the action cites (a reverse relation: the library is built
            # on the actions, not the other way), shown on the card (issue 30, item 11).
            Prefetch(
                "inspirations",
                queryset=CITATIONS.objects.select_related("case").order_by("case__title"),
            ),
            Prefetch("milestones", queryset=Milestone.objects.order_by("due_date", "pk")),
            Prefetch(
                "indicators",
                queryset=ProgressIndicator.objects.order_by("pk")
                .annotate(measurement_count=Count("measurements"))
                .prefetch_related(
                    # A sliced prefetch needs its own attribute (Django keeps no manager cache).
                    Prefetch("measurements", queryset=measurements, to_attr="shown_measurements")
                ),
            ),
            Prefetch("assessments", queryset=PerspectiveAssessment.objects.all()),
            Prefetch(
                "principles",
                queryset=ActionPrinciple.objects.select_related("principle").order_by(
                    "principle__order", "principle__name"
                ),
            ),
        )
        .order_by("start_date", "pk")
    )


@dataclass(frozen=True)
class Listing:
    """What the page lists: a screenful of action cards, and the counts over all of them."""

    cards: list[ActionCard]
    card: ActionCard | None  # the focused action's, for its partials
    total: int
    next_start: int | None
    late_count: int
    siblings: list[InterventionFocusArea]

    def as_context(self) -> dict[str, Any]:
        return {field.name: getattr(self, field.name) for field in dataclasses.fields(self)}


def _card(
    action: Action,
    *,
    perspectives: list[Perspective],
    today: datetime.date,
    can_edit: bool,
    bound: Mapping[str, forms.Form],
    updating: bool = False,
    opened: bool = False,
) -> ActionCard:
    assessments = {a.perspective_id: a for a in action.assessments.all()}
    rows = []
    for perspective in perspectives:
        found = assessments.get(perspective.pk)
        rows.append(
            AssessmentRow(
                perspective=perspective,
                rating=found.rating if found else None,
                justification=found.justification if found else "",
            )
        )
    with_forms = can_edit and updating
    # "Record progress" opens the card at its first measurement (recording a value is the
    # progress); only an action without indicators opens at its milestone form (issue 30).
    indicator_list = list(action.indicators.all())
    indicators = [
        IndicatorRow(
            indicator=indicator,
            measurements=indicator.shown_measurements,  # type: ignore[attr-defined]
            count=indicator.measurement_count,  # type: ignore[attr-defined]
            form=_bound(
                bound,
                f"measurement-{indicator.pk}",
                MeasurementForm,
                f"me{indicator.pk}",
                focus=opened and n == 0,
            )
            if with_forms
            else None,
        )
        for n, indicator in enumerate(indicator_list)
    ]
    return ActionCard(
        action=action,
        is_late=progress.action_is_late(action, today),
        assessments=rows,
        principles=list(action.principles.all()),
        milestones=list(action.milestones.all()),
        indicators=indicators,
        milestone_form=_bound(
            bound,
            f"milestone-{action.pk}",
            MilestoneForm,
            f"ms{action.pk}",
            focus=opened and not indicator_list,
        )
        if with_forms
        else None,
        indicator_form=_bound(bound, f"indicator-{action.pk}", IndicatorForm, f"in{action.pk}")
        if with_forms
        else None,
        updating=with_forms,
        sites=list(action.sites.all()),
    )


def _bound(
    bound: Mapping[str, forms.Form],
    key: str,
    form_class: type[F],
    id_prefix: str,
    *,
    focus: bool = False,
) -> F:
    """The invalid form the user just sent for ``key``, or a fresh one (``focus``: with the
    keyboard's focus on its first field, for a card just opened)."""
    form = bound.get(key)
    if isinstance(form, form_class):
        return form
    fresh = form_class(auto_id=f"{id_prefix}-%s")
    return with_focus(fresh) if focus else fresh


@dataclass(frozen=True)
class Opened:
    """What a request has open on the page; a page with any of it is never kept (``volatile``).

    ``bound`` holds the invalid forms just sent, shown with their errors instead of empty ones
    (``"add"``, ``"edit"``, ``"milestone-<action>"``, ``"indicator-<action>"``,
    ``"measurement-<indicator>"``); ``editing`` names the action in edit mode, with
    ``conflict`` when someone else saved it first; ``updating`` the action opened to record
    progress (all its measurements, and the forms for milestones, indicators and
    measurements, the keyboard's focus on the first when ``just_opened``); ``adding`` asks for
    the form for a new action, the biggest on the page, built only when asked for.
    """

    bound: Mapping[str, forms.Form] = dataclasses.field(default_factory=dict)
    editing: int | None = None
    conflict: SavedVersion | None = None
    updating: int | None = None
    just_opened: bool = False
    adding: bool = False

    @property
    def volatile(self) -> bool:
        return (
            bool(self.bound)
            or self.adding
            or self.updating is not None
            or self.editing is not None
            or self.conflict is not None
        )


NOTHING_OPEN = Opened()


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
        "can_edit": permissions.can_edit_actions(request.user, specialty),
        "can_discuss": permissions.can_discuss_professional(request.user, specialty),
        "can_see_history": permissions.can_view_professional_history(request.user, specialty),
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


def _perspectives() -> list[Perspective]:
    return list(Perspective.objects.order_by("order", "name"))


def _listing(
    common: dict[str, Any],
    opened: Opened,
    *,
    focus: int | None = None,
    start: int = 0,
    show_all: bool = False,
    only_focus: bool = False,
) -> Listing:
    """The action cards the page lists and the counts over all of them.

    A focus area may hold a year of actions: the page shows ACTIONS_PER_PAGE of them from
    ``start`` (and always as far as the ``focus``ed one), and "show more" loads the next ones;
    ``show_all`` shows every one. With ``only_focus`` only the focused action is loaded (the
    fragments of one card), and no counts."""
    focus_area: InterventionFocusArea = common["focus_area"]
    today: datetime.date = common["today"]
    updating = opened.updating
    actions = action_queryset(
        focus_area, measurements_shown=None if updating is not None else MEASUREMENTS_SHOWN
    )
    total = None
    site: Site | None = common["site"]
    if site is not None:
        actions = actions.filter(concerning_site(site.pk))
    if only_focus and focus is not None:
        actions = actions.filter(pk=focus)
    elif not show_all:
        total = actions.count()
        end = start + ACTIONS_PER_PAGE
        if focus is not None:
            ids = list(actions.values_list("pk", flat=True))
            end = max(end, ids.index(focus) + 1) if focus in ids else end
        actions = actions[start:end]
    shown = list(actions)
    learning.apply(common["strategy"], actions=shown)
    perspectives = functools.cache(_perspectives)
    cards = [
        _card(
            a,
            perspectives=perspectives(),
            today=today,
            can_edit=common["can_edit"],
            bound=opened.bound,
            updating=a.pk == updating,
            opened=opened.just_opened and a.pk == updating,
        )
        for a in shown
    ]
    return Listing(
        cards=cards,
        card=next((c for c in cards if c.action.pk == focus), None),
        total=total if total is not None else len(cards),
        next_start=_next_start(start, len(cards), total),
        late_count=0 if only_focus else progress.late_count(focus_area, today, site=site),
        siblings=[]
        if only_focus
        else list(focus_area.framework.focus_areas.order_by("order", "pk")),
    )


def _add_form(common: dict[str, Any], opened: Opened) -> ActionForm | None:
    """The form for a new action, where the page shows it: for who may add, when asked for
    (or sent with errors)."""
    if not common["can_edit"]:
        return None
    sent = opened.bound.get("add")
    if isinstance(sent, ActionForm):
        return sent
    if not opened.adding:
        return None
    specialty = common["specialty"]
    return with_focus(
        ActionForm(
            specialty=specialty,
            perspectives=_perspectives(),
            principles=list(Principle.objects.order_by("order", "name")),
            challenges=challenges_of(specialty.pk),
            auto_id="add-%s",
        )
    )


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


def _next_start(start: int, shown: int, total: int | None) -> int | None:
    """Where "show more" goes on from, or None when every action is shown."""
    return start + shown if total is not None and start + shown < total else None


def challenges_of(specialty_pk: int) -> list[Challenge]:
    return list(
        Challenge.objects.filter(specialty_id=specialty_pk).order_by(
            "-is_core", "core_order", "title"
        )
    )


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
