"""Voucher summing (传票算): flip through a voucher book and add one row of every voucher
on the built-in adding register, entering the total of each group of 20 vouchers.

The book, the start page/row and the group plan are in ``voucher_book``. The book opens
at the start page. Keys (names as ``core.keystrokes``; keyboard only):

=================  ==============================================================
0–9 and ``.``      build the current entry: one ``.``, at most ``decimals`` digits
                   after it and 12 before it (other presses do nothing)
Enter or ``+``     add the entry to the running total (needs a digit)
``-``              subtract (scoring rules 2 on): the entry keyed, or with none keyed
                   the last amount added, is taken off the running total, as on an
                   adding machine (see "Correcting with the minus key" below)
Backspace          delete the entry's last character (a correction)
Delete             clear the entry (CE on an adding machine)
Tab or ``*``       submit the running total as the group's answer; a pending entry is
                   added first; needs at least one entry; the next group starts
PageDown/PageUp    next/previous voucher (wrapping); a pack may add more flip keys
=================  ==============================================================

A press that would do nothing (Enter on an empty entry, a third decimal, an unknown
key) is logged but is not a stroke. Every other press is a stroke, flips included,
so flipping keeps the clock running.

Correcting with the minus key. A printing adding machine corrects an amount already
added by keying it again and pressing minus (its register then holds the amount, and
minus with nothing new keyed subtracts the amount still in the register: the last one
added). The drill does the same: a subtraction whose amount equals an entry of the
group takes that entry back (the latest such entry; it no longer counts as an entry,
right or wrong, and is one correction); a subtraction of an amount the group never
added is a negative entry, wrong like any amount no voucher shows. Entries after a
taken-back one are re-checked against the slots they now stand for. A pack's flip key
spelt ``-`` keeps flipping. Under scoring rules 1 the minus key did nothing (stored
attempts replay so).

Checking and contest scoring (hand-checked in the tests):

- Entry k (0-based) of group g is *right* when k < group_size and its value equals the
  amount in ``book.slot(g, k)``. Values are compared as decimals (``12.5`` = ``12.50``).
- A submitted group is *correct* when its total equals the group total (as in contests,
  only the answer is marked) and scores ``points_per_group`` (20); otherwise 0.
- The group still open when the run ends scores ``points_per_entry`` (1) for each entry
  of its leading run of right entries (entries 1..k all right), so a trainee cut off
  after 13 right vouchers gets 13 points, and one whose 3rd entry was wrong gets 2 —
  except in a test on a contest book, which marks completed correct totals only (0).
- On a contest book the run ends after its last question, and handing in a question
  opens the book at the next one's first page.
- score = the sum of those points; accuracy = right entries / entries;
  speed = ``vouchers_per_min`` = entries added × 60 000 / active ms (0.1);
  ``gross_kph`` = strokes × 3 600 000 / active ms.
- The first wrong entry of a group is the first k whose entry is wrong, missing (fewer
  than group_size entries) or extra (k ≥ group_size); the result names its voucher
  (page) and row, what was typed, what was due and which page was on screen.

While hints are off (test mode) nothing live tells whether an entry or group was right:
``LiveState.errors`` stays 0, feedback verdicts are CORRECT ("accepted") and the view's
hint fields are None.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, ClassVar

from svctrainer.core import metrics
from svctrainer.core.drills import scoring_rules
from svctrainer.core.drills.base import DrillRun, Feedback, LiveState, Verdict
from svctrainer.core.drills.kind import DrillKind
from svctrainer.core.drills.result import DrillResult, EndReason, validity
from svctrainer.core.drills.simulated_play import PlayerClock, Timing
from svctrainer.core.drills.voucher_book import (
    ADD_KEYS,
    CLEAR_KEYS,
    TOTAL_KEYS,
    Layout,
    Slot,
    VoucherBook,
    VoucherContent,
    book_content,
)
from svctrainer.core.drills.voucher_details import (
    EXTRA,
    MISSING,
    WRONG_AMOUNT,
    FirstWrong,
    VoucherDetails,
    VoucherGroup,
)
from svctrainer.core.durations import MS_PER_MINUTE, NS_PER_MS
from svctrainer.core.keystrokes import BACKSPACE, ENTER, PAGE_DOWN, PAGE_UP, TAB, KeyEvent
from svctrainer.core.packs.definition import DrillDefinition, Mode
from svctrainer.core.packs.schema import Issue, Key, Kind

SUBTRACT_KEY = "-"  # the adding machine's minus key (scoring rules 2 on)
MAX_WHOLE_DIGITS = 12  # amounts stay below 10^12, as everywhere in svctrainer.core.money
VOUCHER_FIGURES = frozenset(
    {"score", "accuracy", "vouchers_per_min", "groups_correct", "gross_kph"}
)


@dataclass(frozen=True, slots=True)
class Entry:
    """One amount added to the register: ``text`` as keyed, ``slot`` it was due for
    (None beyond the group), ``page_shown`` when Enter was pressed."""

    text: str
    value: Decimal
    slot: Slot | None
    page_shown: int
    right: bool


@dataclass(frozen=True, slots=True)
class VoucherView:
    """What the voucher screen draws (``VoucherRun.view``).

    ``page``/``rows``: the voucher on screen and its amounts as printed (row 1 first).
    ``row_to_key``, ``group_first_page``..``group_last_page``: the current question.
    Register: ``entry_text`` being keyed, ``running_total`` (exact), ``total_text`` as
    the register shows it, ``entries_in_group``. The last four fields are hints, None
    while hints are off: ``expected_page`` (page of the next amount to add),
    ``last_entry_right``, ``groups_correct``, ``wrong_groups`` (0-based indices).
    """

    page: int
    rows: tuple[str, ...]
    row_to_key: int
    book_size: int
    group_index: int
    group_size: int
    group_first_page: int
    group_last_page: int
    entry_text: str
    running_total: Decimal
    total_text: str
    entries_in_group: int
    groups_done: int
    flips: int
    expected_page: int | None
    last_entry_right: bool | None
    groups_correct: int | None
    wrong_groups: tuple[int, ...] | None


class VoucherRun(DrillRun):
    def _reset(self) -> None:
        content: VoucherContent = self.definition.content
        self.book = VoucherBook(content.book, self.seed)
        self.contest = content.book.layout is Layout.CONTEST
        self.decimals = content.book.amount.decimals
        self.next_keys = frozenset((PAGE_DOWN, *content.next_page_keys))
        self.previous_keys = frozenset((PAGE_UP, *content.previous_page_keys))
        extra = self.definition.scoring.extra
        self.points_per_group: int = extra.get("points_per_group", 20)
        self.points_per_entry: int = extra.get("points_per_entry", 1)
        if self.contest and self.mode is Mode.TEST:
            self.points_per_entry = 0  # a contest marks completed totals only
        self.page = self.book.start_page
        self.entry = ""
        self.group = 0
        self.entries: list[Entry] = []
        self.total = Decimal(0)
        self.submitted: list[VoucherGroup] = []
        self.strokes = 0
        self.flips = 0
        self.corrections = 0
        self.clears = 0
        self.entry_count = 0
        self.right_count = 0
        self.groups_right = 0
        self.last_right: bool | None = None

    @property
    def group_limit(self) -> int | None:
        """Groups this run can hand in: the pack's ``item_count``, at most the book's."""
        limits = [n for n in (self.settings.item_count, self.book.group_count) if n is not None]
        return min(limits) if limits else None

    # -- input -------------------------------------------------------------------------
    def _action(self, ev: KeyEvent) -> str | None:
        """What a press does now, or None if nothing (then it is not a stroke)."""
        key = ev.key
        if key in self.next_keys:
            return "next"
        if key in self.previous_keys:
            return "previous"
        # Whether the entry holds a digit matters to the register keys only: worked out
        # there, not for every digit typed (most presses are digits).
        if key in ADD_KEYS or key == SUBTRACT_KEY:
            return self._register_action(key, any(c.isdigit() for c in self.entry))
        if key in TOTAL_KEYS:
            return "total" if self.entries or any(c.isdigit() for c in self.entry) else None
        if key == BACKSPACE or key in CLEAR_KEYS:
            return ("backspace" if key == BACKSPACE else "clear") if self.entry else None
        char = ev.text if len(ev.text) == 1 else (key if len(key) == 1 else "")
        whole, point, fraction = self.entry.partition(".")
        if char == ".":
            return "char" if not point and self.decimals > 0 else None
        if char in tuple("0123456789"):
            room = len(fraction) < self.decimals if point else len(whole) < MAX_WHOLE_DIGITS
            return "char" if room else None
        return None

    def _register_action(self, key: str, has_digit: bool) -> str | None:
        """Add (needs a digit keyed) or subtract (from scoring rules 2: needs a digit
        keyed, or an amount already added to take back)."""
        if key in ADD_KEYS:
            return "add" if has_digit else None
        if self.rules < scoring_rules.CASE_CLOCK_AND_CHARACTER_ERRORS:
            return None  # the minus key did nothing under the first rules
        return "subtract" if has_digit or self.entries else None

    def _is_stroke(self, ev: KeyEvent) -> bool:
        return self._action(ev) is not None

    def _on_stroke(self, ev: KeyEvent, latency_ns: int | None) -> Feedback:
        action = self._action(ev)
        self.strokes += 1
        self.count_strokes(1)
        if action in ("next", "previous"):
            self.flips += 1
            self.page = self.book.flip(self.page, 1 if action == "next" else -1)
        elif action == "char":
            self.entry += ev.text if len(ev.text) == 1 else ev.key
        elif action in ("backspace", "clear"):
            if action == "clear":
                self.clears += 1
            self.corrections += 1
            self.entry = self.entry[:-1] if action == "backspace" else ""
            return Feedback(Verdict.CORRECTION, None, 1)
        elif action == "add":
            right = self._add()
            return self._judged(right, advanced=True)
        elif action == "subtract":
            taken_back = self._subtract()
            if taken_back:
                return Feedback(Verdict.CORRECTION, None, 1)
            return self._judged(False, advanced=True)
        elif action == "total":
            if any(c.isdigit() for c in self.entry):
                self._add()
            right = self._submit()
            return self._judged(right, advanced=True)
        return Feedback(Verdict.CORRECT, None, 1)

    def _judged(self, right: bool, *, advanced: bool) -> Feedback:
        if not self.settings.hints:
            right = True  # not revealed during a test
        verdict = Verdict.CORRECT if right else Verdict.WRONG
        return Feedback(verdict, None, 1, 0 if right else 1, advanced, self.finished)

    def _add(self) -> bool:
        value = Decimal(self.entry)
        index = len(self.entries)
        slot = self.book.slot(self.group, index) if index < self.book.spec.group_size else None
        right = slot is not None and value == self.book.amount(slot)
        self.entries.append(Entry(self.entry, value, slot, self.page, right))
        self.total += value
        self.entry = ""
        self.entry_count += 1
        self.right_count += right
        self.last_right = right
        return right

    def _subtract(self) -> bool:
        """The minus key (module docstring): True when it took an entry back, False when
        it added a negative amount (a wrong entry)."""
        if any(c.isdigit() for c in self.entry):
            value = Decimal(self.entry)
            matches = [k for k, e in enumerate(self.entries) if e.value == value]
        else:
            value = self.entries[-1].value
            matches = [len(self.entries) - 1]
        self.entry = ""
        self.total -= value
        if not matches:
            index = len(self.entries)
            slot = self.book.slot(self.group, index) if index < self.book.spec.group_size else None
            self.entries.append(Entry(f"-{value}", -value, slot, self.page, False))
            self.entry_count += 1
            self.last_right = False
            return False
        before = sum(e.right for e in self.entries)
        del self.entries[matches[-1]]
        self.entries = [self._checked(k, e) for k, e in enumerate(self.entries)]
        self.entry_count -= 1
        self.right_count += sum(e.right for e in self.entries) - before
        self.corrections += 1
        self.last_right = self.entries[-1].right if self.entries else None
        return True

    def _checked(self, index: int, entry: Entry) -> Entry:
        """``entry`` checked against the slot it stands for at ``index``."""
        size = self.book.spec.group_size
        slot = self.book.slot(self.group, index) if index < size else None
        right = slot is not None and entry.value == self.book.amount(slot)
        return Entry(entry.text, entry.value, slot, entry.page_shown, right)

    def _submit(self) -> bool:
        expected = self.book.group_total(self.group)
        right = self.total == expected
        self.groups_right += right
        points = self.points_per_group if right else 0
        self.submitted.append(self._group_details(submitted=True, right=right, points=points))
        self.group += 1
        self.entries = []
        self.total = Decimal(0)
        limit = self.group_limit
        if limit is not None and self.group >= limit:
            self._finish(EndReason.ITEMS)
        elif self.contest:
            self.page = self.book.group_first_page(self.group)  # the book opens at it
        return right

    # -- details -----------------------------------------------------------------------
    def _money(self, value: Decimal) -> Decimal:
        """``value`` to the book's decimals, as stored."""
        return Decimal(f"{value:.{self.decimals}f}")

    def _group_details(self, *, submitted: bool, right: bool, points: int) -> VoucherGroup:
        book, g = self.book, self.group
        return VoucherGroup(
            index=g,
            first_page=book.group_first_page(g),
            last_page=book.group_last_page(g),
            row=book.group_row(g),
            entries=len(self.entries),
            right_entries=sum(e.right for e in self.entries),
            total=self._money(self.total),
            expected_total=self._money(book.group_total(g)),
            submitted=submitted,
            correct=right,
            points=points,
            first_wrong=self._first_wrong(),
        )

    def _first_wrong(self) -> FirstWrong | None:
        """The first wrong, missing or extra entry of the current group (see docstring)."""
        size = self.book.spec.group_size
        for k in range(max(size, len(self.entries))):
            entry = self.entries[k] if k < len(self.entries) else None
            if entry is not None and entry.right:
                continue
            slot = self.book.slot(self.group, k) if k < size else None
            kind = MISSING if entry is None else (EXTRA if slot is None else WRONG_AMOUNT)
            return FirstWrong(
                entry=k,
                kind=kind,
                page=None if slot is None else slot.page,
                row=None if slot is None else slot.row,
                expected=None if slot is None else self._money(self.book.amount(slot)),
                typed=None if entry is None else entry.text,
                page_shown=None if entry is None else entry.page_shown,
            )
        return None

    def _leading_right(self) -> int:
        run = 0
        for entry in self.entries:
            if not entry.right:
                break
            run += 1
        return run

    # -- display and result ------------------------------------------------------------
    def view(self) -> VoucherView:
        """The voucher on screen, the register and the question (see ``VoucherView``)."""
        book = self.book
        hints = self.settings.hints
        index = len(self.entries)
        expected_page = None
        if hints and index < book.spec.group_size:
            expected_page = book.slot(self.group, index).page
        return VoucherView(
            page=self.page,
            rows=tuple(book.shown(a) for a in book.voucher(self.page)),
            row_to_key=book.group_row(self.group),
            book_size=book.spec.vouchers,
            group_index=self.group,
            group_size=book.spec.group_size,
            group_first_page=book.group_first_page(self.group),
            group_last_page=book.group_last_page(self.group),
            entry_text=self.entry,
            running_total=self.total,
            total_text=book.shown(self.total),
            entries_in_group=index,
            groups_done=len(self.submitted),
            flips=self.flips,
            expected_page=expected_page,
            last_entry_right=self.last_right if hints else None,
            groups_correct=self.groups_right if hints else None,
            wrong_groups=(
                tuple(g.index for g in self.submitted if not g.correct) if hints else None
            ),
        )

    def voucher(self, page: int) -> tuple[str, ...]:
        """Any voucher's amounts as printed (for drawing the pages around the open one)."""
        return tuple(self.book.shown(a) for a in self.book.voucher(page))

    def state(self, now_ns: int | None = None) -> LiveState:
        common = self.common_state(now_ns)
        wrong = self.entry_count - self.right_count
        return LiveState(
            **common,
            strokes=self.strokes,
            errors=wrong if self.settings.hints else 0,
            speed=metrics.ratio(self.entry_count * MS_PER_MINUTE, common["active_ms"]),
            speed_unit=VoucherSummingDrill.speed_unit,
            item_index=self.group,
            items_done=len(self.submitted),
            item_count=self.group_limit,
            position=len(self.entries),
            typed=self.entry,
        )

    def _build_result(self) -> DrillResult:
        active_ms = self.active_ns // NS_PER_MS
        groups = list(self.submitted)
        partial = self._leading_right() * self.points_per_entry
        if self.entries:
            groups.append(self._group_details(submitted=False, right=False, points=partial))
        score = sum(g.points for g in groups)
        wrong = self.entry_count - self.right_count
        accuracy = metrics.accuracy(self.right_count, wrong)
        speed = metrics.ratio(self.entry_count * MS_PER_MINUTE, active_ms)
        gross = metrics.gross_kph(self.strokes, active_ms)
        figures: dict[str, float | None] = {
            "score": float(score),
            "accuracy": accuracy,
            "vouchers_per_min": speed,
            "groups_correct": float(self.groups_right),
            "gross_kph": gross,
        }
        invalid = validity(active_ms, self.strokes)
        grade = None if invalid else metrics.grade_reached(self.definition.grades, figures)
        details = VoucherDetails(
            score=float(score),
            accuracy=accuracy,
            vouchers_per_min=speed,
            groups_correct=float(self.groups_right),
            gross_kph=gross,
            consistency=metrics.consistency(self.complete_seconds()),
            start_page=self.book.start_page,
            start_row=self.book.start_row,
            book_size=self.book.spec.vouchers,
            group_size=self.book.spec.group_size,
            groups_submitted=len(self.submitted),
            wrong_groups=tuple(g.index for g in self.submitted if not g.correct),
            partial_points=partial if self.entries else 0,
            points_per_group=self.points_per_group,
            points_per_entry=self.points_per_entry,
            groups=tuple(groups),
            entries=self.entry_count,
            right_entries=self.right_count,
            wrong_entries=wrong,
            strokes=self.strokes,
            flips=self.flips,
            corrections=self.corrections,
            clears=self.clears,
            per_second=tuple(self.complete_seconds()),
        )
        return self.stamped_result(
            invalid=invalid,
            active_ms=active_ms,
            strokes=self.strokes,
            speed=speed,
            speed_unit=VoucherSummingDrill.speed_unit,
            accuracy=accuracy,
            score=float(score),
            grade=grade,
            details=details,
        )


class VoucherSummingDrill(DrillKind[VoucherRun, VoucherDetails]):
    name: ClassVar[str] = "voucher_summing"
    speed_unit: ClassVar[str] = "vouchers_per_min"
    grade_figures: ClassVar[frozenset[str]] = VOUCHER_FIGURES
    uses_reference_speed: ClassVar[bool] = False
    run_type = VoucherRun
    details_type = VoucherDetails
    scoring_keys: ClassVar[tuple[Key, ...]] = (
        Key("points_per_group", Kind.INT, default=20, minimum=0, maximum=1000),
        Key("points_per_entry", Kind.INT, default=1, minimum=0, maximum=1000),
    )

    def figure_maximum(self, figure: str) -> Decimal:
        if figure in ("score", "groups_correct"):
            return Decimal(100_000)  # contest points / groups, not a percentage
        return super().figure_maximum(figure)

    def build_content(
        self,
        generator: Mapping[str, Any] | None,
        items: Sequence[Mapping[str, Any]] | None,
        language: str,
    ) -> tuple[VoucherContent | None, list[Issue]]:
        return book_content(generator, items)

    def new_run(
        self,
        definition: DrillDefinition,
        mode: Mode,
        seed: int,
        options: Mapping[str, Any] | None,
    ) -> VoucherRun:
        if options:
            raise ValueError(f"unknown voucher-summing options: {sorted(options)}")
        return VoucherRun(self, definition, mode, seed, {})

    def play(self, run: VoucherRun, timing: Timing, max_active_ns: int) -> None:
        play_vouchers(run, timing, max_active_ns)

    def form(self, run: VoucherRun, limit: int) -> Mapping[str, Any]:
        """The book, every amount as printed without separators (``"1234.56"``), and the
        answer sheet: each question's pages, row and right total (a chained book's
        groups go on without end: the first ``limit``)."""
        book = run.book
        places = book.spec.amount.decimals
        count = book.group_count if book.group_count is not None else limit
        if run.settings.item_count is not None:
            count = min(count, run.settings.item_count)
        return {
            "layout": str(book.spec.layout),
            "vouchers": [
                {"page": page, "amounts": [f"{a:.{places}f}" for a in book.voucher(page)]}
                for page in range(1, book.spec.vouchers + 1)
            ],
            "questions": [
                {
                    "question": g + 1,
                    "first_page": book.group_first_page(g),
                    "last_page": book.group_last_page(g),
                    "row": book.group_row(g),
                    "total": f"{book.group_total(g):.{places}f}",
                }
                for g in range(count)
            ],
        }


VOUCHER_SUMMING = VoucherSummingDrill()


# -- the simulated player ------------------------------------------------------------------
def play_vouchers(run: VoucherRun, timing: Timing, max_active_ns: int) -> None:
    """Flip to each voucher of the group, key the row's amount, Enter; Tab after the
    group. Mistakes: slipped digits, and now and then the amount of the row next to the
    one asked (a misread)."""
    c = PlayerClock(run, timing, max_active_ns)
    book = run.book
    while c.going:
        view = run.view()
        if view.entries_in_group >= view.group_size:
            c.key(TAB, "\t", c.skill.stroke_ms * 1.5)
            c.think(1.5)  # the next group: find its first voucher and row
            continue
        slot = book.slot(view.group_index, view.entries_in_group)
        ahead = (slot.page - run.page) % view.book_size
        flips = ahead if ahead <= view.book_size // 2 else view.book_size - ahead
        flip_key = PAGE_DOWN if ahead <= view.book_size // 2 else PAGE_UP
        for _ in range(flips):
            if not c.going:
                return
            c.key(flip_key, "", c.skill.stroke_ms * 0.8)
        row = slot.row
        if c.slip(0.3):  # the eye slips to a neighbouring row
            row = row + 1 if row < book.spec.rows else row - 1
        amount = book.voucher(slot.page)[row - 1]
        text = f"{amount:.{run.decimals}f}"
        if run.decimals and text.endswith(".00"):
            text = text[:-3]  # whole amounts are keyed without ".00", as at the counter
        c.think(0.5)
        c.type_digits(text)
        if c.going:
            c.key(ENTER, "")
