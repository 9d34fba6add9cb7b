"""A branch's figures on one skill from its people's baseline and gain."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from svctrainer.core.analytics.branch_comparison import branch_levels
from svctrainer.core.analytics.progress import baseline_gain
from svctrainer.core.analytics.series import AttemptPoint, Metric

START = datetime(2026, 6, 1, 9, tzinfo=UTC)


def _person(speeds: list[float]):
    points = [
        AttemptPoint(START + timedelta(days=i), "test", s, 0.99, None, True, f"a{i}")
        for i, s in enumerate(speeds)
    ]
    return baseline_gain(points, Metric.SPEED)


def test_medians_over_the_people_with_a_gain():
    gains = [
        _person([4000, 4200, 4100, 5000]),  # baseline 4100, latest 5000: +21.95 %
        _person([6000, 6000, 6000, 6600, 6600]),  # 6000 → 6600: +10 %
        _person([5000, 5200, 5100, 6120]),  # 5100 → 6120: +20 %
        _person([3000, 3100]),  # tested, no baseline yet
        _person([]),  # never tested
    ]
    levels = branch_levels(gains)
    assert (levels.tested, levels.measured) == (4, 3)
    assert levels.baseline == 5100
    assert levels.latest == 6120
    assert round(levels.gain or 0, 6) == 20.0


def test_a_branch_without_anyone_measured_has_no_figures():
    levels = branch_levels([_person([3000]), _person([])])
    assert (levels.tested, levels.measured, levels.baseline, levels.gain) == (1, 0, None, None)


@given(st.lists(st.lists(st.floats(1000, 20000), min_size=0, max_size=8), max_size=12))
def test_one_exceptional_teller_cannot_move_the_median_beyond_the_others(people):
    gains = [_person(p) for p in people]
    levels = branch_levels(gains)
    measured = [g.gain for g in gains if g.gain is not None]
    assert levels.measured == len(measured)
    if measured:
        assert min(measured) <= (levels.gain or 0) <= max(measured)
    else:
        assert levels.gain is None
