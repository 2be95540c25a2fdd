"""The token pages (issue 27, item 4): the secretariat issues and withdraws a person's
personal access tokens; each person sees and withdraws their own, and finds and resets
their calendar address; the calendar feed itself."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from api import deadlines, ical, services
from api.access import get_person_for_tokens, get_token_for_withdraw
from api.forms import TokenForm
from api.models import ApiToken, CalendarFeed
from bass.http import HtmxHttpRequest, signed_in_user, wants_fragment
from people.models import User

TEMPLATE = "api/tokens.html"


def _tokens_context(
    viewer: User,
    person: User,
    *,
    form: TokenForm | None = None,
    new_secret: str = "",
    own_page: bool = False,
) -> dict[str, object]:
    return {
        "person": person,
        "tokens": list(ApiToken.objects.filter(user=person).select_related("withdrawn_by")),
        "form": form or TokenForm(),
        "new_secret": new_secret,
        "own_page": own_page,
        "can_issue": not own_page,
    }


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def person_tokens(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """A person's access tokens: the secretariat issues one (its secret shown once, in the
    answer to the POST, and never again) and withdraws them."""
    person = get_person_for_tokens(request.user, pk)
    viewer = signed_in_user(request)
    form = TokenForm(request.POST if request.method == "POST" else None)
    new_secret = ""
    status = 200
    if request.method == "POST":
        if form.is_valid():
            _token, new_secret = services.token_issue(
                user=person, name=form.cleaned_data["name"], by=viewer
            )
            form = TokenForm()
        else:
            status = 400
    context = _tokens_context(viewer, person, form=form, new_secret=new_secret)
    if wants_fragment(request, "part-tokens"):
        return render(request, f"{TEMPLATE}#part_tokens", context, status=status)
    return render(request, TEMPLATE, context, status=status)


@require_POST
@login_required
def token_withdraw(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Withdraw a token: the API refuses it (401) from now on."""
    token = get_token_for_withdraw(request.user, pk)
    viewer = signed_in_user(request)
    services.token_withdraw(token=token, by=viewer)
    own_page = request.POST.get("from") == "mine"
    if wants_fragment(request, "part-tokens"):
        context = _tokens_context(viewer, token.user, own_page=own_page)
        return render(request, f"{TEMPLATE}#part_tokens", context)
    messages.success(request, _("The token “%(name)s” is withdrawn.") % {"name": token.name})
    if own_page:
        return redirect("access:mine")
    return redirect("access:person_tokens", pk=token.user_id)


def _feed_url(request: HttpRequest, feed: CalendarFeed) -> str:
    return request.build_absolute_uri(
        reverse("access:calendar_feed", kwargs={"secret": feed.secret})
    )


@require_safe
@login_required
def my_access(request: HtmxHttpRequest) -> HttpResponse:
    """The person's own: the address of their deadline calendar, and their access tokens."""
    user = signed_in_user(request)
    # Made by the button, not by looking: a GET changes nothing.
    feed = CalendarFeed.objects.filter(user=user).first()
    context = _tokens_context(user, user, own_page=True)
    context["feed_url"] = _feed_url(request, feed) if feed is not None else ""
    return render(request, "api/mine.html", context)


@require_POST
@login_required
def calendar_reset(request: HtmxHttpRequest) -> HttpResponse:
    """The person's first calendar address, or a new one: the old one answers 404 from now on."""
    user = signed_in_user(request)
    had_one = CalendarFeed.objects.filter(user=user).exists()
    feed = services.calendar_feed_reset(user=user)
    if wants_fragment(request, "part-calendar"):
        return render(
            request,
            "api/mine.html#part_calendar",
            {"feed_url": _feed_url(request, feed), "was_reset": had_one},
        )
    if had_one:
        messages.success(
            request, _("Your calendar has a new address; the old one no longer works.")
        )
    return redirect("access:mine")


@require_safe
def calendar_feed(request: HttpRequest, secret: str) -> HttpResponse:
    """The person's deadlines as iCalendar, for whoever has the address (404 for an unknown
    or reset address, or a deactivated person)."""
    feed = CalendarFeed.objects.select_related("user").filter(secret=secret).first()
    if feed is None or not feed.user.is_active:
        raise Http404
    text = ical.calendar(
        deadlines.deadlines_for(feed.user),
        name=_("BASS deadlines: %(name)s") % {"name": feed.user.get_full_name() or feed.user},
        stamp=timezone.now(),
    )
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="bass.ics"'
    return response
