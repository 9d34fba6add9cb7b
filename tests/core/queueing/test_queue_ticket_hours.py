"""Tickets → per-hour figures → the queue conditions they measure, worked by hand, and a
long simulation that the measured conditions recover."""

from __future__ import annotations

import math
from datetime import date, timedelta
from zoneinfo import ZoneInfo

import pytest

from svctrainer.core.queueing.ticket_export import parse_export
from svctrainer.core.queueing.ticket_hours import Moments, hour_stats, measure
from svctrainer.core.queueing.ticket_simulation import export_csv, simulate_days
from svctrainer.services.settings import DEFAULT_PROFILE

HEADER = "ticket,business_type,issued_at,called_at,service_start,service_end,window"
DAY1 = "2026-03-05"
DAY2 = "2026-03-06"


def _tickets(rows: list[str]):
    f = parse_export("\n".join([HEADER, *rows]), "t.csv", zone=ZoneInfo("Asia/Shanghai"))
    assert f.sound, f.problems
    return f.tickets


def _row(  # noqa: PLR0917 - a ticket's columns in their order
    n: str, day: str, issued: str, called: str = "", start: str = "", end: str = "",
    window: str = "",
) -> str:  # fmt: skip
    stamp = [f"{day} {t}" if t else "" for t in (issued, called, start, end)]
    return ",".join([n, "x", *stamp, window])


ROWS = [
    # day 1, 09:00 hour: three tickets
    _row("A1", DAY1, "09:00:00", "09:00:30", "09:00:40", "09:05:30", "1"),  # wait 30, hold 300
    _row("A2", DAY1, "09:10:00", "09:12:00", "09:12:20", "09:17:00", "2"),  # wait 120, hold 300
    _row("A3", DAY1, "09:40:00"),  # walked away
    # day 1, 10:00 hour: a no-show and a customer called by window 1 at 11:00
    _row("A4", DAY1, "10:05:00", "10:06:00", "", "", "2"),  # no-show, wait 60
    _row("A5", DAY1, "10:50:00", "11:00:00", "11:00:10", "11:03:00", "1"),  # wait 600, hold 180
    # day 2, 09:00 hour: one customer
    _row("B1", DAY2, "09:30:00", "09:31:00", "09:31:10", "09:41:00", "3"),  # wait 60, hold 600
]


def test_hour_stats_by_hand():
    stats = hour_stats(_tickets(ROWS))
    assert [(s.day.day, s.hour) for s in stats] == [(5, 9), (5, 10), (5, 11), (6, 9)]
    nine, ten, eleven, other = stats
    assert (nine.arrivals, nine.served, nine.no_shows, nine.walked_away) == (3, 2, 0, 1)
    assert nine.windows == 2
    assert nine.holding == Moments(2, 600.0, 2 * 300.0**2)
    assert nine.service == Moments(2, 290.0 + 280.0, 290.0**2 + 280.0**2)
    assert nine.wait == Moments(2, 150.0, 30.0**2 + 120.0**2)
    assert nine.gaps == Moments(2, 600.0 + 1800.0, 600.0**2 + 1800.0**2)
    assert (ten.arrivals, ten.served, ten.no_shows) == (2, 1, 1)
    assert ten.windows == 1  # window 2 called the no-show; window 1 called A5 at 11:00
    assert ten.wait.total == 60.0 + 600.0
    assert (eleven.arrivals, eleven.windows) == (0, 1)  # no ticket issued, one window calling
    assert other.holding.total == 600.0


def test_measure_by_hand():
    """Two open days. 09:00: 3 served over 2 days = 1.5 an hour, windows (2 + 1) / 2 = 1.5
    → 2; 10:00: 1 served / 2 days; 11:00: nobody served, left out.
    S = (300 + 300 + 180 + 600) / 4 = 345 s."""
    m = measure(hour_stats(_tickets(ROWS)), over_target={9: 0, 10: 1}, target_s=300)
    assert (m.days, m.tickets, m.served, m.no_shows, m.walked_away) == (2, 6, 4, 1, 1)
    assert (m.first_day, m.last_day) == (date(2026, 3, 5), date(2026, 3, 6))
    assert [h.hour for h in m.hours] == [9, 10]
    nine, ten = m.hours
    assert nine.arrivals_per_hour == 1.5
    assert nine.tickets_per_hour == 2.0
    assert (nine.windows_mean, nine.windows) == (1.5, 2)
    assert nine.mean_wait_s == pytest.approx((30 + 120 + 60) / 3)
    assert ten.arrivals_per_hour == 0.5
    assert ten.windows == 1
    assert ten.share_over_target == pytest.approx(1 / 2)
    assert m.holding.mean == 345.0
    sd = math.sqrt((300**2 * 2 + 180**2 + 600**2) / 4 - 345**2)
    assert m.holding.cv == pytest.approx(sd / 345)
    assert m.share_over_target == pytest.approx(1 / 5)
    c = m.conditions
    assert c is not None
    assert c.service_s == 345.0
    assert [(h.start_hour, h.windows, h.arrivals_per_hour) for h in c.profile.hours] == [
        (9, 2, 1.5),
        (10, 1, 0.5),
    ]
    assert measure([]) is None


def test_a_long_simulation_is_measured_back():
    """60 days of the default profile at 280 s service (plus a 5–25 s walk): the measured
    profile, service time and variability recover what was simulated."""
    days = [date(2026, 1, 5) + timedelta(days=i) for i in range(60)]
    sim = simulate_days(days, DEFAULT_PROFILE, lambda d: 280.0, 1.0, seed=11)
    f = parse_export(export_csv(sim), "s.csv", zone=ZoneInfo("Asia/Shanghai"))
    m = measure(hour_stats(f.tickets))
    assert m is not None
    assert m.days == 60
    assert m.holding.mean == pytest.approx(295.0, rel=0.03)
    assert m.service.mean == pytest.approx(280.0, rel=0.03)
    assert m.cv_arrival == pytest.approx(1.0, abs=0.1)
    assert m.holding.cv == pytest.approx(0.95, abs=0.05)  # the fixed walk lowers it a bit
    expected = {h.start_hour: h for h in DEFAULT_PROFILE.hours}
    for h in m.hours:
        assert h.windows == expected[h.hour].windows
        assert h.tickets_per_hour == pytest.approx(expected[h.hour].arrivals_per_hour, rel=0.12)
    # seeded: the same seed gives the same export
    again = simulate_days(days[:2], DEFAULT_PROFILE, lambda d: 280.0, 1.0, seed=11)
    assert export_csv(again) == export_csv(sim[: len(again)])
