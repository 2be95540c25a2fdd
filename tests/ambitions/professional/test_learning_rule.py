"""The learning rule on the professional ambition (issue 25, item 4).

The programme reads an approved specialty's professional ambition, and with it the strategy
it is built on as it was approved: never the strategic working copy (a challenge retitled or
added in a revision, a non-core challenge, an intervention area reworded or deleted in the
draft). The specialty's own people, the steering group and the secretariat read the working
copy. The PDFs, made once for all their readers, show the approved strategy.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.urls import reverse

from ambitions.models import (
    Action,
    AreaFramework,
    InterventionArea,
    InterventionFocusArea,
    ProfessionalAmbition,
    StrategicAmbition,
)
from ambitions.strategic import services as strategic_services
from documents.models import DocumentKind
from documents.rendering import render_html
from sustainability.models import Challenge, Perspective
from tests.ambitions.professional.conftest import (
    core_challenge,
    frameworks_of,
    make_action,
    make_focus_area,
)
from tests.conftest import Cast

DRAFT = "KLADDE"  # in every draft-only word below
NOT_CORE = "Intern bemærkning om vagtplanen"


@dataclass
class Revised:
    frameworks: list[AreaFramework]
    focus_area: InterventionFocusArea
    action: Action


@pytest.fixture
def revised(cast: Cast, approved: StrategicAmbition, professional: ProfessionalAmbition) -> Revised:
    """An approved specialty whose action answers a core and a non-core challenge, then a
    revision whose draft retitles the core challenge, adds a core challenge, rewords the
    first intervention area and deletes the second."""
    frameworks = frameworks_of(professional)
    focus_area = make_focus_area(frameworks[0])
    waiting = Challenge.objects.get(specialty=cast.specialty, title="Ventelister")
    aside = Challenge.objects.create(
        specialty=cast.specialty,
        title=NOT_CORE,
        primary_perspective=Perspective.objects.get(code="faglig"),
        is_core=False,
    )
    action = make_action(focus_area, responsible=cast.core, challenges=[waiting, aside])

    strategic_services.ambition_start_revision(ambition=approved, by=cast.owner)
    ambition = StrategicAmbition.objects.get(pk=approved.pk)
    waiting.title = f"Ventelister ({DRAFT})"
    waiting.save()
    added = core_challenge(cast, f"Ny udfordring ({DRAFT})", 3)
    action.challenges.add(added)
    first, second = InterventionArea.objects.filter(ambition=ambition).order_by("order")
    strategic_services.intervention_area_save(
        ambition=ambition,
        by=cast.owner,
        area=first,
        base_revision=first.revision,
        title=first.title,
        description=f"Omskrevet i en {DRAFT}.",
        challenges=[waiting, added],
        perspectives=list(first.perspectives.all()),
    )
    strategic_services.intervention_area_delete(area=second, by=cast.owner)
    return Revised(frameworks=frameworks, focus_area=focus_area, action=action)


def _pages(cast: Cast, revised: Revised) -> dict[str, str]:
    slug = cast.specialty.slug
    return {
        "overview": reverse("professional:overview", kwargs={"slug": slug}),
        "status": reverse("professional:status", kwargs={"slug": slug}),
        "traceability": reverse("professional:traceability", kwargs={"slug": slug}) + "?alle=1",
        "framework": reverse(
            "professional:framework", kwargs={"slug": slug, "pk": revised.frameworks[0].pk}
        ),
        "deleted area's framework": reverse(
            "professional:framework", kwargs={"slug": slug, "pk": revised.frameworks[1].pk}
        ),
        "focus area": reverse(
            "professional:focus_area", kwargs={"slug": slug, "pk": revised.focus_area.pk}
        ),
        "action": reverse("professional:action", kwargs={"slug": slug, "pk": revised.action.pk}),
    }


def test_another_specialtys_people_read_the_approved_strategy_only(
    cast: Cast, revised: Revised
) -> None:
    client = cast.client_for(cast.other_owner)
    for name, url in _pages(cast, revised).items():
        response = client.get(url, follow=True)
        assert response.status_code == 200, name
        page = response.content.decode()
        assert DRAFT not in page, name
        assert NOT_CORE not in page, name
    traceability = client.get(_pages(cast, revised)["traceability"]).content.decode()
    assert "Ventelister" in traceability  # the approved title, answered by the action
    assert "Rekruttering" in traceability
    focus_area = client.get(_pages(cast, revised)["focus area"]).content.decode()
    assert "Ventelister" in focus_area
    # The area deleted in the draft is still the approved one for the programme.
    deleted = client.get(_pages(cast, revised)["deleted area's framework"]).content.decode()
    assert "Rekruttering" in deleted


@pytest.mark.parametrize("who", ["owner", "lead", "core", "steering", "secretariat"])
def test_the_specialtys_people_and_the_programme_read_the_working_copy(
    cast: Cast, revised: Revised, who: str
) -> None:
    client = cast.client_for(getattr(cast, who))
    traceability = client.get(_pages(cast, revised)["traceability"]).content.decode()
    assert f"Ventelister ({DRAFT})" in traceability
    focus_area = client.get(_pages(cast, revised)["focus area"]).content.decode()
    assert NOT_CORE in focus_area


def test_a_page_kept_for_the_working_copy_is_never_shown_to_the_programme(
    cast: Cast, revised: Revised
) -> None:
    """The same page, first computed and kept for the owner, then asked by an outsider."""
    url = _pages(cast, revised)["traceability"]
    assert DRAFT in cast.client_for(cast.owner).get(url).content.decode()
    assert DRAFT not in cast.client_for(cast.other_owner).get(url).content.decode()
    assert DRAFT in cast.client_for(cast.owner).get(url).content.decode()


@pytest.mark.parametrize(
    ("kind", "object_of"),
    [
        (DocumentKind.FRAMEWORK, lambda r: r.frameworks[0].pk),
        (DocumentKind.ACTIONS, lambda r: r.focus_area.pk),
        (DocumentKind.STATUS, lambda r: None),
    ],
)
def test_the_professional_documents_show_the_approved_strategy(
    cast: Cast, revised: Revised, kind: str, object_of: object
) -> None:
    html = render_html(kind, cast.specialty.pk, object_of(revised)).html  # type: ignore[operator]
    assert DRAFT not in html
    assert NOT_CORE not in html
    if kind != DocumentKind.STATUS:
        assert "Ventelister" in html
