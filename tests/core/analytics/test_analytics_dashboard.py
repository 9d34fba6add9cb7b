"""Stalled / improved-most rankings and team aggregation, by hand."""

from datetime import UTC, datetime, timedelta

import pytest

from svctrainer.core.analytics.dashboard import (
    PersonSeries,
    StallRule,
    StallStatus,
    improved_most,
    stall_check,
    stalled,
    summarise,
    team_summaries,
    team_summary,
)
from svctrainer.core.analytics.series import AttemptPoint, Metric

T0 = datetime(2024, 6, 3, 9, 0, tzinfo=UTC)


def at(days, speed, mode="practice", valid=True, accuracy=0.95):
    return AttemptPoint(T0 + timedelta(days=days), mode, speed, accuracy, None, valid, f"{days}")


def now(days):
    return T0 + timedelta(days=days)


# Five attempts 6 days apart (days 1..25), judged on day 27 with the default rule
# (4-week window, 14 idle days, 5 attempts, 2 % minimum gain).
DAYS = (1, 7, 13, 19, 25)


def test_improving():
    # Speeds rise 1 per 6 days: fitted change over the span = 4; median of the window 102;
    # gain = 4 / 102 * 100 = 3.92 % >= 2 %
    check = stall_check([at(d, 100 + i) for i, d in enumerate(DAYS)], now(27))
    assert check.status is StallStatus.IMPROVING
    assert check.window_gain == pytest.approx(400 / 102)
    assert check.attempts_in_window == 5
    assert check.last_practice_at == now(25)
    assert not check.stalled


def test_no_gain_is_stalled():
    # Speeds rise 0.5 per 6 days: change 2, median 101 -> 1.98 % < 2 %
    check = stall_check([at(d, 100 + 0.5 * i) for i, d in enumerate(DAYS)], now(27))
    assert check.status is StallStatus.NO_GAIN
    assert check.window_gain == pytest.approx(200 / 101)
    assert check.stalled


def test_practice_and_tests_both_count_in_the_window():
    points = [at(d, 100 + i, mode="test" if i % 2 else "practice") for i, d in enumerate(DAYS)]
    assert stall_check(points, now(27)).status is StallStatus.IMPROVING


def test_too_few_recent_attempts_is_not_judged():
    # an old attempt (outside the 4-week window) and 4 recent ones
    points = [at(-30, 50)] + [at(d, 100 + i) for i, d in enumerate(DAYS[1:])]
    check = stall_check(points, now(27))
    assert check.status is StallStatus.NOT_ENOUGH_DATA
    assert check.attempts_in_window == 4
    assert not check.stalled


def test_no_practice_for_the_idle_period():
    check = stall_check([at(d, 100 + i) for i, d in enumerate(DAYS)], now(25 + 15))
    assert check.status is StallStatus.NO_PRACTICE
    assert check.last_practice_at == now(25)
    assert check.stalled
    # 14 days exactly is still practice
    assert stall_check([at(0, 100)], now(14)).status is StallStatus.NOT_ENOUGH_DATA


def test_never_practised_and_invalid_attempts_do_not_count_as_practice():
    assert stall_check([], now(0)).status is StallStatus.NO_PRACTICE
    check = stall_check([at(0, 100, valid=False)], now(1))
    assert check.status is StallStatus.NO_PRACTICE
    assert check.last_practice_at is None


def test_accuracy_gain_in_percentage_points():
    # accuracy 0.90 -> 0.94 over the window: fitted change 0.04 = 4 pp >= 2
    points = [at(d, 100, accuracy=0.90 + 0.01 * i) for i, d in enumerate(DAYS)]
    check = stall_check(points, now(27), Metric.ACCURACY)
    assert check.status is StallStatus.IMPROVING
    assert check.window_gain == pytest.approx(4.0)


def test_custom_rule():
    rule = StallRule(weeks=1, idle_days=3, min_attempts=2, min_gain=10.0)
    # last 7 days hold days 19 and 25: 103 -> 104 is ~0.97 % < 10 %
    check = stall_check([at(d, 100 + i) for i, d in enumerate(DAYS)], now(26), rule=rule)
    assert check.status is StallStatus.NO_GAIN
    assert check.attempts_in_window == 2


def make_tests(offset, *speeds):
    return [at(offset + i, s, mode="test") for i, s in enumerate(speeds)]


PEOPLE = [
    PersonSeries("E003", "A", make_tests(0, 6000, 6000, 6000, 7200)),  # +20 %
    PersonSeries("E001", "A", make_tests(0, 5000, 5000, 5000, 6000)),  # +20 %
    PersonSeries("E002", "B", make_tests(0, 8000, 8000, 8000, 8800)),  # +10 %
    PersonSeries("E004", "B", make_tests(0, 7000, 7000, 7000, 6300)),  # -10 %
    PersonSeries("E005", None, make_tests(0, 7000, 7100)),  # no baseline yet
]


def test_summaries_are_in_person_order():
    summaries = summarise(PEOPLE, now(10))
    assert [s.person_key for s in summaries] == ["E001", "E002", "E003", "E004", "E005"]
    assert [s.progress.gain for s in summaries] == pytest.approx([20.0, 10.0, 20.0, -10.0, None])


def test_improved_most_ranks_positive_gains_with_ties_by_person():
    summaries = summarise(PEOPLE, now(10))
    assert [s.person_key for s in improved_most(summaries)] == ["E001", "E003", "E002"]
    assert [s.person_key for s in improved_most(summaries, limit=2)] == ["E001", "E003"]


def test_stalled_ranks_the_most_urgent_first():
    people = [
        PersonSeries("P1", "A", [at(d, 100 + 0.5 * i) for i, d in enumerate(DAYS)]),  # 1.98 %
        PersonSeries("P2", "A", [at(d, 100) for d in DAYS]),  # 0 % gain
        PersonSeries("P3", "A", [at(0, 100)]),  # idle since day 0
        PersonSeries("P4", "A", []),  # never practised
        PersonSeries("P5", "A", [at(d, 100 + i) for i, d in enumerate(DAYS)]),  # improving
        PersonSeries("P6", "A", [at(5, 100)]),  # idle since day 5
    ]
    ranked = stalled(summarise(people, now(27)))
    assert [s.person_key for s in ranked] == ["P4", "P3", "P6", "P2", "P1"]


def test_team_aggregates_use_medians_of_members():
    teams = team_summaries(summarise(PEOPLE, now(10)))
    assert [t.team for t in teams] == ["A", "B", None]
    a, b, none = teams
    # A: baselines 5000, 6000; latest 6000, 7200; gains 20, 20
    assert (a.people, a.with_baseline, a.with_gain) == (2, 2, 2)
    assert (a.median_baseline, a.median_latest) == (5500, 6600)
    assert a.median_gain == pytest.approx(20.0)
    assert a.improved == 2
    # B: baselines 8000, 7000 -> 7500; latest 8800, 6300 -> 7550; gains 10, -10 -> 0
    assert (b.median_baseline, b.median_latest) == (7500, 7550)
    assert b.median_gain == pytest.approx(0.0)
    assert b.mean_gain == pytest.approx(0.0)
    assert b.improved == 1
    # no team: one person without a baseline
    assert (none.people, none.with_baseline, none.median_gain) == (1, 0, None)


def test_branch_total_and_stalled_count():
    summaries = summarise(PEOPLE, now(30))  # everyone idle for 26+ days
    branch = team_summary("branch", summaries)
    assert branch.people == 5
    assert branch.stalled == 5
    assert branch.median_gain == pytest.approx(15.0)  # median of 20, 10, 20, -10
