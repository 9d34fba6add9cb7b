"""Rolling median and least-squares trend, on hand-computed cases."""

from datetime import UTC, datetime, timedelta

import pytest

from svctrainer.core.analytics.rolling import rolling_median
from svctrainer.core.analytics.series import AttemptPoint, Metric
from svctrainer.core.analytics.trend import fit_trend, least_squares, weeks

T0 = datetime(2024, 3, 4, 10, 0, tzinfo=UTC)


def make_point(days, speed, *, mode="practice", valid=True, ident=""):
    return AttemptPoint(
        T0 + timedelta(days=days), mode, speed, 0.9, 50.0, valid, ident or f"a{days:08.3f}"
    )


def series(*speeds, spacing_days=1.0):
    return [make_point(i * spacing_days, s) for i, s in enumerate(speeds)]


def test_rolling_median_is_trailing_with_partial_windows_at_the_start():
    # window 3 over 10, 30, 20, 50, 40:
    # [10] -> 10; [10, 30] -> 20; [10, 30, 20] -> 20; [30, 20, 50] -> 30; [20, 50, 40] -> 40
    line = rolling_median(series(10, 30, 20, 50, 40), window=3)
    assert [p.value for p in line] == [10, 20, 20, 30, 40]
    assert [p.at for p in line] == [T0 + timedelta(days=i) for i in range(5)]


def test_rolling_median_with_full_windows_only():
    line = rolling_median(series(10, 30, 20, 50, 40), window=3, min_periods=3)
    assert [p.value for p in line] == [20, 30, 40]
    assert line[0].at == T0 + timedelta(days=2)


def test_rolling_median_skips_invalid_and_filtered_modes():
    points = [
        make_point(0, 10),
        make_point(1, 1000, valid=False),
        make_point(2, 30, mode="test"),
        make_point(3, 20),
    ]
    assert [p.value for p in rolling_median(points, window=2)] == [10, 20, 25]
    practice_only = rolling_median(points, window=2, modes={"practice"})
    assert [p.value for p in practice_only] == [10, 15]


def test_rolling_median_rejects_bad_windows():
    with pytest.raises(ValueError, match="min_periods"):
        rolling_median([], window=0)
    with pytest.raises(ValueError, match="min_periods"):
        rolling_median([], window=3, min_periods=4)


def test_trend_on_a_straight_line():
    # one attempt a week: 100, 110, 120 -> slope 10 per week, intercept 100
    trend = fit_trend(series(100, 110, 120, spacing_days=7))
    assert trend is not None
    assert trend.slope_per_week == pytest.approx(10.0)
    assert trend.intercept == pytest.approx(100.0)
    assert trend.count == 3
    assert trend.span_weeks == pytest.approx(2.0)
    assert trend.line[0].at == T0
    assert trend.line[1].at == T0 + timedelta(days=14)
    assert trend.line[1].value == pytest.approx(120.0)


def test_trend_least_squares_by_hand():
    # x (weeks) 0, 1, 2, 3; y 100, 120, 110, 130; mean x 1.5, mean y 115
    # Sxy = (-1.5)(-15) + (-0.5)(5) + (0.5)(-5) + (1.5)(15) = 40; Sxx = 5
    # slope = 8 per week; intercept = 115 - 8 * 1.5 = 103; line 103 -> 127
    trend = fit_trend(series(100, 120, 110, 130, spacing_days=7))
    assert trend is not None
    assert trend.slope_per_week == pytest.approx(8.0)
    assert trend.intercept == pytest.approx(103.0)
    assert trend.line[1].value == pytest.approx(127.0)
    assert trend.change_over_span == pytest.approx(24.0)
    assert trend.value_at(T0 + timedelta(days=7)) == pytest.approx(111.0)


def test_trend_slope_is_per_week_of_calendar_time():
    # 100 then 105 half a week later: 5 per half week = 10 per week
    trend = fit_trend([make_point(0, 100), make_point(3.5, 105)])
    assert trend is not None
    assert trend.slope_per_week == pytest.approx(10.0)


def test_trend_needs_two_points_at_different_times():
    assert fit_trend(series(100)) is None
    assert fit_trend([make_point(1, 100, ident="a"), make_point(1, 120, ident="b")]) is None
    assert fit_trend([make_point(0, 100), make_point(1, 120, valid=False)]) is None


def test_trend_since_and_modes():
    points = [make_point(0, 500), make_point(7, 100, mode="test"), make_point(14, 120)]
    late = fit_trend(points, since=T0 + timedelta(days=7))
    assert late is not None
    assert late.slope_per_week == pytest.approx(20.0)
    assert fit_trend(points, modes={"test"}) is None


def test_trend_accuracy_metric():
    points = [
        AttemptPoint(T0 + timedelta(days=7 * i), "test", 1.0, acc, None)
        for i, acc in enumerate([0.90, 0.92, 0.94])
    ]
    trend = fit_trend(points, Metric.ACCURACY)
    assert trend is not None
    assert trend.slope_per_week == pytest.approx(0.02)


def test_least_squares_checks_lengths():
    with pytest.raises(ValueError, match="as many"):
        least_squares([1.0, 2.0], [1.0])
    assert least_squares([1.0], [1.0]) is None
    assert weeks(2) == timedelta(days=14)
