"""Efficiency gains as customer time: what a speed gain means at the counter.

The seeds give the reason for drilling basic skills: "practise basic skills to improve
work efficiency and reduce the waiting time for customers". This module turns a
teller's (or a team's) speeds at baseline and latest into seconds per transaction and
customer minutes per day, from a branch's configurable transaction mix.

Service time of one transaction of type t (seconds), at keying speed K (keystrokes per
hour, e.g. the ten-key drill's net KPH; a data-entry CPM converts as K = CPM × 60) and
counting speed C (banknotes per minute):

    s_t = other_seconds_t + keystrokes_t × 3600 / K + notes_t × 60 / C

Mean service time S = Σ share_t · s_t; saving per transaction Δ = S_before − S_after
(positive = faster). A skill without a speed on either side is taken as unchanged (the
other side's speed is used for both); a skill the mix needs with no speed at all is left
out of S and listed in ``unmeasured``. Non-positive speeds count as "no speed".

Customer minutes saved per day, N = transactions per day at this counter:

- DIRECT (default, conservative): N × Δ / 60. Only the customer being served gains:
  each spends Δ less at the counter. True even when nobody is queueing.
- WAITING_LINE (q = average customers waiting behind the one being served):
  N × Δ × (1 + q) / 60. Finishing a transaction Δ sooner also lets each of the q
  customers behind move up Δ sooner. A peak-time rule of thumb: it overstates the
  saving when the queue often runs empty, so q should be the day's average, not the
  peak.
- MM1 (λ = customers arriving at this counter per hour): the counter as an M/M/1 queue
  (random arrivals, one server, exponentially distributed service times with mean S).
  Time in the branch per customer W = S / (1 − ρ) with utilisation ρ = λ·S/3600; saving
  N × (W_before − W_after) / 60. Near saturation a small Δ saves a lot of waiting;
  with ρ ≥ 1 (before or after) the queue grows without limit and there is no finite
  figure (None).

For a team each member serves N transactions a day: daily minutes add up over members
(``team_customer_time``); per-transaction seconds are the members' mean.

Units: seconds and minutes as floats, unrounded; displays round seconds to 0.1 s and
minutes to 0.1 min, half up (``metrics.round_half_up``). Nothing here is money.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

SHARE_TOLERANCE = 1e-6
KEYSTROKES = "keystrokes"
NOTES = "notes"


class QueueModel(StrEnum):
    DIRECT = "direct"
    WAITING_LINE = "waiting_line"
    MM1 = "mm1"


@dataclass(frozen=True, slots=True)
class QueueAssumption:
    model: QueueModel = QueueModel.DIRECT
    customers_waiting: float = 0.0  # WAITING_LINE: average queue behind the one served
    arrivals_per_hour: float = 0.0  # MM1: arrival rate at this counter

    def __post_init__(self) -> None:
        if not (_non_negative(self.customers_waiting) and _non_negative(self.arrivals_per_hour)):
            raise ValueError("queue assumption figures must be finite and not negative")


@dataclass(frozen=True, slots=True)
class TransactionType:
    name: str
    share: float  # fraction of the day's transactions (all shares sum to 1)
    keystrokes: float = 0.0  # keyed per transaction
    notes: float = 0.0  # banknotes counted per transaction
    other_seconds: float = 0.0  # talk, signatures, printing: not changed by drills

    def __post_init__(self) -> None:
        figures = (self.share, self.keystrokes, self.notes, self.other_seconds)
        if not self.name or not all(_non_negative(v) for v in figures) or self.share > 1:
            raise ValueError(f"transaction type {self.name!r}: bad name or figures")


@dataclass(frozen=True)
class TransactionMix:
    transactions_per_day: float  # per teller / counter
    types: tuple[TransactionType, ...]

    def __post_init__(self) -> None:
        if not _non_negative(self.transactions_per_day):
            raise ValueError("transactions_per_day must be finite and not negative")
        if not self.types:
            raise ValueError("a transaction mix needs at least one transaction type")
        names = [t.name for t in self.types]
        if len(set(names)) != len(names):
            raise ValueError("transaction type names must be unique")
        if abs(math.fsum(t.share for t in self.types) - 1.0) > SHARE_TOLERANCE:
            raise ValueError("transaction type shares must add up to 1")

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON for the ``setting`` table."""
        return {
            "transactions_per_day": self.transactions_per_day,
            "types": [
                {
                    "name": t.name,
                    "share": t.share,
                    "keystrokes": t.keystrokes,
                    "notes": t.notes,
                    "other_seconds": t.other_seconds,
                }
                for t in self.types
            ],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> TransactionMix:
        """Rebuild a stored mix; ValueError (with the reason) for anything malformed."""
        if not isinstance(data, Mapping) or not isinstance(data.get("types"), list):
            raise ValueError("transaction mix must have a list of types")
        types = []
        for raw in data["types"]:
            if not isinstance(raw, Mapping) or not isinstance(raw.get("name"), str):
                raise ValueError("each transaction type needs a name")
            types.append(
                TransactionType(
                    raw["name"],
                    _number(raw, "share"),
                    _number(raw, "keystrokes", 0.0),
                    _number(raw, "notes", 0.0),
                    _number(raw, "other_seconds", 0.0),
                )
            )
        return cls(_number(data, "transactions_per_day"), tuple(types))


@dataclass(frozen=True, slots=True)
class SkillSpeeds:
    kph: float | None = None  # keystrokes per hour
    notes_per_minute: float | None = None


@dataclass(frozen=True, slots=True)
class TypeSaving:
    name: str
    seconds_before: float
    seconds_after: float

    @property
    def seconds_saved(self) -> float:
        return self.seconds_before - self.seconds_after


@dataclass(frozen=True, slots=True)
class CustomerTimeSaving:
    seconds_before: float  # mean service time per transaction, baseline speeds
    seconds_after: float  # ... latest speeds
    counter_minutes_saved_per_day: float  # N × Δ / 60 (the DIRECT figure)
    customer_minutes_saved_per_day: float | None  # under ``assumption``; None: unstable queue
    assumption: QueueAssumption
    per_type: tuple[TypeSaving, ...]
    unmeasured: tuple[str, ...]  # skills the mix needs that had no speed at all
    utilisation_before: float | None = None  # MM1 only: ρ
    utilisation_after: float | None = None

    @property
    def seconds_saved_per_transaction(self) -> float:
        return self.seconds_before - self.seconds_after


def customer_time(
    mix: TransactionMix,
    before: SkillSpeeds,
    after: SkillSpeeds,
    assumption: QueueAssumption | None = None,
) -> CustomerTimeSaving:
    """Seconds per transaction and customer minutes per day saved (module docstring)."""
    assumption = assumption or QueueAssumption()
    kph_b, kph_a = _pair(before.kph, after.kph)
    npm_b, npm_a = _pair(before.notes_per_minute, after.notes_per_minute)
    per_type = tuple(
        TypeSaving(t.name, _seconds(t, kph_b, npm_b), _seconds(t, kph_a, npm_a)) for t in mix.types
    )
    unmeasured = []
    if kph_b is None and any(t.keystrokes > 0 for t in mix.types):
        unmeasured.append(KEYSTROKES)
    if npm_b is None and any(t.notes > 0 for t in mix.types):
        unmeasured.append(NOTES)
    shares = [t.share for t in mix.types]
    s_before = math.fsum(w * p.seconds_before for w, p in zip(shares, per_type, strict=True))
    s_after = math.fsum(w * p.seconds_after for w, p in zip(shares, per_type, strict=True))
    n = mix.transactions_per_day
    direct = n * (s_before - s_after) / 60.0
    rho_b = rho_a = None
    if assumption.model is QueueModel.DIRECT:
        customer: float | None = direct
    elif assumption.model is QueueModel.WAITING_LINE:
        customer = direct * (1.0 + assumption.customers_waiting)
    else:
        rho_b = assumption.arrivals_per_hour * s_before / 3600.0
        rho_a = assumption.arrivals_per_hour * s_after / 3600.0
        customer = None
        if rho_b < 1 and rho_a < 1:
            customer = n * (s_before / (1 - rho_b) - s_after / (1 - rho_a)) / 60.0
    return CustomerTimeSaving(
        s_before, s_after, direct, customer, assumption, per_type, tuple(unmeasured), rho_b, rho_a
    )


@dataclass(frozen=True, slots=True)
class TeamCustomerTimeSaving:
    people: int
    mean_seconds_saved_per_transaction: float | None  # None for an empty team
    counter_minutes_saved_per_day: float  # summed over members
    customer_minutes_saved_per_day: float | None  # summed; None if any member's is None
    members: tuple[CustomerTimeSaving, ...]


def team_customer_time(
    mix: TransactionMix,
    members: Sequence[tuple[SkillSpeeds, SkillSpeeds]],
    assumption: QueueAssumption | None = None,
) -> TeamCustomerTimeSaving:
    """Each member's (baseline, latest) speeds → the team's daily saving (sum over members,
    each serving ``mix.transactions_per_day``)."""
    each = tuple(customer_time(mix, b, a, assumption) for b, a in members)
    saved = [m.seconds_saved_per_transaction for m in each]
    customer = [m.customer_minutes_saved_per_day for m in each]
    return TeamCustomerTimeSaving(
        people=len(each),
        mean_seconds_saved_per_transaction=math.fsum(saved) / len(saved) if saved else None,
        counter_minutes_saved_per_day=math.fsum(m.counter_minutes_saved_per_day for m in each),
        customer_minutes_saved_per_day=(
            None if any(c is None for c in customer) else math.fsum(c or 0.0 for c in customer)
        ),
        members=each,
    )


def _seconds(t: TransactionType, kph: float | None, npm: float | None) -> float:
    keying = 0.0 if kph is None else t.keystrokes * 3600.0 / kph
    counting = 0.0 if npm is None else t.notes * 60.0 / npm
    return t.other_seconds + keying + counting


def _pair(before: float | None, after: float | None) -> tuple[float | None, float | None]:
    """Speeds to use on each side: a missing side takes the other's (no change)."""
    b = before if before is not None and math.isfinite(before) and before > 0 else None
    a = after if after is not None and math.isfinite(after) and after > 0 else None
    return (b if b is not None else a), (a if a is not None else b)


def _non_negative(value: float) -> bool:
    return math.isfinite(value) and value >= 0


def _number(data: Mapping[str, Any], key: str, default: float | None = None) -> float:
    value = data.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"transaction mix: {key} must be a number")
    return float(value)
