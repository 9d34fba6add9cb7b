"""What a voucher-summing run stores: its contest figures, every group's total against
the right one, and where each wrong group went wrong first (``voucher_summing`` makes
them; the rules are in its docstring).

Layout 1 (``VoucherDetails.VERSION``). Amounts are stored as text with the book's
decimals ("12480.35"); what was keyed is stored as keyed.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Self

from svctrainer.core.drills.details import Details, Fields, plain_decimal

MISSING = "missing"  # fewer entries than vouchers in the group
EXTRA = "extra"  # an entry beyond the group's vouchers
WRONG_AMOUNT = "wrong_amount"


@dataclass(frozen=True, slots=True)
class FirstWrong:
    """The first wrong entry of a group: entry ``entry`` (0-based) was ``kind``; the
    voucher (``page``) and ``row`` it was due for and the amount due (None for an extra
    entry), what was keyed (None when missing) and the voucher on screen then."""

    entry: int
    kind: str
    page: int | None
    row: int | None
    expected: Decimal | None
    typed: str | None
    page_shown: int | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "entry": self.entry,
            "kind": self.kind,
            "page": self.page,
            "row": self.row,
            "expected": None if self.expected is None else plain_decimal(self.expected),
            "typed": self.typed,
            "page_shown": self.page_shown,
        }

    @classmethod
    def read(cls, f: Fields) -> FirstWrong:
        return cls(
            entry=f.integer("entry"),
            kind=f.text("kind"),
            page=f.optional_integer("page"),
            row=f.optional_integer("row"),
            expected=f.optional_decimal("expected"),
            typed=f.optional_text("typed"),
            page_shown=f.optional_integer("page_shown"),
        )


@dataclass(frozen=True, slots=True)
class VoucherGroup:
    """One group: its vouchers (``first_page``..``last_page``), the ``row`` to add, the
    entries keyed and how many were right, the total given and the right one, whether it
    was handed in (``submitted``) and right (``correct``), its points."""

    index: int
    first_page: int
    last_page: int
    row: int
    entries: int
    right_entries: int
    total: Decimal
    expected_total: Decimal
    submitted: bool
    correct: bool
    points: int
    first_wrong: FirstWrong | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "first_page": self.first_page,
            "last_page": self.last_page,
            "row": self.row,
            "entries": self.entries,
            "right_entries": self.right_entries,
            "total": plain_decimal(self.total),
            "expected_total": plain_decimal(self.expected_total),
            "submitted": self.submitted,
            "correct": self.correct,
            "points": self.points,
            "first_wrong": None if self.first_wrong is None else self.first_wrong.to_dict(),
        }

    @classmethod
    def read(cls, f: Fields) -> VoucherGroup:
        return cls(
            index=f.integer("index"),
            first_page=f.integer("first_page"),
            last_page=f.integer("last_page"),
            row=f.integer("row"),
            entries=f.integer("entries"),
            right_entries=f.integer("right_entries"),
            total=f.decimal("total"),
            expected_total=f.decimal("expected_total"),
            submitted=f.flag("submitted"),
            correct=f.flag("correct"),
            points=f.integer("points"),
            first_wrong=f.optional_record("first_wrong", FirstWrong.read),
        )


@dataclass(frozen=True, slots=True)
class VoucherDetails(Details):
    """Figures (score in contest points, ``groups_correct`` as a figure for grade
    tables), the book and scoring used, every group (handed in, then the unfinished
    one), entry and stroke counts, strokes per active second."""

    score: float
    accuracy: float
    vouchers_per_min: float
    groups_correct: float
    gross_kph: float
    consistency: float | None
    start_page: int
    start_row: int
    book_size: int
    group_size: int
    groups_submitted: int
    wrong_groups: tuple[int, ...]
    partial_points: int
    points_per_group: int
    points_per_entry: int
    groups: tuple[VoucherGroup, ...]
    entries: int
    right_entries: int
    wrong_entries: int
    strokes: int
    flips: int
    corrections: int
    clears: int
    per_second: tuple[int, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "score": self.score,
            "accuracy": self.accuracy,
            "vouchers_per_min": self.vouchers_per_min,
            "groups_correct": self.groups_correct,
            "gross_kph": self.gross_kph,
            "consistency": self.consistency,
            "start_page": self.start_page,
            "start_row": self.start_row,
            "book_size": self.book_size,
            "group_size": self.group_size,
            "groups_submitted": self.groups_submitted,
            "wrong_groups": list(self.wrong_groups),
            "partial_points": self.partial_points,
            "points_per_group": self.points_per_group,
            "points_per_entry": self.points_per_entry,
            "groups": [g.to_dict() for g in self.groups],
            "entries": self.entries,
            "right_entries": self.right_entries,
            "wrong_entries": self.wrong_entries,
            "strokes": self.strokes,
            "flips": self.flips,
            "corrections": self.corrections,
            "clears": self.clears,
            "per_second": list(self.per_second),
        }

    @classmethod
    def read(cls, f: Fields, version: int) -> Self:
        return cls(
            score=f.number("score"),
            accuracy=f.number("accuracy"),
            vouchers_per_min=f.number("vouchers_per_min"),
            groups_correct=f.number("groups_correct"),
            gross_kph=f.number("gross_kph"),
            consistency=f.optional_number("consistency"),
            start_page=f.integer("start_page"),
            start_row=f.integer("start_row"),
            book_size=f.integer("book_size"),
            group_size=f.integer("group_size"),
            groups_submitted=f.integer("groups_submitted"),
            wrong_groups=f.integers("wrong_groups"),
            partial_points=f.integer("partial_points"),
            points_per_group=f.integer("points_per_group", 20),
            points_per_entry=f.integer("points_per_entry", 1),
            groups=f.records("groups", VoucherGroup.read),
            entries=f.integer("entries"),
            right_entries=f.integer("right_entries"),
            wrong_entries=f.integer("wrong_entries"),
            strokes=f.integer("strokes"),
            flips=f.integer("flips"),
            corrections=f.integer("corrections"),
            clears=f.integer("clears"),
            per_second=f.integers("per_second"),
        )
