"""The balance of the work (issue 28, item 4): the actions' ratings summed per perspective,
the BASS principles they cite and the gaps, on the overview page and in the status PDF."""

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from ambitions.balance import work_balance
from ambitions.models import (
    ActionPrinciple,
    ActionStatus,
    PerspectiveAssessment,
    Principle,
    ProfessionalAmbition,
)
from sustainability.models import Perspective
from tests.ambitions.professional.conftest import frameworks_of, make_action, make_focus_area
from tests.conftest import Cast


def _rate(action: object, code: str, rating: int) -> None:
    PerspectiveAssessment.objects.create(
        action=action,
        perspective=Perspective.objects.get(code=code),
        rating=rating,
        justification="" if rating == 0 else "Begrundet.",
    )


def _small_world(cast: Cast, professional: ProfessionalAmbition) -> Principle:
    """Two actions: faglig +2 and +1, personalemæssig +1 and -2, organisatorisk 0 and -1;
    both cite the first principle. A third, stopped action rates organisatorisk +2 and
    counts for nothing."""
    focus_area = make_focus_area(frameworks_of(professional)[0])
    first = make_action(focus_area, responsible=cast.core, title="Fælles henvisning")
    second = make_action(focus_area, responsible=cast.core, title="Fælles vagtplan")
    stopped = make_action(
        focus_area, responsible=cast.core, title="Opgivet", status=ActionStatus.STOPPED
    )
    for action, ratings in (
        (first, {"faglig": 2, "personalemaessig": 1, "organisatorisk": 0}),
        (second, {"faglig": 1, "personalemaessig": -2, "organisatorisk": -1}),
        (stopped, {"organisatorisk": 2}),
    ):
        for code, rating in ratings.items():
            _rate(action, code, rating)
    principle = Principle.objects.order_by("order", "name").first()
    assert principle is not None
    for action in (first, second, stopped):
        ActionPrinciple.objects.create(action=action, principle=principle, justification="Ja.")
    return principle


def test_the_ratings_are_summed_per_perspective_and_the_gaps_named(
    cast: Cast, professional: ProfessionalAmbition
) -> None:
    principle = _small_world(cast, professional)
    work = work_balance(cast.specialty, professional.based_on)
    sums = {b.perspective.code: (b.total, b.strengthening, b.weakening) for b in work.perspectives}
    assert sums == {
        "faglig": (3, 2, 0),
        "personalemaessig": (-1, 1, 1),
        "organisatorisk": (-1, 0, 1),
    }
    assert work.action_count == 2
    cited = {p.principle.pk: p.actions for p in work.principles}
    assert cited[principle.pk] == 2
    assert sum(cited.values()) == 2  # no other principle is cited
    organisational = Perspective.objects.get(code="organisatorisk").name
    with translation.override("da"):
        gaps = work_balance(cast.specialty, professional.based_on).gaps
        assert (
            gettext("No planned action strengthens the perspective “%(perspective)s”.")
            % {"perspective": organisational}
            in gaps
        )
    assert not any(Perspective.objects.get(code="faglig").name in gap for gap in gaps)
    assert len(gaps) == 1 + Principle.objects.count() - 1  # the perspective, the uncited
    # The challenges beside them are the approved version's core challenges.
    assert work.challenge_balance is not None
    assert work.challenge_balance.total == 2


def test_the_chart_draws_a_negative_sum_to_the_left_of_zero(
    cast: Cast, professional: ProfessionalAmbition
) -> None:
    _small_world(cast, professional)
    work = work_balance(cast.specialty, professional.based_on)
    bars = {b.row.perspective.code: b for b in work.bars}
    assert work.scale == 3
    assert (bars["faglig"].x, bars["faglig"].width) == ("45", "44")
    assert bars["personalemaessig"].end == bars["personalemaessig"].x
    assert float(bars["personalemaessig"].x) < 45


def test_without_actions_there_is_no_gap(cast: Cast, professional: ProfessionalAmbition) -> None:
    work = work_balance(cast.specialty, professional.based_on)
    assert work.is_empty
    assert work.gaps == []


def _url(cast: Cast) -> str:
    return reverse("professional:overview", kwargs={"slug": cast.specialty.slug})


def test_the_overview_shows_the_balance_to_who_may_read_it(
    cast: Cast, professional: ProfessionalAmbition
) -> None:
    _small_world(cast, professional)
    organisational = Perspective.objects.get(code="organisatorisk").name
    for reader in (cast.owner, cast.core, cast.other_owner, cast.steering):
        page = cast.client_for(reader).get(_url(cast), HTTP_ACCEPT_LANGUAGE="da")
        assert page.status_code == 200
        html = page.content.decode()
        assert 'id="work-balance"' in html
        assert 'id="work-balance-action-chart"' in html
        assert 'id="work-balance-challenge-chart"' in html
        assert 'id="work-balance-table"' in html  # the table for screen readers
        assert "Handlingernes balance" in html
        assert f"Ingen planlagt handling styrker perspektivet “{organisational}”." in html


def test_a_person_without_a_role_gets_a_404(cast: Cast, professional: ProfessionalAmbition) -> None:
    _small_world(cast, professional)
    assert cast.client_for(cast.outsider).get(_url(cast)).status_code == 404


def test_the_chart_is_well_formed_svg(cast: Cast, professional: ProfessionalAmbition) -> None:
    import re
    import xml.etree.ElementTree as ET

    _small_world(cast, professional)
    html = cast.client_for(cast.owner).get(_url(cast), HTTP_ACCEPT_LANGUAGE="da").content.decode()
    match = re.search(r'<svg[^>]*id="work-balance-action-chart".*?</svg>', html, re.S)
    assert match is not None
    svg = ET.fromstring(match.group(0))  # noqa: S314 (our own page)
    widths = [r.get("width") for r in svg.iter("{http://www.w3.org/2000/svg}rect")]
    assert "44%" in widths  # faglig's +3 fills its half: the numbers are not localised
