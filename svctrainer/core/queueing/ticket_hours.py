"""Imported tickets → per-hour arrivals, service and waiting times → queue conditions.

Per local day and clock hour (``HourStats``, what the store keeps), counting each ticket
in the hour it was issued (the hour the customer joined the line):

- arrivals: tickets issued; served: with a service end; no-shows: called, never served;
  walked away: never called;
- windows: distinct windows that called a ticket during the hour (whichever hour that
  customer arrived in): a window that called was open; one finishing its last customer
  of the morning after the hour struck is not counted as open in the lunch hour;
- holding time (call → end of service: the window is held from the call on, including
  the customer's walk to it), service time (start → end), wait (issue → call), as count,
  sum and sum of squares, so that any set of hours pools exactly;
- inter-arrival gaps between tickets issued one after another in the same hour.

Over a period (``measure``), per clock hour h, on the D days the branch issued tickets:

    λ_h = served customers in hour h / D          (no-shows and walk-aways take no service)
    c_h = mean windows calling in hour h, rounded to the nearest whole window (at least 1)
    S   = Σ holding time / Σ served               CV_s = standard deviation / S
    CV_a² = mean over day-hours of (variance / mean²) of the gaps, weighted by gaps

with the measured mean wait and, when the tickets' waits over the target were counted,
the measured share waiting longer than the target, per hour and for the period.
"""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Protocol

from svctrainer.core.queueing.branch_day import ArrivalProfile, ProfileHour, QueueConditions


class TicketTimes(Protocol):
    """What ``hour_stats`` reads of a ticket (``ticket_export.Ticket`` has it)."""

    @property
    def window(self) -> str: ...
    @property
    def issued_at(self) -> datetime: ...
    @property
    def wait_s(self) -> float | None: ...
    @property
    def holding_s(self) -> float | None: ...
    @property
    def service_s(self) -> float | None: ...
    @property
    def local_day(self) -> date: ...
    @property
    def local_hour(self) -> int: ...
    @property
    def utc_offset_s(self) -> int: ...


@dataclass(frozen=True, slots=True)
class Moments:
    """Count, sum and sum of squares of some durations (seconds)."""

    count: int = 0
    total: float = 0.0
    squares: float = 0.0

    def add(self, other: Moments) -> Moments:
        return Moments(self.count + other.count, self.total + other.total,
                       self.squares + other.squares)  # fmt: skip

    @property
    def mean(self) -> float | None:
        return self.total / self.count if self.count else None

    @property
    def cv(self) -> float | None:
        """Coefficient of variation (population), None below two values or a zero mean."""
        if self.count < 2 or self.total <= 0:
            return None
        mean = self.total / self.count
        variance = max(0.0, self.squares / self.count - mean * mean)
        return math.sqrt(variance) / mean

    @classmethod
    def of(cls, values: Iterable[float]) -> Moments:
        count, total, squares = 0, 0.0, 0.0
        for v in values:
            count += 1
            total += v
            squares += v * v
        return cls(count, total, squares)


@dataclass(frozen=True, slots=True)
class HourStats:
    day: date  # local
    hour: int  # local clock hour, 0–23
    arrivals: int
    served: int
    no_shows: int
    walked_away: int
    windows: int
    holding: Moments
    service: Moments
    wait: Moments
    gaps: Moments


def hour_stats(tickets: Iterable[TicketTimes]) -> list[HourStats]:
    """Per (local day, hour) figures of complete days of tickets, in order."""
    by_hour: dict[tuple[date, int], list[TicketTimes]] = defaultdict(list)
    busy: dict[tuple[date, int], set[str]] = defaultdict(set)
    for t in tickets:
        by_hour[(t.local_day, t.local_hour)].append(t)
        if t.wait_s is not None and t.window:
            local_call = t.issued_at + timedelta(seconds=t.utc_offset_s + t.wait_s)
            if local_call.date() == t.local_day:
                busy[(t.local_day, local_call.hour)].add(t.window)
    out = []
    for key in sorted(set(by_hour) | set(busy)):
        day, hour = key
        group = sorted(by_hour.get(key, ()), key=lambda t: t.issued_at)
        served = [t for t in group if t.holding_s is not None]
        waits = [t.wait_s for t in group if t.wait_s is not None]
        out.append(
            HourStats(
                day,
                hour,
                arrivals=len(group),
                served=len(served),
                no_shows=len(waits) - len(served),
                walked_away=len(group) - len(waits),
                windows=len(busy.get(key, ())),
                holding=Moments.of(t.holding_s for t in served if t.holding_s is not None),
                service=Moments.of(t.service_s for t in served if t.service_s is not None),
                wait=Moments.of(waits),
                gaps=Moments.of(
                    (b.issued_at - a.issued_at).total_seconds()
                    for a, b in itertools.pairwise(group)
                ),
            )
        )
    return out


@dataclass(frozen=True, slots=True)
class HourOfDay:
    """One clock hour over the period's open days."""

    hour: int
    days: int  # open days of the period
    arrivals_per_hour: float  # served customers per day in this hour
    tickets_per_hour: float  # every ticket issued, per day
    windows_mean: float
    windows: int  # rounded, at least 1
    mean_wait_s: float | None
    mean_service_s: float | None  # start → end
    mean_holding_s: float | None  # call → end
    share_over_target: float | None  # measured, when counted


@dataclass(frozen=True)
class MeasuredQueue:
    """What a period of imported tickets says about the branch's queue."""

    first_day: date
    last_day: date
    days: int
    tickets: int
    served: int
    no_shows: int
    walked_away: int
    hours: tuple[HourOfDay, ...]
    holding: Moments
    service: Moments
    wait: Moments
    cv_arrival: float
    over_target: int | None  # tickets waiting longer than the target, when counted
    target_s: float | None

    @property
    def conditions(self) -> QueueConditions | None:
        """The queue model's inputs, or None if nobody was served."""
        mean = self.holding.mean
        if mean is None or mean <= 0:
            return None
        profile = ArrivalProfile(
            tuple(ProfileHour(h.hour, h.windows, h.arrivals_per_hour) for h in self.hours)
        )
        return QueueConditions(profile, mean, self.cv_arrival, self.holding.cv or 1.0)

    @property
    def customers_per_day(self) -> float:
        return self.served / self.days if self.days else 0.0

    @property
    def share_over_target(self) -> float | None:
        called = self.wait.count
        if self.over_target is None or not called:
            return None
        return self.over_target / called


def measure(
    stats: Sequence[HourStats],
    over_target: Mapping[int, int] | None = None,
    target_s: float | None = None,
) -> MeasuredQueue | None:
    """The period's queue (module docstring); ``over_target``: per clock hour, tickets
    that waited longer than ``target_s``. None when there are no tickets."""
    if not stats:
        return None
    days = sorted({s.day for s in stats})
    per_hour: dict[int, list[HourStats]] = defaultdict(list)
    for s in stats:
        per_hour[s.hour].append(s)
    hours = []
    for hour in sorted(per_hour):
        group = per_hour[hour]
        holding = _pool(s.holding for s in group)
        waits = _pool(s.wait for s in group)
        windows_mean = sum(s.windows for s in group) / len(days)
        over = None if over_target is None else over_target.get(hour, 0)
        if sum(s.served for s in group) == 0:
            continue  # an hour with tickets but nobody served: no service to model
        hours.append(
            HourOfDay(
                hour,
                len(days),
                sum(s.served for s in group) / len(days),
                sum(s.arrivals for s in group) / len(days),
                windows_mean,
                max(1, math.floor(windows_mean + 0.5)),
                waits.mean,
                _pool(s.service for s in group).mean,
                holding.mean,
                None if over is None or not waits.count else over / waits.count,
            )
        )
    gap_weight = sum(s.gaps.count for s in stats)
    cv2 = (
        math.fsum((s.gaps.cv or 0.0) ** 2 * s.gaps.count for s in stats if s.gaps.cv is not None)
        / gap_weight
        if gap_weight
        else 1.0
    )
    return MeasuredQueue(
        first_day=days[0],
        last_day=days[-1],
        days=len(days),
        tickets=sum(s.arrivals for s in stats),
        served=sum(s.served for s in stats),
        no_shows=sum(s.no_shows for s in stats),
        walked_away=sum(s.walked_away for s in stats),
        hours=tuple(hours),
        holding=_pool(s.holding for s in stats),
        service=_pool(s.service for s in stats),
        wait=_pool(s.wait for s in stats),
        cv_arrival=math.sqrt(cv2) if gap_weight else 1.0,
        over_target=None if over_target is None else sum(over_target.values()),
        target_s=target_s,
    )


def _pool(moments: Iterable[Moments]) -> Moments:
    total = Moments()
    for m in moments:
        total = total.add(m)
    return total
