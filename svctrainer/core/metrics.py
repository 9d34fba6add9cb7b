"""Drill metrics: each a documented formula over integer counts and integer milliseconds.

Replaying a stored event log must reproduce stored results exactly, so every figure is
computed from integers (counts, ``active_ms``) and rounded once, *half up*, with integer
arithmetic (``ratio``). Only consistency uses floating point (sqrt, tanh) and is rounded
to 0.1 at the end.

Definitions (``active_ms`` is the drill's active time, see ``drills.active_clock``):

- strokes: counted key presses: typed characters (each character of an IME commit is
  one), field/item confirmations (Enter, Tab) and Backspace.
- gross KPH = strokes × 3 600 000 / active_ms                           (0.1 KPH)
- net KPH = max(0, strokes − uncorrected errors × penalty) × 3 600 000 / active_ms
- CPM = correct characters × 60 000 / active_ms; WPM = CPM / 5 (a word is 5 characters)
- accuracy = correct strokes / (correct + wrong strokes)                (0.0001)
  Backspace is an editing stroke: it counts towards speed but is neither correct nor
  wrong, so a corrected error costs the same accuracy under every error policy.
- consistency = kogasa(cv) with cv the coefficient of variation (population standard
  deviation / mean) of strokes per complete active second (Monkeytype):
  kogasa(cv) = 100 × (1 − tanh(cv + cv³/3 + cv⁵/5))                       (0.1)
- mean latency of a key = Σ latency / samples, in ms                   (0.1 ms)
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Protocol

from svctrainer.core.durations import MS_PER_HOUR, MS_PER_MINUTE, NS_PER_MS

CHARS_PER_WORD = 5


def ratio(num: int, den: int, places: int = 1) -> float:
    """``num / den`` rounded half up to ``places`` decimals, exactly (integer arithmetic).

    ``den <= 0`` gives 0.0 so an empty drill has speeds of 0, not an exception. Negative
    numerators are not used by any metric.
    """
    if den <= 0:
        return 0.0
    scale: int = 10**places
    q = (2 * num * scale + den) // (2 * den)
    return q / scale


def gross_kph(strokes: int, active_ms: int) -> float:
    """Keystrokes per hour, all strokes counted."""
    return ratio(strokes * MS_PER_HOUR, active_ms)


def net_strokes(strokes: int, uncorrected_errors: int, penalty: int) -> int:
    """Strokes after subtracting ``penalty`` strokes per uncorrected error, never below 0."""
    return max(0, strokes - uncorrected_errors * penalty)


def net_kph(strokes: int, uncorrected_errors: int, penalty: int, active_ms: int) -> float:
    """Keystrokes per hour after the error penalty (TIPP10's net figure)."""
    return ratio(net_strokes(strokes, uncorrected_errors, penalty) * MS_PER_HOUR, active_ms)


def cpm(correct_chars: int, active_ms: int) -> float:
    """Correct characters per minute."""
    return ratio(correct_chars * MS_PER_MINUTE, active_ms)


def wpm(correct_chars: int, active_ms: int) -> float:
    """Words per minute with a word of 5 characters (= CPM / 5, rounded once)."""
    return ratio(correct_chars * MS_PER_MINUTE, active_ms * CHARS_PER_WORD)


def accuracy(correct_strokes: int, wrong_strokes: int) -> float:
    """Share of correct strokes among correct + wrong strokes, 0..1 to 4 decimals; 0.0 when
    nothing was attempted."""
    return ratio(correct_strokes, correct_strokes + wrong_strokes, 4)


def kogasa(cv: float) -> float:
    """Monkeytype's mapping of a coefficient of variation to 0..100 (100 = perfectly even)."""
    return 100.0 * (1.0 - math.tanh(cv + cv**3 / 3 + cv**5 / 5))


def consistency(per_second: Sequence[int]) -> float | None:
    """Consistency of strokes per complete active second, 0..100 to 0.1.

    None with fewer than 2 seconds (no spread to measure); 0.0 when no stroke at all.
    Mean and variance come from exact integer sums, so only sqrt and tanh are inexact.
    """
    n = len(per_second)
    if n < 2:
        return None
    total = sum(per_second)
    if total == 0:
        return 0.0
    squares = sum(c * c for c in per_second)
    # cv = sqrt(n·Σc² − (Σc)²) / Σc  (population standard deviation over mean)
    cv = math.sqrt(n * squares - total * total) / total
    return round_half_up(kogasa(cv), 1)


def round_half_up(value: float, places: int) -> float:
    """Round a float half up via its shortest decimal representation (not banker's)."""
    q = Decimal(repr(value)).quantize(Decimal(1).scaleb(-places), rounding="ROUND_HALF_UP")
    return float(q)


@dataclass(frozen=True, slots=True)
class KeyStat:
    """What one key (or digit pair) cost a person in one result.

    ``hits``: correct strokes when this key was expected; ``errors``: wrong strokes when it
    was expected; ``latency_ns`` / ``latency_samples``: summed time from the previous press
    to a correct press of this key (samples across a pause or over 5 s are left out).
    """

    hits: int
    errors: int
    latency_ns: int
    latency_samples: int

    @property
    def mean_ms(self) -> float | None:
        if self.latency_samples == 0:
            return None
        return ratio(self.latency_ns, self.latency_samples * NS_PER_MS)

    def to_dict(self) -> dict[str, int | float | None]:
        return {
            "hits": self.hits,
            "errors": self.errors,
            "latency_ns": self.latency_ns,
            "latency_samples": self.latency_samples,
            "mean_ms": self.mean_ms,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> KeyStat:
        counts: list[int] = []
        for key in ("hits", "errors", "latency_ns", "latency_samples"):
            value = data.get(key)
            if type(value) is not int or value < 0:
                raise ValueError(f"bad key statistics: {data!r}")
            counts.append(value)
        hits, errors, latency_ns, samples = counts
        return cls(hits, errors, latency_ns, samples)


def slowest_keys(
    stats: Mapping[str, KeyStat], limit: int = 5, min_samples: int = 2
) -> list[tuple[str, float]]:
    """Keys by mean latency, slowest first (ties by key), with at least ``min_samples``."""
    ranked = [
        (key, stat.mean_ms)
        for key, stat in stats.items()
        if stat.latency_samples >= min_samples and stat.mean_ms is not None
    ]
    ranked.sort(key=lambda pair: (-pair[1], pair[0]))
    return ranked[:limit]


class GradeThresholds(Protocol):
    """A grade-table level (``packs.definition.GradeLevel``), read-only: the pack's levels
    are frozen, so the protocol only asks to read them."""

    @property
    def name(self) -> str: ...

    @property
    def thresholds(self) -> Mapping[str, Decimal]: ...


def grade_reached(
    levels: Sequence[GradeThresholds], figures: Mapping[str, float | None]
) -> str | None:
    """Name of the last level (tables go from lowest to highest) whose every threshold is met.

    A threshold ``figure -> minimum`` is met when ``figures[figure] >= minimum``; figures
    are compared as the decimals they display as, so a shown 0.95 meets a 0.95 minimum.
    """
    reached: str | None = None
    for level in levels:
        ok = True
        for figure, minimum in level.thresholds.items():
            value = figures.get(figure)
            if value is None or Decimal(repr(value)) < minimum:
                ok = False
                break
        if ok:
            reached = level.name
    return reached


def speed_score(speed: float, reference_speed: Decimal, accuracy_value: float) -> float:
    """0..100 score of the keyboard drills: min(100, 100 × speed / reference) × accuracy,
    to 0.1 (half up). The reference is the pack's ``scoring.reference_speed``, i.e. the
    speed that earns full marks at 100 % accuracy."""
    if reference_speed <= 0:
        return 0.0
    part = min(Fraction(100), Fraction(100) * Fraction(repr(speed)) / Fraction(reference_speed))
    value = part * Fraction(repr(accuracy_value))
    return ratio(value.numerator, value.denominator)
