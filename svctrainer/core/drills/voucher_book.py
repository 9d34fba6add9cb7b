"""The voucher book of the voucher-summing drill (传票算): seeded amounts and the groups
(questions) the trainee adds.

A book has ``vouchers`` pages (100 in contests), each with ``rows`` numbered amounts
(5). The seed fixes every amount and where each group lies. Two layouts:

**contest** (``Layout.CONTEST``, the book of bank skills contests): every question names
its own start page and row ("第 23 页—第 42 页 第（三）行") and covers ``group_size``
consecutive pages of that row without ever wrapping past the last page; questions never
share a voucher, and the rows are used equally often (``Questions``). Forms are equally
hard by construction: every question holds the same mix of amount lengths (with
``integer_digits = [2, 5]`` and two decimals, 5 amounts each of 4, 5, 6 and 7 digits:
exactly 110 digits), and on every page the digits 0–9 occur equally often (each
``D // 10`` or ``D // 10 + 1`` times for the page's ``D`` digits; no amount leads with
0). The seed only decides which digits go where, which rows and which pages.

**chained** (``Layout.CHAINED``, packs written before the contest layout; kept so that
their stored attempts replay exactly): amounts of any length in ``integer_digits``, each
drawn alone; a start page and a start row drawn after the amounts, and groups that follow
each other through the book:

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
from enum import StrEnum
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

CHAINED_AMOUNTS = AmountSpec((2, 7), 2)  # 4 to 9 digits with the cents (chained books)
CONTEST_AMOUNTS = AmountSpec((2, 5), 2, LeadingDigit.UNIFORM)  # 4 to 7 digits with the cents
DEFAULT_QUESTIONS = 15  # more than anyone finishes in 10 minutes: time limits the score


class Layout(StrEnum):
    CONTEST = "contest"
    CHAINED = "chained"


@dataclass(frozen=True, slots=True)
class BookSpec:
    """Shape of the book; ``amount`` gives the digit-length range, decimals and leading
    digits of every amount (see ``drills.amounts``); ``questions`` is the number of
    questions of a contest book."""

    vouchers: int = 100
    rows: int = 5
    group_size: int = 20
    amount: AmountSpec = CHAINED_AMOUNTS
    layout: Layout = Layout.CHAINED
    questions: int = DEFAULT_QUESTIONS


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
        Key("layout", Kind.STR, default="chained", choices=tuple(Layout)),
        Key("questions", Kind.INT, minimum=1, maximum=1000),
        Key("integer_digits", Kind.INT_RANGE, minimum=1, maximum=10),
        Key("decimals", Kind.INT, default=2, minimum=0, maximum=2),
        Key("leading_digit", Kind.STR, choices=("benford", "uniform")),
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

    __slots__ = ("_amounts", "_questions", "spec", "start_page", "start_row")

    def __init__(self, spec: BookSpec, seed: int) -> None:
        rng = SeededRandom(seed)
        self.spec = spec
        self._questions: tuple[Slot, ...] = ()
        if spec.layout is Layout.CONTEST:
            self._questions = contest_questions(spec, rng)
            self._amounts = contest_amounts(spec, self._questions, rng)
            self.start_page, self.start_row = self._questions[0].page, self._questions[0].row
            return
        self._amounts = tuple(
            tuple(generate_amount(rng, spec.amount) for _row in range(spec.rows))
            for _page in range(spec.vouchers)
        )
        self.start_page = rng.between(1, spec.vouchers)
        self.start_row = rng.between(1, spec.rows)

    @property
    def group_count(self) -> int | None:
        """How many groups the book holds: its questions (contest), None (chained: the
        groups go round the book without end)."""
        return len(self._questions) if self._questions else None

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
        if self._questions:
            return self._questions[group % len(self._questions)].page
        return self.flip(self.start_page, group * self.spec.group_size)

    def group_last_page(self, group: int) -> int:
        return self.flip(self.group_first_page(group), self.spec.group_size - 1)

    def group_row(self, group: int) -> int:
        if self._questions:
            return self._questions[group % len(self._questions)].row
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
    issues += _layout_issues(clean, given)
    needed = ("layout", "decimals", "rows", "group_separator")
    if issues or any(k not in clean for k in (*needed, "group_size", "vouchers")):
        return None, issues
    layout = Layout(clean["layout"])
    default = CONTEST_AMOUNTS if layout is Layout.CONTEST else CHAINED_AMOUNTS
    amount = AmountSpec(
        clean.get("integer_digits", default.integer_digits),
        clean["decimals"],
        LeadingDigit(clean.get("leading_digit", default.leading_digit)),
        clean["group_separator"],
    )
    book = BookSpec(
        clean["vouchers"],
        clean["rows"],
        clean["group_size"],
        amount,
        layout,
        clean.get("questions", DEFAULT_QUESTIONS),
    )
    keys = (clean.get("next_page_keys", ()), clean.get("previous_page_keys", ()))
    return VoucherContent(book, *keys), []


def _layout_issues(clean: Mapping[str, Any], given: Mapping[str, Any]) -> list[Issue]:
    """A contest book's questions must fit its rows without sharing a voucher, and its
    digits are balanced (uniform leading digits); ``questions`` is for contest books."""
    layout = clean.get("layout")
    if layout != Layout.CONTEST:
        if "questions" in given:
            return [Issue(("generator", "questions"), 'questions needs layout = "contest"')]
        return []
    issues: list[Issue] = []
    if clean.get("leading_digit") == LeadingDigit.BENFORD:
        issues.append(
            Issue(
                ("generator", "leading_digit"),
                'a contest book balances the digits on each page: use leading_digit = "uniform"',
            )
        )
    rows, vouchers, size = clean.get("rows"), clean.get("vouchers"), clean.get("group_size")
    questions = clean.get("questions", DEFAULT_QUESTIONS)
    if rows is not None and vouchers is not None and size is not None and size <= vouchers:
        room = rows * (vouchers // size)
        if questions > room:
            where = "questions" if "questions" in given else "group_size"
            issues.append(
                Issue(
                    ("generator", where),
                    f"{questions} questions of {size} vouchers do not fit {rows} rows of"
                    f" {vouchers} vouchers without sharing one (at most {room})",
                )
            )
    return issues


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


# -- the contest book ------------------------------------------------------------------------
def contest_questions(spec: BookSpec, rng: SeededRandom) -> tuple[Slot, ...]:
    """Each question's first page and row, in the order of the answer sheet: the rows
    used equally often (the remainder on rows drawn at random), the questions of one row
    spread over it at random without touching each other or wrapping past the last page."""
    rows = list(range(1, spec.rows + 1))
    per_row = dict.fromkeys(rows, spec.questions // spec.rows)
    for row in _shuffled(rows, rng)[: spec.questions % spec.rows]:
        per_row[row] += 1
    questions: list[Slot] = []
    for row in rows:
        count = per_row[row]
        free = spec.vouchers - count * spec.group_size
        cuts = sorted(_shuffled(list(range(free + count)), rng)[:count])  # stars and bars
        questions += [Slot(cut - i + i * spec.group_size + 1, row) for i, cut in enumerate(cuts)]
    return tuple(_shuffled(questions, rng))


def contest_amounts(
    spec: BookSpec, questions: Sequence[Slot], rng: SeededRandom
) -> tuple[tuple[Decimal, ...], ...]:
    """Every amount of a contest book: first each voucher's length (in digits, cents
    included), the same mix for every question, any length for the rest; then the
    digits of each page, balanced, with no leading 0."""
    low, high = spec.amount.integer_digits
    decimals = spec.amount.decimals
    lengths = [
        [decimals + rng.between(low, high) for _row in range(spec.rows)]
        for _page in range(spec.vouchers)
    ]
    mix = question_lengths(spec)
    for question in questions:
        for i, length in enumerate(_shuffled(list(mix), rng)):
            lengths[question.page - 1 + i][question.row - 1] = length
    return tuple(_page_amounts(page, decimals, rng) for page in lengths)


def question_lengths(spec: BookSpec) -> tuple[int, ...]:
    """The lengths (digits, cents included) of one question's amounts: every length of
    the range equally often; a remainder goes to the shortest lengths, so every form has
    the same mix."""
    low, high = spec.amount.integer_digits
    span = list(range(low + spec.amount.decimals, high + spec.amount.decimals + 1))
    return tuple(span[i % len(span)] for i in range(spec.group_size))


def _page_amounts(lengths: Sequence[int], decimals: int, rng: SeededRandom) -> tuple[Decimal, ...]:
    total = sum(lengths)
    digits = [d for d in range(10) for _ in range(total // 10)]
    digits += _shuffled(list(range(10)), rng)[: total % 10]
    digits = _shuffled(digits, rng)
    leads, start = [], 0
    for length in lengths:
        leads.append(start)
        start += length
    lead_set = set(leads)
    for lead in leads:
        if digits[lead] == 0:  # swap a non-zero digit in from elsewhere on the page
            others = [i for i in range(total) if i not in lead_set and digits[i] != 0]
            other = rng.choice(others)
            digits[lead], digits[other] = digits[other], digits[lead]
    amounts = []
    for lead, length in zip(leads, lengths, strict=True):
        text = "".join(str(d) for d in digits[lead : lead + length])
        whole, cents = text[: length - decimals], text[length - decimals :]
        amounts.append(Decimal(f"{whole}.{cents}" if decimals else whole))
    return tuple(amounts)


def _shuffled(items: list[Any], rng: SeededRandom) -> list[Any]:
    """``items`` in a seeded random order (Fisher–Yates), the list itself reordered."""
    for i in range(len(items) - 1, 0, -1):
        j = rng.below(i + 1)
        items[i], items[j] = items[j], items[i]
    return items
