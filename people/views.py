"""A person's own pages: signing in and out (with a password or the work account) and
Mine indstillinger, the signed-in person's own choices."""

import functools
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode, urlsplit

import requests
from django.conf import settings
from django.contrib import auth, messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ImproperlyConfigured
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django.views.generic import View
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from bass.http import HtmxHttpRequest, signed_in_user
from people import services, sso
from people.forms import MySettingsForm


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def my_settings(request: HtmxHttpRequest) -> HttpResponse:
    """The person's e-mail choices: shown (GET) or saved (POST). Everyone signed in has
    them, and only for themselves, so there is nothing to refuse."""
    user = signed_in_user(request)
    if request.method != "POST":
        form = MySettingsForm(
            initial={
                "reminder_frequency": user.reminder_frequency,
                "comment_emails": user.comment_emails,
            }
        )
        return render(request, "people/settings.html", {"form": form})
    form = MySettingsForm(request.POST)
    if not form.is_valid():
        return render(request, "people/settings.html", {"form": form}, status=400)
    services.settings_save(
        user=user,
        reminder_frequency=form.cleaned_data["reminder_frequency"],
        comment_emails=form.cleaned_data["comment_emails"],
    )
    messages.success(request, _("Your settings are saved."))
    return redirect("people:settings")


# -- Signing in and out -------------------------------------------------------------------------


class _SSOStart(OIDCAuthenticationRequestView):
    """The library's redirect to the provider, with the endpoint from discovery."""

    def __init__(self, **kwargs: Any) -> None:
        View.__init__(self, **kwargs)
        self.OIDC_OP_AUTH_ENDPOINT = sso.endpoints().authorization
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID


class _SSOCallback(OIDCAuthenticationCallbackView):
    def login_success(self) -> HttpResponse:
        # The session remembers the backend that loads the person on every request
        # (with their programme membership), not the one that signed them in.
        self.user.backend = settings.SESSION_AUTH_BACKEND
        return super().login_success()


def _sso_unavailable(request: HttpRequest) -> HttpResponse:
    messages.error(
        request, _("Sign-in with your work account is not available right now. Try again later.")
    )
    return redirect("login")


@require_safe
def sso_start(request: HttpRequest) -> HttpResponse:
    """Send the person to the provider's sign-in (authorization code flow with PKCE)."""
    if not settings.SSO_ENABLED:
        raise Http404
    try:
        return _SSOStart.as_view()(request)
    except (requests.RequestException, ImproperlyConfigured):
        return _sso_unavailable(request)


@require_safe
def sso_callback(request: HttpRequest) -> HttpResponse:
    """The provider sends the person back here with a code: sign them in, or say why not."""
    if not settings.SSO_ENABLED:
        raise Http404
    return _SSOCallback.as_view()(request)


def local_passwords(
    view: Callable[..., HttpResponseBase],
) -> Callable[..., HttpResponseBase]:
    """A page about local passwords: not there (404) when ``SSO_ONLY`` switches them off."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if settings.SSO_ONLY:
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped


@require_http_methods(["GET", "HEAD", "POST"])
@local_passwords
def password_reset(request: HttpRequest) -> HttpResponseBase:
    """Glemt adgangskode: Django's reset, its link to where people reach the app
    (``SITE_URL``), never to the host a request claims."""
    site = urlsplit(settings.SITE_URL)
    view = auth_views.PasswordResetView.as_view(
        extra_email_context={"domain": site.netloc, "protocol": site.scheme}
    )
    return view(request)


@require_http_methods(["GET", "HEAD", "POST"])
def login(request: HttpRequest) -> HttpResponseBase:
    """The log-in page: the work account's button when SSO is configured, and the password
    form unless ``SSO_ONLY`` switches it off (then a password is refused in bass/auth.py)."""
    if settings.SSO_ONLY and request.method == "POST":
        return render(request, "registration/login.html", {"form": None}, status=403)
    view = auth_views.LoginView.as_view(
        redirect_authenticated_user=True,
        extra_context={"sso_enabled": settings.SSO_ENABLED, "sso_only": settings.SSO_ONLY},
    )
    return view(request)


@require_POST
def logout(request: HttpRequest) -> HttpResponse:
    """End the session here and, after a sign-in with SSO where the provider offers it, the
    provider's too (RP-initiated logout), which then sends the person back to log-ind."""
    id_token = request.session.get("oidc_id_token")
    auth.logout(request)
    if settings.SSO_ENABLED and id_token:
        try:
            end_session = sso.endpoints().end_session
        except (requests.RequestException, ImproperlyConfigured):
            end_session = ""
        if end_session:
            query = urlencode(
                {
                    "id_token_hint": id_token,
                    "client_id": settings.OIDC_RP_CLIENT_ID,
                    "post_logout_redirect_uri": request.build_absolute_uri(reverse("login")),
                }
            )
            return HttpResponseRedirect(f"{end_session}?{query}")
    return redirect(settings.LOGOUT_REDIRECT_URL)
