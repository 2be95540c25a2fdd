"""Deployment checks (`manage.py check --deploy`) for what only an operator can set.

With DEBUG off the app serves people: e-mail links built from a loopback SITE_URL point at
the reader's own machine, and the console e-mail backend writes every e-mail to the log
instead of sending it. Neither stops the app, so both are warnings, not errors.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import CheckMessage, Warning, register

LOOPBACK_HOSTS = {"localhost", "127.0.0.1", "::1", "0.0.0.0"}  # noqa: S104 - a name, no bind


@register(deploy=True)
def check_site_url(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    host = urlsplit(settings.SITE_URL).hostname or ""
    if settings.DEBUG or not (host in LOOPBACK_HOSTS or host.startswith("127.")):
        return []
    return [
        Warning(
            f"SITE_URL is {settings.SITE_URL}, on this machine's loopback: every link in an "
            "e-mail points at the reader's own computer.",
            hint="Set SITE_URL to the address people use, e.g. https://bass.example.org.",
            id="bass.W010",
        )
    ]


@register(deploy=True)
def check_email_backend(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    # The outbox delivers through POST_OFFICE's backend (EMAIL_BACKEND in the environment).
    delivery = settings.POST_OFFICE["BACKENDS"]["default"]
    if settings.DEBUG or "console" not in delivery:
        return []
    return [
        Warning(
            "EMAIL_BACKEND is the console backend: e-mails are written to the log, not sent.",
            hint="Set EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend and EMAIL_HOST.",
            id="bass.W011",
        )
    ]
