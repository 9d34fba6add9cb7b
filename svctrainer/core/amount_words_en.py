"""English cheque words, as written on the amount line of US and UK cheques, in both
directions.

Canonical form (:func:`to_en_words`), US style::

    1,234.56      → "One thousand two hundred thirty-four and 56/100"
    0.45          → "Zero and 45/100"
    1,000,000.00  → "One million and 00/100"

Capital first letter only; compounds 21–99 hyphenated (thirty-four); no "and" inside the
number; the cents always as "and NN/100" with two digits, so nothing can be added after
the words. Scale words thousand, million and billion cover every amount below 10^12.

:func:`parse_en_words` is case-insensitive and tolerates exactly what cheque writers
legitimately vary: runs of blanks; "dollar"/"dollars" once, before "and" or after the
fraction; a final "only"; the UK "and" (one hundred and five, one thousand and five —
only before the last tens/units of a group or of the number); "xx/100" and "no/100" for
zero cents (long-standing US cheque practice); the Unicode hyphen characters U+2010/U+2011
in compounds. Everything else — missing hyphen, "a hundred", commas, cents in words,
"twelve hundred" — raises ``AmountError`` with the position of the offending word.
Zero, negative, more than two decimals and amounts of 10^12 and up are refused as in
:mod:`svctrainer.core.money`.
"""

from __future__ import annotations

import re
from decimal import Decimal

from svctrainer.core.money import (
    AmountError,
    AmountProblem,
    check_amount,
    from_cents,
    split_cents,
)

ONES = (
    "",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
)
TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
SCALES = {"billion": 10**9, "million": 10**6, "thousand": 10**3}
NUMBER_WORDS = frozenset(ONES[1:] + TENS[2:] + ("hundred", "zero", *SCALES))
"""Every word a cheque amount is built from (the vocabulary spelling checks use)."""
CURRENCY_WORDS = frozenset({"dollar", "dollars"})
HYPHENS = "-\u2010\u2011"

_ONE_TO_NINETEEN = {word: value for value, word in enumerate(ONES) if value}
_TENS_VALUE = {word: value * 10 for value, word in enumerate(TENS) if value >= 2}
_FRACTION = re.compile(r"(?:([0-9]{2})|xx|no)/100", re.ASCII)
_WORD = re.compile(r"\S+")

Word = tuple[str, int]
"""A lower-cased word and its 0-based character position in the text it came from."""


def to_en_words(amount: Decimal) -> str:
    """Canonical cheque words for ``amount``; raises ``AmountError`` for zero,
    negative, more than two decimals or ≥ 10^12."""
    whole, cents = split_cents(check_amount(amount))
    words = integer_words(whole) if whole else "zero"
    return f"{words[0].upper()}{words[1:]} and {cents:02d}/100"


def integer_words(number: int) -> str:
    """Lower-case US words for 1 ≤ ``number`` < 10^12: 1234 → "one thousand two
    hundred thirty-four"."""
    parts = []
    for name, size in SCALES.items():
        count, number = divmod(number, size)
        if count:
            parts.append(f"{_below_thousand(count)} {name}")
    if number:
        parts.append(_below_thousand(number))
    return " ".join(parts)


def parse_en_words(text: str) -> Decimal:
    """Read cheque words (see module docstring for what is tolerated) and return the
    amount with two decimals. ``AmountError.position`` is the 1-based character
    position of the first word that breaks the form."""
    if not isinstance(text, str):
        raise TypeError(f"parse_en_words expects str, got {type(text).__name__}")
    words = [(m.group().lower(), m.start()) for m in _WORD.finditer(text)]
    if not words:
        raise AmountError(AmountProblem.EMPTY, "no cheque words given")
    if words[-1][0] == "only":
        words.pop()
    currency_after = bool(words) and words[-1][0] in CURRENCY_WORDS
    if currency_after:
        words.pop()
    if not words or not (fraction := _FRACTION.fullmatch(words[-1][0])):
        where = words[-1][1] if words else len(text)
        raise _bad(where, "the words must end with 'and NN/100' (the cents)")
    cents = int(fraction.group(1) or 0)
    fraction_at = words.pop()[1]
    if not words or words[-1][0] != "and":
        raise _bad(fraction_at, "'and' is missing before the cents fraction")
    words.pop()
    if words and words[-1][0] in CURRENCY_WORDS and not currency_after:
        words.pop()
    if not words:
        raise _bad(fraction_at, "the dollar amount in words is missing")
    whole = read_integer(words)
    if whole == 0 and cents == 0:
        raise AmountError(AmountProblem.ZERO, "a cheque amount must be greater than zero")
    return from_cents(whole * 100 + cents)


def read_integer(words: list[Word]) -> int:
    """The value of the dollar part: "zero" alone, or groups of at most 999 each
    followed by a scale word in falling order (billion, million, thousand), the last
    group without one. Raises ``AmountError`` at the first word out of place."""
    if not words:
        raise _bad(0, "the dollar amount in words is missing")
    if [word for word, _ in words] == ["zero"]:
        return 0
    total, index, last_scale = 0, 0, 10**12
    while index < len(words):
        group, index, led_by_and = _read_group(words, index, allow_and=index > 0)
        if index < len(words) and words[index][0] in SCALES:
            scale = SCALES[words[index][0]]
            if led_by_and or scale >= last_scale:
                raise _bad(words[index][1], f"{words[index][0]!r} is out of order")
            total, last_scale, index = total + group * scale, scale, index + 1
        else:
            if index < len(words):
                word, at = words[index]
                hint = ""
                if word in ONES[1:10] and words[index - 1][0] in _TENS_VALUE:
                    hint = f" (write {words[index - 1][0]}-{word})"
                raise _bad(at, f"unexpected {word!r}{hint}")
            total += group
    return total


def below_hundred_value(word: str) -> int | None:
    """1–99 for "one" … "ninety-nine" (hyphenated compounds only), else None."""
    if word in _ONE_TO_NINETEEN:
        return _ONE_TO_NINETEEN[word]
    if word in _TENS_VALUE:
        return _TENS_VALUE[word]
    for hyphen in HYPHENS:
        tens, found, ones = word.partition(hyphen)
        if found and tens in _TENS_VALUE and ones in ONES[1:10]:
            return _TENS_VALUE[tens] + _ONE_TO_NINETEEN[ones]
    return None


def _read_group(words: list[Word], index: int, *, allow_and: bool) -> tuple[int, int, bool]:
    """One group below a thousand starting at ``index``: ``[and] N`` or
    ``D hundred [[and] N]``; returns (value, next index, whether a UK 'and' led it)."""
    led_by_and = allow_and and words[index][0] == "and"
    if led_by_and:
        index += 1
        if index == len(words):
            raise _bad(words[index - 1][1], "a number must follow 'and'")
    word, at = words[index]
    is_hundreds = (
        not led_by_and
        and word in ONES[1:10]
        and index + 1 < len(words)
        and words[index + 1][0] == "hundred"
    )
    if not is_hundreds:
        value = below_hundred_value(word)
        if value is None:
            complaint = "is not a number word" if word not in NUMBER_WORDS else "is out of place"
            raise _bad(at, f"{word!r} {complaint}")
        return value, index + 1, led_by_and
    value, index = _ONE_TO_NINETEEN[word] * 100, index + 2
    has_and = (
        index + 1 < len(words)
        and words[index][0] == "and"
        and below_hundred_value(words[index + 1][0]) is not None
    )
    index += has_and
    if index < len(words) and (rest := below_hundred_value(words[index][0])) is not None:
        value, index = value + rest, index + 1
    return value, index, led_by_and


def _below_thousand(number: int) -> str:
    hundreds, rest = divmod(number, 100)
    parts = [f"{ONES[hundreds]} hundred"] if hundreds else []
    if rest:
        parts.append(_below_hundred(rest))
    return " ".join(parts)


def _below_hundred(number: int) -> str:
    if number < 20:
        return ONES[number]
    tens, ones = divmod(number, 10)
    return TENS[tens] + (f"-{ONES[ones]}" if ones else "")


def _bad(index: int, message: str) -> AmountError:
    """An ``AmountError`` for the word at 0-based character ``index`` (reported 1-based)."""
    return AmountError(
        AmountProblem.BAD_WORDS,
        f"cheque words, character {index + 1}: {message}",
        position=index + 1,
    )
