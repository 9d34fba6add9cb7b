"""Comparing branches on one skill: the figures of a region dashboard.

Each branch is summed up from its people's ``BaselineGain`` on the skill (the same
baseline and latest level a supervisor's dashboard shows per person): how many were
tested, how many have a gain (a baseline and a later test), and the median baseline,
latest level and gain of those. Medians, not means: one exceptional teller must not
make a branch look trained, and branches of different sizes stay comparable.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import dataclass

from svctrainer.core.analytics.progress import BaselineGain


@dataclass(frozen=True, slots=True)
class BranchLevels:
    tested: int  # people with at least one counted test with a value
    measured: int  # of them, people with a gain (a baseline and a test after it)
    baseline: float | None  # median of the measured people's baselines
    latest: float | None  # median of their latest levels
    gain: float | None  # median of their gains (unit: the metric's GainUnit)


def branch_levels(gains: Iterable[BaselineGain]) -> BranchLevels:
    """The branch's figures from its people's baseline and gain on one skill."""
    tested = 0
    measured: list[BaselineGain] = []
    for g in gains:
        if g.tests > 0:
            tested += 1
        if g.gain is not None and g.baseline.value is not None and g.latest.value is not None:
            measured.append(g)
    if not measured:
        return BranchLevels(tested, 0, None, None, None)
    return BranchLevels(
        tested,
        len(measured),
        statistics.median(g.baseline.value for g in measured if g.baseline.value is not None),
        statistics.median(g.latest.value for g in measured if g.latest.value is not None),
        statistics.median(g.gain for g in measured if g.gain is not None),
    )
