"""Baseline, latest level and gain over baseline: the supervisor's headline figures.

Only valid TEST attempts count: test mode has fixed, seeded content and the pack's exact
time limit, so tests are comparable with each other; practice runs (hints, pauses,
restarts, adaptive content) are not. Within the tests, in chronological order
(``series.chronological``):

- baseline = median of the first 3 valid tests. With fewer than 3 there is no baseline
  (``LevelStatus.TOO_FEW_TESTS``): a single first test is too noisy a starting point
  (nerves, unfamiliar screen), and the median of 3 ignores one outlier.
- latest = median of the last up to 3 valid tests taken AFTER the 3 baseline tests
  (tests 4..n; so 1 test gives that test, 2 give their mean, 3 or more the median of the
  last 3). The sets never overlap, so a gain is never measured against itself. With only
  the 3 baseline tests there is no latest (``LevelStatus.NO_TEST_AFTER_BASELINE``).
- gain, positive = better for every metric (all are "higher is better"):
  speed:    (latest − baseline) / baseline × 100, in percent; None when baseline ≤ 0
  accuracy: (latest − baseline) × 100, in percentage points (accuracy is a fraction)
  score:    latest − baseline, in score points

Values are returned unrounded; displays round them (``report_csv`` documents how).
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from svctrainer.core.analytics.series import TEST_ONLY, AttemptPoint, Metric, usable

BASELINE_TESTS = 3
LATEST_TESTS = 3


class LevelStatus(StrEnum):
    """Why a level is or is not available (a code the GUI translates)."""

    OK = "ok"
    TOO_FEW_TESTS = "too_few_tests"  # fewer than BASELINE_TESTS valid tests
    NO_TEST_AFTER_BASELINE = "no_test_after_baseline"


class GainUnit(StrEnum):
    PERCENT = "percent"  # relative change of speed
    PERCENTAGE_POINTS = "percentage_points"  # absolute change of accuracy × 100
    POINTS = "points"  # absolute change of score


GAIN_UNITS = {
    Metric.SPEED: GainUnit.PERCENT,
    Metric.ACCURACY: GainUnit.PERCENTAGE_POINTS,
    Metric.SCORE: GainUnit.POINTS,
}


@dataclass(frozen=True, slots=True)
class Level:
    """A level (baseline or latest) and the tests it is the median of.

    ``value`` is None unless ``status`` is OK; ``attempts`` then holds the tests used.
    """

    value: float | None
    status: LevelStatus
    attempts: tuple[AttemptPoint, ...] = ()


@dataclass(frozen=True, slots=True)
class BaselineGain:
    """Baseline, latest and gain of one person on one drill for one metric."""

    metric: Metric
    baseline: Level
    latest: Level
    gain: float | None
    gain_unit: GainUnit
    tests: int  # valid tests with a value for the metric


def valid_tests(points: Iterable[AttemptPoint], metric: Metric) -> list[AttemptPoint]:
    """Valid test attempts with a value for ``metric``, oldest first."""
    return usable(points, metric, TEST_ONLY)


def baseline(points: Iterable[AttemptPoint], metric: Metric = Metric.SPEED) -> Level:
    """Median of the first 3 valid tests; TOO_FEW_TESTS with fewer."""
    return _baseline(valid_tests(points, metric), metric)


def latest(points: Iterable[AttemptPoint], metric: Metric = Metric.SPEED) -> Level:
    """Median of the last up to 3 valid tests after the baseline tests."""
    return _latest(valid_tests(points, metric), metric)


def _baseline(tests: Sequence[AttemptPoint], metric: Metric) -> Level:
    if len(tests) < BASELINE_TESTS:
        return Level(None, LevelStatus.TOO_FEW_TESTS, tuple(tests))
    used = tuple(tests[:BASELINE_TESTS])
    return Level(_median(_values_of(used, metric)), LevelStatus.OK, used)


def _latest(tests: Sequence[AttemptPoint], metric: Metric) -> Level:
    if len(tests) < BASELINE_TESTS:
        return Level(None, LevelStatus.TOO_FEW_TESTS, tuple(tests))
    after = tests[BASELINE_TESTS:]
    if not after:
        return Level(None, LevelStatus.NO_TEST_AFTER_BASELINE)
    used = tuple(after[-LATEST_TESTS:])
    return Level(_median(_values_of(used, metric)), LevelStatus.OK, used)


_FIELD = {Metric.SPEED: "speed", Metric.ACCURACY: "accuracy", Metric.SCORE: "score"}


def _values_of(points: Sequence[AttemptPoint], metric: Metric) -> list[float]:
    """``series.values`` of a level's few points, the field read directly: a dashboard
    takes two levels of each of a branch's hundreds of people (issue 17)."""
    field = _FIELD[metric]
    out = []
    for p in points:
        raw = getattr(p, field)
        if raw is not None and math.isfinite(raw):
            out.append(float(raw))
    return out


def gain(baseline_value: float | None, latest_value: float | None, metric: Metric) -> float | None:
    """Gain over baseline in ``GAIN_UNITS[metric]``; None if either level is missing, or
    for speed if the baseline is not positive (no meaningful percentage)."""
    if baseline_value is None or latest_value is None:
        return None
    if metric is Metric.SPEED:
        if baseline_value <= 0:
            return None
        return (latest_value - baseline_value) / baseline_value * 100.0
    if metric is Metric.ACCURACY:
        return (latest_value - baseline_value) * 100.0
    return latest_value - baseline_value


def baseline_gain(points: Iterable[AttemptPoint], metric: Metric = Metric.SPEED) -> BaselineGain:
    """Baseline, latest and gain in one pass over the points."""
    return gain_of_tests(valid_tests(points, metric), metric)


def gain_of_tests(
    tests: Sequence[AttemptPoint], metric: Metric, count: int | None = None
) -> BaselineGain:
    """``baseline_gain`` of points that are already ``valid_tests`` (valid tests with a
    value, oldest first). The dashboards read only each person's first and last three
    of them (the rest cannot change a level) and say how many there are in ``count``;
    a branch's thousands of people skip filtering and sorting again."""
    base = _baseline(tests, metric)
    last = _latest(tests, metric)
    return BaselineGain(
        metric=metric,
        baseline=base,
        latest=last,
        gain=gain(base.value, last.value, metric),
        gain_unit=GAIN_UNITS[metric],
        tests=len(tests) if count is None else count,
    )


def gain_of_values(
    first: Sequence[float], after: Sequence[float], metric: Metric, count: int
) -> BaselineGain:
    """``gain_of_tests`` from the values alone, for figures that never list the attempts
    (a region's medians over thousands of people): ``first`` the values of the first
    ``BASELINE_TESTS`` tests (fewer: every test there is), ``after`` those of the last
    ``LATEST_TESTS`` tests after them, both oldest first, ``count`` how many tests there
    are. The same levels and gain as ``gain_of_tests`` on those tests; the levels list no
    attempts. Non-finite values are skipped as ``series.values`` skips them."""
    if len(first) < BASELINE_TESTS:
        too_few = Level(None, LevelStatus.TOO_FEW_TESTS)
        return BaselineGain(metric, too_few, too_few, None, GAIN_UNITS[metric], count)
    base = Level(_median(_finite(first[:BASELINE_TESTS])), LevelStatus.OK)
    if after:
        last = Level(_median(_finite(after[-LATEST_TESTS:])), LevelStatus.OK)
    else:
        last = Level(None, LevelStatus.NO_TEST_AFTER_BASELINE)
    return BaselineGain(
        metric, base, last, gain(base.value, last.value, metric), GAIN_UNITS[metric], count
    )


def gain_value_of_values(
    first: Sequence[float], after: Sequence[float], metric: Metric
) -> float | None:
    """``gain_of_values(first, after, metric, count).gain`` without building the levels:
    a branch summary's line counts and ranks the gains of hundreds of people per skill
    and shows no level (issue 17). The same steps, so the same float (and the same
    error on a level with no finite value)."""
    if len(first) < BASELINE_TESTS:
        return None
    base = _median(_finite(first[:BASELINE_TESTS]))
    if not after:
        return None
    return gain(base, _median(_finite(after[-LATEST_TESTS:])), metric)


def _finite(raw: Sequence[float]) -> list[float]:
    return [float(v) for v in raw if math.isfinite(v)]


def _median(data: list[float]) -> float:
    """``statistics.median`` written out, step for step (the middle value, or the mean of
    the two middle ones as ``(a + b) / 2``): the same float, without its generic
    checks, for the thousands of three-value medians of a region or branch summary."""
    ordered = sorted(data)
    n = len(ordered)
    if n == 0:
        raise statistics.StatisticsError("no median for empty data")
    if n % 2 == 1:
        return ordered[n // 2]
    i = n // 2
    return (ordered[i - 1] + ordered[i]) / 2
