"""The content of the amounts-in-words drill: what a pack's ``[generator]`` or
``[[items]]`` may say, the amounts it draws, each item's standard answer, and the rules an
answer breaks (``amount_words_mistakes``). The engine is ``amount_words_drill``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from svctrainer.core.amount_words_en import ChequeStyle, style_for, to_en_words
from svctrainer.core.amount_words_mistakes import (
    MistakeCode,
    classify_en,
    classify_figures,
    classify_zh,
)
from svctrainer.core.amount_words_zh import to_zh_words
from svctrainer.core.drills.seeded_random import SeededRandom
from svctrainer.core.money import AmountError, format_amount, parse_amount
from svctrainer.core.packs.schema import Issue, Key, Kind, TableSpec, validate_table

TO_WORDS = "to_words"
TO_FIGURES = "to_figures"
BOTH = "both"
AMOUNT_KEYS = frozenset({"integer_digits", "decimals", "zero_probability", "direction"})

GENERATOR_SPEC = TableSpec(
    (
        Key("integer_digits", Kind.INT_RANGE, minimum=0, maximum=12),
        Key("decimals", Kind.INT_RANGE, default=(0, 2), minimum=0, maximum=2),
        Key(
            "zero_probability",
            Kind.DECIMAL,
            default=Decimal("0.1"),
            minimum=Decimal(0),
            maximum=Decimal("0.9"),
            hint="write 0.3 for 30 %",
        ),
        Key("direction", Kind.STR, default=TO_WORDS, choices=(TO_WORDS, TO_FIGURES, BOTH)),
        Key("words", Kind.STR, choices=("zh", "en")),
        Key("currency_symbol", Kind.STR, choices=("", "¥", "$", "£", "€")),
    )
)
ITEM_SPEC = TableSpec(
    (
        Key("amount", Kind.STR, required=True, max_length=32),
        Key("direction", Kind.STR, default=TO_WORDS, choices=(TO_WORDS, TO_FIGURES)),
    )
)


@dataclass(frozen=True, slots=True)
class WordsAmountSpec:
    """``integer_digits``: (min, max) digits before the point (0 = below one); ``decimals``:
    (min, max) digits after it (0 = whole, 1 = 角/tenths only, 2 = full cents), drawn per
    amount; ``zero_per_10000``: chance × 10 000 that a digit after the first is 0."""

    integer_digits: tuple[int, int]
    decimals: tuple[int, int] = (0, 2)
    zero_per_10000: int = 1000


@dataclass(frozen=True, slots=True)
class AmountWordsContent:
    words: str  # "zh" (大写金额) or "en" (cheque words)
    currency_symbol: str  # shown before figures
    direction: str  # to_words, to_figures or both (generated amounts)
    spec: WordsAmountSpec | None
    fixed: tuple[tuple[Decimal, str], ...] | None  # (amount, direction) from [[items]]


@dataclass(frozen=True, slots=True)
class WordsItem:
    amount: Decimal
    direction: str
    shown: str  # the figure (to_words) or the words (to_figures)
    expected: str  # the standard answer


def generate_words_amount(rng: SeededRandom, spec: WordsAmountSpec) -> Decimal:
    """A random non-zero amount: the first whole digit 1–9, every later digit 0 with
    probability ``zero_per_10000`` / 10 000, else 1–9 (uniform). Amounts below one always
    get at least one decimal; an all-zero draw gets a last digit of 1–9."""
    whole_digits = rng.between(*spec.integer_digits)
    places = rng.between(*spec.decimals)
    if whole_digits == 0:
        places = max(places, 1)
    digits: list[int] = []
    for position in range(whole_digits + places):
        zero = position > 0 or whole_digits == 0
        if zero and rng.weighted_index((spec.zero_per_10000, 10_000 - spec.zero_per_10000)) == 0:
            digits.append(0)
        else:
            digits.append(1 + rng.below(9))
    if not any(digits):
        digits[-1] = 1 + rng.below(9)
    whole = "".join(map(str, digits[:whole_digits])) or "0"
    cents = "".join(map(str, digits[whole_digits:])).ljust(2, "0")
    return Decimal(f"{whole}.{cents}")


def make_item(amount: Decimal, direction: str, content: AmountWordsContent) -> WordsItem:
    words = (
        to_zh_words(amount)
        if content.words == "zh"
        else to_en_words(amount, style_for(content.currency_symbol))
    )
    figure = format_amount(amount)
    if direction == TO_WORDS:
        return WordsItem(amount, direction, content.currency_symbol + figure, words)
    return WordsItem(amount, direction, words, format_amount(amount, grouping=False))


def classify(
    item: WordsItem, words: str, typed: str, style: ChequeStyle = ChequeStyle.US
) -> list[MistakeCode]:
    """The rules ``typed`` breaks as an answer to ``item`` ([] = right); English words
    are read in the cheque wording ``style`` of the pack's currency."""
    try:
        if item.direction == TO_FIGURES:
            return classify_figures(item.amount, typed)
        if words == "zh":
            return classify_zh(item.amount, typed)
        return classify_en(item.amount, typed, style)
    except AmountError:  # the classifiers should not raise for typed text; never crash a drill
        return [MistakeCode.UNPARSEABLE]


def words_content(
    generator: Mapping[str, Any] | None,
    items: Sequence[Mapping[str, Any]] | None,
    language: str,
) -> tuple[AmountWordsContent | None, list[Issue]]:
    """Validate a pack's ``[generator]`` / ``[[items]]`` (``DrillKind.build_content``):
    the content, or None with the issues located by key path."""
    clean, issues = validate_table(GENERATOR_SPEC, generator or {}, ("generator",))
    given = generator if isinstance(generator, dict) else {}
    if items is not None:
        issues += [
            Issue(("generator", key), f"'{key}' does not apply when [[items]] fix the amounts")
            for key in given
            if key in AMOUNT_KEYS
        ]
    elif "integer_digits" not in given:
        issues.append(
            Issue(
                ("generator",) if generator is not None else (),
                "missing required key 'integer_digits' in [generator] (or list [[items]])",
            )
        )
    digits, decimals = clean.get("integer_digits"), clean.get("decimals")
    if digits is not None and decimals is not None and digits[0] == 0 and decimals[1] == 0:
        issues.append(
            Issue(
                ("generator", "integer_digits"),
                "amounts with no whole digits need decimals (raise decimals' maximum)",
            )
        )
    words = clean.get("words", "zh" if language.startswith("zh") else "en")
    symbol = clean.get("currency_symbol", "¥" if words == "zh" else "$")
    fixed = None if items is None else _fixed_items(items, issues)
    if issues or (fixed is None and (digits is None or decimals is None)):
        return None, issues
    spec = None
    if fixed is None:
        assert digits is not None  # noqa: S101 - checked above
        assert decimals is not None  # noqa: S101
        zero = int(clean["zero_probability"] * 10_000)
        spec = WordsAmountSpec(digits, decimals, zero)
    content = AmountWordsContent(words, symbol, clean["direction"], spec, fixed)
    return content, []


def _fixed_items(
    items: Sequence[Mapping[str, Any]], issues: list[Issue]
) -> tuple[tuple[Decimal, str], ...] | None:
    fixed: list[tuple[Decimal, str]] = []
    for index, raw in enumerate(items):
        path = ("items", index)
        clean, more = validate_table(ITEM_SPEC, raw, path)
        issues += more
        text = clean.get("amount")
        if text is None or "direction" not in clean:
            continue
        try:
            fixed.append((parse_amount(text), clean["direction"]))
        except AmountError as exc:
            issues.append(Issue((*path, "amount"), f"amount '{text}': {exc}"))
    if not items:
        issues.append(Issue(("items",), "[[items]] is empty"))
    return tuple(fixed) if len(fixed) == len(items) else None
