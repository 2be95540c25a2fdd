"""The strategic ambition's page: its five parts written in place (with a part's history and
comments), the approved version for every programme member, and starting a new ambition."""

from __future__ import annotations

import functools
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from ambitions import permissions as ambition_permissions
from ambitions.models import (
    MAX_INTERVENTION_AREAS,
    AmbitionPart,
    ApprovalCondition,
    PartKind,
    StrategicAmbition,
)
from ambitions.strategic import content, queries, services
from ambitions.strategic.access import (
    get_approved_for_view,
    get_part_for_comment,
    get_part_for_edit,
    get_part_for_view,
    get_specialty_for_ambition_start,
    get_specialty_for_reading,
)
from ambitions.strategic.forms import (
    CommentForm,
    DilemmaForm,
    InterventionAreaForm,
    PartForm,
    PrerequisiteForm,
    PrerequisiteStateForm,
)
from bass import text
from bass.cache import version as content_version
from bass.editing import EditConflict, SavedVersion, saved_version
from bass.http import HtmxHttpRequest, render_page_or_fragment, signed_in_user, wants_fragment
from bass.permissions import AnyUser
from specialties import permissions as specialty_permissions
from specialties.access import strategic_ambition_of
from sustainability.models import Perspective

DETAIL = "ambitions/detail.html"


def _flags(user: AnyUser, ambition: StrategicAmbition) -> dict[str, bool]:
    """Who may do what on the page: asked once per request, not per part."""
    specialty = ambition.specialty
    return {
        "can_edit": ambition_permissions.can_edit_ambition(user, ambition),
        "can_submit": ambition_permissions.can_submit_ambition(user, ambition),
        "can_decide": ambition_permissions.can_decide_ambition(user, ambition),
        "can_revise": ambition_permissions.can_start_revision(user, ambition),
        "can_comment": ambition_permissions.can_comment(user, specialty),
        "is_editor": specialty_permissions.is_owner_or_lead(user, specialty),
    }


def _with_comment_forms(
    parts: list[AmbitionPart], bound: CommentForm | None = None
) -> list[AmbitionPart]:
    """Each part with its comment form: the bound one (with its errors) where it was sent."""
    for p in parts:
        p.comment_form = (  # type: ignore[attr-defined]
            bound if bound is not None and bound.prefix == f"comment-{p.kind}" else None
        ) or CommentForm(prefix=f"comment-{p.kind}")
    return parts


def areas_context(
    ambition: StrategicAmbition, area_form: InterventionAreaForm | None = None
) -> dict[str, Any]:
    """The intervention areas' list and form (the part_areas fragment)."""
    areas = list(queries.intervention_areas(ambition))
    return {
        "areas": areas,
        "too_many_areas": len(areas) > MAX_INTERVENTION_AREAS,
        "max_areas": MAX_INTERVENTION_AREAS,
        "area_form": area_form or InterventionAreaForm(specialty=ambition.specialty, prefix="area"),
    }


def dilemmas_context(
    ambition: StrategicAmbition, dilemma_form: DilemmaForm | None = None
) -> dict[str, Any]:
    """The specialty's dilemma register and its form (the part_dilemmas fragment)."""
    perspectives = list(Perspective.objects.order_by("order", "name"))
    dilemmas = list(queries.dilemmas(ambition.specialty))
    for dilemma in dilemmas:
        dilemma.perspective_views = dilemma.views_by(perspectives)  # type: ignore[attr-defined]
    return {
        "dilemmas": dilemmas,
        "dilemma_form": dilemma_form
        or DilemmaForm(specialty=ambition.specialty, perspectives=perspectives, prefix="dilemma"),
    }


def prerequisites_context(
    user: AnyUser,
    ambition: StrategicAmbition,
    *,
    form: PrerequisiteForm | None = None,
    state_form: PrerequisiteStateForm | None = None,
) -> dict[str, Any]:
    """The specialty's prerequisites and the add form (the part_prerequisites fragment):
    each with whether it is late and, for whoever may move its state on, a state form (the
    bound one, with its errors, where it was sent)."""
    specialty = ambition.specialty
    today = timezone.localdate()
    prerequisites = list(queries.prerequisites(specialty))
    is_editor = specialty_permissions.is_owner_or_lead(user, specialty)
    for prerequisite in prerequisites:
        prerequisite.late = prerequisite.is_late(today)  # type: ignore[attr-defined]
        may_change = is_editor or ambition_permissions.can_change_prerequisite_state(
            user, prerequisite, specialty
        )
        prerequisite.can_change_state = may_change  # type: ignore[attr-defined]
        prefix = f"state-{prerequisite.pk}"
        if may_change:
            prerequisite.state_form = (  # type: ignore[attr-defined]
                state_form
                if state_form is not None and state_form.prefix == prefix
                else PrerequisiteStateForm(prefix=prefix, initial={"state": prerequisite.state})
            )
    return {
        "prerequisites": prerequisites,
        "new_prerequisite_form": form
        or PrerequisiteForm(specialty=specialty, prefix="prerequisite"),
    }


def prerequisites_reader(user: AnyUser, ambition: StrategicAmbition) -> str:
    """What the kept parts depend on besides the editor flags: a person responsible for one
    of the prerequisites sees its state form, so their copy is their own."""
    if user.pk is None or specialty_permissions.is_owner_or_lead(user, ambition.specialty):
        return ""
    mine = ambition.specialty.prerequisites.filter(responsible_id=user.pk).exists()
    return f"person {user.pk}" if mine else ""


def _part_context(
    request: HtmxHttpRequest,
    part: AmbitionPart,
    *,
    comment_form: CommentForm | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """One part's section (the part_section and part_comments fragments): the part with its
    comments, and what that part shows besides its text."""
    ambition = part.ambition
    (shown,) = _with_comment_forms(list(queries.parts(ambition).filter(pk=part.pk)), comment_form)
    shown.ambition = ambition
    context: dict[str, Any] = {
        "specialty": ambition.specialty,
        "ambition": ambition,
        "part": shown,
        "comment_kind": part.kind if comment_form is not None else None,
        **_flags(request.user, ambition),
    }
    if part.kind == PartKind.CHALLENGES:
        context["core_challenges"] = list(queries.core_challenges(ambition.specialty))
    if part.kind == PartKind.INTERVENTION_AREAS:
        context.update(areas_context(ambition, extra.pop("area_form", None)))
    if part.kind == PartKind.PREREQUISITES:
        context.update(prerequisites_context(request.user, ambition))
        context["today"] = timezone.localdate()
    return {**context, **extra}


def _kind_of(comment_form: CommentForm | None) -> str | None:
    """The part a bound comment form was sent for (its prefix is ``comment-<kind>``)."""
    return (comment_form.prefix or "").removeprefix("comment-") if comment_form else None


def page_context(
    request: HtmxHttpRequest,
    ambition: StrategicAmbition,
    *,
    comment_form: CommentForm | None = None,
    area_form: InterventionAreaForm | None = None,
    dilemma_form: DilemmaForm | None = None,
    prerequisite_form: PrerequisiteForm | None = None,
    state_form: PrerequisiteStateForm | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """The whole page: every part, the timeline, conditions and changes since approval.

    What the kept fragments show is lazy: a page served from them (``{% fragment %}``, per
    content version) reads nothing of the ambition; the conditions, whose forms differ per
    person, are kept per reader (the owner, or each person) and day. Only the plain page is
    kept (``volatile`` False); a page with a form being edited never is."""
    user = request.user

    def conditions() -> list[ApprovalCondition]:
        found = list(queries.conditions(ambition))
        for condition in found:
            condition.can_follow_up = ambition_permissions.can_follow_up_condition(  # type: ignore[attr-defined]
                user, condition, ambition.specialty
            )
        return found

    areas = functools.cache(lambda: areas_context(ambition, area_form))
    dilemmas = functools.cache(lambda: dilemmas_context(ambition, dilemma_form))
    prerequisites = functools.cache(
        lambda: prerequisites_context(user, ambition, form=prerequisite_form, state_form=state_form)
    )
    returned = ambition.status == StrategicAmbition.Status.RETURNED
    return {
        "specialty": ambition.specialty,
        "ambition": ambition,
        "parts": SimpleLazyObject(
            lambda: _with_comment_forms(list(queries.parts(ambition)), comment_form)
        ),
        "comment_kind": _kind_of(comment_form),
        "core_challenges": SimpleLazyObject(
            lambda: list(queries.core_challenges(ambition.specialty))
        ),
        "areas": SimpleLazyObject(lambda: areas()["areas"]),
        "too_many_areas": SimpleLazyObject(lambda: areas()["too_many_areas"]),
        "max_areas": MAX_INTERVENTION_AREAS,
        "area_form": SimpleLazyObject(lambda: areas()["area_form"]),
        "dilemmas": SimpleLazyObject(lambda: dilemmas()["dilemmas"]),
        "dilemma_form": SimpleLazyObject(lambda: dilemmas()["dilemma_form"]),
        "prerequisites": SimpleLazyObject(lambda: prerequisites()["prerequisites"]),
        "new_prerequisite_form": SimpleLazyObject(lambda: prerequisites()["new_prerequisite_form"]),
        "prerequisites_reader": prerequisites_reader(user, ambition),
        **_flags(request.user, ambition),
        "transitions": SimpleLazyObject(lambda: list(queries.transitions(ambition))),
        # Who may record a condition as met: the owner, or the person responsible for it.
        "conditions": SimpleLazyObject(conditions),
        "conditions_reader": "owner"
        if specialty_permissions.is_owner(user, ambition.specialty)
        else f"person {user.pk}",
        "today": timezone.localdate(),
        "changed_since_approval": SimpleLazyObject(
            lambda: queries.changes_since_approval(ambition)
        ),
        "last_return": queries.transitions(ambition)
        .filter(to_status=StrategicAmbition.Status.RETURNED)
        .last()
        if returned
        else None,
        "content_version": content_version(ambition.specialty),
        "volatile": True,
        **extra,
    }


def _part_conflict(current: AmbitionPart) -> SavedVersion:
    return saved_version(
        current,
        [],
        by=current.updated_by,
        at=current.updated_at,
        extra=[(current.get_kind_display(), text.render(current.text))],
    )


@require_safe
@login_required
def ambition_detail(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """The strategic ambition: its five parts, state, actions and timeline."""
    specialty = get_specialty_for_reading(request.user, slug)
    if not specialty_permissions.can_view_ambition(request.user, specialty):
        # A programme member from another specialty reads the approved version.
        return redirect("ambitions:approved", slug=slug)
    ambition = strategic_ambition_of(specialty)
    if ambition is None:
        return render(
            request,
            "ambitions/not_started.html",
            {
                "specialty": specialty,
                "can_start": ambition_permissions.can_start_ambition(request.user, specialty),
            },
        )
    return render(request, DETAIL, page_context(request, ambition, volatile=False))


@require_safe
@login_required
def approved(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """The approved, valid version: what every programme member may learn from."""
    ambition, version = get_approved_for_view(request.user, slug)
    frozen = version.content
    return render(
        request,
        "ambitions/approved.html",
        {
            "specialty": ambition.specialty,
            "ambition": ambition,
            "version": version,
            "sections": [s for s in content.sections(frozen) if s.key in PartKind.values],
            "core_challenges": frozen.get("core_challenges", []),
            "intervention_areas": frozen.get("intervention_areas", []),
            "can_view_working_copy": specialty_permissions.can_view_ambition(
                request.user, ambition.specialty
            ),
            "learning_rule": ambition_permissions.LEARNING_RULE,
        },
    )


@require_POST
@login_required
def ambition_start(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """The owner opens the specialty's strategic ambition."""
    specialty = get_specialty_for_ambition_start(request.user, slug)
    ambition = services.ambition_start(specialty=specialty, by=signed_in_user(request))
    return redirect(ambition.get_absolute_url())


def _render_part(
    request: HtmxHttpRequest,
    part: AmbitionPart,
    *,
    form: PartForm | None = None,
    conflict: AmbitionPart | None = None,
    locked: bool = False,
    status: int = 200,
) -> HttpResponse:
    extra: dict[str, Any] = {
        "editing_kind": part.kind if form is not None else None,
        "part_form": form,
        "conflict": _part_conflict(conflict) if conflict is not None else None,
        "locked": locked,
    }
    return render_page_or_fragment(
        request,
        DETAIL,
        "part_section",
        target=part.anchor,
        page=lambda: page_context(request, part.ambition, **extra),
        fragment_context=lambda: _part_context(request, part, **extra),
        status=status,
    )


def _part_form(part: AmbitionPart, data: Any = None, **kwargs: Any) -> PartForm:
    form = PartForm(data, prefix=part.kind, **kwargs)
    form.fields["text"].label = part.get_kind_display()
    return form


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def part(request: HtmxHttpRequest, slug: str, kind: str) -> HttpResponse:
    """One part: shown (GET), in edit mode (GET ?rediger=1), or saved (POST)."""
    if request.method == "POST" or request.GET.get("rediger"):
        part = get_part_for_edit(request.user, slug, kind)
    else:
        part = get_part_for_view(request.user, slug, kind)
        return _render_part(request, part)

    if request.method != "POST":
        form = _part_form(part, initial={"text": part.text, "revision": part.revision})
        return _render_part(request, part, form=form, locked=not part.ambition.is_editable)

    form = _part_form(part, request.POST)
    if not form.is_valid():
        return _render_part(request, part, form=form)
    try:
        services.part_save(
            part=part,
            text=form.cleaned_data["text"],
            base_revision=form.cleaned_data["revision"],
            by=signed_in_user(request),
        )
    except services.AmbitionLocked:
        return _render_part(request, part, form=form, locked=True)
    except EditConflict as conflict:
        current = conflict.current
        assert isinstance(current, AmbitionPart)
        # Keep what this person typed; the form now carries the newer revision, so saving
        # again (after merging by hand) replaces the other text knowingly.
        form = _part_form(
            part, initial={"text": form.cleaned_data["text"], "revision": current.revision}
        )
        return _render_part(request, part, form=form, conflict=current)
    if wants_fragment(request):
        return _render_part(request, part)
    return redirect(part.ambition.get_absolute_url() + f"#{part.anchor}")


@require_safe
@login_required
def part_history(request: HtmxHttpRequest, slug: str, kind: str) -> HttpResponse:
    """Every saved change of one part: who, when, and what changed."""
    part = get_part_for_view(request.user, slug, kind)
    records = list(part.history.select_related("history_user").order_by("history_date"))
    changes = []
    previous = ""
    for record in records:
        changes.append(
            {
                "record": record,
                "diff": content.word_diff(previous, record.text),
                "is_creation": record.history_type == "+",
            }
        )
        previous = record.text
    changes.reverse()
    return render(
        request,
        "ambitions/part_history.html",
        {
            "specialty": part.ambition.specialty,
            "ambition": part.ambition,
            "part": part,
            "changes": changes,
        },
    )


@require_POST
@login_required
def comment_add(request: HtmxHttpRequest, slug: str, kind: str) -> HttpResponse:
    """Ask or answer on one part."""
    part = get_part_for_comment(request.user, slug, kind)
    form = CommentForm(request.POST, prefix=f"comment-{part.kind}")
    if form.is_valid():
        services.comment_add(part=part, by=signed_in_user(request), text=form.cleaned_data["text"])
        if not wants_fragment(request):
            return redirect(part.ambition.get_absolute_url() + f"#{part.anchor}")
        bound = None
    else:
        bound = form
    return render_page_or_fragment(
        request,
        DETAIL,
        "part_comments",
        target=f"part-comments-{part.kind}",
        page=lambda: page_context(request, part.ambition, comment_form=bound),
        fragment_context=lambda: _comments_context(request, part, bound),
    )


def _comments_context(
    request: HtmxHttpRequest, part: AmbitionPart, comment_form: CommentForm | None
) -> dict[str, Any]:
    """One part's comments and comment form (the part_comments fragment), nothing else."""
    (shown,) = _with_comment_forms(
        list(queries.parts(part.ambition).filter(pk=part.pk)), comment_form
    )
    return {
        "specialty": part.ambition.specialty,
        "part": shown,
        "comment_kind": part.kind if comment_form is not None else None,
        "can_comment": ambition_permissions.can_comment(request.user, part.ambition.specialty),
    }
