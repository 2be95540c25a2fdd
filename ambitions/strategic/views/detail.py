"""The strategic ambition's pages: write the five parts, submit, decide, revise, compare."""

from __future__ import annotations

import functools
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from ambitions.models import (
    MAX_INTERVENTION_AREAS,
    AmbitionPart,
    AmbitionVersion,
    ApprovalCondition,
    InterventionArea,
    PartKind,
    StrategicAmbition,
)
from ambitions.strategic import content, queries, services
from ambitions.strategic.access import (
    check_decision_register,
    get_ambition_for_decision,
    get_ambition_for_edit,
    get_ambition_for_revision,
    get_ambition_for_submit,
    get_ambition_for_view,
    get_approved_for_view,
    get_area_for_edit,
    get_condition_for_follow_up,
    get_part_for_comment,
    get_part_for_edit,
    get_part_for_view,
    get_specialty_for_ambition_start,
    get_specialty_for_reading,
)
from ambitions.strategic.forms import (
    CommentForm,
    ConditionFormSet,
    ConditionMetForm,
    DecisionForm,
    InterventionAreaForm,
    PartForm,
)
from bass import permissions, text
from bass.cache import version as content_version
from bass.editing import EditConflict, SavedVersion, saved_version
from bass.http import HtmxHttpRequest, render_page_or_fragment, signed_in_user
from bass.permissions import AnyUser
from specialties.access import strategic_ambition_of
from specialties.queries import region_version

DETAIL = "ambitions/detail.html"


def _flags(user: AnyUser, ambition: StrategicAmbition) -> dict[str, bool]:
    """Who may do what on the page: asked once per request, not per part."""
    specialty = ambition.specialty
    return {
        "can_edit": permissions.can_edit_ambition(user, ambition),
        "can_submit": permissions.can_submit_ambition(user, ambition),
        "can_decide": permissions.can_decide_ambition(user, ambition),
        "can_revise": permissions.can_start_revision(user, ambition),
        "can_comment": permissions.can_comment(user, specialty),
        "is_editor": permissions.is_owner_or_lead(user, specialty),
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


def _areas_context(
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
        context.update(_areas_context(ambition, extra.pop("area_form", None)))
    return {**context, **extra}


def _kind_of(comment_form: CommentForm | None) -> str | None:
    """The part a bound comment form was sent for (its prefix is ``comment-<kind>``)."""
    return (comment_form.prefix or "").removeprefix("comment-") if comment_form else None


def _page_context(
    request: HtmxHttpRequest,
    ambition: StrategicAmbition,
    *,
    comment_form: CommentForm | None = None,
    area_form: InterventionAreaForm | None = None,
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
            condition.can_follow_up = permissions.can_follow_up_condition(  # type: ignore[attr-defined]
                user, condition, ambition.specialty
            )
        return found

    areas = functools.cache(lambda: _areas_context(ambition, area_form))
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
        **_flags(request.user, ambition),
        "transitions": SimpleLazyObject(lambda: list(queries.transitions(ambition))),
        # Who may record a condition as met: the owner, or the person responsible for it.
        "conditions": SimpleLazyObject(conditions),
        "conditions_reader": "owner"
        if permissions.is_owner(user, ambition.specialty)
        else f"person {user.pk}",
        "today": timezone.localdate(),
        "changed_since_approval": SimpleLazyObject(
            lambda: services.changes_since_approval(ambition)
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
    if not permissions.can_view_ambition(request.user, specialty):
        # A programme member from another specialty reads the approved version.
        return redirect("ambitions:approved", slug=slug)
    ambition = strategic_ambition_of(specialty)
    if ambition is None:
        return render(
            request,
            "ambitions/not_started.html",
            {
                "specialty": specialty,
                "can_start": permissions.can_start_ambition(request.user, specialty),
            },
        )
    return render(request, DETAIL, _page_context(request, ambition, volatile=False))


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
            "can_view_working_copy": permissions.can_view_ambition(
                request.user, ambition.specialty
            ),
            "learning_rule": permissions.LEARNING_RULE,
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
        page=lambda: _page_context(request, part.ambition, **extra),
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
    if request.htmx:
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
        if not request.htmx:
            return redirect(part.ambition.get_absolute_url() + f"#{part.anchor}")
        bound = None
    else:
        bound = form
    return render_page_or_fragment(
        request,
        DETAIL,
        "part_comments",
        target=f"part-comments-{part.kind}",
        page=lambda: _page_context(request, part.ambition, comment_form=bound),
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
        "can_comment": permissions.can_comment(request.user, part.ambition.specialty),
    }


@require_POST
@login_required
def ambition_submit(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """The owner submits the ambition to the steering group."""
    ambition = get_ambition_for_submit(request.user, slug)
    try:
        version = services.ambition_submit(ambition=ambition, by=signed_in_user(request))
    except services.SubmissionIncomplete as incomplete:
        messages.error(
            request,
            _("The ambition cannot be submitted yet. Missing: %(missing)s.")
            % {"missing": ", ".join(incomplete.missing)},
            extra_tags="beside-button",  # shown next to the submit button, not at the top
        )
    except services.WorkflowError:
        messages.error(
            request, _("The ambition has already been submitted."), extra_tags="beside-button"
        )
    else:
        messages.success(
            request,
            _("Version %(number)s has been submitted to the steering group.")
            % {"number": version.number},
        )
    return redirect(ambition.get_absolute_url())


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def ambition_decide(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """The steering group approves (possibly with conditions) or returns with a remark."""
    ambition = get_ambition_for_decision(request.user, slug)
    if ambition.status != StrategicAmbition.Status.SUBMITTED:
        messages.info(request, _("There is no submitted version awaiting a decision."))
        return redirect(ambition.get_absolute_url())
    version = AmbitionVersion.objects.get(
        ambition=ambition, outcome=AmbitionVersion.Outcome.PENDING
    )
    # Separation of duties: the page still shows the version, and says why there is no form.
    conflict = permissions.decision_conflict(request.user, ambition)
    if conflict and request.method == "POST":
        messages.error(request, conflict)
        return redirect("ambitions:decide", slug=slug)
    form = DecisionForm(request.POST or None)
    conditions = ConditionFormSet(
        request.POST or None, prefix="conditions", form_kwargs={"specialty": ambition.specialty}
    )
    if request.method == "POST" and form.is_valid() and conditions.is_valid():
        try:
            if form.cleaned_data["decision"] == DecisionForm.APPROVE:
                services.ambition_approve(
                    ambition=ambition,
                    by=signed_in_user(request),
                    remark=form.cleaned_data["remark"],
                    conditions=[
                        services.ConditionInput(**c.cleaned_data)
                        for c in conditions
                        if c.has_changed() and c.cleaned_data
                    ],
                )
                messages.success(request, _("The strategic ambition is approved."))
            else:
                services.ambition_return(
                    ambition=ambition,
                    by=signed_in_user(request),
                    remark=form.cleaned_data["remark"],
                )
                messages.success(request, _("The strategic ambition is returned to the owner."))
        except services.WorkflowError:
            messages.error(request, _("Another member of the steering group decided first."))
        except services.ConflictOfInterest as refusal:
            messages.error(request, str(refusal))
        return redirect(ambition.get_absolute_url())
    return render(
        request,
        "ambitions/decide.html",
        {
            "specialty": ambition.specialty,
            "ambition": ambition,
            "version": version,
            "sections": content.sections(version.content),
            "form": form,
            "conditions": conditions,
            "conflict": conflict,
        },
    )


@require_POST
@login_required
def ambition_revise(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """The owner opens a revision of the approved ambition."""
    ambition = get_ambition_for_revision(request.user, slug)
    try:
        services.ambition_start_revision(ambition=ambition, by=signed_in_user(request))
    except services.WorkflowError:
        messages.error(
            request, _("Only an approved ambition can be revised."), extra_tags="beside-button"
        )
    else:
        messages.success(
            request,
            _("A new draft is open. The approved version stays valid until the next approval."),
        )
    return redirect(ambition.get_absolute_url())


@require_POST
@login_required
def condition_met(request: HtmxHttpRequest, slug: str, pk: int) -> HttpResponse:
    """The responsible person (or the owner) records that a condition is met."""
    condition = get_condition_for_follow_up(request.user, slug, pk)
    form = ConditionMetForm(request.POST)
    if form.is_valid():
        try:
            services.condition_mark_met(
                condition=condition, by=signed_in_user(request), note=form.cleaned_data["note"]
            )
        except services.WorkflowError:
            messages.info(request, _("The condition was already recorded as met."))
        else:
            messages.success(request, _("The condition is recorded as met."))
    else:
        messages.error(request, str(form.errors["note"][0]))
    return redirect(condition.version.ambition.get_absolute_url() + "#conditions")


def _render_areas(
    request: HtmxHttpRequest,
    ambition: StrategicAmbition,
    *,
    area_form: InterventionAreaForm | None = None,
    editing_area: int | None = None,
    conflict: InterventionArea | None = None,
    locked: bool = False,
) -> HttpResponse:
    extra: dict[str, Any] = {
        "editing_area": editing_area,
        "area_conflict": _area_conflict(conflict) if conflict is not None else None,
        "locked": locked,
    }
    return render_page_or_fragment(
        request,
        DETAIL,
        "part_areas",
        page=lambda: _page_context(request, ambition, area_form=area_form, **extra),
        fragment_context=lambda: {
            "specialty": ambition.specialty,
            "ambition": ambition,
            **_areas_context(ambition, area_form),
            "can_edit": permissions.can_edit_ambition(request.user, ambition),
            **extra,
        },
    )


def _area_conflict(current: InterventionArea) -> SavedVersion:
    return saved_version(current, ["title", "description", "challenges", "perspectives"])


@require_POST
@login_required
def area_add(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """Add a strategic intervention area."""
    ambition = get_ambition_for_edit(request.user, slug)
    form = InterventionAreaForm(request.POST, specialty=ambition.specialty, prefix="area")
    if not form.is_valid():
        return _render_areas(request, ambition, area_form=form)
    try:
        services.intervention_area_save(
            ambition=ambition,
            by=signed_in_user(request),
            title=form.cleaned_data["title"],
            description=form.cleaned_data["description"],
            challenges=list(form.cleaned_data["challenges"]),
            perspectives=list(form.cleaned_data["perspectives"]),
        )
    except services.AmbitionLocked:
        return _render_areas(request, ambition, area_form=form, locked=True)
    if not request.htmx:
        return redirect(ambition.get_absolute_url() + "#part-areas")
    return _render_areas(request, ambition)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def area_edit(request: HtmxHttpRequest, slug: str, pk: int) -> HttpResponse:
    """Change a strategic intervention area (GET: the form, POST: save)."""
    area = get_area_for_edit(request.user, slug, pk)
    ambition = area.ambition
    if request.method != "POST":
        form = InterventionAreaForm(
            specialty=ambition.specialty,
            prefix=f"area-{area.pk}",
            initial={
                "title": area.title,
                "description": area.description,
                "challenges": list(area.challenges.all()),
                "perspectives": list(area.perspectives.all()),
                "revision": area.revision,
            },
        )
        return _render_areas(request, ambition, area_form=form, editing_area=area.pk)
    form = InterventionAreaForm(
        request.POST, specialty=ambition.specialty, prefix=f"area-{area.pk}"
    )
    if not form.is_valid():
        return _render_areas(request, ambition, area_form=form, editing_area=area.pk)
    try:
        services.intervention_area_save(
            ambition=ambition,
            by=signed_in_user(request),
            area=area,
            base_revision=form.cleaned_data["revision"],
            title=form.cleaned_data["title"],
            description=form.cleaned_data["description"],
            challenges=list(form.cleaned_data["challenges"]),
            perspectives=list(form.cleaned_data["perspectives"]),
        )
    except services.AmbitionLocked:
        return _render_areas(request, ambition, area_form=form, editing_area=area.pk, locked=True)
    except EditConflict as conflict:
        current = conflict.current
        assert isinstance(current, InterventionArea)
        data = request.POST.copy()
        data[f"area-{area.pk}-revision"] = str(current.revision)
        form = InterventionAreaForm(data, specialty=ambition.specialty, prefix=f"area-{area.pk}")
        form.is_valid()
        return _render_areas(
            request, ambition, area_form=form, editing_area=area.pk, conflict=current
        )
    if not request.htmx:
        return redirect(ambition.get_absolute_url() + "#part-areas")
    return _render_areas(request, ambition)


@require_POST
@login_required
def area_delete(request: HtmxHttpRequest, slug: str, pk: int) -> HttpResponse:
    """Remove a strategic intervention area (its history keeps it)."""
    area = get_area_for_edit(request.user, slug, pk)
    try:
        services.intervention_area_delete(area=area, by=signed_in_user(request))
    except services.AmbitionLocked:
        return _render_areas(request, area.ambition, locked=True)
    if not request.htmx:
        return redirect(area.ambition.get_absolute_url() + "#part-areas")
    return _render_areas(request, area.ambition)


@require_safe
@login_required
def versions(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """The submitted versions, and two of them (or one and the draft) compared part by part."""
    ambition = get_ambition_for_view(request.user, slug)
    all_versions = list(queries.versions(ambition))
    by_number = {str(v.number): v for v in all_versions}
    choices = [(str(v.number), v) for v in all_versions]
    default_old = str(ambition.approved_version.number) if ambition.approved_version else ""
    old_key = request.GET.get("fra") or default_old or (choices[0][0] if choices else "")
    new_key = request.GET.get("til") or "udkast"
    comparison = None
    if old_key:
        old = _content_for(ambition, old_key, by_number)
        new = _content_for(ambition, new_key, by_number)
        comparison = content.compare(old, new)
    return render(
        request,
        "ambitions/versions.html",
        {
            "specialty": ambition.specialty,
            "ambition": ambition,
            "versions": all_versions,
            "old_key": old_key,
            "new_key": new_key,
            "comparison": comparison,
        },
    )


def _content_for(
    ambition: StrategicAmbition, key: str, by_number: dict[str, AmbitionVersion]
) -> dict[str, Any]:
    if key == "udkast":
        return content.snapshot(ambition)
    if key not in by_number:
        raise Http404
    return by_number[key].content


@require_safe
@login_required
def decision_register(request: HtmxHttpRequest) -> HttpResponse:
    """Every submission and decision across the programme, newest first.

    A page of it is kept until something in the region changes: its key holds the region's
    content version (one query) and the page's number; the entries are only loaded to
    render it again."""
    check_decision_register(request.user)
    # The page number as the paginator understands it (one count): a junk ?side= is the
    # first page, one past the end the last, and each is kept under that number only.
    page = Paginator(queries.decision_register(), REGISTER_PAGE_SIZE).get_page(
        request.GET.get("side")
    )
    return render(
        request,
        "ambitions/register.html",
        {"entries": page, "page": page, "register_version": f"{page.number} {region_version()}"},
    )


# Entries of the decision register shown at once; older ones are on the next pages.
REGISTER_PAGE_SIZE = 50
