"""The balance between the perspectives: the numbers, the dominance rule at its edges, the
lenses a challenge lacks, and the SVG chart that pages and PDFs include."""

import xml.etree.ElementTree as ET

import pytest
from django.template.loader import render_to_string

from sustainability.balance import (
    DOMINANCE_RULE,
    MIN_CHALLENGES_FOR_DOMINANCE,
    Balance,
    perspective_balance,
    perspectives_with_focus_areas,
    prefetched_challenges,
)
from sustainability.models import Perspective
from tests.conftest import Cast
from tests.sustainability.factories import ALL_LENSES, make_challenge

SVG = "{http://www.w3.org/2000/svg}"


def _parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 - our own template's output, not untrusted input


def _balance(cast: Cast) -> Balance:
    challenges = list(prefetched_challenges(cast.specialty))
    return perspective_balance(challenges, list(Perspective.objects.all()))


def _numbers(balance: Balance) -> dict[str, tuple[int, int]]:
    return {c.perspective.code: (c.primary, c.answered) for c in balance.counts}


def test_no_challenges_no_numbers_no_dominance(cast: Cast) -> None:
    balance = _balance(cast)
    assert balance.total == 0
    assert balance.is_empty
    assert _numbers(balance) == {
        "faglig": (0, 0),
        "personalemaessig": (0, 0),
        "organisatorisk": (0, 0),
    }
    assert balance.missing == []
    assert balance.dominant is None


def test_counts_primary_perspectives_and_answered_lenses(cast: Cast) -> None:
    make_challenge(cast.specialty, "Ventelister", primary="faglig", lenses=ALL_LENSES)
    make_challenge(
        cast.specialty, "Rekruttering", primary="personalemaessig", lenses={"personalemaessig": "x"}
    )
    make_challenge(
        cast.specialty,
        "Vagtdækning",
        primary="organisatorisk",
        lenses={"organisatorisk": "x", "faglig": "y"},
    )
    make_challenge(cast.specialty, "Andet speciale", primary="faglig")
    make_challenge(cast.other_specialty, "Not ours", primary="faglig", lenses=ALL_LENSES)

    balance = _balance(cast)

    assert balance.total == 4
    assert _numbers(balance) == {
        "faglig": (2, 2),
        "personalemaessig": (1, 2),
        "organisatorisk": (1, 2),
    }
    assert [c.unanswered for c in balance.counts] == [2, 2, 2]
    assert [c.perspective.code for c in balance.counts] == [
        "faglig",
        "personalemaessig",
        "organisatorisk",
    ]
    assert balance.dominant is None  # 2 of 4 is exactly half


def test_names_the_lenses_each_challenge_lacks_in_perspective_order(cast: Cast) -> None:
    make_challenge(cast.specialty, "Alle linser", lenses=ALL_LENSES)
    make_challenge(cast.specialty, "Kun personale", lenses={"personalemaessig": "x"})
    make_challenge(cast.specialty, "Ingen", lenses={})
    make_challenge(cast.specialty, "Blank", lenses={"faglig": "   \n "})

    balance = _balance(cast)

    missing = {m.challenge.title: [p.code for p in m.perspectives] for m in balance.missing}
    assert missing == {
        "Kun personale": ["faglig", "organisatorisk"],
        "Ingen": ["faglig", "personalemaessig", "organisatorisk"],
        "Blank": ["faglig", "personalemaessig", "organisatorisk"],
    }


@pytest.mark.parametrize(
    ("primaries", "dominant"),
    [
        (["faglig"], None),  # one challenge: too few to count
        (["faglig", "faglig"], None),  # two, all of one: still too few
        (["faglig", "faglig", "personalemaessig"], "faglig"),  # 2 of 3 is more than half
        (["faglig", "personalemaessig", "organisatorisk"], None),
        (["faglig", "faglig", "organisatorisk", "organisatorisk"], None),  # exactly half
        (["organisatorisk"] * 3 + ["faglig"] * 2, "organisatorisk"),  # 3 of 5
        (["personalemaessig"] * 4, "personalemaessig"),
    ],
    ids=["1", "2-same", "3-with-2", "3-spread", "4-half", "5-with-3", "4-all"],
)
def test_the_dominance_rule_at_its_edges(
    cast: Cast, primaries: list[str], dominant: str | None
) -> None:
    for number, code in enumerate(primaries):
        make_challenge(cast.specialty, f"Udfordring {number}", primary=code)
    balance = _balance(cast)
    assert (balance.dominant.code if balance.dominant else None) == dominant
    assert balance.counted is (len(primaries) >= MIN_CHALLENGES_FOR_DOMINANCE)


def test_the_function_reads_only_what_is_prefetched(
    cast: Cast, django_assert_num_queries: object
) -> None:
    for number in range(5):
        make_challenge(cast.specialty, f"Udfordring {number}", lenses=ALL_LENSES)
    challenges = list(prefetched_challenges(cast.specialty))
    perspectives = list(Perspective.objects.all())
    with django_assert_num_queries(0):  # type: ignore[operator]
        balance = perspective_balance(challenges, perspectives)
    assert balance.total == 5


def test_the_rule_is_stated(cast: Cast) -> None:
    assert _balance(cast).rule == str(DOMINANCE_RULE)


# -- The chart ---------------------------------------------------------------------------


def _chart(cast: Cast, **extra: object) -> str:
    return render_to_string(
        "sustainability/_balance_chart.svg", {"balance": _balance(cast), **extra}
    )


def _four_challenges(cast: Cast) -> None:
    make_challenge(cast.specialty, "A", primary="faglig", lenses=ALL_LENSES)
    make_challenge(cast.specialty, "B", primary="faglig", lenses={"faglig": "x"})
    make_challenge(cast.specialty, "C", primary="faglig", lenses={"faglig": "x"})
    make_challenge(cast.specialty, "D", primary="organisatorisk")


def test_the_chart_is_a_self_contained_accessible_svg(cast: Cast) -> None:
    _four_challenges(cast)
    svg = _chart(cast)
    root = _parse(svg)  # well-formed XML, so a PDF renderer can take it as it is
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    # As wide as its box, with text that keeps its size (no viewBox scaling it down on a phone).
    assert root.get("width") == "100%"
    assert root.get("height") == "308"  # 3 perspectives of 76, and 80
    assert root.get("viewBox") is None
    assert "DejaVu Sans" in root.get("font-family", "")
    assert root.get("aria-labelledby") == "balance-chart-title balance-chart-desc"
    assert root.find(f"{SVG}title").get("id") == "balance-chart-title"  # type: ignore[union-attr]
    # Nothing from outside: no stylesheet, no link, no font or image fetched.
    for needle in ("<style", "href", "url(", "@import", "<image", "class="):
        assert needle not in svg


def test_the_chart_draws_and_labels_the_numbers(cast: Cast) -> None:
    _four_challenges(cast)
    root = _parse(_chart(cast))
    desc = root.find(f"{SVG}desc").text or ""  # type: ignore[union-attr]
    assert "Faglig bæredygtighed" in desc
    assert "3" in desc
    assert "4" in desc

    def bars_and_labels(code: str) -> tuple[list[str], list[str]]:
        group = root.find(f".//{SVG}g[@id='balance-chart-{code}']")
        assert group is not None
        widths = [r.get("width", "") for r in group.findall(f"{SVG}rect")]
        labels = [t.text or "" for t in group.findall(f"{SVG}text")]
        return widths, labels

    # Bars run from 0 to all 4 challenges over 88 % of the width: tracks, then the values.
    widths, labels = bars_and_labels("faglig")
    assert widths == ["88%", "66%", "88%", "66%"]  # primary 3 of 4, lens answered 3 of 4
    assert labels[1:] == ["3", "3"]
    assert "Faglig bæredygtighed" in labels[0]
    assert root.find(f".//{SVG}g[@id='balance-chart-faglig']/{SVG}text").get("fill") == "#7a4a00"  # type: ignore[union-attr]
    widths, labels = bars_and_labels("personalemaessig")
    assert widths == ["88%", "0%", "88%", "22%"]
    assert labels[1:] == ["0", "1"]
    widths, labels = bars_and_labels("organisatorisk")
    assert widths == ["88%", "22%", "88%", "22%"]
    assert labels[1:] == ["1", "1"]


def test_the_chart_ids_can_be_prefixed_for_a_second_chart_on_a_page(cast: Cast) -> None:
    _four_challenges(cast)
    root = _parse(_chart(cast, chart_id="pdf-balance"))
    assert root.get("id") == "pdf-balance"
    assert root.find(f"{SVG}title").get("id") == "pdf-balance-title"  # type: ignore[union-attr]
    assert root.find(f".//{SVG}g[@id='pdf-balance-faglig']") is not None


def test_the_half_line_is_drawn_from_the_first_challenge(cast: Cast) -> None:
    """Issue #10: with one challenge the reference line was missing from the chart."""
    make_challenge(cast.specialty, "A")
    svg = _chart(cast)
    assert svg.count('stroke-dasharray="5 4"') == 3  # one per perspective
    assert "Halvdelen af udfordringerne" in svg


def test_the_perspectives_helper_prefetches_focus_areas(
    cast: Cast, django_assert_num_queries: object
) -> None:
    with django_assert_num_queries(2):  # type: ignore[operator]
        perspectives = perspectives_with_focus_areas()
        names = [f.name for p in perspectives for f in p.focus_areas.all()]
    assert "Personaletrivsel" in names


def test_the_chart_goes_into_a_pdf_as_it_is(cast: Cast) -> None:
    weasyprint = pytest.importorskip("weasyprint")
    _four_challenges(cast)
    html = f"<html><body><h1>Balance</h1>{_chart(cast)}</body></html>"
    pdf = weasyprint.HTML(string=html).write_pdf()
    assert pdf.startswith(b"%PDF")
