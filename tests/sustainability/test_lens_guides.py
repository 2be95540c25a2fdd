"""The guide "Bæredygtighed" beside each lens field (issue 28): the perspective's texts as
the database holds them, folded in a <details>, wherever a challenge's lenses are answered."""

import pytest
from django.urls import reverse

from sustainability.models import Perspective, PerspectiveExample
from tests.conftest import Cast
from tests.sustainability.factories import make_challenge

HTMX = {"HX-Request": "true"}


def page(cast: Cast) -> str:
    return reverse("sustainability:challenges", args=[cast.specialty.slug])


@pytest.mark.parametrize("persona", ["owner", "lead", "core"])
def test_the_add_form_shows_each_perspectives_guide_folded(cast: Cast, persona: str) -> None:
    staff = Perspective.objects.get(code="personalemaessig")
    staff.purpose = "Sekretariatets egen formulering af formålet."
    staff.save(update_fields=["purpose"])
    PerspectiveExample.objects.create(perspective=staff, text="Et nyt eksempel", order=99)
    text = cast.client_for(getattr(cast, persona)).get(page(cast)).text
    for perspective in Perspective.objects.all():
        assert f'data-guide="{perspective.code}"' in text
        assert f"Vejledningen om {perspective.name}" in text
    # The database's words, as the secretariat keeps them, not a copy in the template.
    assert "Sekretariatets egen formulering af formålet." in text
    assert "Et nyt eksempel" in text
    assert '<details class="explain lens-guide"' in text  # folded, not open


def test_the_edit_form_shows_the_guides_too(cast: Cast) -> None:
    challenge = make_challenge(cast.specialty, "Ventelister")
    url = reverse("sustainability:challenge_edit", args=[cast.specialty.slug, challenge.pk])
    text = cast.client_for(cast.core).get(url, headers=HTMX).text
    assert text.count('class="explain lens-guide"') == Perspective.objects.count()


@pytest.mark.parametrize("persona", ["steering", "secretariat"])
def test_readers_get_no_form_and_no_guides_beside_it(cast: Cast, persona: str) -> None:
    make_challenge(cast.specialty, "Ventelister")
    text = cast.client_for(getattr(cast, persona)).get(page(cast)).text
    assert "lens-guide" not in text


@pytest.mark.parametrize("persona", ["outsider", "other_owner"])
def test_outsiders_see_nothing(cast: Cast, persona: str) -> None:
    assert cast.client_for(getattr(cast, persona)).get(page(cast)).status_code == 404
