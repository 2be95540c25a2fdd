"""Anhøj's rules, checked against figures worked out by hand from the formulas."""

from decimal import Decimal

import pytest

from improvement.runchart import MIN_USEFUL, analyse, crossings_min, longest_run_max, median


@pytest.mark.parametrize(
    ("n", "expected"),
    # round(log2 n) + 3: log2 10 = 3.32 → 6; log2 11 = 3.46 → 6; log2 12 = 3.58 → 7;
    # log2 16 = 4 → 7; log2 24 = 4.58 → 8; log2 45 = 5.49 → 8; log2 46 = 5.52 → 9.
    [(1, 3), (2, 4), (10, 6), (11, 6), (12, 7), (16, 7), (24, 8), (45, 8), (46, 9)],
)
def test_longest_run_limit(n: int, expected: int) -> None:
    assert longest_run_max(n) == expected


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        # size 0: P(X ≤ 0) = 1 → 0.
        (1, 0),
        # size 9, 2^9 = 512, 5 % = 25.6: cumulative 1, 10, 46 → 2.
        (10, 2),
        # size 10, 1024 → 51.2: 1, 11, 56 → 2.
        (11, 2),
        # size 11, 2048 → 102.4: 1, 12, 67, 232 → 3.
        (12, 3),
        # size 19, 524288 → 26214.4: 1, 20, 191, 1160, 5036, 16664, 43796 → 6.
        (20, 6),
        # size 23, 8388608 → 419430.4: …, 145499 (≤ 6), 390656 (≤ 7), 880970 (≤ 8) → 8.
        (24, 8),
    ],
)
def test_crossings_limit(n: int, expected: int) -> None:
    assert crossings_min(n) == expected


def test_random_looking_series_has_no_signal() -> None:
    # Median of 1..12 is 6.5; the sides alternate: runs of 1, 11 crossings.
    values = [1, 12, 2, 11, 3, 10, 4, 9, 5, 8, 6, 7]
    result = analyse(values, median(values))
    assert median(values) == 6.5
    assert result.n_useful == 12
    assert result.longest_run == 1
    assert result.crossings == 11
    assert (result.longest_run_max, result.crossings_min) == (7, 3)
    assert not result.signal
    assert not result.too_few


def test_long_run_signals() -> None:
    # 12 points around 5: five below then seven above → longest run 7 = the limit for 12.
    values = [1, 2, 1, 2, 1, 9, 9, 9, 9, 9, 9, 9]
    result = analyse(values, 5)
    assert (result.longest_run, result.longest_run_max) == (7, 7)
    assert not result.long_run  # 7 is not longer than 7
    # but only one crossing, below the limit of 3
    assert result.crossings == 1
    assert result.few_crossings
    assert result.signal
    longer = analyse([*values, 9], 5)  # 13 useful, run of 8 > round(log2 13) + 3 = 7
    assert longer.longest_run == 8
    assert longer.long_run


def test_points_on_the_median_are_ignored() -> None:
    # 11 values, median 6 (one point on it): 10 useful.
    values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]
    result = analyse(values, median(values))
    assert result.n_obs == 11
    assert result.n_useful == 10
    # the point on the median does not break or join a run: below 5, above 5 → 1 crossing
    assert result.longest_run == 5
    assert result.crossings == 1
    assert result.crossings_min == 2
    assert result.few_crossings
    assert result.signal
    # a point on the centre line between two on the same side does not make a crossing
    joined = analyse([1, 5, 1, 9, 1, 9, 1, 9, 1, 9, 1], 5)
    assert joined.n_useful == 10
    assert joined.crossings == 8
    assert joined.longest_run == 2


def test_very_short_series_says_too_few() -> None:
    result = analyse([1, 9, 1], 5)
    assert result.n_useful == 3
    assert result.too_few
    assert not result.signal
    assert analyse([], 0).n_useful == 0
    assert analyse([], 0).too_few
    nine = [1, 1, 1, 1, 1, 1, 1, 1, 1]  # a long run, but only 9 useful points
    assert analyse(nine, 5).too_few
    assert not analyse(nine, 5).signal
    assert MIN_USEFUL == 10


def test_all_equal_has_no_useful_points() -> None:
    values = [Decimal("4.5")] * 15
    result = analyse(values, median(values))
    assert result.n_obs == 15
    assert result.n_useful == 0
    assert result.too_few
    assert not result.signal


def test_decimal_medians() -> None:
    values = [Decimal("1.5"), Decimal("2.5"), Decimal("3.0"), Decimal("10")]
    assert median(values) == Decimal("2.75")


def test_value_axis_ticks_are_round() -> None:
    from improvement.svg import _ticks

    assert _ticks(Decimal(-10), Decimal(110)) == [0, 25, 50, 75, 100]
    assert _ticks(Decimal("24.6"), Decimal("65.4")) == [30, 40, 50, 60]
