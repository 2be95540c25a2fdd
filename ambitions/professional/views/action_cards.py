"""The action cards of a focus area's page (Konkretisering af handlinger): the actions it lists
with everything a card shows, the forms a card opens, and what a request has open
(``Opened``). The page and its fragments are in ``focus_areas``; the writes in ``actions``.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeVar

from django import forms
from django.db.models import Count, Prefetch, QuerySet

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
from ambitions.professional.forms.actions import (
    RATING_LABELS,
    ActionForm,
    IndicatorForm,
    MeasurementForm,
    MilestoneForm,
)
from ambitions.professional.queries import status as progress
from bass.editing import SavedVersion
from bass.forms import with_focus
from specialties.models import Site
from sustainability.models import Challenge, Perspective

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


def _next_start(start: int, shown: int, total: int | None) -> int | None:
    """Where "show more" goes on from, or None when every action is shown."""
    return start + shown if total is not None and start + shown < total else None


def challenges_of(specialty_pk: int) -> list[Challenge]:
    return list(
        Challenge.objects.filter(specialty_id=specialty_pk).order_by(
            "-is_core", "core_order", "title"
        )
    )
