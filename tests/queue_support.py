"""Real-shaped queue-ticket exports for service, command-line and GUI tests, written by
the seeded simulation in ``core.queueing.ticket_simulation``."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from svctrainer.core.queueing.ticket_simulation import export_csv, simulate_days
from svctrainer.services.settings import DEFAULT_PROFILE

ZONE = "Asia/Shanghai"
FIRST_DAY = date(2026, 3, 2)  # a Monday


def working_days(first: date, count: int) -> list[date]:
    """``count`` weekdays from ``first`` on."""
    days, day = [], first
    while len(days) < count:
        if day.weekday() < 5:
            days.append(day)
        day += timedelta(days=1)
    return days


def write_export(
    path: Path,
    days: int = 5,
    *,
    first: date = FIRST_DAY,
    service_s: float = 290.0,
    seed: int = 1,
    delimiter: str = ",",
    encoding: str = "utf-8",
) -> Path:
    tickets = simulate_days(
        working_days(first, days), DEFAULT_PROFILE, lambda _d: service_s, 1.0, seed,
        (("cash deposit", 0.5), ("transfer", 0.3), ("account services", 0.2)),
    )  # fmt: skip
    path.write_bytes(export_csv(tickets, delimiter).encode(encoding))
    return path
