"""Driver diagrams through HTTP: the tree's structure, the links to actions, who may edit."""

import pytest
from django.urls import reverse

from ambitions.models import Action, AreaFramework, OutcomeGoal, ProfessionalAmbition
from improvement import queries, services
from improvement.models import ChangeIdea, Driver
from improvement.svg import driver_diagram_svg
from tests.conftest import Cast
from tests.improvement.conftest import frameworks_of, make_action, make_focus_area

HTMX = {"HX-Request": "true"}


@pytest.fixture
def framework(professional: ProfessionalAmbition, action: Action) -> AreaFramework:
    return action.focus_area.framework


def _url(
    cast: Cast, framework: AreaFramework, name: str = "improvement:drivers", *extra: int
) -> str:
    return reverse(name, args=[cast.specialty.slug, framework.pk, *extra])


def test_build_a_diagram_and_link_an_action(
    cast: Cast, framework: AreaFramework, action: Action
) -> None:
    client = cast.client_for(cast.core)
    assert (
        client.post(
            _url(cast, framework), {"text": "Ensartet visitation"}, headers=HTMX
        ).status_code
        == 200
    )
    primary = Driver.objects.get(framework=framework)
    assert primary.is_primary
    client.post(
        _url(cast, framework), {"text": "Fælles kriterier", "parent": primary.pk}, headers=HTMX
    )
    secondary = Driver.objects.get(parent=primary)
    client.post(
        _url(cast, framework, "improvement:idea_add", secondary.pk),
        {"text": "Tjekliste"},
        headers=HTMX,
    )
    idea = ChangeIdea.objects.get(driver=secondary)
    response = client.post(
        _url(cast, framework, "improvement:idea_actions", idea.pk),
        {"actions": [action.pk]},
        headers=HTMX,
    )
    assert response.status_code == 200
    assert list(idea.actions.all()) == [action]
    html = response.content.decode()
    assert f'data-action="{action.pk}"' in html
    assert "(afprøvet af 1)" in html  # in the SVG


def test_change_ideas_only_under_secondary_drivers(cast: Cast, framework: AreaFramework) -> None:
    primary = services.driver_add(framework=framework, by=cast.core, text="Primær")
    client = cast.client_for(cast.core)
    response = client.post(
        _url(cast, framework, "improvement:idea_add", primary.pk), {"text": "Idé"}
    )
    assert response.status_code == 400
    assert not ChangeIdea.objects.exists()
    secondary = services.driver_add(
        framework=framework, by=cast.core, text="Sekundær", parent=primary
    )
    # no third level of drivers
    response = client.post(_url(cast, framework), {"text": "Tertiær", "parent": secondary.pk})
    assert response.status_code == 404
    with pytest.raises(ValueError, match="primary"):
        services.driver_add(framework=framework, by=cast.core, text="x", parent=secondary)


def test_only_the_frameworks_own_actions_can_test_an_idea(
    cast: Cast, framework: AreaFramework, professional: ProfessionalAmbition
) -> None:
    primary = services.driver_add(framework=framework, by=cast.core, text="P")
    secondary = services.driver_add(framework=framework, by=cast.core, text="S", parent=primary)
    idea = services.idea_add(driver=secondary, by=cast.core, text="I")
    other_framework = frameworks_of(professional)[1]
    elsewhere = make_action(make_focus_area(other_framework, "Vagtlag"), responsible=cast.core)
    response = cast.client_for(cast.core).post(
        _url(cast, framework, "improvement:idea_actions", idea.pk),
        {"actions": [elsewhere.pk]},
        headers=HTMX,
    )
    assert response.status_code == 200  # htmx swaps only a success: the error is shown
    assert 'aria-invalid="true"' in response.content.decode()
    assert not idea.actions.exists()


def test_removing_a_primary_driver_removes_its_tree(cast: Cast, framework: AreaFramework) -> None:
    primary = services.driver_add(framework=framework, by=cast.core, text="P")
    secondary = services.driver_add(framework=framework, by=cast.core, text="S", parent=primary)
    services.idea_add(driver=secondary, by=cast.core, text="I")
    response = cast.client_for(cast.lead).post(
        _url(cast, framework, "improvement:driver_delete", primary.pk), headers=HTMX
    )
    assert response.status_code == 200
    assert not Driver.objects.exists()
    assert not ChangeIdea.objects.exists()


@pytest.mark.parametrize(
    ("who", "status"), [("steering", 403), ("secretariat", 403), ("outsider", 404)]
)
def test_others_may_not_edit(cast: Cast, framework: AreaFramework, who: str, status: int) -> None:
    client = cast.client_for(getattr(cast, who))
    assert client.post(_url(cast, framework), {"text": "P"}).status_code == status
    primary = services.driver_add(framework=framework, by=cast.core, text="P")
    assert (
        client.post(_url(cast, framework, "improvement:driver_delete", primary.pk)).status_code
        == status
    )
    assert Driver.objects.count() == 1
    if status == 403:
        html = client.get(_url(cast, framework)).content.decode()
        assert "Tilføj primær driver" not in html
        assert "Add primary driver" not in html


def test_diagram_structure_and_svg(cast: Cast, framework: AreaFramework) -> None:
    OutcomeGoal.objects.create(
        framework=framework,
        description="Kortere ventetid.",
        indicator="Ventetid",
        unit="dage",
        baseline=60,
        target=30,
        target_date="2027-12-31",
    )
    a = services.driver_add(framework=framework, by=cast.core, text="A")
    services.driver_add(framework=framework, by=cast.core, text="B")
    a1 = services.driver_add(framework=framework, by=cast.core, text="A1", parent=a)
    a2 = services.driver_add(framework=framework, by=cast.core, text="A2", parent=a)
    services.idea_add(driver=a1, by=cast.core, text="i1")
    services.idea_add(driver=a1, by=cast.core, text="i2")
    services.idea_add(driver=a2, by=cast.core, text="i3 <script>")
    diagram = queries.driver_diagram(framework)
    assert diagram.aim == "Kortere ventetid."
    assert [p.driver.text for p in diagram.primaries] == ["A", "B"]
    assert [[s.driver.text for s in p.secondaries] for p in diagram.primaries] == [["A1", "A2"], []]
    assert [len(s.ideas) for s in diagram.primaries[0].secondaries] == [2, 1]
    svg = driver_diagram_svg(diagram, dom_id="d")
    assert svg.count("<rect") == 1 + 1 + 2 + 2 + 3  # background, aim, primaries, secondaries, ideas
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg
    assert '<title id="d-title">' in svg


def test_readers_see_the_diagram(
    cast: Cast, framework: AreaFramework, django_assert_max_num_queries: object
) -> None:
    a = services.driver_add(framework=framework, by=cast.core, text="Primær A")
    for n in range(3):
        s = services.driver_add(framework=framework, by=cast.core, text=f"S{n}", parent=a)
        services.idea_add(driver=s, by=cast.core, text=f"Idé {n}")
    client = cast.client_for(cast.steering)
    client.get(_url(cast, framework))
    with django_assert_max_num_queries(14):  # type: ignore[operator]
        response = client.get(_url(cast, framework))
    assert response.status_code == 200
    assert response.content.decode().count('class="driver driver--idea"') == 3
    assert cast.client_for(cast.outsider).get(_url(cast, framework)).status_code == 404


def test_a_driver_and_a_change_idea_get_a_new_text_and_nothing_is_overwritten(
    cast: Cast, framework: AreaFramework
) -> None:
    primary = services.driver_add(framework=framework, by=cast.owner, text="Ensartet praksis")
    idea_driver = services.driver_add(
        framework=framework, by=cast.owner, text="Fælles kriterier", parent=primary
    )
    idea = services.idea_add(driver=idea_driver, by=cast.owner, text="Tjekliste")
    client = cast.client_for(cast.core)
    page = client.get(_url(cast, framework)).content.decode()
    assert _url(cast, framework, "improvement:driver_rename", primary.pk) in page
    assert _url(cast, framework, "improvement:idea_rename", idea.pk) in page

    response = client.post(
        _url(cast, framework, "improvement:driver_rename", primary.pk),
        {"text": "Ensartet og sikker praksis", "was": "Ensartet praksis"},
        headers=HTMX,
    )
    assert response.status_code == 200
    primary.refresh_from_db()
    assert primary.text == "Ensartet og sikker praksis"
    assert primary.history.first().history_user == cast.core  # type: ignore[attr-defined]
    assert "Ensartet og sikker praksis" in response.content.decode()  # the SVG too

    # Someone else renamed the idea meanwhile: refused, what was typed kept, both shown.
    services.rename(node=idea, by=cast.owner, text="Tjekliste ved visitation", was="Tjekliste")
    url = _url(cast, framework, "improvement:idea_rename", idea.pk)
    refused = client.post(url, {"text": "Visitationstjekliste", "was": "Tjekliste"}, headers=HTMX)
    html = refused.content.decode()
    assert "Nogen har ændret teksten imens: “Tjekliste ved visitation”" in html
    assert 'value="Visitationstjekliste"' in html
    assert 'name="was" value="Tjekliste ved visitation"' in html
    idea.refresh_from_db()
    assert idea.text == "Tjekliste ved visitation"
    # Saved again on purpose, it replaces it.
    client.post(
        url, {"text": "Visitationstjekliste", "was": "Tjekliste ved visitation"}, headers=HTMX
    )
    idea.refresh_from_db()
    assert idea.text == "Visitationstjekliste"

    # An empty text is a Danish field error; readers may not rename.
    empty = client.post(url, {"text": "  ", "was": "Visitationstjekliste"}, headers=HTMX)
    assert "Skriv den nye tekst." in empty.content.decode()
    steering = cast.client_for(cast.steering)
    assert steering.post(url, {"text": "X", "was": "Visitationstjekliste"}).status_code == 403
    idea.refresh_from_db()
    assert idea.text == "Visitationstjekliste"
