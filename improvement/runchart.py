"""Anhøj's rules for run charts, as the qicharts2 package computes them.

A run chart shows whether a change is an improvement: a series of measurements around its
median is random variation unless it has an unusually long run on one side of the median or
unusually few crossings of it. qicharts2 (``runs.analysis``) decides this as follows, and so
do we:

- points exactly on the median are ignored; the rest are the *useful observations* (n);
- the longest run (consecutive useful points on the same side) signals when it is longer
  than ``round(log2(n)) + 3``;
- the number of crossings (runs - 1) signals when it is below the 5 % quantile of
  Binomial(n - 1, ½), the smallest c with P(X ≤ c) ≥ 0.05 (R's ``qbinom(0.05, n - 1, 0.5)``),
  computed here exactly with integers.

qicharts2 itself analyses any series with a useful observation; its author's table of
critical values starts at 10 useful observations, and with fewer the limits are so loose
that a run chart says nothing. Below ``MIN_USEFUL`` we therefore report "too few points"
instead of a verdict (the figures are still computed, for whoever wants them).
"""

from __future__ import annotations

import itertools
import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

# The first row of Anhøj's table of critical values for longest run and crossings.
MIN_USEFUL = 10

Number = Decimal | int | float


def longest_run_max(n_useful: int) -> int:
    """The longest run that is still random for ``n_useful`` useful observations."""
    # log2 of an integer is never exactly halfway between two integers unless it is one,
    # so Python's and R's rounding agree.
    return round(math.log2(n_useful)) + 3


def crossings_min(n_useful: int) -> int:
    """The 5 % quantile of Binomial(n - 1, ½): the smallest c with P(X ≤ c) ≥ 0.05."""
    size = max(n_useful - 1, 0)
    total = 2**size
    cumulative = 0
    for c in range(size + 1):
        cumulative += math.comb(size, c)
        # P(X ≤ c) = cumulative / 2**size ≥ 1/20, in integers.
        if cumulative * 20 >= total:
            return c
    return size  # not reached: P(X ≤ size) = 1


@dataclass(frozen=True)
class RunsAnalysis:
    """The result of Anhøj's rules on one series around one centre line."""

    n_obs: int
    n_useful: int
    longest_run: int
    longest_run_max: int
    crossings: int
    crossings_min: int

    @property
    def too_few(self) -> bool:
        """Too few useful observations to tell random from non-random variation."""
        return self.n_useful < MIN_USEFUL

    @property
    def long_run(self) -> bool:
        return not self.too_few and self.longest_run > self.longest_run_max

    @property
    def few_crossings(self) -> bool:
        return not self.too_few and self.crossings < self.crossings_min

    @property
    def signal(self) -> bool:
        """Non-random variation: a long run or too few crossings."""
        return self.long_run or self.few_crossings


def median(values: Sequence[Number]) -> Number:
    return statistics.median(values)  # type: ignore[type-var]


def analyse(values: Sequence[Number], centre: Number) -> RunsAnalysis:
    """Anhøj's rules on ``values`` (in time order) around ``centre`` (usually a median)."""
    sides = [1 if v > centre else -1 for v in values if v != centre]
    n_useful = len(sides)
    if not n_useful:
        return RunsAnalysis(len(values), 0, 0, 0, 0, 0)
    runs = [1]
    for before, after in itertools.pairwise(sides):
        if after == before:
            runs[-1] += 1
        else:
            runs.append(1)
    return RunsAnalysis(
        n_obs=len(values),
        n_useful=n_useful,
        longest_run=max(runs),
        longest_run_max=longest_run_max(n_useful),
        crossings=len(runs) - 1,
        crossings_min=crossings_min(n_useful),
    )
