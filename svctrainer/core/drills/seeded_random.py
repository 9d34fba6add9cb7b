"""A tiny seeded generator whose output never changes (SplitMix64).

Drill content is re-created from ``(pack, seed)`` whenever an attempt is replayed, possibly
years later on a newer Python. The stdlib only promises ``random.random()`` stays the same
across versions (``randrange``/``choice`` have changed before), so drill generators use
this instead: integer-only, platform-independent, fully specified here.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")

_MASK = (1 << 64) - 1
_GOLDEN = 0x9E3779B97F4A7C15
_UNIT_STEPS = 1_000_000


class SeededRandom:
    __slots__ = ("_state",)

    def __init__(self, seed: int) -> None:
        self._state = seed & _MASK

    def next_u64(self) -> int:
        """The next 64-bit output of SplitMix64 (Steele, Lea, Flood 2014)."""
        self._state = (self._state + _GOLDEN) & _MASK
        z = self._state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
        return z ^ (z >> 31)

    def below(self, n: int) -> int:
        """Uniform integer in ``[0, n)`` without modulo bias (rejection sampling); n ≥ 1."""
        if n <= 0:
            raise ValueError("n must be positive")
        limit = (1 << 64) - ((1 << 64) % n)
        while True:
            x = self.next_u64()
            if x < limit:
                return x % n

    def between(self, low: int, high: int) -> int:
        """Uniform integer in ``[low, high]``."""
        return low + self.below(high - low + 1)

    def unit(self) -> float:
        """Uniform in (0, 1), never 0 (it feeds a logarithm): a millionth's resolution is
        plenty for simulated people."""
        return (self.below(_UNIT_STEPS) + 0.5) / _UNIT_STEPS

    def chance(self, p: float) -> bool:
        """True with probability ``p``."""
        return self.unit() < p

    def log_normal(self, mean: float, sigma: float) -> float:
        """A log-normal draw whose mean is ``mean`` (> 0): how long people take, never
        negative, sometimes slow. Box-Muller from two ``unit`` draws."""
        mu = math.log(mean) - sigma * sigma / 2
        z = math.sqrt(-2.0 * math.log(self.unit())) * math.cos(2 * math.pi * self.unit())
        return math.exp(mu + sigma * z)

    def choice(self, options: Sequence[T]) -> T:
        return options[self.below(len(options))]

    def weighted_index(self, weights: Sequence[int]) -> int:
        """Index drawn with probability proportional to non-negative integer ``weights``."""
        cumulative: list[int] = []
        total = 0
        for w in weights:
            total += w
            cumulative.append(total)
        if total <= 0:
            raise ValueError("weights must not all be zero")
        return bisect.bisect_right(cumulative, self.below(total))
