"""A history diff across Markdown emphasis shows no stray asterisks (issue 30, item 11)."""

import pytest

from bass import history, text


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Pilot i gang.", "Pilot **i gang**."),
        ("Pilot **i gang**.", "Pilot **snart i gang**."),
        ("Fælles **visitation** nu", "Fælles visitation nu"),
        ("En *vigtig* ting", "En ting"),
    ],
)
def test_a_change_across_emphasis_leaves_no_asterisks(old: str, new: str) -> None:
    chunks = history.word_diff(old, new)
    html = str(text.render_diff(((c.kind, c.text) for c in chunks), added="a", removed="r"))
    assert "*" not in html
    assert "<ins>" in html or "<del>" in html
