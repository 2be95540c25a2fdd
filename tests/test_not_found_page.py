"""A refused link answers with the Danish 404 page, also with DEBUG on (issue 30, item 10)."""

import pytest
from django.test import override_settings
from django.urls import reverse

from tests.conftest import Cast


@pytest.mark.parametrize("debug", [True, False])
def test_a_refused_link_shows_the_danish_page_debug_or_not(cast: Cast, debug: bool) -> None:
    """The other specialty's working copy, asked by an outsider: "not there, or not yours",
    in Danish, never Django's technical page with the route list."""
    url = reverse("ambitions:detail", kwargs={"slug": cast.other_specialty.slug})
    with override_settings(DEBUG=debug):
        response = cast.client_for(cast.outsider).get(url)
    assert response.status_code == 404
    page = response.content.decode()
    assert "Siden findes ikke" in page
    assert "URLconf" not in page
    assert "Using the URLconf" not in page
