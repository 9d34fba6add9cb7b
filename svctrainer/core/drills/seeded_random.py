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

_TWO_64 = 1 << 64
_MASK = _TWO_64 - 1
_GOLDEN = 0x9E3779B97F4A7C15
_MIX_1 = 0xBF58476D1CE4E5B9
_MIX_2 = 0x94D049BB133111EB
_UNIT_STEPS = 1_000_000
_UNIT_LIMIT = _TWO_64 - (_TWO_64 % _UNIT_STEPS)  # ``below``'s rejection limit for a unit
_TWO_PI = 2 * math.pi


class SeededRandom:
    __slots__ = ("_state",)

    def __init__(self, seed: int) -> None:
        self._state = seed & _MASK

    # ``below`` and ``unit`` repeat ``next_u64``'s three lines instead of calling it: the
    # simulated trainee draws millions of numbers for the demo history (and the test suite
    # plays it), and a method call per draw was a tenth of that time. Same arithmetic,
    # same sequence (tests/core/drills/test_drill_building_blocks.py holds both to it).
    def next_u64(self) -> int:
        """The next 64-bit output of SplitMix64 (Steele, Lea, Flood 2014)."""
        self._state = z = (self._state + _GOLDEN) & _MASK
        z = ((z ^ (z >> 30)) * _MIX_1) & _MASK
        z = ((z ^ (z >> 27)) * _MIX_2) & _MASK
        return z ^ (z >> 31)

    def below(self, n: int) -> int:
        """Uniform integer in ``[0, n)`` without modulo bias (rejection sampling); n ≥ 1."""
        if n <= 0:
            raise ValueError("n must be positive")
        limit = _TWO_64 - (_TWO_64 % n)
        state = self._state
        while True:
            state = (state + _GOLDEN) & _MASK
            z = ((state ^ (state >> 30)) * _MIX_1) & _MASK
            z = ((z ^ (z >> 27)) * _MIX_2) & _MASK
            z ^= z >> 31
            if z < limit:
                self._state = state
                return z % n

    def between(self, low: int, high: int) -> int:
        """Uniform integer in ``[low, high]``."""
        return low + self.below(high - low + 1)

    def unit(self) -> float:
        """Uniform in (0, 1), never 0 (it feeds a logarithm): a millionth's resolution is
        plenty for simulated people. (``below(_UNIT_STEPS)``, written out.)"""
        state = self._state
        while True:
            state = (state + _GOLDEN) & _MASK
            z = ((state ^ (state >> 30)) * _MIX_1) & _MASK
            z = ((z ^ (z >> 27)) * _MIX_2) & _MASK
            z ^= z >> 31
            if z < _UNIT_LIMIT:
                self._state = state
                return (z % _UNIT_STEPS + 0.5) / _UNIT_STEPS

    def chance(self, p: float) -> bool:
        """True with probability ``p``."""
        return self.unit() < p

    def log_normal(self, mean: float, sigma: float) -> float:
        """A log-normal draw whose mean is ``mean`` (> 0): how long people take, never
        negative, sometimes slow. Box-Muller from two ``unit`` draws."""
        return self.log_normal_mu(math.log(mean) - sigma * sigma / 2, sigma)

    def log_normal_mu(self, mu: float, sigma: float) -> float:
        """``log_normal`` given its ``mu`` (``log(mean) - sigma² / 2``), which a caller
        drawing many gaps of one mean works out once. The two ``unit`` draws are written
        out: every simulated keystroke of the demo history draws one gap, and the calls
        were a third of the draw's time. Same draws, same arithmetic, same result."""
        state = self._state
        while True:
            state = (state + _GOLDEN) & _MASK
            z = ((state ^ (state >> 30)) * _MIX_1) & _MASK
            z = ((z ^ (z >> 27)) * _MIX_2) & _MASK
            z ^= z >> 31
            if z < _UNIT_LIMIT:
                first = (z % _UNIT_STEPS + 0.5) / _UNIT_STEPS
                break
        while True:
            state = (state + _GOLDEN) & _MASK
            z = ((state ^ (state >> 30)) * _MIX_1) & _MASK
            z = ((z ^ (z >> 27)) * _MIX_2) & _MASK
            z ^= z >> 31
            if z < _UNIT_LIMIT:
                second = (z % _UNIT_STEPS + 0.5) / _UNIT_STEPS
                break
        self._state = state
        normal = math.sqrt(-2.0 * math.log(first)) * math.cos(_TWO_PI * second)
        return math.exp(mu + sigma * normal)

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
