"""Efficiency gains as service time: what a teller's speed gain is worth per transaction.

The seeds give the reason for drilling basic skills: "practise basic skills to improve
work efficiency and reduce the waiting time for customers". This module turns a teller's
speeds at baseline and latest into seconds per transaction at the counter, from the
branch's transaction mix; ``core.queueing.branch_day`` turns the branch's seconds into
customer waiting time.

Service time of one transaction of type t (seconds), at keying speed K (keystrokes per
hour, e.g. the ten-key drill's net KPH; a data-entry CPM converts as K = CPM × 60) and
counting speed C (banknotes per minute):

    s_t = other_seconds_t + keystrokes_t × 3600 / K + notes_t × 60 / C

A drill measures keying or counting on its own; at the counter the same keys are struck
between reading a voucher, checking the screen and talking to the customer, so only part
of the time a drill gain saves shows there. The transfer factor τ of each skill says how
much (``TransferFactors``):

    s_t,after = s_t,before − τ_keying × keystrokes_t × 3600 × (1/K_before − 1/K_after)
                           − τ_counting × notes_t × 60 × (1/C_before − 1/C_after)

Defaults: τ = 0.5 for drills, the middle of what employees report applying of a training
on the job (62 % at once, 44 % after six months, 34 % after a year: Saks & Belcourt,
"An investigation of training activities and transfer of training in organizations",
*Human Resource Management* 45(4), 2006); τ = 1.0 for counting measured by logged hand
counts (real practice notes counted by hand: the counter's own task). A branch sets its
own factors beside its mix.

Mean service time S = Σ share_t · s_t; saving per transaction Δ = S_before − S_after
(positive = faster). A skill without a speed on either side is taken as unchanged (the
other side's speed is used for both); a skill the mix needs with no speed at all is left
out of S and listed in ``unmeasured``. Non-positive speeds count as "no speed".

The branch's queue is shared: each teller serves a share of its customers, so the
branch's mean service time falls by the tellers' savings weighted by those shares
(``shared_queue_cut``). A teller serving N transactions of the branch's D customers a day
has the share N / D; when the branch has more tellers than its windows keep busy
(n · N > D for its n tellers, who then take turns at the counter), each has 1/n. A team's
or a person's cut is the same weighting over their own savings, so the cuts of a
branch's teams add up to the branch's. The "service time saved" at one counter is
N × Δ / 60 customer-minutes a day: the lower bound, true even when nobody queues.

Units: seconds and minutes as floats, unrounded. Nothing here is money.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

SHARE_TOLERANCE = 1e-6
KEYSTROKES = "keystrokes"
NOTES = "notes"
TRANSACTIONS_TOLERANCE = 0.25  # entered vs implied transactions per teller a day


@dataclass(frozen=True, slots=True)
class TransactionType:
    name: str
    share: float  # fraction of the day's transactions (all shares sum to 1)
    keystrokes: float = 0.0  # keyed per transaction
    notes: float = 0.0  # banknotes counted per transaction
    other_seconds: float = 0.0  # talk, ID check, signatures, printing: not changed by drills

    def __post_init__(self) -> None:
        figures = (self.share, self.keystrokes, self.notes, self.other_seconds)
        if not self.name or not all(_non_negative(v) for v in figures) or self.share > 1:
            raise ValueError(f"transaction type {self.name!r}: bad name or figures")


@dataclass(frozen=True)
class TransactionMix:
    transactions_per_day: float  # per teller (one window's day)
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

    def mean_seconds(self, speeds: SkillSpeeds) -> float:
        """S at these speeds (a skill without a speed is left out)."""
        kph, npm = _usable(speeds.kph), _usable(speeds.notes_per_minute)
        return math.fsum(t.share * _seconds(t, kph, npm) for t in self.types)


@dataclass(frozen=True, slots=True)
class TransferFactors:
    """Share of a drill gain's time saving that shows at the counter, per skill."""

    keying: float = 0.5
    counting_drill: float = 0.5  # the on-screen cash-counting drill
    counting_hand: float = 1.0  # logged hand counts of real practice notes

    def __post_init__(self) -> None:
        if not all(math.isfinite(v) and 0 <= v <= 1 for v in self.as_tuple()):
            raise ValueError("transfer factors must be from 0 to 1")

    def as_tuple(self) -> tuple[float, float, float]:
        return (self.keying, self.counting_drill, self.counting_hand)

    def to_dict(self) -> dict[str, float]:
        return {
            "keying": self.keying,
            "counting_drill": self.counting_drill,
            "counting_hand": self.counting_hand,
        }

    @classmethod
    def from_dict(cls, data: Any) -> TransferFactors:
        if not isinstance(data, Mapping):
            raise ValueError("transfer factors must be an object")
        default = cls()
        return cls(
            _number(data, "keying", default.keying),
            _number(data, "counting_drill", default.counting_drill),
            _number(data, "counting_hand", default.counting_hand),
        )


@dataclass(frozen=True, slots=True)
class SkillSpeeds:
    kph: float | None = None  # keystrokes per hour
    notes_per_minute: float | None = None
    counting_by_hand: bool = False  # the counting speed comes from logged hand counts


@dataclass(frozen=True, slots=True)
class TypeSaving:
    name: str
    seconds_before: float
    seconds_after: float

    @property
    def seconds_saved(self) -> float:
        return self.seconds_before - self.seconds_after


@dataclass(frozen=True, slots=True)
class ServiceTimeSaving:
    """One teller's service time per transaction at baseline, and after the part of the
    gain that transfers to the counter."""

    seconds_before: float
    seconds_after: float
    per_type: tuple[TypeSaving, ...]
    unmeasured: tuple[str, ...]  # skills the mix needs that had no speed at all
    transfer: TransferFactors
    counting_by_hand: bool

    @property
    def seconds_saved_per_transaction(self) -> float:
        return self.seconds_before - self.seconds_after

    def service_minutes_per_day(self, transactions_per_day: float) -> float:
        """N × Δ / 60: the customer-minutes this teller's own customers spend less at the
        window (the lower bound, "service time saved")."""
        return transactions_per_day * self.seconds_saved_per_transaction / 60.0


def service_time(
    mix: TransactionMix,
    before: SkillSpeeds,
    after: SkillSpeeds,
    transfer: TransferFactors | None = None,
) -> ServiceTimeSaving:
    """Seconds per transaction before and after (module docstring)."""
    transfer = transfer or TransferFactors()
    kph_b, kph_a = _pair(before.kph, after.kph)
    npm_b, npm_a = _pair(before.notes_per_minute, after.notes_per_minute)
    by_hand = before.counting_by_hand or after.counting_by_hand
    tau_count = transfer.counting_hand if by_hand else transfer.counting_drill
    per_type = []
    for t in mix.types:
        s_before = _seconds(t, kph_b, npm_b)
        keying_cut = _keying(t, kph_b) - _keying(t, kph_a)
        counting_cut = _counting(t, npm_b) - _counting(t, npm_a)
        s_after = s_before - transfer.keying * keying_cut - tau_count * counting_cut
        per_type.append(TypeSaving(t.name, s_before, s_after))
    unmeasured = []
    if kph_b is None and any(t.keystrokes > 0 for t in mix.types):
        unmeasured.append(KEYSTROKES)
    if npm_b is None and any(t.notes > 0 for t in mix.types):
        unmeasured.append(NOTES)
    shares = [t.share for t in mix.types]
    return ServiceTimeSaving(
        math.fsum(w * p.seconds_before for w, p in zip(shares, per_type, strict=True)),
        math.fsum(w * p.seconds_after for w, p in zip(shares, per_type, strict=True)),
        tuple(per_type),
        tuple(unmeasured),
        transfer,
        by_hand,
    )


@dataclass(frozen=True, slots=True)
class SharedCut:
    """What the tellers' savings do to the branch's mean service time."""

    tellers: int
    share_each: float  # of the branch's customers each teller serves
    cut_s: float  # Δ off the branch's mean service time


def shared_queue_cut(
    savings_s: Sequence[float],
    transactions_per_teller: float,
    customers_per_day: float,
    tellers: int | None = None,
) -> SharedCut:
    """Δ = Σ_i share · Δ_i over ``savings_s``, share = min(N / D, 1 / n) with n the
    branch's ``tellers`` (at least the savings given; module docstring)."""
    n = max(len(savings_s), tellers or 0)
    if not savings_s or customers_per_day <= 0:
        return SharedCut(len(savings_s), 0.0, 0.0)
    share = min(transactions_per_teller / customers_per_day, 1.0 / n)
    return SharedCut(len(savings_s), share, share * math.fsum(savings_s))


@dataclass(frozen=True, slots=True)
class TransactionsMismatch:
    """The mix's transactions per teller disagree with the customers the queue brings."""

    entered: float  # transactions per teller a day, as entered in the mix
    implied: float  # customers a day / windows open on average
    customers_per_day: float
    mean_windows: float


def check_transactions(
    mix: TransactionMix,
    customers_per_day: float,
    mean_windows: float,
    tolerance: float = TRANSACTIONS_TOLERANCE,
) -> TransactionsMismatch | None:
    """None when N is within ``tolerance`` of D / c̄ (a window's share of the day)."""
    if mean_windows <= 0:
        return None
    implied = customers_per_day / mean_windows
    entered = mix.transactions_per_day
    if implied > 0 and abs(entered - implied) <= tolerance * implied:
        return None
    return TransactionsMismatch(entered, implied, customers_per_day, mean_windows)


def _keying(t: TransactionType, kph: float | None) -> float:
    return 0.0 if kph is None else t.keystrokes * 3600.0 / kph


def _counting(t: TransactionType, npm: float | None) -> float:
    return 0.0 if npm is None else t.notes * 60.0 / npm


def _seconds(t: TransactionType, kph: float | None, npm: float | None) -> float:
    return t.other_seconds + _keying(t, kph) + _counting(t, npm)


def _usable(speed: float | None) -> float | None:
    return speed if speed is not None and math.isfinite(speed) and speed > 0 else None


def _pair(before: float | None, after: float | None) -> tuple[float | None, float | None]:
    """Speeds to use on each side: a missing side takes the other's (no change)."""
    b, a = _usable(before), _usable(after)
    return (b if b is not None else a), (a if a is not None else b)


def _non_negative(value: float) -> bool:
    return math.isfinite(value) and value >= 0


def _number(data: Mapping[str, Any], key: str, default: float | None = None) -> float:
    value = data.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"transaction mix: {key} must be a number")
    return float(value)
