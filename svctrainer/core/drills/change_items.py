"""Customers of the making-change drill: how they are generated or read from a pack,
and how the change handed back to them is judged.

Judging (``judge_change``), three errors:

- ``wrong_total``: the pieces do not add up to tendered − price;
- ``not_fewest``: the total is right but more pieces were used than necessary (the
  exact minimum from ``fewest_pieces``, also for pack-defined denominations where
  greedy is not optimal);
- ``wrong_order``: a piece is smaller than the one before it (count-up order is
  non-decreasing: coins first, then notes, as the count rises to the amount tendered).

A change is correct without ``wrong_total``, and without ``not_fewest`` /
``wrong_order`` unless the pack turns ``require_fewest`` / ``require_order`` off.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from itertools import pairwise
from typing import Any

from svctrainer.core.currency import (
    CURRENCY_KEYS,
    CurrencySet,
    PieceKind,
    amount_text,
    face_text,
    face_values,
)
from svctrainer.core.drills.details import DetailsError, Fields
from svctrainer.core.drills.fewest_pieces import fewest_pieces
from svctrainer.core.drills.seeded_random import SeededRandom
from svctrainer.core.money import CENT, from_cents
from svctrainer.core.packs.locator import Path
from svctrainer.core.packs.schema import Issue, Key, Kind, TableSpec, validate_table

MAX_TENDER_PIECES = 50
MAX_PRICE = Decimal(100_000)

GENERATOR_SPEC = TableSpec(
    (
        *CURRENCY_KEYS,
        Key("price_min", Kind.DECIMAL, minimum=Decimal("0.01"), maximum=MAX_PRICE),
        Key("price_max", Kind.DECIMAL, minimum=Decimal("0.01"), maximum=MAX_PRICE),
        Key("price_step", Kind.DECIMAL, minimum=Decimal("0.01"), maximum=MAX_PRICE),
    )
)
ITEM_SPEC = TableSpec(
    (Key("price", Kind.DECIMAL, required=True, minimum=Decimal("0.01"), maximum=MAX_PRICE),)
)


class ChangeError(StrEnum):
    WRONG_TOTAL = "wrong_total"
    NOT_FEWEST = "not_fewest"
    WRONG_ORDER = "wrong_order"


@dataclass(frozen=True, slots=True)
class ChangeItem:
    """One customer: ``price`` to pay, ``tendered`` the pieces handed over (largest first)."""

    price: Decimal
    tendered: tuple[Decimal, ...]

    @property
    def tendered_total(self) -> Decimal:
        return sum(self.tendered, Decimal("0.00"))

    @property
    def change_due(self) -> Decimal:
        return self.tendered_total - self.price


@dataclass(frozen=True, slots=True)
class PriceSpec:
    """Prices are multiples of ``step`` in [``low``, ``high``]."""

    low: Decimal
    high: Decimal
    step: Decimal


@dataclass(frozen=True, slots=True)
class ChangeJudgement:
    """How one handed-over change was judged; ``fewest`` is the minimum piece count and
    ``ms`` the active time spent on this customer."""

    index: int
    item: ChangeItem
    given: tuple[Decimal, ...]
    fewest: int
    errors: tuple[ChangeError, ...]
    correct: bool
    ms: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "price": amount_text(self.item.price),
            "tendered": [amount_text(v) for v in self.item.tendered],
            "change_due": amount_text(self.item.change_due),
            "given": [amount_text(v) for v in self.given],
            "pieces": len(self.given),
            "fewest_pieces": self.fewest,
            "errors": [str(e) for e in self.errors],
            "correct": self.correct,
            "ms": self.ms,
        }

    @classmethod
    def read(cls, f: Fields) -> ChangeJudgement:
        """A judgement as stored in ``ChangeDetails.items`` (``change_due`` and
        ``pieces`` follow from the rest)."""
        codes = f.texts("errors")
        unknown = [c for c in codes if c not in set(ChangeError)]
        if unknown:
            raise DetailsError(f"{f.where}.errors: unknown error {unknown[0]!r}")
        return cls(
            index=f.integer("index"),
            item=ChangeItem(f.decimal("price"), f.decimals("tendered")),
            given=f.decimals("given"),
            fewest=f.integer("fewest_pieces"),
            errors=tuple(ChangeError(c) for c in codes),
            correct=f.flag("correct"),
            ms=f.integer("ms"),
        )


def judge_change(
    due: Decimal,
    given: Sequence[Decimal],
    values: Sequence[Decimal],
    *,
    require_fewest: bool = True,
    require_order: bool = True,
) -> tuple[tuple[ChangeError, ...], bool, int]:
    """(errors, correct, fewest piece count) for ``given`` as change of ``due`` paid from
    denominations ``values`` (see the module docstring for the rules)."""
    best = fewest_pieces(int(due * 100), [int(v * 100) for v in values])
    fewest = len(best) if best is not None else 0
    errors: list[ChangeError] = []
    total_ok = sum(given, Decimal(0)) == due
    if not total_ok:
        errors.append(ChangeError.WRONG_TOTAL)
    elif len(given) > fewest:
        errors.append(ChangeError.NOT_FEWEST)
    if any(b < a for a, b in pairwise(given)):
        errors.append(ChangeError.WRONG_ORDER)
    correct = total_ok and not (
        (require_fewest and ChangeError.NOT_FEWEST in errors)
        or (require_order and ChangeError.WRONG_ORDER in errors)
    )
    return tuple(errors), correct, fewest


def draw_change_item(rng: SeededRandom, prices: PriceSpec, currency: CurrencySet) -> ChangeItem:
    """A customer: a price, then one of the ways people pay it (the smallest note above
    it; the next note up; that note plus the coins of the price's cents, for round
    change; or enough of the largest note), chosen at random among those that apply."""
    step = int(prices.step * 100)
    low, high = -(-int(prices.low * 100) // step), int(prices.high * 100) // step
    price = rng.between(low, high) * step
    notes = sorted(d.cents for d in currency.notes)
    coins = [d.cents for d in currency.denominations if d.kind is PieceKind.COIN and d.cents < 100]
    options: list[tuple[int, ...]] = []
    above = [n for n in notes if n > price]
    if above:
        options.append((above[0],))
        if len(above) > 1:
            options.append((above[1],))
        cents = price % 100
        coin_part = fewest_pieces(cents, coins) if cents and coins else None
        if coin_part:
            options.append((above[0], *coin_part))
    top = notes[-1]
    if price >= top or not above:
        options.append((top,) * (price // top + 1))
    tendered = rng.choice(options)
    return ChangeItem(
        from_cents(price), tuple(from_cents(c) for c in sorted(tendered, reverse=True))
    )


def price_spec(
    clean: Mapping[str, Any], currency: CurrencySet
) -> tuple[PriceSpec | None, list[Issue]]:
    low, high = clean["price_min"], clean["price_max"]
    smallest = currency.smallest.value
    step = clean.get("price_step", smallest)
    path: Path = ("generator",)
    for key in ("price_min", "price_max", "price_step"):
        value = clean.get(key)
        if value is not None and value != value.quantize(CENT):
            return None, [Issue((*path, key), f"{key} {value} has more than two decimals")]
    if step % smallest != 0:
        return None, [
            Issue(
                (*path, "price_step"),
                f"price_step {step} must be a whole multiple of the smallest denomination "
                f"{face_text(smallest)}",
            )
        ]
    if low > high:
        return None, [Issue((*path, "price_min"), f"price_min {low} is above price_max {high}")]
    low_c, high_c, step_c = int(low * 100), int(high * 100), int(step * 100)
    if -(-low_c // step_c) * step_c > high_c:
        return None, [
            Issue((*path, "price_max"), f"no multiple of {step} lies between the two prices")
        ]
    top = currency.notes[0].value
    if high >= (MAX_TENDER_PIECES - 1) * top:
        return None, [
            Issue(
                (*path, "price_max"),
                f"price_max {high} is too high: customers would hand over more than "
                f"{MAX_TENDER_PIECES} notes of {face_text(top)}",
            )
        ]
    return PriceSpec(low, high, step), []


def fixed_items(
    items: Sequence[Mapping[str, Any]], currency: CurrencySet
) -> tuple[tuple[ChangeItem, ...] | None, list[Issue]]:
    issues: list[Issue] = []
    found: list[ChangeItem] = []
    smallest = currency.smallest.value
    for index, raw in enumerate(items):
        path: Path = ("items", index)
        rest = {k: v for k, v in raw.items() if k != "tendered"}
        clean, more = validate_table(ITEM_SPEC, rest, path)
        issues += more
        if "tendered" not in raw:
            issues.append(Issue(path, f"missing required key 'tendered' in [items[{index}]]"))
            continue
        pieces, more = face_values(
            raw["tendered"], currency, (*path, "tendered"), max_items=MAX_TENDER_PIECES
        )
        issues += more
        price = clean.get("price")
        if price is None or pieces is None:
            continue
        tendered = tuple(sorted((d.value for d in pieces), reverse=True))
        if price % smallest != 0:
            issues.append(
                Issue(
                    (*path, "price"),
                    f"price {price} is not a multiple of the smallest denomination "
                    f"{face_text(smallest)}, so no change could be exact",
                )
            )
        elif sum(tendered) <= price:
            issues.append(
                Issue((*path, "tendered"), f"the pieces tendered do not exceed the price {price}")
            )
        else:
            found.append(ChangeItem(price.quantize(CENT), tendered))
    if not items:
        issues.append(Issue(("items",), "[[items]] is empty"))
    return (None if issues else tuple(found)), issues
