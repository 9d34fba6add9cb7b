"""Drill 1 — ten-key amount entry.

Amounts such as ``12,480.35`` are shown one at a time (or as a tape); the trainee keys
``12480.35`` on the numeric keypad (digits and '.', no group separators; the GUI sends
'.' for the keypad decimal key whatever the locale) and confirms with Enter. The primary
speed is net KPH.

Pack part: either ``[generator]`` (``integer_digits = [min, max]``, ``decimals``,
``leading_digit = "benford" | "uniform"``, ``group_separator``, ``decimal_separator``)
or ``[[items]]`` with ``amount = "12480.35"``. Practice may be adaptive: pass
``options=TENKEY.adaptive_options(history)`` to ``start_run``; the weights are kept in
the result's ``options`` so replay draws the same amounts.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, ClassVar

from svctrainer.core.drills.adaptive import AdaptiveWeights, adaptive_weights
from svctrainer.core.drills.amounts import (
    MAX_AMOUNT_DIGITS,
    AmountSpec,
    LeadingDigit,
    LengthRounds,
    amount_keys,
    display_amount,
    generate_amount,
)
from svctrainer.core.drills.kind import CounterSkill, DrillKind, SkillMeasure
from svctrainer.core.drills.seeded_random import SeededRandom
from svctrainer.core.drills.simulated_play import Timing
from svctrainer.core.drills.typing_details import TypingDetails
from svctrainer.core.drills.typing_engine import (
    TYPING_FIGURES,
    ItemSource,
    TypingField,
    TypingItem,
    TypingRun,
    play_typing,
)
from svctrainer.core.keystrokes import ENTER
from svctrainer.core.packs.definition import DrillDefinition, Mode
from svctrainer.core.packs.schema import Issue, Key, Kind, TableSpec, validate_table

FIELD_NAME = "amount"
AMOUNT_PATTERN = r"(0|[1-9][0-9]*)(\.[0-9]{1,4})?"

AMOUNT_KEYS = (
    Key("integer_digits", Kind.INT_RANGE, required=True, minimum=1, maximum=13),
    Key("decimals", Kind.INT, default=2, minimum=0, maximum=4),
    Key("leading_digit", Kind.STR, default="benford", choices=("benford", "uniform")),
    Key("group_separator", Kind.STR, default=",", choices=(",", " ", ".", "'", "")),
    Key("decimal_separator", Kind.STR, default=".", choices=(".", ",")),
)
GENERATOR_SPEC = TableSpec(
    (*AMOUNT_KEYS, Key("length_mix", Kind.STR, default="random", choices=("random", "even")))
)
ITEM_SPEC = TableSpec((Key("amount", Kind.STR, required=True, max_length=32),))


@dataclass(frozen=True, slots=True)
class TenKeyContent:
    """Either a generator spec or fixed ``(amount, decimals)`` items. ``even_lengths``:
    the amounts' lengths go in shuffled rounds of every length once (``length_mix =
    "even"``); else each length is drawn alone (packs written before the option)."""

    spec: AmountSpec | None
    amounts: tuple[tuple[Decimal, int], ...] | None
    even_lengths: bool = False


def amount_spec(
    clean: Mapping[str, Any], path: tuple[str | int, ...]
) -> tuple[AmountSpec | None, list[Issue]]:
    """Build an ``AmountSpec`` from validated ``AMOUNT_KEYS`` values (shared with data entry)."""
    digits = clean.get("integer_digits")
    decimals = clean.get("decimals")
    if digits is None or decimals is None:
        return None, []
    issues: list[Issue] = []
    if digits[1] + decimals > MAX_AMOUNT_DIGITS:
        issues.append(
            Issue(
                (*path, "integer_digits"),
                f"amounts of {digits[1]} + {decimals} digits are too long; at most "
                f"{MAX_AMOUNT_DIGITS} digits in all",
            )
        )
    group = clean.get("group_separator", ",")
    point = clean.get("decimal_separator", ".")
    if group == point:
        issues.append(Issue((*path, "group_separator"), "group and decimal separators must differ"))
    if issues or "leading_digit" not in clean:
        return None, issues
    return AmountSpec(digits, decimals, LeadingDigit(clean["leading_digit"]), group, point), []


def parse_fixed_amount(text: str) -> tuple[Decimal, int] | None:
    """``"12480.35"`` -> (Decimal, 2); None unless plain digits with ≤ 4 decimals, ≤ 15 digits."""
    if not re.fullmatch(AMOUNT_PATTERN, text) or sum(c.isdigit() for c in text) > MAX_AMOUNT_DIGITS:
        return None
    decimals = len(text.split(".")[1]) if "." in text else 0
    return Decimal(text), decimals


class TenKeyRun(TypingRun):
    CONFIRM_KEYS: ClassVar[tuple[str, ...]] = (ENTER,)

    def make_source(self, rng: SeededRandom) -> ItemSource:
        content: TenKeyContent = self.definition.content
        if content.amounts is not None:
            fixed = content.amounts
            return ItemSource(len(fixed), lambda i: _item(*fixed[i], AmountSpec((1, 1))))
        spec = content.spec
        assert spec is not None  # noqa: S101 - guaranteed by build_content
        raw = self.options.get("adaptive")
        weights = None if raw is None else AdaptiveWeights.from_dict(raw)
        if content.even_lengths:
            rounds = LengthRounds(rng, spec.integer_digits)
            return ItemSource(
                None,
                lambda _i: _item(
                    generate_amount(rng, spec, weights, rounds.next()), spec.decimals, spec
                ),
            )
        return ItemSource(
            None, lambda _i: _item(generate_amount(rng, spec, weights), spec.decimals, spec)
        )


def _item(amount: Decimal, decimals: int, spec: AmountSpec) -> TypingItem:
    shown = display_amount(amount, decimals, spec.group_separator, spec.decimal_separator)
    return TypingItem((TypingField(FIELD_NAME, "", shown, amount_keys(amount, decimals)),))


class TenKeyDrill(DrillKind[TenKeyRun, TypingDetails]):
    name: ClassVar[str] = "tenkey"
    speed_unit: ClassVar[str] = "net_kph"
    grade_figures: ClassVar[frozenset[str]] = TYPING_FIGURES
    supports_adaptive: ClassVar[bool] = True
    default_error_penalty: ClassVar[int] = 10
    measures: ClassVar[SkillMeasure | None] = SkillMeasure(CounterSkill.KEYING, 1.0)
    run_type = TenKeyRun
    details_type = TypingDetails

    def build_content(
        self,
        generator: Mapping[str, Any] | None,
        items: Sequence[Mapping[str, Any]] | None,
        language: str,
    ) -> tuple[TenKeyContent | None, list[Issue]]:
        if generator is not None and items is not None:
            return None, [Issue(("items",), "give either [generator] or [[items]], not both")]
        if generator is None and items is None:
            return None, [Issue((), "a ten-key pack needs a [generator] table or [[items]]")]
        if generator is not None:
            clean, issues = validate_table(GENERATOR_SPEC, generator, ("generator",))
            spec, more = amount_spec(clean, ("generator",))
            issues += more
            even = clean.get("length_mix") == "even"
            return (TenKeyContent(spec, None, even) if spec and not issues else None), issues
        issues = []
        amounts: list[tuple[Decimal, int]] = []
        for index, raw in enumerate(items or ()):
            path = ("items", index)
            clean, item_issues = validate_table(ITEM_SPEC, raw, path)
            issues += item_issues
            text = clean.get("amount")
            if text is None:
                continue
            parsed = parse_fixed_amount(text)
            if parsed is None:
                issues.append(
                    Issue(
                        (*path, "amount"),
                        f"amount '{text}' must be digits with an optional '.' and up to 4 "
                        f"decimals, at most {MAX_AMOUNT_DIGITS} digits, no separators "
                        '(e.g. "12480.35")',
                    )
                )
                continue
            amounts.append(parsed)
        if not issues and not amounts:
            issues.append(Issue(("items",), "[[items]] is empty"))
        return (None if issues else TenKeyContent(None, tuple(amounts))), issues

    def new_run(
        self,
        definition: DrillDefinition,
        mode: Mode,
        seed: int,
        options: Mapping[str, Any] | None,
    ) -> TenKeyRun:
        options = dict(options or {})
        unknown = set(options) - {"adaptive"}
        if unknown:
            raise ValueError(f"unknown ten-key options: {sorted(unknown)}")
        if "adaptive" in options:
            options["adaptive"] = AdaptiveWeights.from_dict(options["adaptive"]).to_dict()
        return TenKeyRun(self, definition, mode, seed, options)

    def play(self, run: TenKeyRun, timing: Timing, max_active_ns: int) -> None:
        play_typing(run, timing, max_active_ns)

    def adaptive_options(self, history: Sequence[Mapping[str, Any]]) -> dict[str, Any] | None:
        """Digit weights from past results' details (oldest first; see ``adaptive``);
        None without history. Use only when the mode's settings say ``adaptive``."""
        if not history:
            return None
        return {"adaptive": adaptive_weights(history).to_dict()}


TENKEY = TenKeyDrill()
