"""A seeded simulation of a branch's ticket queue, written as a queue-ticket export.

For the demo branch, the import benchmark and tests that need a real-shaped export
(tens of thousands of tickets): customers arrive as a Poisson process whose rate changes
hour by hour (the profile), take a ticket for a business type, and are called first come
first served to whichever open window is free first; the number of open windows follows
the profile (a window closing at the hour finishes its customer first). Service times
are gamma distributed with the given mean and CV (exponential at CV 1, fixed at CV 0);
the walk from the call to the window is 5–25 s and holds the window too. A few customers
walk away before being called (``walk_away``), a few are called but never come
(``no_show``: the window calls twice over 30 s, then moves on).

Times are local wall-clock times (naive), as a queue-ticket system exports them.
"""

from __future__ import annotations

import csv
import io
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from svctrainer.core.queueing.branch_day import ArrivalProfile

NO_SHOW_HOLD_S = 30.0
WALK_S = (5.0, 25.0)
HEADER = ("ticket", "business_type", "issued_at", "called_at", "service_start", "service_end",
          "window")  # fmt: skip


@dataclass(frozen=True, slots=True)
class SimulatedTicket:
    ticket: str
    business_type: str
    window: str
    issued_at: datetime
    called_at: datetime | None
    service_start: datetime | None
    service_end: datetime | None


def simulate_day(  # noqa: PLR0917 - the model's inputs
    day: date,
    profile: ArrivalProfile,
    service_s: float,
    cv_service: float,
    rng: random.Random,
    business_types: Sequence[tuple[str, float]] = (("counter", 1.0),),
    no_show: float = 0.02,
    walk_away: float = 0.01,
) -> list[SimulatedTicket]:
    """One day's tickets (module docstring), in the order they were issued."""
    opening = {h.start_hour: h for h in profile.hours}
    first_hour, last_hour = profile.hours[0].start_hour, profile.hours[-1].start_hour
    start = datetime.combine(day, time(first_hour))
    closing = datetime.combine(day, time(last_hour)) + timedelta(hours=1)
    names = [b for b, _ in business_types]
    weights = [w for _, w in business_types]
    arrivals = []
    for hour in range(first_hour, last_hour + 1):
        slot = opening.get(hour)
        if slot is None or slot.arrivals_per_hour <= 0:
            continue
        at = 0.0
        while True:
            at += rng.expovariate(slot.arrivals_per_hour / 3600.0)
            if at >= 3600.0:
                break
            arrivals.append(datetime.combine(day, time(hour)) + timedelta(seconds=at))
    most = max(h.windows for h in profile.hours)
    free = [start] * most

    def open_windows(moment: datetime) -> int:
        slot = opening.get(moment.hour) if moment < closing else None
        return 0 if slot is None else slot.windows

    tickets = []
    draw = _gamma(service_s, cv_service, rng)
    for n, issued in enumerate(arrivals, 1):
        business = rng.choices(names, weights)[0]
        number = f"{business[:1].upper()}{n:04d}"
        if rng.random() < walk_away:
            tickets.append(SimulatedTicket(number, business, "", issued, None, None, None))
            continue
        best: tuple[datetime, int] | None = None
        for w in range(most):
            moment = max(issued, free[w])
            while moment < closing and w >= open_windows(moment):
                moment = datetime.combine(day, time(moment.hour)) + timedelta(hours=1)
            if moment < closing + timedelta(hours=2) and (best is None or moment < best[0]):
                best = (moment, w)
        if best is None:
            tickets.append(SimulatedTicket(number, business, "", issued, None, None, None))
            continue
        called, w = best
        window = f"{w + 1:02d}"
        if rng.random() < no_show:
            free[w] = called + timedelta(seconds=NO_SHOW_HOLD_S)
            tickets.append(SimulatedTicket(number, business, window, issued, called, None, None))
            continue
        begin = called + timedelta(seconds=rng.uniform(*WALK_S))
        end = begin + timedelta(seconds=draw())
        free[w] = end
        tickets.append(SimulatedTicket(number, business, window, issued, called, begin, end))
    return tickets


def simulate_days(  # noqa: PLR0917 - the model's inputs
    days: Sequence[date],
    profile: ArrivalProfile,
    service_s: Callable[[date], float],
    cv_service: float,
    seed: int,
    business_types: Sequence[tuple[str, float]] = (("counter", 1.0),),
) -> list[SimulatedTicket]:
    rng = random.Random(seed)
    out: list[SimulatedTicket] = []
    for day in days:
        out += simulate_day(day, profile, service_s(day), cv_service, rng, business_types)
    return out


def export_csv(tickets: Sequence[SimulatedTicket], delimiter: str = ",") -> str:
    """The tickets in the documented export format (docs/queue-data-format.md)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(HEADER)
    for t in tickets:
        writer.writerow(
            (t.ticket, t.business_type, _stamp(t.issued_at), _stamp(t.called_at),
             _stamp(t.service_start), _stamp(t.service_end), t.window)
        )  # fmt: skip
    return out.getvalue()


def _stamp(moment: datetime | None) -> str:
    return "" if moment is None else moment.strftime("%Y-%m-%d %H:%M:%S")


def _gamma(mean: float, cv: float, rng: random.Random) -> Callable[[], float]:
    if cv <= 0:
        return lambda: mean
    shape = 1.0 / (cv * cv)
    scale = mean / shape
    return lambda: rng.gammavariate(shape, scale)
