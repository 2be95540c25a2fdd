"""The conversation pages: a thread of comments on a framework, a status row or an action
(a page of its own, and the fragment the professional ambition's pages load into place),
and the signed-in person's notifications."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from bass.forms import BoundedIntegerField
from bass.http import HtmxHttpRequest, render_page_or_fragment, signed_in_user, wants_fragment
from conversations import queries, services
from conversations.access import Thread, get_thread_for_discussion
from conversations.forms import CommentForm
from conversations.models import Topic

THREAD = "conversations/thread.html"
NOTIFICATIONS = "conversations/notifications.html"


def _thread_context(
    thread: Thread, form: CommentForm | None = None, new: int | None = None
) -> dict[str, Any]:
    """The thread with a form to start a conversation and one to answer each; the form that
    was sent with errors stays where it was, with what was typed."""
    comments = queries.thread(thread)
    failed = form is not None and bool(form.errors)
    # A reply sent with errors stays at the comment it answers; any other failed form is the
    # thread's own form.
    parent = form.data.get("parent") if failed and form is not None else None
    shown_at = next((c for c in comments if parent and str(c.pk) == parent), None)
    for comment in comments:
        comment.reply_form = (  # type: ignore[attr-defined]
            form
            if comment is shown_at
            else CommentForm(auto_id=f"reply-{comment.pk}-%s", initial={"parent": comment.pk})
        )
    if not failed or shown_at is not None or form is None:
        form = CommentForm(auto_id=f"{thread.dom_id}-%s")
    return {
        "specialty": thread.specialty,
        "thread": thread,
        "comments": comments,
        "count": sum(1 + len(c.replies.all()) for c in comments),
        "form": form,
        "new": new,
    }


def _thread(request: HtmxHttpRequest, slug: str, pk: int, topic: str) -> HttpResponse:
    thread = get_thread_for_discussion(request.user, slug, topic, pk)
    form = None
    new = None
    if request.method == "POST":
        sent = CommentForm(request.POST, comments=queries.thread_comments(thread))
        sent.auto_id = (
            f"reply-{request.POST.get('parent')}-%s"
            if request.POST.get("parent")
            else f"{thread.dom_id}-%s"
        )
        if sent.is_valid():
            comment = services.comment_add(
                thread=thread,
                by=signed_in_user(request),
                text=sent.cleaned_data["text"],
                parent=sent.cleaned_data["parent"],
            )
            if not wants_fragment(request):
                return redirect(comment.get_absolute_url())
            new = comment.pk
        else:
            form = sent
    return render_page_or_fragment(
        request,
        THREAD,
        "thread",
        # Posted from the thread itself, or loaded into the slot an action's card keeps for it.
        target=(thread.dom_id, f"{thread.topic}-{thread.pk}-thread"),
        page=lambda: _thread_context(thread, form, new),
        fragment_context=lambda: _thread_context(thread, form, new),
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def framework_thread(request: HtmxHttpRequest, slug: str, pk: int) -> HttpResponse:
    """The comments on a framework for the intervention area."""
    return _thread(request, slug, pk, Topic.FRAMEWORK)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def status_thread(request: HtmxHttpRequest, slug: str, pk: int) -> HttpResponse:
    """The comments on a framework's row in Status og fremdrift."""
    return _thread(request, slug, pk, Topic.STATUS)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def action_thread(request: HtmxHttpRequest, slug: str, pk: int) -> HttpResponse:
    """The comments on an action."""
    return _thread(request, slug, pk, Topic.ACTION)


# -- Notifications ----------------------------------------------------------------------------


@require_safe
@login_required
def notification_list(request: HtmxHttpRequest) -> HttpResponse:
    """The person's notifications, newest first; the unread ones are marked, and reading
    the page marks them read (a POST the page sends once it is shown)."""
    user = signed_in_user(request)
    page = Paginator(queries.notifications(user), queries.NOTIFICATIONS_PER_PAGE).get_page(
        request.GET.get("side")
    )
    shown = list(page.object_list)
    return render(
        request,
        NOTIFICATIONS,
        {
            "page": page,
            "notifications": shown,
            "up_to": max((n.pk for n in shown if n.read_at is None), default=None),
            # The menu's count, here with the page rather than after it: the page marks what
            # it shows as read, and the answer to that brings the new count (mark_read).
            "unread": queries.unread_count(user),
            "loaded": True,
        },
    )


@require_safe
@login_required
def unread(request: HtmxHttpRequest) -> HttpResponse:
    """The menu's link to the notifications with the unread count: loaded after the page,
    so no page pays for it."""
    return render(
        request,
        "conversations/_notifications_link.html",
        {"unread": queries.unread_count(signed_in_user(request)), "loaded": True},
    )


@require_POST
@login_required
def mark_read(request: HtmxHttpRequest) -> HttpResponse:
    """Mark the notifications the person was shown as read."""
    field = BoundedIntegerField(min_value=1)
    try:
        up_to = field.clean(request.POST.get("up_to"))
    except ValidationError:  # a damaged form marks nothing
        up_to = None
    if up_to is not None:
        services.notifications_read(user=signed_in_user(request), up_to=up_to)
    if wants_fragment(request):
        # The menu's link with the new count, swapped in out of band, so it cannot race a
        # count that was on its way; the event tells anything else that listens.
        response = render(
            request,
            "conversations/_notifications_link.html",
            {
                "unread": queries.unread_count(signed_in_user(request)),
                "loaded": True,
                "oob": True,
                "current": True,  # posted from the notifications page only
            },
        )
        response["HX-Trigger"] = "bass:notifications-read"
        return response
    return redirect(reverse("conversations:notifications"))
