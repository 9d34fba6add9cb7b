"""Money amounts for keying drills: generation (uniform or Benford leading digits,
optionally adaptive), display with group separators, and the keys to type.

Amounts are ``Decimal``; generation uses ``SeededRandom`` only, so a seed always gives
the same amounts.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from svctrainer.core.drills.adaptive import AdaptiveWeights
from svctrainer.core.drills.seeded_random import SeededRandom

# P(first digit = d) = log10(1 + 1/d) in units of 1e-5, d = 1..9 (sums to exactly 100 000).
BENFORD_WEIGHTS = (30103, 17609, 12494, 9691, 7918, 6695, 5799, 5115, 4576)
MAX_AMOUNT_DIGITS = 15


class LeadingDigit(StrEnum):
    UNIFORM = "uniform"
    BENFORD = "benford"  # as in real ledgers: 1 leads ~30 % of amounts, 9 ~4.6 %


@dataclass(frozen=True, slots=True)
class AmountSpec:
    """``integer_digits``: (min, max) digits before the decimal point, each count equally
    likely; ``decimals``: digits after it (0 = whole amounts)."""

    integer_digits: tuple[int, int]
    decimals: int = 2
    leading_digit: LeadingDigit = LeadingDigit.BENFORD
    group_separator: str = ","
    decimal_separator: str = "."


def generate_amount(
    rng: SeededRandom,
    spec: AmountSpec,
    weights: AdaptiveWeights | None = None,
    integer_digits: int | None = None,
) -> Decimal:
    """A random amount (of ``integer_digits`` digits before the point when given, else
    a number of them drawn from the spec's range); with ``weights``, digits and digit
    pairs are drawn with probability × key weight × pair weight (``drills.adaptive``)."""
    count = rng.between(*spec.integer_digits) if integer_digits is None else integer_digits
    base = BENFORD_WEIGHTS if spec.leading_digit is LeadingDigit.BENFORD else (1,) * 9
    if weights is None:
        lead = 1 + rng.weighted_index(base)
    else:
        lead = 1 + rng.weighted_index(
            [b * weights.key_weight(str(d)) for d, b in enumerate(base, 1)]
        )
    digits = [str(lead)]
    prev = digits[0]
    for position in range(count - 1 + spec.decimals):
        if position == count - 1:
            prev = "."  # the decimal point is typed before the first decimal digit
        digit = _next_digit(rng, prev, weights)
        digits.append(digit)
        prev = digit
    text = "".join(digits[:count])
    if spec.decimals:
        text += "." + "".join(digits[count:])
    return Decimal(text)


def _next_digit(rng: SeededRandom, prev: str, weights: AdaptiveWeights | None) -> str:
    if weights is None:
        return str(rng.below(10))
    table = [weights.key_weight(d) * weights.bigram_weight(prev, d) for d in "0123456789"]
    return str(rng.weighted_index(table))


def amount_keys(amount: Decimal, decimals: int) -> str:
    """What the trainee types: digits and '.', no group separators, e.g. ``12480.35``."""
    return f"{amount:.{decimals}f}"


def display_amount(
    amount: Decimal, decimals: int, group_separator: str = ",", decimal_separator: str = "."
) -> str:
    """As shown on the voucher, e.g. ``12,480.35`` (or ``12 480,35``)."""
    text = f"{amount:,.{decimals}f}"
    if group_separator == "," and decimal_separator == ".":
        return text  # the format's own separators: nothing to translate
    return text.translate(_separator_table(group_separator, decimal_separator))


@functools.lru_cache(maxsize=64)
def _separator_table(group_separator: str, decimal_separator: str) -> dict[int, str | None]:
    """``str.maketrans`` of a pack's separators, made once (every amount shown uses it)."""
    table: dict[str, str | None] = {",": group_separator, ".": decimal_separator}
    return str.maketrans(table)


class LengthRounds:
    """The number of integer digits of each amount in turn, for an even length mix:
    every count of the range once in a shuffled round, then the next round. Forms made
    so hold the same mix of lengths (within a round), so they are equally hard by
    construction rather than only on average."""

    def __init__(self, rng: SeededRandom, digits: tuple[int, int]) -> None:
        self._rng = rng
        self._span = list(range(digits[0], digits[1] + 1))
        self._round: list[int] = []

    def next(self) -> int:
        if not self._round:
            self._round = list(self._span)
            for i in range(len(self._round) - 1, 0, -1):  # Fisher-Yates
                j = self._rng.below(i + 1)
                self._round[i], self._round[j] = self._round[j], self._round[i]
        return self._round.pop()
