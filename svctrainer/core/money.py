"""Money amounts as :class:`decimal.Decimal`: reading what a trainee or trainer types,
validating amounts, and the canonical ASCII form used for answer keys.

Invariants every function here keeps:

* An amount is a finite, non-negative ``Decimal`` with at most two decimal places
  (yuan/dollars and cents), at most :data:`MAX_AMOUNT` — the largest amount the
  Chinese capital-amount rules can write (9999亿9999万9999元9角9分, i.e. below 10^12).
  Every validated amount is returned quantized to exactly two places (``Decimal("5.00")``).
* Nothing here ever rounds what a person typed: ``1.234`` is an error, not ``1.23``.
  Rounding exists only for amounts the program *computes* (see :func:`round_to_cents`).
* Zero is rejected unless the caller asks for it: no cheque, voucher or word drill has a
  zero amount, while a running register total may legitimately be zero.

Every problem raises :class:`AmountError`, a ``ValueError`` carrying a one-line English
message for the CLI and an :class:`AmountProblem` code the GUI can translate.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation
from enum import StrEnum

CENT = Decimal("0.01")
MAX_AMOUNT = Decimal("999999999999.99")
"""Largest amount accepted anywhere: 10^12 - 0.01, the top of 9999亿 in capital words."""

# Local context so a caller's decimal settings (e.g. a low precision) never change results.
# 34 digits covers 10^12 with cents and any product of two such amounts.
_CONTEXT = Context(prec=34, rounding=ROUND_HALF_UP)

# Full-width ASCII (typed with a Chinese IME switched to full-width) folds to ASCII,
# so "１，４０９．５０" reads like "1,409.50". U+FFE5 is the full-width yen sign.
_FULLWIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0xFFE5: ord("¥")}
_CURRENCY_SYMBOLS = "¥$€£"
_MINUS_SIGNS = "-\u2212"  # ASCII hyphen-minus and the typographic minus sign
_NON_FINITE = {"nan", "snan", "inf", "infinity"}
_PLAIN = re.compile(r"([0-9]+)(?:\.([0-9]+))?")
_GROUPED = re.compile(r"([1-9][0-9]{0,2}(?:,[0-9]{3})+)(?:\.([0-9]+))?")


class AmountProblem(StrEnum):
    """Why an amount was refused; stable codes for the GUI to translate."""

    EMPTY = "empty"
    NOT_A_NUMBER = "not_a_number"
    NOT_FINITE = "not_finite"
    BAD_GROUPING = "bad_grouping"
    NEGATIVE = "negative"
    ZERO = "zero"
    TOO_MANY_DECIMALS = "too_many_decimals"
    TOO_LARGE = "too_large"
    BAD_WORDS = "bad_words"
    """Amount words (Chinese or English) that break the writing rules; see ``position``."""


class AmountError(ValueError):
    """An amount (figures or words) that cannot be used.

    ``position`` is the 1-based character position of the first bad character in the
    text that was read, when there is one (word parsers set it; figure errors do not).
    """

    def __init__(
        self, problem: AmountProblem, message: str, *, position: int | None = None
    ) -> None:
        super().__init__(message)
        self.problem = problem
        self.position = position


def parse_amount(text: str, *, allow_zero: bool = False) -> Decimal:
    """Read an amount as people type it: ``1409.5``, ``1,409.50``, ``¥1,409.50``,
    ``$1,234.56``, `` 12480.35 `` (surrounding blanks, full-width digits and one leading
    currency symbol ¥ $ € £ are accepted).

    Thousands separators are optional but, when present, must group by three from the
    decimal point ("14,09.50" is refused rather than guessed). One or two decimals are
    accepted ("1409.5" is 1409.50); three or more are refused, never rounded.
    Returns the amount quantized to cents; see :func:`check_amount` for the range rules.
    """
    if not isinstance(text, str):
        raise TypeError(f"parse_amount expects str, got {type(text).__name__}")
    body = text.translate(_FULLWIDTH).strip()
    if not body:
        raise AmountError(AmountProblem.EMPTY, "no amount given")
    negative = False
    if body[0] in _MINUS_SIGNS:
        negative, body = True, body[1:].lstrip()
    if body[:1] and body[0] in _CURRENCY_SYMBOLS:
        body = body[1:].lstrip()
    if not negative and body[:1] and body[0] in _MINUS_SIGNS:
        negative, body = True, body[1:].lstrip()
    if body.lower() in _NON_FINITE:
        raise AmountError(AmountProblem.NOT_FINITE, f"{text.strip()!r} is not a finite amount")
    match = _PLAIN.fullmatch(body) or _GROUPED.fullmatch(body)
    if match is None:
        if re.fullmatch(r"[0-9,]+(?:\.[0-9]+)?", body) and "," in body:
            raise AmountError(
                AmountProblem.BAD_GROUPING,
                f"{text.strip()!r}: thousands separators must group digits by three",
            )
        raise AmountError(AmountProblem.NOT_A_NUMBER, f"{text.strip()!r} is not an amount")
    whole, decimals = match.group(1).replace(",", ""), match.group(2) or ""
    if len(decimals) > 2:
        raise AmountError(
            AmountProblem.TOO_MANY_DECIMALS,
            f"{text.strip()!r} has more than two decimal places",
        )
    value = Decimal(f"{whole}.{decimals or '0'}")
    return check_amount(-value if negative else value, allow_zero=allow_zero)


def check_amount(value: Decimal | int, *, allow_zero: bool = False) -> Decimal:
    """Validate an amount the program already holds and return it with exactly two
    decimal places. ``Decimal("1.230")`` passes (its value is whole cents); ``1.234``,
    NaN, infinities, negatives, zero (unless ``allow_zero``) and anything above
    :data:`MAX_AMOUNT` raise :class:`AmountError`. Floats raise ``TypeError``: money
    is never a float.
    """
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        raise TypeError(f"amounts are Decimal or int, not {type(value).__name__}")
    amount = Decimal(value)
    if not amount.is_finite():
        raise AmountError(AmountProblem.NOT_FINITE, f"{amount} is not a finite amount")
    if amount < 0:
        raise AmountError(AmountProblem.NEGATIVE, "amounts cannot be negative")
    if amount > MAX_AMOUNT:
        raise AmountError(
            AmountProblem.TOO_LARGE,
            "amount is beyond 9999亿; the largest allowed is 999,999,999,999.99",
        )
    cents = amount.quantize(CENT, context=_CONTEXT)
    if cents != amount:
        raise AmountError(
            AmountProblem.TOO_MANY_DECIMALS, f"{amount} has more than two decimal places"
        )
    if cents == 0:
        if not allow_zero:
            raise AmountError(AmountProblem.ZERO, "the amount must be greater than zero")
        return Decimal("0.00")  # never "-0.00"
    return cents


def round_to_cents(value: Decimal) -> Decimal:
    """Round a *computed* amount to the cent, half up (四舍五入).

    Use it where the program derives money — a foreign-exchange amount at a rate, an
    interest or fee, a split of a total — never on what a person typed. Half up is the
    rounding tellers are taught and customers expect; Python's default (half even)
    would turn 2.345 into 2.34, which a trainer would mark wrong.
    """
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        raise TypeError(f"amounts are Decimal or int, not {type(value).__name__}")
    amount = Decimal(value)
    if not amount.is_finite():
        raise AmountError(AmountProblem.NOT_FINITE, f"{amount} is not a finite amount")
    try:
        rounded = amount.quantize(CENT, rounding=ROUND_HALF_UP, context=_CONTEXT)
    except InvalidOperation:  # more than 32 integer digits: far outside any amount
        raise AmountError(AmountProblem.TOO_LARGE, "amount is far too large") from None
    return Decimal("0.00") if rounded == 0 else rounded  # never "-0.00"


def format_amount(amount: Decimal, grouping: bool = True) -> str:
    """The canonical ASCII form for answer keys and display keys: ``"12,480.35"``
    (``grouping=False``: ``"12480.35"``). Always two decimals; never rounds.

    Negative amounts are formatted (``"-12.50"``) because a drawer difference can be
    short; anything with more than two decimals must go through :func:`round_to_cents`
    first and raises :class:`AmountError` here. Locale-specific display is the GUI's
    job (QLocale); this form is what is stored and compared.
    """
    if isinstance(amount, bool) or not isinstance(amount, Decimal | int):
        raise TypeError(f"amounts are Decimal or int, not {type(amount).__name__}")
    value = Decimal(amount)
    if not value.is_finite():
        raise AmountError(AmountProblem.NOT_FINITE, f"{value} is not a finite amount")
    magnitude = check_amount(value.copy_abs(), allow_zero=True)
    text = f"{magnitude:,.2f}" if grouping else f"{magnitude:.2f}"
    return f"-{text}" if value < 0 else text


def split_cents(amount: Decimal) -> tuple[int, int]:
    """``Decimal("1409.50")`` → ``(1409, 50)``: whole units and cents (0–99) of a
    validated amount, as the word converters and the change drill need them."""
    cents = int(check_amount(amount, allow_zero=True) * 100)
    return divmod(cents, 100)


def from_cents(cents: int) -> Decimal:
    """``140950`` → ``Decimal("1409.50")``, built exactly (no decimal context involved)."""
    sign = "-" if cents < 0 else ""
    whole, rest = divmod(abs(cents), 100)
    return Decimal(f"{sign}{whole}.{rest:02d}")
