"""A branch's day hour by hour: the saving formula, unstable hours, windows needed and the
what-if grid."""

from __future__ import annotations

import math

import pytest

from svctrainer.core.queueing.branch_day import (
    ArrivalProfile,
    ProfileHour,
    QueueConditions,
    day_saving,
    profile_from_mapping,
    what_if,
)
from svctrainer.core.queueing.multi_server import HourQueue, Stable, WaitTarget, hour_figures

PROFILE = profile_from_mapping(
    {9: (4, 26), 10: (4, 38), 11: (4, 42), 12: (3, 24), 13: (3, 26), 14: (4, 36),
     15: (4, 34), 16: (4, 24)}
)  # fmt: skip
TARGET = WaitTarget(900, 0.8)


def _wq(c: int, lam: float, s: float) -> float:
    result = hour_figures(HourQueue(c, lam, s))
    assert isinstance(result, Stable)
    return result.wait_s


def test_day_saving_is_the_sum_over_hours():
    """Σ_h λ_h · [W_q,h(300) − W_q,h(290) + 10] / 60, hour by hour."""
    day = day_saving(QueueConditions(PROFILE, 300.0), 10.0, TARGET)
    expected = math.fsum(
        h.arrivals_per_hour * (_wq(h.windows, h.arrivals_per_hour, 300)
                               - _wq(h.windows, h.arrivals_per_hour, 290) + 10)
        for h in PROFILE.hours
    ) / 60  # fmt: skip
    assert day.customer_minutes_saved == pytest.approx(expected)
    assert day.customer_minutes_saved == pytest.approx(210.6, abs=0.1)
    assert day.service_minutes_saved == pytest.approx(250 * 10 / 60)
    assert day.waiting_minutes_saved == pytest.approx(expected - 250 * 10 / 60)
    assert day.customers == 250
    eleven = day.hours[2]
    assert eleven.hour.start_hour == 11
    assert eleven.saved_s_per_customer == pytest.approx(132.29, abs=0.01)


def test_averaging_the_day_understates_the_saving():
    """Issue 14: the day's average rate (250 / 8 an hour on 4 windows) gives 95
    customer-minutes; the lower bound (service time saved) 42."""
    flat = ArrivalProfile(tuple(ProfileHour(h, 4, 250 / 8) for h in range(9, 17)))
    day = day_saving(QueueConditions(flat, 300.0), 10.0, TARGET)
    assert day.customer_minutes_saved == pytest.approx(94.9, abs=0.1)
    assert day.service_minutes_saved == pytest.approx(41.7, abs=0.1)
    hourly = day_saving(QueueConditions(PROFILE, 300.0), 10.0, TARGET)
    assert hourly.customer_minutes_saved > 2 * day.customer_minutes_saved


def test_an_unstable_hour_leaves_the_day_without_a_waiting_figure():
    busy = profile_from_mapping({9: (2, 20), 10: (2, 30)})  # 10:00: a = 2.5 ≥ 2 windows
    day = day_saving(QueueConditions(busy, 300.0), 10.0, TARGET)
    assert day.customer_minutes_saved is None
    assert day.waiting_minutes_saved is None
    assert [h.start_hour for h in day.unstable_before] == [10]
    assert [h.start_hour for h in day.unstable_after] == [10]
    assert day.mean_wait_before_s is None
    assert day.service_minutes_saved == pytest.approx(50 * 10 / 60)
    assert day.hours[1].windows_needed_before >= 3


def test_a_cut_can_make_an_unstable_hour_stable():
    edge = profile_from_mapping({10: (3, 36.5)})  # a = 3.04 before, 2.94 after a 10 s cut
    day = day_saving(QueueConditions(edge, 300.0), 10.0, TARGET)
    assert day.unstable_before
    assert not day.unstable_after
    assert day.customer_minutes_saved is None  # "before" has no finite wait


def test_windows_needed_and_shares():
    day = day_saving(QueueConditions(PROFILE, 300.0), 10.0, TARGET)
    assert day.window_hours_open == 30
    assert day.window_hours_needed_after <= day.window_hours_needed_before
    assert 0 <= day.share_over_target_after <= day.share_over_target_before <= 1
    assert day.mean_wait_after_s < day.mean_wait_before_s


def test_a_cut_that_leaves_no_service_time_is_refused():
    with pytest.raises(ValueError, match="no service time"):
        day_saving(QueueConditions(PROFILE, 300.0), 300.0, TARGET)


def test_what_if_grid():
    conditions = QueueConditions(PROFILE, 300.0)
    lines = what_if(conditions, (-1, 0, 1), (0.0, 10.0, 30.0, 400.0))
    assert [line.window_offset for line in lines] == [-1, 0, 1]
    less, same, more = lines
    assert [p.cut_s for p in same.points] == [0.0, 10.0, 30.0]  # 400 s: no service left
    waits = [p.mean_wait_s for p in same.points]
    assert waits == sorted(waits, reverse=True)
    day = day_saving(conditions, 10.0, TARGET)
    assert same.points[1].mean_wait_s == pytest.approx(day.mean_wait_after_s)
    assert all(m.mean_wait_s < s.mean_wait_s for m, s in zip(more.points, same.points, strict=True))
    # one window fewer: 11:00 has 42 an hour at 300 s on 3 windows (a = 3.5): unstable
    assert less.points[0].mean_wait_s is None
    assert what_if(conditions, (-3,), (0.0,)) == ()  # lunch hours would have no window


def test_profile_round_trip_and_checks():
    assert ArrivalProfile.from_list(PROFILE.to_list()) == PROFILE
    assert PROFILE.customers_per_day == 250
    assert PROFILE.mean_windows == 3.75
    for bad in ([], [[9, 4]], [[9, 0, 10]], [[25, 1, 10]], [[10, 1, 5], [9, 1, 5]],
                [[9, 1, -1]], [[9, True, 3]], "9,4,26", [[9, 1, "x"]]):  # fmt: skip
        with pytest.raises(ValueError, match=r"profile|hour|windows|arrivals"):
            ArrivalProfile.from_list(bad)
