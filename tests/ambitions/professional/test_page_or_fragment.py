"""One page-or-fragment rule (``bass.http``): the fragment only for the element it was asked
for, the whole page for a plain, a boosted or an elsewhere-aimed request."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse
from django_htmx.middleware import HtmxMiddleware

from ambitions.models import ProfessionalAmbition
from bass.http import HtmxHttpRequest, wants_fragment
from tests.ambitions.professional.conftest import frameworks_of, make_action, make_focus_area
from tests.conftest import Cast


def _request(**headers: str) -> HtmxHttpRequest:
    request = RequestFactory().get("/", headers=headers)
    HtmxMiddleware(lambda r: HttpResponse())(request)
    return request  # type: ignore[return-value]


@pytest.mark.parametrize(
    ("headers", "target", "expected"),
    [
        ({}, "part-goals", False),  # a plain request
        ({"HX-Request": "true", "HX-Target": "part-goals"}, "part-goals", True),
        ({"HX-Request": "true", "HX-Target": "part-goals-7"}, "part-goals", True),
        ({"HX-Request": "true", "HX-Target": "part-goals-heading"}, "part-goals", False),
        ({"HX-Request": "true", "HX-Target": "part-actors"}, "part-goals", False),
        ({"HX-Request": "true", "HX-Target": "main", "HX-Boosted": "true"}, "part-goals", False),
        ({"HX-Request": "true", "HX-Boosted": "true"}, "part-goals", False),
        # htmx names no target whose element has no id: the request is taken at its word.
        ({"HX-Request": "true"}, "part-goals", True),
        ({"HX-Request": "true", "HX-Target": "thread-action-3"}, ("thread-action-3", "x"), True),
    ],
)
def test_a_fragment_only_for_its_own_element(
    headers: dict[str, str], target: str | tuple[str, ...], expected: bool
) -> None:
    assert wants_fragment(_request(**headers), target) is expected


@pytest.fixture
def framework_url(cast: Cast, professional: ProfessionalAmbition) -> str:
    framework = frameworks_of(professional)[0]
    return reverse(
        "professional:framework", kwargs={"slug": cast.specialty.slug, "pk": framework.pk}
    )


def _is_page(html: str) -> bool:
    return "<html" in html and 'id="part-goals"' in html


def test_the_section_targeted_gets_just_that_section(cast: Cast, framework_url: str) -> None:
    response = cast.client_for(cast.owner).get(
        framework_url, headers={"HX-Request": "true", "HX-Target": "part-purpose"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="part-purpose"' in html
    assert not _is_page(html)


def test_a_boosted_request_gets_the_whole_page(cast: Cast, framework_url: str) -> None:
    response = cast.client_for(cast.owner).get(
        framework_url, headers={"HX-Request": "true", "HX-Boosted": "true", "HX-Target": "main"}
    )
    assert response.status_code == 200
    assert _is_page(response.content.decode())


def test_a_request_aimed_at_another_element_gets_the_whole_page(
    cast: Cast, framework_url: str
) -> None:
    response = cast.client_for(cast.owner).get(
        framework_url, headers={"HX-Request": "true", "HX-Target": "part-goals"}
    )
    assert response.status_code == 200
    assert _is_page(response.content.decode())


def test_an_action_card_only_for_that_card(cast: Cast, professional: ProfessionalAmbition) -> None:
    """The focus-area page's fragments are named by the element they replace, one card's
    by its action: a request aimed at another card gets the page, not this card pasted in."""
    focus_area = make_focus_area(frameworks_of(professional)[0])
    action = make_action(focus_area, responsible=cast.owner)
    url = reverse("professional:action", kwargs={"slug": cast.specialty.slug, "pk": action.pk})
    owner = cast.client_for(cast.owner)
    card = owner.get(url, headers={"HX-Request": "true", "HX-Target": f"action-{action.pk}"})
    assert f'id="action-{action.pk}"' in card.content.decode()
    assert "<html" not in card.content.decode()
    other = owner.get(url, headers={"HX-Request": "true", "HX-Target": f"action-{action.pk + 1}"})
    assert "<html" in other.content.decode()
    boosted = owner.get(url, headers={"HX-Request": "true", "HX-Boosted": "true"})
    assert "<html" in boosted.content.decode()
