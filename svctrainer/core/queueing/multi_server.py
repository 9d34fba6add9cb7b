"""One hour of a branch's ticket queue: c windows served from one line.

A branch's queue-ticket system (叫号) keeps one line and calls the next ticket to whichever
window becomes free: a multi-server queue, not c separate queues. For an hour with

    c  windows open,  λ  customers arriving an hour,  S  mean service time (seconds),
    CV_a, CV_s  coefficients of variation of the inter-arrival and service times,

the offered load (Erlangs) and the utilisation of each window are

    a = λ · S / 3600,        ρ = a / c.

The queue is stable only when a < c. When a ≥ c more work arrives than the windows can
do, the line grows for as long as the hour lasts and no steady-state figure exists:
``hour_figures`` then returns ``Unstable`` (a typed result, never a number).

Erlang B, by the recursion that never forms a^c or c! (so it stays exact in floating
point for any c; Jagerman 1974):

    B(0, a) = 1,        B(k, a) = a · B(k−1, a) / (k + a · B(k−1, a)),   k = 1 … c

Erlang C, the probability that a customer has to wait (all c windows busy), from B:

    P_w = C(c, a) = c · B(c, a) / (c − a · (1 − B(c, a)))            (a < c)

Mean wait in the line (before being called):

    M/M/c (Poisson arrivals, exponential service; exact):
        W_q = P_w · S / (c − a)
    G/G/c, Allen–Cunneen approximation (exact M/M/c when CV_a = CV_s = 1):
        W_q ≈ P_w · S / (c − a) · (CV_a² + CV_s²) / 2

Probability of waiting longer than t seconds:

    M/M/c (exact): the wait of those who wait is exponential with rate (c − a)/S, so
        P(W_q > t) = P_w · exp(−(c − a) · t / S)
    G/G/c (approximation): the same shape with the Allen–Cunneen conditional mean,
        P(W_q > t) ≈ P_w · exp(−(c − a) · t / (S · k)),   k = (CV_a² + CV_s²) / 2,
    i.e. the wait of those who wait taken as exponential with the mean W_q / P_w that
    Allen–Cunneen gives (the exponential conditional-wait approximation; Whitt 1993).
    It is exact for M/M/c and reproduces the approximate mean; with k = 0 (no variability
    at all) nobody waits longer than 0 s.

For G/G/c, P_w itself stays Erlang C: Allen–Cunneen corrects only the mean. Field studies
of Chinese branch queues found Poisson arrivals and exponential service times fit well
(K–S and χ² tests), which makes CV_a = CV_s = 1 the sensible default; a branch with its
own ticket export measures both (``ticket_hours``).

Windows needed for a target "a share q of customers called within T seconds": the
smallest c with a < c and P(W_q > T) ≤ 1 − q (P_w and W_q fall as c grows, so the first
c that meets it is the answer). An open branch keeps at least one window open.

References
- Gross, Shortle, Thompson & Harris, *Fundamentals of Queueing Theory*, 4th ed., Wiley
  2008, §2.3 (M/M/c: Erlang C, W_q, the waiting-time distribution).
- Jagerman, "Some properties of the Erlang loss function", *Bell System Technical
  Journal* 53(3), 1974 (the Erlang B recursion).
- Allen, *Probability, Statistics, and Queueing Theory with Computer Science
  Applications*, 2nd ed., Academic Press 1990 (the Allen–Cunneen G/G/c approximation).
- Whitt, "Approximations for the GI/G/m queue", *Production and Operations Management*
  2(2), 1993.
- Field data: 金科学, 赵文静, 孙洪磊, 《价值工程》2019 年第 18 期, 71–74 (M/M/c fitted to
  a sub-branch's observed queue); 《统计研究》2011 年第 1 期, 75–79 (one bank's arrival
  and service times pass K–S tests for M/M/n).

Units: seconds, customers per hour, Erlangs; probabilities in [0, 1]. Unrounded.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

MAX_WINDOWS = 500  # far beyond any branch; keeps a typo from looping for ever


@dataclass(frozen=True, slots=True)
class HourQueue:
    """What one hour looks like to the queue model."""

    windows: int
    arrivals_per_hour: float
    service_s: float  # mean service time: the window is held from call to finish
    cv_arrival: float = 1.0
    cv_service: float = 1.0

    def __post_init__(self) -> None:
        if isinstance(self.windows, bool) or not isinstance(self.windows, int):
            raise ValueError("windows must be a whole number")
        if not 1 <= self.windows <= MAX_WINDOWS:
            raise ValueError(f"windows must be from 1 to {MAX_WINDOWS}")
        if not (math.isfinite(self.arrivals_per_hour) and self.arrivals_per_hour >= 0):
            raise ValueError("arrivals per hour must be a finite number, not negative")
        if not (math.isfinite(self.service_s) and self.service_s > 0):
            raise ValueError("the mean service time must be a finite number of seconds above 0")
        for name, cv in (("arrival", self.cv_arrival), ("service", self.cv_service)):
            if not (math.isfinite(cv) and cv >= 0):
                raise ValueError(f"the {name} CV must be a finite number, not negative")

    @property
    def load(self) -> float:
        """a = λ · S / 3600, in Erlangs (windows' worth of work arriving)."""
        return self.arrivals_per_hour * self.service_s / 3600.0

    @property
    def utilisation(self) -> float:
        """ρ = a / c; 1 or more means the line grows without limit."""
        return self.load / self.windows

    @property
    def variability(self) -> float:
        """k = (CV_a² + CV_s²) / 2: 1 for M/M/c."""
        return (self.cv_arrival**2 + self.cv_service**2) / 2.0

    @property
    def is_markovian(self) -> bool:
        """Both CVs 1: the figures are exact M/M/c, not an approximation."""
        return self.cv_arrival == 1.0 and self.cv_service == 1.0


@dataclass(frozen=True, slots=True)
class Stable:
    """A stable hour's figures (a < c)."""

    queue: HourQueue
    p_wait: float  # P_w, Erlang C
    wait_s: float  # W_q: mean wait in the line, over every customer
    stable: Literal[True] = True

    @property
    def load(self) -> float:
        return self.queue.load

    @property
    def utilisation(self) -> float:
        return self.queue.utilisation

    def p_wait_over(self, seconds: float) -> float:
        """P(W_q > t), exact for M/M/c, the exponential approximation otherwise."""
        if seconds < 0:
            return 1.0
        if self.p_wait == 0.0:
            return 0.0
        k = self.queue.variability
        if k == 0.0:
            return self.p_wait if seconds == 0 else 0.0
        q = self.queue
        return self.p_wait * math.exp(-(q.windows - q.load) * seconds / (q.service_s * k))


@dataclass(frozen=True, slots=True)
class Unstable:
    """a ≥ c: more work arrives than the windows can do; no steady-state wait exists."""

    queue: HourQueue
    stable: Literal[False] = False

    @property
    def load(self) -> float:
        return self.queue.load

    @property
    def utilisation(self) -> float:
        return self.queue.utilisation


HourResult = Stable | Unstable


def erlang_b(windows: int, load: float) -> float:
    """Blocking probability of an Erlang loss system, by the stable recursion."""
    if windows < 0 or not (math.isfinite(load) and load >= 0):
        raise ValueError("Erlang B needs windows ≥ 0 and a finite load ≥ 0")
    b = 1.0
    for k in range(1, windows + 1):
        b = load * b / (k + load * b)
    return b


def erlang_c(windows: int, load: float) -> float:
    """P_w: probability that an arriving customer finds every window busy (a < c)."""
    if not 0 <= load < windows:
        raise ValueError(f"Erlang C needs 0 ≤ load < windows (load {load:g}, {windows} windows)")
    b = erlang_b(windows, load)
    return min(1.0, windows * b / (windows - load * (1.0 - b)))


def hour_figures(queue: HourQueue) -> HourResult:
    """``Stable`` with P_w and W_q (module docstring), or ``Unstable`` when a ≥ c."""
    c, a = queue.windows, queue.load
    if a >= c:
        return Unstable(queue)
    p_wait = erlang_c(c, a)
    return Stable(queue, p_wait, p_wait * queue.service_s / (c - a) * queue.variability)


@dataclass(frozen=True, slots=True)
class WaitTarget:
    """The branch's waiting-time target: ``share_within`` of customers called within
    ``wait_s`` seconds of taking their ticket."""

    wait_s: float = 900.0
    share_within: float = 0.8

    def __post_init__(self) -> None:
        if not (math.isfinite(self.wait_s) and self.wait_s >= 0):
            raise ValueError("the waiting-time target must be a finite number of seconds ≥ 0")
        if not 0 < self.share_within < 1:
            raise ValueError("the share within the target must be above 0 and below 1")

    def met_by(self, result: HourResult) -> bool:
        return isinstance(result, Stable) and result.p_wait_over(self.wait_s) <= (
            1.0 - self.share_within
        )


def windows_needed(
    arrivals_per_hour: float,
    service_s: float,
    target: WaitTarget,
    cv_arrival: float = 1.0,
    cv_service: float = 1.0,
) -> int:
    """The fewest windows that meet ``target`` for this hour (at least 1)."""
    first = max(1, math.floor(arrivals_per_hour * service_s / 3600.0) + 1)
    for c in range(first, MAX_WINDOWS + 1):
        queue = HourQueue(c, arrivals_per_hour, service_s, cv_arrival, cv_service)
        if target.met_by(hour_figures(queue)):
            return c
    raise ValueError(f"more than {MAX_WINDOWS} windows would be needed")
