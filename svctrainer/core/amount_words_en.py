"""English cheque words, as written on the amount line of US, UK and euro cheques, in
both directions.

Three wordings (``ChequeStyle``), chosen by the currency a pack shows (``style_for``):

- **US** (dollars and anything else), below;
- **UK** (pounds sterling): British "and" after hundreds and before a last group below a
  hundred, "pound(s)", then the pence in figures: "One thousand two hundred and
  thirty-four pounds and 56p"; whole pounds end "pounds only". Also read: "… and
  fifty-six pence", "… and 56/100", "… and no pence", "… pounds 56", and whole pounds
  without "only";
- **euro**: "One thousand two hundred and thirty-four euros and fifty-six cents" (the EU
  English Style Guide's plural euros/cents); whole euros end "euros only". Also read: the
  invariant "euro"/"cent" (Irish and EU legal usage), "… and 56c", "… and no cents",
  whole euros without "only".

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
from enum import StrEnum

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


class ChequeStyle(StrEnum):
    US = "us"
    UK = "uk"
    EURO = "euro"


_UNIT_WORDS = {
    ChequeStyle.UK: ("pound", "pounds"),
    ChequeStyle.EURO: ("euro", "euros"),
}
_SMALL_WORDS = {
    ChequeStyle.UK: frozenset({"pence", "penny"}),
    ChequeStyle.EURO: frozenset({"cents", "cent"}),
}
_SMALL_FIGURES = {
    ChequeStyle.UK: re.compile(r"([0-9]{1,2})p", re.ASCII),
    ChequeStyle.EURO: re.compile(r"([0-9]{1,2})c", re.ASCII),
}


def style_for(currency_symbol: str) -> ChequeStyle:
    """The wording of cheques in the currency shown by ``currency_symbol``."""
    return {"£": ChequeStyle.UK, "€": ChequeStyle.EURO}.get(currency_symbol, ChequeStyle.US)


def to_en_words(amount: Decimal, style: ChequeStyle = ChequeStyle.US) -> str:
    """Canonical cheque words for ``amount`` in ``style``; raises ``AmountError`` for
    zero, negative, more than two decimals or ≥ 10^12."""
    whole, cents = split_cents(check_amount(amount))
    if style is ChequeStyle.US:
        words = integer_words(whole) if whole else "zero"
        return f"{words[0].upper()}{words[1:]} and {cents:02d}/100"
    words = integer_words(whole, british_and=True) if whole else "zero"
    one, many = _UNIT_WORDS[style]
    text = f"{words} {one if whole == 1 else many}"
    if cents == 0:
        text += " only"
    elif style is ChequeStyle.UK:
        text += f" and {cents}p"
    else:
        text += f" and {_below_hundred(cents)} {'cent' if cents == 1 else 'cents'}"
    return text[0].upper() + text[1:]


def integer_words(number: int, *, british_and: bool = False) -> str:
    """Lower-case words for 1 ≤ ``number`` < 10^12: 1234 → "one thousand two hundred
    thirty-four" (US), or with ``british_and`` "one thousand two hundred and
    thirty-four" and 1005 → "one thousand and five"."""
    parts = []
    for name, size in SCALES.items():
        count, number = divmod(number, size)
        if count:
            parts.append(f"{_below_thousand(count, british_and)} {name}")
    if number:
        last = _below_thousand(number, british_and)
        parts.append(f"and {last}" if british_and and parts and number < 100 else last)
    return " ".join(parts)


def parse_en_words(text: str, style: ChequeStyle = ChequeStyle.US) -> Decimal:
    """Read cheque words of ``style`` (see module docstring for what is tolerated) and
    return the amount with two decimals. ``AmountError.position`` is the 1-based
    character position of the first word that breaks the form."""
    if not isinstance(text, str):
        raise TypeError(f"parse_en_words expects str, got {type(text).__name__}")
    words = [(m.group().lower(), m.start()) for m in _WORD.finditer(text)]
    if not words:
        raise AmountError(AmountProblem.EMPTY, "no cheque words given")
    if style is not ChequeStyle.US:
        return _parse_named_unit(words, len(text), style)
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


def _parse_named_unit(words: list[Word], end: int, style: ChequeStyle) -> Decimal:
    """UK and euro wording: the number, the unit word, then the small units or "only"."""
    units = _UNIT_WORDS[style]
    if words[-1][0] == "only":
        words = words[:-1]
    at = next((i for i, (word, _) in enumerate(words) if word in units), None)
    if at is None:
        where = words[-1][1] if words else end
        raise _bad(where, f"the words must name the {units[1]} ('… {units[1]} …')")
    if at == 0:
        raise _bad(words[0][1], f"the number of {units[1]} in words is missing")
    whole = read_integer(words[:at])
    cents = _small_units(words[at + 1 :], words[at][1], style)
    if whole == 0 and cents == 0:
        raise AmountError(AmountProblem.ZERO, "a cheque amount must be greater than zero")
    return from_cents(whole * 100 + cents)


def _small_units(rest: list[Word], unit_at: int, style: ChequeStyle) -> int:
    """The pence or cents after the unit word: nothing (whole units), ``and 56p`` /
    ``and 56c``, ``and fifty-six pence/cents``, ``and no pence/cents``, ``and 56/100``,
    and for pounds also a bare ``56``."""
    if not rest:
        return 0
    if style is ChequeStyle.UK and len(rest) == 1 and re.fullmatch(r"[0-9]{2}", rest[0][0]):
        return int(rest[0][0])
    if rest[0][0] != "and":
        raise _bad(rest[0][1], "write 'and' before the " + next(iter(sorted(_SMALL_WORDS[style]))))
    after = rest[1:]
    if not after:
        raise _bad(rest[0][1], "the small units must follow 'and'")
    word, at = after[0]
    if len(after) == 1:
        figures = _SMALL_FIGURES[style].fullmatch(word) or _FRACTION.fullmatch(word)
        if figures:
            return int(figures.group(1) or 0)
        raise _bad(at, f"{word!r} is not an amount of {sorted(_SMALL_WORDS[style])[0]}")
    if len(after) == 2 and after[1][0] in _SMALL_WORDS[style]:
        if word == "no":
            return 0
        value = below_hundred_value(word)
        if value is not None:
            return value
        raise _bad(at, f"{word!r} is not a number below a hundred")
    raise _bad(after[min(2, len(after) - 1)][1], "unexpected words after the small units")


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


def _below_thousand(number: int, british_and: bool = False) -> str:
    hundreds, rest = divmod(number, 100)
    parts = [f"{ONES[hundreds]} hundred"] if hundreds else []
    if rest:
        parts.append(("and " if british_and and hundreds else "") + _below_hundred(rest))
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
