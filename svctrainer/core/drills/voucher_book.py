"""The voucher book of the voucher-summing drill (传票算): seeded amounts and the groups
the trainee adds.

A book has ``vouchers`` pages (100 in contests), each with ``rows`` numbered amounts
(5). The seed fixes every amount and the start: a start page and a start row drawn
after the amounts. Groups follow each other through the book:

- group ``g`` starts ``g × group_size`` pages after the start page and covers
  ``group_size`` consecutive pages (20), wrapping from the last page to page 1;
- every page of group ``g`` is added on the same row, and each new group moves on to
  the next row (after the last row comes row 1): group 0 adds the start row.

So with start page 37, start row 3 and groups of 20 in a 100-page book: group 0 adds row
3 of pages 37–56, group 1 row 4 of pages 57–76, group 3 row 1 of pages 97–100 and 1–16.

Pages and rows are 1-based, as printed on the vouchers; group indices are 0-based.
Amounts are ``Decimal`` with exactly ``decimals`` places; totals are exact sums.

``book_content`` validates what a pack says about the book (``[generator]``) and the
extra flip keys it may name; the register's own keys are fixed (``voucher_summing``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from svctrainer.core.drills.amounts import (
    AmountSpec,
    LeadingDigit,
    display_amount,
    generate_amount,
)
from svctrainer.core.drills.seeded_random import SeededRandom
from svctrainer.core.keystrokes import BACKSPACE, ENTER, PAGE_DOWN, PAGE_UP, TAB
from svctrainer.core.packs.schema import Issue, Key, Kind, TableSpec, validate_table

DELETE = "Delete"
ADD_KEYS = (ENTER, "+")  # add the entry to the running total
TOTAL_KEYS = (TAB, "*")  # hand in the group total
CLEAR_KEYS = (DELETE,)  # clear the entry (CE)
RESERVED_KEYS = frozenset(
    {*"0123456789.", *ADD_KEYS, *TOTAL_KEYS, *CLEAR_KEYS, BACKSPACE, PAGE_DOWN, PAGE_UP}
)
FLIP_KEY_PATTERN = re.compile(r"[A-Za-z][A-Za-z0-9]{1,19}|[!-~]")

CONTEST_AMOUNTS = AmountSpec((2, 7), 2)  # 4 to 9 digits with the cents, as contest books


@dataclass(frozen=True, slots=True)
class BookSpec:
    """Shape of the book; ``amount`` gives the digit-length range, decimals and leading
    digits of every amount (see ``drills.amounts``)."""

    vouchers: int = 100
    rows: int = 5
    group_size: int = 20
    amount: AmountSpec = CONTEST_AMOUNTS


@dataclass(frozen=True, slots=True)
class VoucherContent:
    """A voucher-summing pack's content: the book and the extra flip keys."""

    book: BookSpec
    next_page_keys: tuple[str, ...] = ()  # besides PageDown
    previous_page_keys: tuple[str, ...] = ()  # besides PageUp


GENERATOR_SPEC = TableSpec(
    (
        Key("vouchers", Kind.INT, default=100, minimum=1, maximum=1000),
        Key("rows", Kind.INT, default=5, minimum=1, maximum=10),
        Key("group_size", Kind.INT, default=20, minimum=1, maximum=100),
        Key("integer_digits", Kind.INT_RANGE, default=(2, 7), minimum=1, maximum=10),
        Key("decimals", Kind.INT, default=2, minimum=0, maximum=2),
        Key("leading_digit", Kind.STR, default="benford", choices=("benford", "uniform")),
        Key("group_separator", Kind.STR, default=",", choices=(",", " ", "'", "")),
        Key("next_page_keys", Kind.STR_LIST, max_length=4),
        Key("previous_page_keys", Kind.STR_LIST, max_length=4),
    )
)


@dataclass(frozen=True, slots=True)
class Slot:
    """Where one amount of a group is: voucher ``page`` (1-based), ``row`` (1-based)."""

    page: int
    row: int


class VoucherBook:
    """The amounts of one run's book and the group plan (see module docstring)."""

    __slots__ = ("_amounts", "spec", "start_page", "start_row")

    def __init__(self, spec: BookSpec, seed: int) -> None:
        rng = SeededRandom(seed)
        self.spec = spec
        self._amounts: tuple[tuple[Decimal, ...], ...] = tuple(
            tuple(generate_amount(rng, spec.amount) for _row in range(spec.rows))
            for _page in range(spec.vouchers)
        )
        self.start_page = rng.between(1, spec.vouchers)
        self.start_row = rng.between(1, spec.rows)

    # -- pages -------------------------------------------------------------------------
    def voucher(self, page: int) -> tuple[Decimal, ...]:
        """The amounts of voucher ``page``, row 1 first."""
        return self._amounts[page - 1]

    def amount(self, slot: Slot) -> Decimal:
        return self._amounts[slot.page - 1][slot.row - 1]

    def shown(self, amount: Decimal) -> str:
        """As printed on the voucher, e.g. ``12,480.35``."""
        spec = self.spec.amount
        return display_amount(amount, spec.decimals, spec.group_separator, ".")

    def flip(self, page: int, step: int) -> int:
        """The page ``step`` pages on from ``page`` (negative: back), wrapping around."""
        return (page - 1 + step) % self.spec.vouchers + 1

    # -- groups ------------------------------------------------------------------------
    def group_first_page(self, group: int) -> int:
        return self.flip(self.start_page, group * self.spec.group_size)

    def group_last_page(self, group: int) -> int:
        return self.flip(self.group_first_page(group), self.spec.group_size - 1)

    def group_row(self, group: int) -> int:
        return (self.start_row - 1 + group) % self.spec.rows + 1

    def slot(self, group: int, index: int) -> Slot:
        """The ``index``-th (0-based) amount of ``group``; index < group_size."""
        return Slot(self.flip(self.group_first_page(group), index), self.group_row(group))

    def group_amounts(self, group: int) -> tuple[Decimal, ...]:
        return tuple(self.amount(self.slot(group, i)) for i in range(self.spec.group_size))

    def group_total(self, group: int) -> Decimal:
        """The right answer for ``group``: the exact sum of its amounts."""
        return sum(self.group_amounts(group), Decimal(0))


def book_content(
    generator: Mapping[str, Any] | None, items: Sequence[Mapping[str, Any]] | None
) -> tuple[VoucherContent | None, list[Issue]]:
    """Validate ``[generator]`` (every key optional: a contest book by default); the
    book is always generated, so ``[[items]]`` is refused."""
    issues: list[Issue] = []
    if items is not None:
        issues.append(
            Issue(("items", 0), "a voucher book is generated; [[items]] is not supported")
        )
    clean, more = validate_table(GENERATOR_SPEC, generator or {}, ("generator",))
    issues += more
    given = generator if isinstance(generator, dict) else {}
    size, vouchers = clean.get("group_size"), clean.get("vouchers")
    if size is not None and vouchers is not None and size > vouchers:
        where = "group_size" if "group_size" in given else "vouchers"
        issues.append(
            Issue(
                ("generator", where),
                f"a group of {size} vouchers does not fit a book of {vouchers}",
            )
        )
    issues += _flip_key_issues(clean)
    needed = ("integer_digits", "decimals", "rows", "leading_digit", "group_separator")
    if issues or any(k not in clean for k in (*needed, "group_size", "vouchers")):
        return None, issues
    amount = AmountSpec(
        clean["integer_digits"],
        clean["decimals"],
        LeadingDigit(clean["leading_digit"]),
        clean["group_separator"],
    )
    book = BookSpec(clean["vouchers"], clean["rows"], clean["group_size"], amount)
    keys = (clean.get("next_page_keys", ()), clean.get("previous_page_keys", ()))
    return VoucherContent(book, *keys), []


def _flip_key_issues(clean: Mapping[str, Any]) -> list[Issue]:
    issues: list[Issue] = []
    seen: set[str] = set()
    for name in ("next_page_keys", "previous_page_keys"):
        for index, key in enumerate(clean.get(name, ())):
            path = ("generator", name, index)
            if key in RESERVED_KEYS:
                issues.append(Issue(path, f"'{key}' is already a register or page key"))
            elif not FLIP_KEY_PATTERN.fullmatch(key):
                issues.append(
                    Issue(path, f'\'{key}\' is not a key name (e.g. "Down", "F2" or "]")')
                )
            elif key in seen:
                issues.append(Issue(path, f"'{key}' flips both forward and back"))
            seen.add(key)
    return issues
