"""``gain_of_values`` (the region dashboard's levels from values alone) gives the levels
and gain ``gain_of_tests`` gives on the same tests, whatever their number and values."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from svctrainer.core.analytics.progress import (
    BaselineGain,
    LevelStatus,
    gain_of_tests,
    gain_of_values,
    gain_value_of_values,
)
from svctrainer.core.analytics.series import AttemptPoint, Metric

START = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def _tests(values: list[float], metric: Metric) -> list[AttemptPoint]:
    at = [START + timedelta(days=n) for n in range(len(values))]
    if metric is Metric.SPEED:
        return [AttemptPoint(t, "test", v, None, None) for t, v in zip(at, values, strict=True)]
    if metric is Metric.ACCURACY:
        return [AttemptPoint(t, "test", None, v, None) for t, v in zip(at, values, strict=True)]
    return [AttemptPoint(t, "test", None, None, v) for t, v in zip(at, values, strict=True)]


def _levels(g: BaselineGain) -> tuple[object, ...]:
    """Everything but the attempts a level lists (``gain_of_values`` lists none)."""
    b, latest = g.baseline, g.latest
    return (b.value, b.status, latest.value, latest.status, g.gain, g.gain_unit, g.tests, g.metric)


@given(
    values=st.lists(st.floats(-50, 20_000, allow_nan=False), max_size=14),
    metric=st.sampled_from(list(Metric)),
    extra=st.integers(0, 40),
)
def test_the_levels_of_the_values_are_the_levels_of_the_tests(values, metric, extra):
    count = len(values) + extra  # the dashboards pass the count of every test
    first, rest = values[:3], values[3:]
    expected = gain_of_tests(_tests(values, metric), metric, count)
    assert _levels(gain_of_values(first, rest[-3:], metric, count)) == _levels(expected)
    # the branch summary's lines take the gain alone: the same float, or None alike
    assert gain_value_of_values(first, rest[-3:], metric) == expected.gain


def test_too_few_tests_and_none_after_the_baseline():
    assert gain_of_values([5.0, 6.0], [], Metric.SPEED, 2).baseline.status is (
        LevelStatus.TOO_FEW_TESTS
    )
    only_baseline = gain_of_values([5.0, 6.0, 7.0], [], Metric.SPEED, 3)
    assert only_baseline.baseline.value == 6.0
    assert only_baseline.latest.status is LevelStatus.NO_TEST_AFTER_BASELINE
    assert only_baseline.gain is None


@pytest.mark.parametrize("odd", [math.inf, -math.inf])
def test_a_value_that_is_not_finite_is_skipped_as_the_tests_skip_it(odd):
    values = [4000.0, odd, 5000.0, 6000.0, odd, 7000.0]
    points = _tests(values, Metric.SPEED)
    # gain_of_tests takes the tests as stored (a server keeps infinities): the same skip
    expected = gain_of_tests(points, Metric.SPEED, len(values))
    got = gain_of_values(values[:3], values[3:], Metric.SPEED, len(values))
    assert _levels(got) == _levels(expected)
    assert got.baseline.value == 4500.0
    assert gain_value_of_values(values[:3], values[3:], Metric.SPEED) == expected.gain
