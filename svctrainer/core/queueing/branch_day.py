"""A branch's day, hour by hour: what a shorter service time saves its customers.

Arrivals are not spread evenly over a day (the late morning and the early afternoon are
busy, the lunch hour has fewer windows open), and waiting grows steeply as an hour nears
capacity, so the day is modelled hour by hour: averaging the day's arrivals into one rate
understates the saving several times over (issue 14: 95 instead of 328 customer-minutes
for one 250-customer day).

An ``ArrivalProfile`` gives, per clock hour h, the windows open c_h and the customers
arriving λ_h. With the branch's mean service time S and a cut of Δ seconds per customer
(``multi_server`` has W_q):

    customer-minutes saved per day = Σ_h λ_h · [W_q,h(S) − W_q,h(S − Δ) + Δ] / 60

Each customer waits W_q,h(S) − W_q,h(S − Δ) less in the line and spends Δ less at the
window. The second part alone, Σ_h λ_h · Δ / 60, is the "service time saved": the lower
bound, true even when nobody queues (``service_minutes_saved``). If any hour is unstable
before or after (a ≥ c), the day has no finite waiting figure (None) and the hours are
named; the service time saved is still given.

Also per day: the share of customers who wait longer than the branch's target (λ-weighted
over the hours), the mean wait, and the windows each hour needs to meet the target at the
service time before and after the cut (``multi_server.windows_needed``).

``what_if`` draws the trade-off a supervisor weighs: for the profile with k windows more
(or fewer) every hour, the day's mean wait per customer against the service-time cut.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from svctrainer.core.queueing.multi_server import (
    MAX_WINDOWS,
    HourQueue,
    HourResult,
    Stable,
    WaitTarget,
    hour_figures,
    windows_needed,
)


@dataclass(frozen=True, slots=True)
class ProfileHour:
    """The clock hour starting at ``start_hour`` (local time, 0–23)."""

    start_hour: int
    windows: int
    arrivals_per_hour: float

    def __post_init__(self) -> None:
        if not (isinstance(self.start_hour, int) and 0 <= self.start_hour <= 23):
            raise ValueError("an hour of the profile starts at a whole hour from 0 to 23")
        if not (isinstance(self.windows, int) and 1 <= self.windows <= MAX_WINDOWS):
            raise ValueError(
                f"{self.label}: windows must be a whole number from 1 to {MAX_WINDOWS}"
            )
        if not (math.isfinite(self.arrivals_per_hour) and self.arrivals_per_hour >= 0):
            raise ValueError(f"{self.label}: arrivals must be a finite number, not negative")

    @property
    def label(self) -> str:
        return f"{self.start_hour:02d}:00"


@dataclass(frozen=True)
class ArrivalProfile:
    """The hours a branch is open, in clock order, each once."""

    hours: tuple[ProfileHour, ...]

    def __post_init__(self) -> None:
        if not self.hours:
            raise ValueError("an arrival profile needs at least one hour")
        starts = [h.start_hour for h in self.hours]
        if starts != sorted(set(starts)):
            raise ValueError("the profile's hours must be in clock order, each once")

    @property
    def customers_per_day(self) -> float:
        return math.fsum(h.arrivals_per_hour for h in self.hours)

    @property
    def mean_windows(self) -> float:
        """Windows open on average over the open hours."""
        return sum(h.windows for h in self.hours) / len(self.hours)

    def with_windows(self, offset: int) -> ArrivalProfile | None:
        """Every hour with ``offset`` windows more (fewer when negative); None if an hour
        would have none."""
        if any(h.windows + offset < 1 for h in self.hours):
            return None
        return ArrivalProfile(
            tuple(ProfileHour(h.start_hour, h.windows + offset, h.arrivals_per_hour)
                  for h in self.hours)
        )  # fmt: skip

    def to_list(self) -> list[list[float]]:
        """``[[start_hour, windows, arrivals], …]`` for the settings JSON."""
        return [[h.start_hour, h.windows, h.arrivals_per_hour] for h in self.hours]

    @classmethod
    def from_list(cls, data: Any) -> ArrivalProfile:
        """ValueError (with the reason) for anything that is not a profile."""
        if not isinstance(data, list):
            raise ValueError("an arrival profile is a list of [hour, windows, arrivals]")
        hours = []
        for row in data:
            if not (isinstance(row, list) and len(row) == 3):
                raise ValueError("each profile hour is [hour, windows, arrivals]")
            start, windows, arrivals = row
            if any(isinstance(v, bool) for v in row) or not (
                isinstance(start, int) and isinstance(windows, int)
            ):
                raise ValueError("a profile hour's start and windows are whole numbers")
            if not isinstance(arrivals, int | float):
                raise ValueError("a profile hour's arrivals are a number")
            hours.append(ProfileHour(start, windows, float(arrivals)))
        return cls(tuple(hours))


@dataclass(frozen=True)
class QueueConditions:
    """Everything the day's queue model needs besides the cut."""

    profile: ArrivalProfile
    service_s: float
    cv_arrival: float = 1.0
    cv_service: float = 1.0

    def __post_init__(self) -> None:
        if not (math.isfinite(self.service_s) and self.service_s > 0):
            raise ValueError("the mean service time must be a finite number of seconds above 0")
        for cv in (self.cv_arrival, self.cv_service):
            if not (math.isfinite(cv) and cv >= 0):
                raise ValueError("coefficients of variation must be finite and not negative")

    def hour(self, hour: ProfileHour, service_s: float | None = None) -> HourQueue:
        return HourQueue(
            hour.windows,
            hour.arrivals_per_hour,
            self.service_s if service_s is None else service_s,
            self.cv_arrival,
            self.cv_service,
        )


@dataclass(frozen=True, slots=True)
class HourSaving:
    hour: ProfileHour
    before: HourResult  # at S
    after: HourResult  # at S − Δ
    windows_needed_before: int
    windows_needed_after: int
    cut_s: float  # Δ

    @property
    def stable(self) -> bool:
        return isinstance(self.before, Stable) and isinstance(self.after, Stable)

    @property
    def wait_saved_s(self) -> float | None:
        """W_q(S) − W_q(S − Δ) per customer; None unless stable before and after."""
        if isinstance(self.before, Stable) and isinstance(self.after, Stable):
            return self.before.wait_s - self.after.wait_s
        return None

    @property
    def saved_s_per_customer(self) -> float | None:
        """W_q(S) − W_q(S − Δ) + Δ."""
        wait = self.wait_saved_s
        return None if wait is None else wait + self.cut_s


@dataclass(frozen=True)
class DaySaving:
    conditions: QueueConditions
    cut_s: float  # Δ: seconds off the mean service time
    target: WaitTarget
    hours: tuple[HourSaving, ...]

    @property
    def customers(self) -> float:
        return self.conditions.profile.customers_per_day

    @property
    def service_minutes_saved(self) -> float:
        """Σ_h λ_h · Δ / 60: the lower bound ("service time saved")."""
        return self.customers * self.cut_s / 60.0

    @property
    def waiting_minutes_saved(self) -> float | None:
        """Σ_h λ_h · [W_q,h(S) − W_q,h(S − Δ)] / 60; None if an hour is unstable."""
        waits = [h.wait_saved_s for h in self.hours]
        if any(w is None for w in waits):
            return None
        return (
            math.fsum(
                h.hour.arrivals_per_hour * (w or 0.0)
                for h, w in zip(self.hours, waits, strict=True)
            )
            / 60.0
        )

    @property
    def customer_minutes_saved(self) -> float | None:
        """Waiting saved plus service time saved; None if an hour is unstable."""
        waiting = self.waiting_minutes_saved
        return None if waiting is None else waiting + self.service_minutes_saved

    @property
    def unstable_before(self) -> tuple[ProfileHour, ...]:
        return tuple(h.hour for h in self.hours if not isinstance(h.before, Stable))

    @property
    def unstable_after(self) -> tuple[ProfileHour, ...]:
        return tuple(h.hour for h in self.hours if not isinstance(h.after, Stable))

    @property
    def mean_wait_before_s(self) -> float | None:
        return _mean_wait([h.before for h in self.hours], self.hours)

    @property
    def mean_wait_after_s(self) -> float | None:
        return _mean_wait([h.after for h in self.hours], self.hours)

    @property
    def share_over_target_before(self) -> float | None:
        return _share_over([h.before for h in self.hours], self.hours, self.target)

    @property
    def share_over_target_after(self) -> float | None:
        return _share_over([h.after for h in self.hours], self.hours, self.target)

    @property
    def window_hours_needed_before(self) -> int:
        return sum(h.windows_needed_before for h in self.hours)

    @property
    def window_hours_needed_after(self) -> int:
        return sum(h.windows_needed_after for h in self.hours)

    @property
    def window_hours_open(self) -> int:
        return sum(h.hour.windows for h in self.hours)


def day_saving(conditions: QueueConditions, cut_s: float, target: WaitTarget) -> DaySaving:
    """The day's figures for a cut of ``cut_s`` seconds (negative: slower service)."""
    s = conditions.service_s
    if not (math.isfinite(cut_s) and s - cut_s > 0):
        raise ValueError(f"a cut of {cut_s:g} s would leave no service time (mean {s:g} s)")
    cvs = (conditions.cv_arrival, conditions.cv_service)
    hours = []
    for hour in conditions.profile.hours:
        lam = hour.arrivals_per_hour
        hours.append(
            HourSaving(
                hour,
                hour_figures(conditions.hour(hour)),
                hour_figures(conditions.hour(hour, s - cut_s)),
                windows_needed(lam, s, target, *cvs),
                windows_needed(lam, s - cut_s, target, *cvs),
                cut_s,
            )
        )
    return DaySaving(conditions, cut_s, target, tuple(hours))


@dataclass(frozen=True, slots=True)
class WhatIfPoint:
    cut_s: float
    mean_wait_s: float | None  # λ-weighted over the day; None if an hour is unstable


@dataclass(frozen=True)
class WhatIfLine:
    window_offset: int  # windows more (+) or fewer (−) than the profile, every hour
    points: tuple[WhatIfPoint, ...]


def what_if(
    conditions: QueueConditions, window_offsets: Iterable[int], cuts_s: Sequence[float]
) -> tuple[WhatIfLine, ...]:
    """The day's mean wait per customer for each window offset and service-time cut
    (cuts that would leave no service time are left out)."""
    s = conditions.service_s
    usable_cuts = [c for c in cuts_s if math.isfinite(c) and s - c > 0]
    lines = []
    for offset in window_offsets:
        profile = conditions.profile.with_windows(offset)
        if profile is None:
            continue
        points = []
        for cut in usable_cuts:
            results = [
                hour_figures(
                    HourQueue(h.windows, h.arrivals_per_hour, s - cut,
                              conditions.cv_arrival, conditions.cv_service)
                )
                for h in profile.hours
            ]  # fmt: skip
            points.append(WhatIfPoint(cut, _mean_wait(results, profile.hours)))
        lines.append(WhatIfLine(offset, tuple(points)))
    return tuple(lines)


def _weights(hours: Sequence[HourSaving] | Sequence[ProfileHour]) -> list[float]:
    return [(h.hour if isinstance(h, HourSaving) else h).arrivals_per_hour for h in hours]


def _mean_wait(
    results: Sequence[HourResult], hours: Sequence[HourSaving] | Sequence[ProfileHour]
) -> float | None:
    weights = _weights(hours)
    total = math.fsum(weights)
    if any(not isinstance(r, Stable) for r in results):
        return None
    if total == 0:
        return 0.0
    return (
        math.fsum(
            w * r.wait_s for w, r in zip(weights, results, strict=True) if isinstance(r, Stable)
        )
        / total
    )


def _share_over(
    results: Sequence[HourResult], hours: Sequence[HourSaving], target: WaitTarget
) -> float | None:
    weights = _weights(hours)
    total = math.fsum(weights)
    if any(not isinstance(r, Stable) for r in results):
        return None
    if total == 0:
        return 0.0
    return (
        math.fsum(
            w * r.p_wait_over(target.wait_s)
            for w, r in zip(weights, results, strict=True)
            if isinstance(r, Stable)
        )
        / total
    )


def profile_from_mapping(data: Mapping[int, tuple[int, float]]) -> ArrivalProfile:
    """``{start_hour: (windows, arrivals)}`` → a profile in clock order."""
    return ArrivalProfile(tuple(ProfileHour(h, w, float(a)) for h, (w, a) in sorted(data.items())))
