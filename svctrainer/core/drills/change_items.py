"""Customers of the making-change drill: how they are generated or read from a pack,
and how the change handed back to them is judged.

Three tasks (``ChangeTask``): a **sale** (the customer pays a price and gets change), a
**payout** (配款: a withdrawal paid in the notes the customer asks for, e.g. "¥2,000, ten
of them ¥50 notes") and an **exchange** (兑零: a large note changed into the small notes
asked for). A payout or exchange carries the customer's ``request``: so many pieces of
such a value; the rest is paid in the fewest pieces, the bank's usual practice.

Judging (``judge_change``):

- ``wrong_total``: the pieces do not add up to tendered − price;
- ``not_fewest``: the total is right but more pieces were used than necessary (the
  exact minimum from ``fewest_pieces``, also for pack-defined denominations where
  greedy is not optimal);
- ``wrong_order``: a piece is smaller than the one before it (count-up order is
  non-decreasing: coins first, then notes, as the count rises to the amount tendered).

- ``request_not_met``: fewer pieces of a value than the customer asked for (more are
  fine: the rest may need one, e.g. ¥4,100 with two ¥10 notes asked for and ¥80 left);
- ``wrong_received`` / ``wrong_paid``: under the 唱收唱付 procedure (``announce``), the
  amount announced as received, or as paid, is not the amount received or handed over.

A change is correct without ``wrong_total``, ``request_not_met`` and the two announcing
errors, and without ``not_fewest`` / ``wrong_order`` unless the pack turns
``require_fewest`` / ``require_order`` off. Under ``announce`` no piece order is asked
(Chinese counters have no such rule), so ``wrong_order`` is never reported.
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
        Key("tasks", Kind.STR_LIST, choices=("sale", "payout", "exchange"), default=("sale",)),
        Key("payout_min", Kind.DECIMAL, minimum=Decimal(1), maximum=MAX_PRICE),
        Key("payout_max", Kind.DECIMAL, minimum=Decimal(1), maximum=MAX_PRICE),
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
    REQUEST_NOT_MET = "request_not_met"
    WRONG_RECEIVED = "wrong_received"
    WRONG_PAID = "wrong_paid"


class ChangeTask(StrEnum):
    SALE = "sale"
    PAYOUT = "payout"  # 配款
    EXCHANGE = "exchange"  # 兑零


Request = tuple[tuple[Decimal, int], ...]  # (face value, pieces wanted), largest first


@dataclass(frozen=True, slots=True)
class ChangeItem:
    """One customer: ``price`` to pay (for a payout: the amount withdrawn), ``tendered``
    the pieces handed over (largest first; none for a payout), ``request`` the pieces the
    customer asks for."""

    price: Decimal
    tendered: tuple[Decimal, ...]
    task: ChangeTask = ChangeTask.SALE
    request: Request = ()

    @property
    def tendered_total(self) -> Decimal:
        return sum(self.tendered, Decimal("0.00"))

    @property
    def change_due(self) -> Decimal:
        if self.task is ChangeTask.PAYOUT:
            return self.price
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
    announced_received: Decimal | None = None
    announced_paid: Decimal | None = None

    def to_dict(self) -> dict[str, Any]:
        stored: dict[str, Any] = {
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
        # written only when used, so a count-back sale keeps the layout it always had
        if self.item.task is not ChangeTask.SALE:
            stored["task"] = str(self.item.task)
        if self.item.request:
            stored["request"] = [[amount_text(v), n] for v, n in self.item.request]
        if self.announced_received is not None:
            stored["announced_received"] = amount_text(self.announced_received)
        if self.announced_paid is not None:
            stored["announced_paid"] = amount_text(self.announced_paid)
        return stored

    @classmethod
    def read(cls, f: Fields) -> ChangeJudgement:
        """A judgement as stored in ``ChangeDetails.items`` (``change_due`` and
        ``pieces`` follow from the rest)."""
        codes = f.texts("errors")
        unknown = [c for c in codes if c not in set(ChangeError)]
        if unknown:
            raise DetailsError(f"{f.where}.errors: unknown error {unknown[0]!r}")
        task = f.text("task", "sale")
        if task not in set(ChangeTask):
            raise DetailsError(f"{f.where}.task: unknown task {task!r}")
        request: list[tuple[Decimal, int]] = []
        for pair in f.values("request", _request_pair, "[amount, count] pairs"):
            request.append(pair)
        return cls(
            index=f.integer("index"),
            item=ChangeItem(
                f.decimal("price"), f.decimals("tendered"), ChangeTask(task), tuple(request)
            ),
            given=f.decimals("given"),
            fewest=f.integer("fewest_pieces"),
            errors=tuple(ChangeError(c) for c in codes),
            correct=f.flag("correct"),
            ms=f.integer("ms"),
            announced_received=f.optional_decimal("announced_received"),
            announced_paid=f.optional_decimal("announced_paid"),
        )


def _request_pair(value: Any) -> tuple[Decimal, int] | None:
    if not isinstance(value, list) or len(value) != 2:
        return None
    amount, count = value
    if not isinstance(amount, str) or type(count) is not int or count < 0:
        return None
    try:
        return Decimal(amount), count
    except ArithmeticError:
        return None


def requested_total(request: Request) -> Decimal:
    return sum((v * n for v, n in request), Decimal("0.00"))


def fewest_for(due: Decimal, request: Request, values: Sequence[Decimal]) -> int:
    """The fewest pieces paying ``due`` with ``request`` met: the requested pieces plus
    the fewest for the rest (0 when it cannot be paid)."""
    rest = due - requested_total(request)
    if rest < 0:
        return 0
    best = fewest_pieces(int(rest * 100), [int(v * 100) for v in values])
    return 0 if best is None else len(best) + sum(n for _, n in request)


def judge_change(
    due: Decimal,
    given: Sequence[Decimal],
    values: Sequence[Decimal],
    *,
    require_fewest: bool = True,
    require_order: bool = True,
    request: Request = (),
    announce: bool = False,
    announced: tuple[Decimal | None, Decimal | None] = (None, None),
    received: Decimal | None = None,
) -> tuple[tuple[ChangeError, ...], bool, int]:
    """(errors, correct, fewest piece count) for ``given`` as change of ``due`` paid from
    denominations ``values`` (see the module docstring for the rules). Under
    ``announce``, ``announced`` holds the amounts said as received (None when nothing
    was received, as in a payout) and as paid; ``received`` is what the customer handed
    over."""
    fewest = fewest_for(due, request, values)
    errors: list[ChangeError] = []
    total = sum(given, Decimal(0))
    total_ok = total == due
    if not total_ok:
        errors.append(ChangeError.WRONG_TOTAL)
    elif len(given) > fewest:
        errors.append(ChangeError.NOT_FEWEST)
    if not announce and any(b < a for a, b in pairwise(given)):
        errors.append(ChangeError.WRONG_ORDER)
    if any(sum(1 for g in given if g == v) < n for v, n in request):
        errors.append(ChangeError.REQUEST_NOT_MET)
    said_received, said_paid = announced
    if announce and received is not None and said_received != received:
        errors.append(ChangeError.WRONG_RECEIVED)
    if announce and said_paid != total:
        errors.append(ChangeError.WRONG_PAID)
    lenient = {
        ChangeError.NOT_FEWEST: not require_fewest,
        ChangeError.WRONG_ORDER: not require_order,
    }
    correct = all(lenient.get(e, False) for e in errors)
    return tuple(errors), correct, fewest


@dataclass(frozen=True, slots=True)
class TaskSpec:
    """Which tasks customers bring (drawn equally often) and the range of payouts."""

    tasks: tuple[ChangeTask, ...] = (ChangeTask.SALE,)
    payout_low: Decimal = Decimal(500)
    payout_high: Decimal = Decimal(5000)


def draw_customer(
    rng: SeededRandom, prices: PriceSpec, currency: CurrencySet, tasks: TaskSpec
) -> ChangeItem:
    """A customer bringing one of ``tasks.tasks``."""
    task = rng.choice(tasks.tasks)
    if task is ChangeTask.PAYOUT:
        return draw_payout(rng, currency, tasks.payout_low, tasks.payout_high)
    if task is ChangeTask.EXCHANGE:
        return draw_exchange(rng, currency)
    return draw_change_item(rng, prices, currency)


def draw_payout(
    rng: SeededRandom, currency: CurrencySet, low: Decimal, high: Decimal
) -> ChangeItem:
    """A withdrawal of a multiple of the largest note in [low, high], part of it asked
    for in a smaller note of at least a tenth of the largest ("取两千，其中五十的要十张"):
    a round number of notes (2, 5, 10, 20 or 40), at most half the amount."""
    notes = sorted((d.cents for d in currency.notes), reverse=True)
    top = notes[0]
    count = rng.between(max(1, -(-int(low * 100) // top)), max(1, int(high * 100) // top))
    amount = count * top
    smaller = [n for n in notes[1:] if n >= top // 10] or notes[1:2] or [top]
    value = rng.choice(smaller)
    # a round number of notes, as customers ask: "五十的要十张", at most half the amount
    fits = [n for n in (2, 5, 10, 20, 40) if n * value * 2 <= amount] or [1]
    wanted = rng.choice(fits)
    return ChangeItem(from_cents(amount), (), ChangeTask.PAYOUT, ((from_cents(value), wanted),))


def draw_exchange(rng: SeededRandom, currency: CurrencySet) -> ChangeItem:
    """A customer hands over one large note and asks for small notes (兑零): all in one
    smaller note, or so many of one and the rest as the teller sees fit."""
    notes = sorted((d.cents for d in currency.notes), reverse=True)
    big = rng.choice(notes[:2]) if len(notes) > 1 else notes[0]
    smaller = [n for n in notes if n < big and big // n <= 20 and big % n == 0 and n >= big // 10]
    if not smaller:
        return ChangeItem(from_cents(0), (from_cents(big),), ChangeTask.EXCHANGE, ())
    value = rng.choice(smaller)
    whole = big // value
    wanted = whole if rng.below(2) == 0 else rng.between(1, whole - 1) if whole > 1 else 1
    return ChangeItem(
        from_cents(0), (from_cents(big),), ChangeTask.EXCHANGE, ((from_cents(value), wanted),)
    )


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
