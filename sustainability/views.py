"""The challenges page: a specialty's challenges seen through the three lenses, the balance
between the perspectives, adding and editing in place, and choosing the core challenges."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from bass import text
from bass.cache import version as content_version
from bass.editing import EditConflict, SavedVersion, saved_version
from bass.forms import with_focus
from bass.http import HtmxHttpRequest, render_page_or_fragment, signed_in_user, wants_fragment
from specialties import permissions as specialty_permissions
from specialties.access import strategic_ambition_of
from specialties.models import Specialty
from sustainability import permissions as sustainability_permissions
from sustainability import queries, services
from sustainability.access import (
    get_challenge_for_core_choice,
    get_challenge_for_edit,
    get_challenge_for_history,
    get_challenges_for_view,
    get_specialty_for_challenge_add,
)
from sustainability.balance import (
    perspective_balance,
    perspectives_with_guides,
    prefetched_challenges,
)
from sustainability.forms import ChallengeForm
from sustainability.models import Challenge, Perspective

TEMPLATE = "sustainability/challenges.html"


def _dependencies() -> Prefetch:
    """What each challenge needs from other specialties, with their answers (issue 26, item
    4), in one query. The model is named, not imported: it lives in the ambitions app,
    above this one."""
    model = apps.get_model("ambitions", "Dependency")
    return Prefetch("dependencies", queryset=model._default_manager.select_related("depends_on"))


@dataclass(frozen=True)
class Lens:
    """One perspective's reflection question and the challenge's answer ("" if none)."""

    perspective: Perspective
    text: str


@dataclass(frozen=True)
class ChallengeCard:
    """What the page shows of one challenge: the challenge and its lenses in order."""

    challenge: Challenge
    lenses: list[Lens]


def _card(challenge: Challenge, perspectives: list[Perspective]) -> ChallengeCard:
    answers = {a.perspective_id: a.text for a in challenge.lens_answers.all()}
    return ChallengeCard(
        challenge=challenge,
        lenses=[Lens(perspective=p, text=answers.get(p.pk, "")) for p in perspectives],
    )


def _add_form(perspectives: list[Perspective], data: Any = None) -> ChallengeForm:
    return ChallengeForm(data, perspectives=perspectives, auto_id="add-%s")


def _edit_form(
    challenge: Challenge, perspectives: list[Perspective], data: Any = None
) -> ChallengeForm:
    return ChallengeForm(
        data, perspectives=perspectives, challenge=challenge, auto_id=f"c{challenge.pk}-%s"
    )


def _context(
    request: HtmxHttpRequest,
    specialty: Specialty,
    *,
    perspectives: list[Perspective] | None = None,
    add_form: ChallengeForm | None = None,
    pk: int | None = None,
    edit_form: ChallengeForm | None = None,
    conflict: SavedVersion | None = None,
    adding: bool = False,
) -> dict[str, Any]:
    """Everything the page and its partials show, in a fixed number of queries.

    ``pk`` names the challenge the single-challenge partial shows; with ``edit_form`` it
    is shown in edit mode. The challenges, their cards and the balance are loaded lazily: the
    page keeps its rendered cards and balance until the specialty's content changes, and a
    kept page loads neither. The form for a new challenge is built when asked for
    (``adding``), when it comes back with errors, or when there is no challenge yet.
    """
    given = perspectives
    # Reference data, read only by what the page does not keep (or a form) and then once.
    lenses = functools.cache(lambda: given if given is not None else perspectives_with_guides())
    challenges: list[Challenge] = SimpleLazyObject(  # type: ignore[assignment]
        lambda: list(prefetched_challenges(specialty).prefetch_related(_dependencies()))
    )
    cards = SimpleLazyObject(lambda: [_card(c, lenses()) for c in challenges])
    user = request.user
    owner_or_lead = specialty_permissions.is_owner_or_lead(user, specialty)
    ambition = strategic_ambition_of(specialty)
    can_choose_core = sustainability_permissions.can_choose_core_challenges(
        user, specialty, ambition
    )
    can_edit = sustainability_permissions.can_edit_challenges(user, specialty)
    if add_form is None and can_edit:
        if adding:
            add_form = with_focus(_add_form(lenses()))
        elif not Challenge.objects.filter(specialty=specialty).exists():
            add_form = _add_form(lenses())  # the first challenge: the form at once
    return {
        "specialty": specialty,
        "perspectives": SimpleLazyObject(lenses),
        "cards": cards,
        "card": SimpleLazyObject(lambda: next((c for c in cards if c.challenge.pk == pk), None))
        if pk is not None
        else None,
        "core_count": SimpleLazyObject(lambda: sum(1 for c in challenges if c.is_core)),
        "balance": SimpleLazyObject(lambda: perspective_balance(challenges, lenses())),
        "content_version": content_version(specialty),
        "can_edit": can_edit,
        "can_choose_core": can_choose_core,
        "core_locked": owner_or_lead and not can_choose_core,
        # A core challenge is fixed with the ambition (permissions.can_edit_challenge).
        "can_edit_core": can_edit and (ambition is None or ambition.is_editable),
        "add_form": add_form,
        "editing": pk if edit_form is not None else None,
        "edit_form": edit_form,
        "conflict": conflict,
    }


def _page_url(specialty: Specialty, pk: int | None = None) -> str:
    url = reverse("sustainability:challenges", kwargs={"slug": specialty.slug})
    return f"{url}#challenge-{pk}" if pk else url


@require_safe
@login_required
def challenge_list(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """The specialty's challenges, core challenges first, and the balance of perspectives."""
    specialty = get_challenges_for_view(request.user, slug)
    if request.GET.get("ny") == "1" and wants_fragment(request):
        specialty = get_specialty_for_challenge_add(request.user, slug)
        return render(request, f"{TEMPLATE}#part_add", _context(request, specialty, adding=True))
    shown = _targeted_challenge(request)
    if shown is not None:
        # A card's Cancel (components/edit_card.html): that card's read view, nothing else.
        context = _context(request, specialty, pk=shown)
        if context["card"]:
            return render(request, f"{TEMPLATE}#part_challenge", context)
    adding = request.GET.get("ny") == "1"
    return render(request, TEMPLATE, _context(request, specialty, adding=adding))


def _targeted_challenge(request: HtmxHttpRequest) -> int | None:
    """The challenge whose card an HTMX request targets (``challenge-<pk>``), or None."""
    if not wants_fragment(request) or not request.htmx.target:
        return None
    pk = request.htmx.target.removeprefix("challenge-")
    return int(pk) if pk != request.htmx.target and pk.isdigit() else None


@require_POST
@login_required
def challenge_add(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """Add a challenge (the core team with the owner and leads, the guides "BASS kort fortalt" and
    "Hvad er en faglig ambition?")."""
    specialty = get_specialty_for_challenge_add(request.user, slug)
    perspectives = perspectives_with_guides()
    form = _add_form(perspectives, request.POST)
    if not form.is_valid():
        return render_page_or_fragment(
            request,
            TEMPLATE,
            "part_challenges",
            page=lambda: _context(request, specialty, perspectives=perspectives, add_form=form),
            fragment_context=lambda: _context(
                request, specialty, perspectives=perspectives, add_form=form
            ),
        )
    challenge = services.challenge_create(
        specialty=specialty,
        by=signed_in_user(request),
        title=form.cleaned_data["title"],
        description=form.cleaned_data["description"],
        primary_perspective=form.cleaned_data["primary_perspective"],
        lens_answers=form.lens_answers(),
        focus_areas=form.cleaned_data["focus_areas"],
    )
    # The form stays open for the next challenge: a core team adds several in a row.
    context = _context(
        request, specialty, perspectives=perspectives, add_form=_add_form(perspectives)
    )
    # Say that it was added, and warn (without refusing) when the title is already taken.
    context["added"] = challenge
    context["same_title"] = [
        card.challenge
        for card in context["cards"]
        if card.challenge.pk != challenge.pk
        and card.challenge.title.casefold() == challenge.title.casefold()
    ]
    if wants_fragment(request):
        return render(request, f"{TEMPLATE}#part_challenges", context)
    messages.success(request, _("The challenge “%(title)s” is added.") % {"title": challenge.title})
    if context["same_title"]:
        messages.warning(
            request,
            _("Another challenge has the same title. Merge them if they are the same challenge."),
        )
    return redirect(_page_url(specialty, challenge.pk))


def _conflict(
    specialty: Specialty, current: Challenge, perspectives: list[Perspective]
) -> SavedVersion:
    current = prefetched_challenges(specialty).get(pk=current.pk)
    last = current.history.first()
    return saved_version(
        current,
        ["title", "primary_perspective", "description", "focus_areas"],
        by=last.history_user if last else None,
        at=last.history_date if last else current.updated_at,
        extra=[
            (lens.perspective.name, text.render(lens.text) if lens.text else _("Not answered yet"))
            for lens in _card(current, perspectives).lenses
        ],
    )


def _render_edit(
    request: HtmxHttpRequest,
    specialty: Specialty,
    pk: int,
    perspectives: list[Perspective],
    form: ChallengeForm,
    conflict: SavedVersion | None = None,
) -> HttpResponse:
    """The challenge in edit mode: alone for HTMX, in the whole page otherwise."""
    return render_page_or_fragment(
        request,
        TEMPLATE,
        "part_challenge",
        target=f"challenge-{pk}",
        page=lambda: _context(
            request, specialty, perspectives=perspectives, pk=pk, edit_form=form, conflict=conflict
        ),
        fragment_context=lambda: _context(
            request, specialty, perspectives=perspectives, pk=pk, edit_form=form, conflict=conflict
        ),
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def challenge_edit(request: HtmxHttpRequest, slug: str, pk: int) -> HttpResponse:
    """Edit a challenge in place; a save from an outdated revision shows both versions."""
    challenge = get_challenge_for_edit(request.user, slug, pk)
    specialty = challenge.specialty
    perspectives = perspectives_with_guides()
    if request.method != "POST":
        saved = prefetched_challenges(specialty).get(pk=pk)
        return _render_edit(request, specialty, pk, perspectives, _edit_form(saved, perspectives))

    form = _edit_form(challenge, perspectives, request.POST)
    if not form.is_valid():
        return _render_edit(request, specialty, pk, perspectives, form)
    try:
        services.challenge_update(
            challenge=challenge,
            by=signed_in_user(request),
            revision=form.cleaned_data["revision"],
            title=form.cleaned_data["title"],
            description=form.cleaned_data["description"],
            primary_perspective=form.cleaned_data["primary_perspective"],
            lens_answers=form.lens_answers(),
            focus_areas=form.cleaned_data["focus_areas"],
        )
    except EditConflict as exc:
        current = exc.current
        assert isinstance(current, Challenge)
        # Keep everything the user typed, but let the next save go through on purpose.
        data = request.POST.copy()
        data["revision"] = str(current.revision)
        form = _edit_form(challenge, perspectives, data)
        form.is_valid()
        conflict = _conflict(specialty, current, perspectives)
        return _render_edit(request, specialty, pk, perspectives, form, conflict)

    if not wants_fragment(request):
        return redirect(_page_url(specialty, pk))
    # The challenge shown again, and the balance updated out of band: the edit may have
    # changed its primary perspective or its lenses.
    context = _context(request, specialty, perspectives=perspectives, pk=pk)
    challenge_html = render_to_string(f"{TEMPLATE}#part_challenge", context, request)
    balance_html = render_to_string(f"{TEMPLATE}#part_balance", {**context, "oob": True}, request)
    return HttpResponse(challenge_html + balance_html)


def _list_response(request: HtmxHttpRequest, challenge: Challenge) -> HttpResponse:
    """After choosing or moving: the list for HTMX, the page for a plain browser."""
    if wants_fragment(request):
        specialty = get_challenges_for_view(request.user, challenge.specialty.slug)  # fresh
        return render(request, f"{TEMPLATE}#part_challenges", _context(request, specialty))
    return redirect(_page_url(challenge.specialty, challenge.pk))


@require_POST
@login_required
def challenge_core(request: HtmxHttpRequest, slug: str, pk: int) -> HttpResponse:
    """Make a challenge a core challenge or an ordinary one again.

    ``core=1`` or ``core=0`` says which; without it, the choice is toggled.
    """
    challenge = get_challenge_for_core_choice(request.user, slug, pk)
    wanted = request.POST.get("core")
    if wanted not in (None, "0", "1"):
        return HttpResponseBadRequest()
    is_core = not challenge.is_core if wanted is None else wanted == "1"
    services.challenge_set_core(
        challenge=challenge,
        by=signed_in_user(request),
        is_core=is_core,
    )
    return _list_response(request, challenge)


@require_POST
@login_required
def challenge_move(request: HtmxHttpRequest, slug: str, pk: int) -> HttpResponse:
    """Move a core challenge one place up or down in the order."""
    challenge = get_challenge_for_core_choice(request.user, slug, pk)
    direction = request.POST.get("direction")
    if direction not in ("up", "down") or not challenge.is_core:
        return HttpResponseBadRequest()
    services.challenge_move(
        challenge=challenge,
        by=signed_in_user(request),
        direction="up" if direction == "up" else "down",
    )
    return _list_response(request, challenge)


@require_safe
@login_required
def challenge_history(request: HtmxHttpRequest, slug: str, pk: int) -> HttpResponse:
    """Every saved change of a challenge and its answers: who, when, before and after."""
    challenge = get_challenge_for_history(request.user, slug, pk)
    return render(
        request,
        "sustainability/challenge_history.html",
        {
            "specialty": challenge.specialty,
            "challenge": challenge,
            "changes": queries.challenge_history(challenge),
        },
    )
