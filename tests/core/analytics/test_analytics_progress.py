"""Baseline, latest and gain over baseline, on hand-computed cases."""

import random
from datetime import UTC, datetime, timedelta

import pytest

from svctrainer.core.analytics.progress import (
    GainUnit,
    LevelStatus,
    baseline,
    baseline_gain,
    gain,
    latest,
)
from svctrainer.core.analytics.series import AttemptPoint, Metric, chronological, week_start

T0 = datetime(2024, 1, 1, 9, 0, tzinfo=UTC)  # a Monday


def make_point(day, speed, *, mode="test", valid=True, accuracy=None, score=None, ident=None):
    return AttemptPoint(
        T0 + timedelta(days=day),
        mode,
        speed,
        accuracy,
        score,
        valid,
        ident if ident is not None else f"a{day:04}",
    )


def make_tests(*speeds):
    return [make_point(i, s) for i, s in enumerate(speeds)]


def test_baseline_needs_three_valid_tests():
    level = baseline(make_tests(5000, 6000))
    assert level.value is None
    assert level.status is LevelStatus.TOO_FEW_TESTS
    assert [p.speed for p in level.attempts] == [5000, 6000]  # "2 of 3 tests done"


def test_baseline_is_the_median_of_the_first_three_tests():
    # sorted 5000, 6000, 7000 -> 6000
    level = baseline(make_tests(7000, 5000, 6000))
    assert level.value == 6000
    assert level.status is LevelStatus.OK


def test_baseline_with_five_tests_uses_only_the_first_three():
    # first three 6000, 8000, 7000 -> 7000; the later 9000 and 10000 do not count
    assert baseline(make_tests(6000, 8000, 7000, 9000, 10000)).value == 7000


def test_baseline_with_tied_values():
    # 7000, 7000, 5000 -> sorted 5000, 7000, 7000 -> 7000
    assert baseline(make_tests(7000, 7000, 5000)).value == 7000


def test_equal_timestamps_are_ordered_by_attempt_id_whatever_the_input_order():
    same = T0 + timedelta(days=1)
    points = [
        AttemptPoint(same, "test", 9000, None, None, True, "c"),
        AttemptPoint(same, "test", 1000, None, None, True, "a"),
        AttemptPoint(same, "test", 5000, None, None, True, "b"),
        AttemptPoint(same, "test", 3000, None, None, True, "d"),
    ]
    for _ in range(5):
        random.shuffle(points)
        # first three by id: a=1000, b=5000, c=9000 -> 5000; d is the latest
        assert baseline(points).value == 5000
        assert latest(points).value == 3000
        assert [p.attempt_id for p in chronological(points)] == ["a", "b", "c", "d"]


def test_invalid_attempts_are_excluded():
    points = [
        make_point(0, 100, valid=False),  # e.g. under 10 strokes: skipped
        make_point(1, 6000),
        make_point(2, 9000, valid=False),  # invalidated by a supervisor: skipped
        make_point(3, 7000),
        make_point(4, 8000),
    ]
    assert baseline(points).value == 7000  # 6000, 7000, 8000


def test_practice_and_logged_attempts_are_excluded_from_baseline_and_latest():
    points = [
        make_point(0, 3000, mode="practice"),
        make_point(1, 3500, mode="practice"),
        make_point(2, 4000, mode="logged"),
        make_point(3, 6000),
        make_point(4, 6500),
        make_point(5, 7000),
        make_point(6, 12000, mode="practice"),
    ]
    result = baseline_gain(points)
    assert result.baseline.value == 6500
    assert result.latest.status is LevelStatus.NO_TEST_AFTER_BASELINE
    assert result.gain is None
    assert result.tests == 3


def test_latest_uses_only_tests_after_the_baseline():
    # 4 tests: latest is test 4 alone
    assert latest(make_tests(6000, 6000, 6000, 6600)).value == 6600
    # 5 tests: median (mean) of tests 4 and 5
    assert latest(make_tests(6000, 6000, 6000, 6600, 7000)).value == 6800
    # 7 tests: median of the last three (tests 5, 6, 7): 7000, 7600, 7200 -> 7200
    assert latest(make_tests(6000, 6000, 6000, 6600, 7000, 7600, 7200)).value == 7200


def test_latest_without_baseline_reports_too_few_tests():
    level = latest(make_tests(6000))
    assert level.value is None
    assert level.status is LevelStatus.TOO_FEW_TESTS


def test_speed_gain_in_percent_over_five_tests():
    # baseline = median(6000, 8000, 7000) = 7000; latest = median(9000, 10000) = 9500
    # gain = (9500 - 7000) / 7000 * 100 = 35.714...%
    result = baseline_gain(make_tests(6000, 8000, 7000, 9000, 10000))
    assert result.baseline.value == 7000
    assert result.latest.value == 9500
    assert result.gain == pytest.approx(250000 / 7000)
    assert result.gain_unit is GainUnit.PERCENT
    assert result.tests == 5


def test_slower_is_a_negative_gain():
    # baseline 8000, latest 6000 -> -25 %
    assert baseline_gain(make_tests(8000, 8000, 8000, 6000)).gain == pytest.approx(-25.0)


def test_accuracy_gain_is_in_percentage_points():
    points = [make_point(i, 5000, accuracy=a) for i, a in enumerate([0.95, 0.90, 0.97, 0.98])]
    # baseline median(0.95, 0.90, 0.97) = 0.95; latest 0.98; gain (0.98 - 0.95) * 100 = 3 pp
    result = baseline_gain(points, Metric.ACCURACY)
    assert result.baseline.value == 0.95
    assert result.gain == pytest.approx(3.0)
    assert result.gain_unit is GainUnit.PERCENTAGE_POINTS


def test_score_gain_is_in_points():
    points = [make_point(i, 5000, score=s) for i, s in enumerate([60.0, 70.0, 65.0, 80.5])]
    result = baseline_gain(points, Metric.SCORE)
    assert result.gain == pytest.approx(15.5)  # 80.5 - 65
    assert result.gain_unit is GainUnit.POINTS


def test_attempts_without_a_value_for_the_metric_do_not_count():
    points = [make_point(i, 5000, accuracy=None if i == 1 else 0.9) for i in range(4)]
    level = baseline(points, Metric.ACCURACY)
    assert level.value == 0.9
    assert [p.started_at.day for p in level.attempts] == [1, 3, 4]  # day 1 skipped


def test_non_finite_values_do_not_count():
    points = make_tests(float("nan"), 5000, 6000, 7000)
    assert baseline(points).value == 6000


def test_gain_edge_cases():
    assert gain(None, 100, Metric.SPEED) is None
    assert gain(100, None, Metric.SPEED) is None
    assert gain(0.0, 100, Metric.SPEED) is None  # no percentage of nothing
    assert gain(0.0, 10.0, Metric.SCORE) == 10.0


def test_points_must_be_timezone_aware():
    with pytest.raises(ValueError, match="timezone-aware"):
        AttemptPoint(datetime(2024, 1, 1), "test", 1.0, None, None)


def test_week_start_is_the_monday_in_the_given_zone():
    from datetime import timezone

    sunday_late = datetime(2024, 1, 7, 20, 0, tzinfo=UTC)  # Monday 04:00 in UTC+8
    assert week_start(sunday_late).isoformat() == "2024-01-01"
    assert week_start(sunday_late, timezone(timedelta(hours=8))).isoformat() == "2024-01-08"
