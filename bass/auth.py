"""Login throttling (django-axes), fitted to BASS.

``LoginThrottleBackend`` refuses a locked-out username or address before any password is
checked. Code that authenticates without a request (management commands, tests) has no
address to count, so the throttle leaves it to the next backend instead of failing.
``client_ip`` is the address the throttle counts: the connection's, or behind our own
proxy (``BEHIND_PROXY``) the X-Real-IP header that proxy sets. With ``SSO_ONLY`` it refuses
every password, so the work account is the one way in.
"""

from __future__ import annotations

from typing import Any

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


class LoginThrottleBackend(AxesStandaloneBackend):
    def authenticate(self, request: HttpRequest | None, *args: Any, **kwargs: Any) -> Any:
        if settings.SSO_ONLY and "password" in kwargs:
            # SSO_ONLY: no password opens the app, on the log-in page or the admin's.
            raise PermissionDenied
        if request is None:
            return None
        return super().authenticate(request, *args, **kwargs)


def client_ip(request: HttpRequest) -> str:
    if settings.BEHIND_PROXY:
        forwarded = str(request.META.get("HTTP_X_REAL_IP", "")).strip()
        if forwarded:
            return forwarded
    return str(request.META.get("REMOTE_ADDR", ""))


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None, credentials: Any
) -> HttpResponse:
    """The Danish lock-out page (429), saying for how long and who can lift the lock."""
    return render(
        request,
        "registration/locked_out.html",
        {
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "lockout_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
        },
        status=429,
    )
