"""Security headers on every response (issue #11, item 8); the browser test
(tests/browser/test_security_headers.py) shows that the pages obey the policy."""

import json
import re

from django.test import Client
from django.urls import reverse

from tests.conftest import Cast


def test_every_page_sends_a_strict_content_security_policy(cast: Cast) -> None:
    for client, url in [
        (Client(), reverse("login")),
        (cast.client_for(cast.owner), reverse("home")),
        (cast.client_for(cast.owner), reverse("specialties:detail", args=[cast.specialty.slug])),
    ]:
        policy = client.get(url)["Content-Security-Policy"]
        directives = {
            d.split()[0]: d.split()[1:] for d in (p.strip() for p in policy.split(";")) if d
        }
        assert directives["default-src"] == ["'self'"]
        assert directives["script-src"] == ["'self'"]
        assert directives["style-src"] == ["'self'"]
        assert directives["frame-ancestors"] == ["'none'"]
        assert directives["object-src"] == ["'none'"]
        assert "unsafe" not in policy


def test_every_page_sends_a_permissions_policy(cast: Cast) -> None:
    header = cast.client_for(cast.owner).get(reverse("home"))["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in header
    assert "bluetooth" not in header  # unknown to Chromium: an error in every page's console


def test_htmx_is_told_not_to_inject_inline_styles(cast: Cast) -> None:
    page = cast.client_for(cast.owner).get(reverse("home")).text
    config = re.search(r"<meta name=\"htmx-config\" content='([^']*)'>", page)
    assert config is not None
    assert json.loads(config.group(1)) == {
        "includeIndicatorStyles": False,
        "attributesToSettle": ["class", "width", "height"],  # not "style"
        "defaultSettleDelay": 0,  # new content is processed at once, and focused once
    }
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page)  # no inline script
    assert " style=" not in page


def test_signed_in_pages_and_exports_are_never_kept_by_a_browser(cast: Cast) -> None:
    """Issue 25, item 12: a shared ward PC shows no draft after log-out, through Back or the
    disk cache."""
    client = cast.client_for(cast.owner)
    for url in [
        reverse("home"),
        reverse("specialties:detail", args=[cast.specialty.slug]),
        reverse("ambitions:detail", args=[cast.specialty.slug]),
        reverse("programme:overview_export", kwargs={"fmt": "xlsx"}),
        reverse("programme:overview_export", kwargs={"fmt": "csv"}),
        reverse("programme:actions_export", kwargs={"fmt": "csv"}),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Cache-Control"] == "private, no-store", url
    fragment = client.get(reverse("home"), headers={"HX-Request": "true"})
    assert fragment["Cache-Control"] == "private, no-store"
