"""Drawer balancing: find the voucher that explains why the drawer does not balance, and
name the error (transposed digits, a missed entry, a wrong denomination). The case
model, its arithmetic and its generation are in ``drawer_case``.

Keys (clicks arrive as the synthetic keys in brackets, all logged):

- Up / Down / Home / End move the selection over the vouchers (Down with nothing
  selected selects the first); digits type a voucher number (``1`` then ``2`` selects
  voucher 12 when it exists; a number that does not exist starts again from the last
  digit) (``row:<number>`` selects voucher ``number``, 1-based);
- ``t`` / ``m`` / ``d`` / ``r`` / ``p`` / ``e`` (``kind:transposed`` / ``kind:missed`` /
  ``kind:wrong_denomination`` / ``kind:reversed`` / ``kind:decimal_slip`` /
  ``kind:double_posted``: entered twice) name the error, among the pack's
  ``error_kinds``; Backspace clears the name (or the typed number);
- with ``[scoring] report_points`` above 0, the 长短款 report step: ``o`` / ``s``
  (``report:over`` / ``report:short``) report the drawer over (长款) or short (短款);
  Backspace clears the report first;
- Enter answers (only with a voucher selected, an error named and, with the report
  step, the report made) and shows the next case. One answer per case.

Scoring per case: ``row_points`` (``[scoring]``, default 60) for the right voucher,
``report_points`` (default 0: no report step) for reporting over or short right, the
rest of 100 for also naming its error right (a voucher and kind are right when they are
among ``drawer_case.explanations``). Figures: speed = cases answered per hour of active
time (``cases_per_hour``, 0.1); accuracy = Σ points / (100 × cases answered) (0.0001);
score = min(100, 100 × speed / reference_speed) × accuracy (0.1).

Timing (scoring rules 2 on, ``scoring_rules``): finding the voucher is reasoning, not
typing, so the clock is the thinking clock and runs from the moment the first case is
shown (``DrillRun.show``), with no idle pause: a case solved after a minute of analysis
and three keys records the minute. One case earns at most ``CASE_CAP_S`` (5 minutes):
reading even a 40-voucher day once over at 6 s a voucher takes 4 minutes, so time
beyond that is a trainee away from the counter, not working the case, and is not
credited (the screen says the clock has stopped). Under rules 1 the kind was timed as
typing (first key, 5-second idle pause); stored attempts keep that clock on rescore.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, ClassVar

from svctrainer.core import metrics
from svctrainer.core.currency import (
    CURRENCY_KEYS,
    CurrencySet,
    face_text,
    validate_generator_currency,
)
from svctrainer.core.drills import scoring_rules
from svctrainer.core.drills.active_clock import ClockRule, DrillClock
from svctrainer.core.drills.base import DrillRun, Feedback, LiveState, Verdict
from svctrainer.core.drills.cash_drill_result import cash_drill_result, reference_score
from svctrainer.core.drills.drawer_case import (
    FIRST_ERROR_KINDS,
    CaseSpec,
    DrawerCase,
    DrawerPuzzle,
    ErrorKind,
    ErrorKindPlan,
    OverShort,
    VoucherKind,
    difference_hints,
    draw_case,
)
from svctrainer.core.drills.drawer_details import DrawerBalancingDetails, DrawerCaseRecord
from svctrainer.core.drills.kind import DrillKind
from svctrainer.core.drills.lazy_items import LazyItems
from svctrainer.core.drills.result import DrillResult, EndReason
from svctrainer.core.drills.seeded_random import SeededRandom
from svctrainer.core.drills.simulated_play import PlayerClock, Timing
from svctrainer.core.durations import MS_PER_HOUR, NS_PER_MS, NS_PER_S
from svctrainer.core.keystrokes import BACKSPACE, ENTER, KeyEvent
from svctrainer.core.money import CENT
from svctrainer.core.packs.definition import DrillDefinition, Mode
from svctrainer.core.packs.schema import Issue, Key, Kind, TableSpec

UP, DOWN, HOME, END = "Up", "Down", "Home", "End"
ROW_EVENT = "row:"
KIND_EVENT = "kind:"
KIND_KEYS: dict[str, ErrorKind] = {
    "t": ErrorKind.TRANSPOSED,
    "m": ErrorKind.MISSED,
    "d": ErrorKind.WRONG_DENOMINATION,
    "r": ErrorKind.REVERSED,
    "p": ErrorKind.DECIMAL_SLIP,
    "e": ErrorKind.DOUBLE_POSTED,
}
REPORT_EVENT = "report:"
REPORT_KEYS: dict[str, OverShort] = {"o": OverShort.OVER, "s": OverShort.SHORT}
SPEED_UNIT = "cases_per_hour"
CASE_CAP_S = 300  # the most active time one case earns (see the module docstring)
MAX_AMOUNT = Decimal(1_000_000)
CASH_OUT_KINDS = (VoucherKind.WITHDRAWAL, VoucherKind.CHEQUE_CASHED, VoucherKind.EXCHANGE)

GENERATOR_SPEC = TableSpec(
    (
        *CURRENCY_KEYS,
        Key("transactions", Kind.INT_RANGE, default=(8, 12), minimum=3, maximum=40),
        Key("amount_min", Kind.DECIMAL, default=Decimal(10), minimum=Decimal("0.01"),
            maximum=MAX_AMOUNT),
        Key("amount_max", Kind.DECIMAL, default=Decimal(20_000), minimum=Decimal("0.01"),
            maximum=MAX_AMOUNT),
        Key("amount_step", Kind.DECIMAL, minimum=Decimal("0.01"), maximum=MAX_AMOUNT),
        Key("opening_balance", Kind.INT_RANGE, default=(20_000, 50_000), minimum=0,
            maximum=100_000_000),
        Key("kinds", Kind.STR_LIST, choices=tuple(VoucherKind)),
        Key("error_kinds", Kind.STR_LIST, choices=tuple(ErrorKind),
            default=tuple(FIRST_ERROR_KINDS)),
        Key("exchange_currency", Kind.STR, pattern=r"[A-Z]{3}", hint="a code such as USD"),
        Key("exchange_rate", Kind.DECIMAL, minimum=Decimal("0.0001"), maximum=Decimal(100_000)),
    )
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class DrawerContent:
    currency: CurrencySet
    spec: CaseSpec


@dataclass(frozen=True, slots=True)
class CaseJudgement:
    """One answer: ``row`` is the 0-based voucher chosen, ``accepted`` every right
    (voucher, kind); ``ms`` the active time spent on the case."""

    index: int
    puzzle: DrawerPuzzle
    row: int
    kind: ErrorKind
    row_ok: bool
    kind_ok: bool
    points: int
    ms: int
    report: OverShort | None = None  # None: the pack has no report step
    report_ok: bool | None = None

    def record(self) -> DrawerCaseRecord:
        """The case as the result stores it (vouchers numbered from 1, as on screen)."""
        error = self.puzzle.error
        return DrawerCaseRecord(
            index=self.index,
            difference=self.puzzle.case.difference,
            chosen_voucher=self.row + 1,
            chosen_kind=self.kind,
            seeded_voucher=error.row + 1,
            seeded_kind=error.kind,
            posted=error.posted,
            listed=error.listed,
            handed=error.handed,
            accepted=tuple((r + 1, k) for r, k in self.puzzle.accepted),
            voucher_right=self.row_ok,
            kind_right=self.kind_ok,
            points=self.points,
            ms=self.ms,
            report=self.report,
            report_right=self.report_ok,
        )


@dataclass(frozen=True, slots=True)
class DrawerView:
    """What the balancing screen draws: the ``case`` (None once finished), the selected
    voucher (0-based ``cursor``, None before any), the typed number, the error named so
    far, the error keys, ``hints`` (difference_hints codes, practice with hints only) and
    the previous answer."""

    case_index: int
    case_count: int | None
    case: DrawerCase | None
    cursor: int | None
    typed_number: str
    kind: ErrorKind | None
    kind_keys: tuple[tuple[str, ErrorKind], ...]
    hints: tuple[str, ...]
    last: CaseJudgement | None
    report_step: bool = False
    report: OverShort | None = None


class DrawerBalancingRun(DrillRun):
    def _reset(self) -> None:
        content: DrawerContent = self.definition.content
        self.currency = content.currency
        self.error_kinds = frozenset(content.spec.error_kinds)
        rng = SeededRandom(self.seed)
        plan = ErrorKindPlan(rng, content.spec.error_kinds)
        self.cases: LazyItems[DrawerPuzzle] = LazyItems(
            self.settings.item_count,
            lambda _i: draw_case(rng, content.currency, content.spec, plan.next()),
        )
        self.row_points = int(self.definition.scoring.extra.get("row_points", 60))
        self.report_points = int(self.definition.scoring.extra.get("report_points", 0))
        self.judgements: list[CaseJudgement] = []
        self.strokes = 0
        self.case_start_ns = 0
        self._load(0)

    def _load(self, index: int) -> None:
        self.case_index = index
        self.puzzle = self.cases.item(index)
        self.cursor: int | None = None
        self.typed = ""
        self.kind: ErrorKind | None = None
        self.report: OverShort | None = None

    # -- input -----------------------------------------------------------------------------
    def _rows(self) -> int:
        return 0 if self.puzzle is None else len(self.puzzle.case.vouchers)

    def _kind_of(self, key: str) -> ErrorKind | None:
        """The error a key names, if the pack's days can have it (other keys do nothing,
        as before the pack's kinds grew: old logs replay the same)."""
        if key.startswith(KIND_EVENT):
            name = key.removeprefix(KIND_EVENT)
            kind = ErrorKind(name) if name in set(ErrorKind) else None
        else:
            kind = KIND_KEYS.get(key.lower()) if len(key) == 1 else None
        return kind if kind in self.error_kinds else None

    def _report_of(self, key: str) -> OverShort | None:
        """What a key reports (over or short), with the report step only."""
        if not self.report_points:
            return None
        if key.startswith(REPORT_EVENT):
            name = key.removeprefix(REPORT_EVENT)
            return OverShort(name) if name in set(OverShort) else None
        return REPORT_KEYS.get(key.lower()) if len(key) == 1 else None

    def _row_event(self, key: str) -> int | None:
        number = key.removeprefix(ROW_EVENT)
        plain = number.isascii() and number.isdigit() and len(number) < 4
        if key.startswith(ROW_EVENT) and plain and 1 <= int(number) <= self._rows():
            return int(number) - 1
        return None

    def _is_stroke(self, ev: KeyEvent) -> bool:
        if self.puzzle is None:
            return False
        key = ev.key
        if key == ENTER:
            reported = self.report is not None or not self.report_points
            return self.cursor is not None and self.kind is not None and reported
        if key == BACKSPACE:
            return self.report is not None or self.kind is not None or bool(self.typed)
        if key in (UP, DOWN, HOME, END):
            return True
        if len(key) == 1 and key.isdigit() and key.isascii():
            return True
        return (
            self._row_event(key) is not None
            or self._kind_of(key) is not None
            or self._report_of(key) is not None
        )

    def _on_stroke(self, ev: KeyEvent, latency_ns: int | None) -> Feedback:
        self.strokes += 1
        self.count_strokes(1)
        key = ev.key
        last = self._rows() - 1
        if key == ENTER:
            return self._answer()
        if key == BACKSPACE:
            return self._backspace()
        if key in (UP, DOWN, HOME, END):
            self.typed = ""
            if key == HOME or (key == UP and self.cursor is None):
                self.cursor = 0
            elif key == END:
                self.cursor = last
            elif key == UP:
                self.cursor = max(0, (self.cursor or 0) - 1)
            else:
                self.cursor = 0 if self.cursor is None else min(last, self.cursor + 1)
        elif len(key) == 1 and key.isdigit():
            typed = self.typed + key
            if not 1 <= int(typed) <= last + 1:
                typed = key if 1 <= int(key) <= last + 1 else ""
            self.typed = typed
            if typed:
                self.cursor = int(typed) - 1
        elif (row := self._row_event(key)) is not None:
            self.typed = ""
            self.cursor = row
        elif (report := self._report_of(key)) is not None:
            self.report = report
        else:
            self.kind = self._kind_of(key)
        return Feedback(Verdict.CORRECT, strokes=1)

    def _backspace(self) -> Feedback:
        """Take back the last thing said: the report, else the error, else the number."""
        if self.report is not None:
            self.report = None
        elif self.kind is not None:
            self.kind = None
        else:
            self.typed = ""
        return Feedback(Verdict.CORRECTION, strokes=1)

    def _answer(self) -> Feedback:
        puzzle, row, kind = self.puzzle, self.cursor, self.kind
        assert puzzle is not None  # noqa: S101 - see _is_stroke
        assert row is not None  # noqa: S101
        assert kind is not None  # noqa: S101
        row_ok = any(r == row for r, _ in puzzle.accepted)
        kind_ok = (row, kind) in puzzle.accepted
        kind_points = max(0, 100 - self.row_points - self.report_points)
        points = self.row_points * row_ok + kind_points * kind_ok
        report_ok = None
        if self.report_points:
            report_ok = self.report is puzzle.case.over_short
            points += self.report_points * report_ok
        ms = (self.clock.active_ns - self.case_start_ns) // NS_PER_MS
        self.judgements.append(
            CaseJudgement(
                self.case_index,
                puzzle,
                row,
                kind,
                row_ok,
                kind_ok,
                points,
                ms,
                self.report if self.report_points else None,
                report_ok,
            )
        )
        self.case_start_ns = self.clock.active_ns
        self.clock.next_case()
        self._load(self.case_index + 1)
        if self.puzzle is None:
            self._finish(EndReason.ITEMS)
        verdict = Verdict.CORRECT if kind_ok else Verdict.WRONG
        return Feedback(
            verdict, ENTER, 1, 0 if kind_ok else 1, advanced=True, finished=self.finished
        )

    # -- display and result ------------------------------------------------------------------
    def view(self) -> DrawerView:
        case = None if self.puzzle is None else self.puzzle.case
        hints = difference_hints(case) if case is not None and self.settings.hints else ()
        return DrawerView(
            case_index=self.case_index,
            case_count=self.cases.count,
            case=case,
            cursor=self.cursor,
            typed_number=self.typed,
            kind=self.kind,
            kind_keys=tuple((k, v) for k, v in KIND_KEYS.items() if v in self.error_kinds),
            hints=hints,
            last=self.judgements[-1] if self.judgements else None,
            report_step=bool(self.report_points),
            report=self.report,
        )

    def state(self, now_ns: int | None = None) -> LiveState:
        common = self.common_state(now_ns)
        done = len(self.judgements)
        return LiveState(
            **common,
            strokes=self.strokes,
            errors=sum(not j.kind_ok for j in self.judgements),
            speed=metrics.ratio(done * MS_PER_HOUR, common["active_ms"]),
            speed_unit=SPEED_UNIT,
            item_index=self.case_index,
            items_done=done,
            item_count=self.cases.count,
            position=-1 if self.cursor is None else self.cursor,
        )

    def _build_result(self) -> DrillResult:
        active_ms = self.active_ns // NS_PER_MS
        done = len(self.judgements)
        points = sum(j.points for j in self.judgements)
        speed = metrics.ratio(done * MS_PER_HOUR, active_ms)
        accuracy = metrics.ratio(points, 100 * done, 4)
        score = reference_score(self, speed, accuracy)
        figures: dict[str, float | None] = {SPEED_UNIT: speed, "accuracy": accuracy, "score": score}
        details = DrawerBalancingDetails(
            cases_per_hour=speed,
            accuracy=accuracy,
            score=score,
            currency=self.currency.code,
            cases_done=done,
            vouchers_found=sum(j.row_ok for j in self.judgements),
            cases_right=sum(j.kind_ok for j in self.judgements),
            points=points,
            row_points=self.row_points,
            cases=tuple(j.record() for j in self.judgements),
            per_second=tuple(self.complete_seconds()),
        )
        return cash_drill_result(
            self, strokes=self.strokes, speed_unit=SPEED_UNIT, figures=figures, details=details
        )


class DrawerBalancingDrill(DrillKind[DrawerBalancingRun, DrawerBalancingDetails]):
    name: ClassVar[str] = "drawer_balancing"
    speed_unit: ClassVar[str] = SPEED_UNIT
    grade_figures: ClassVar[frozenset[str]] = frozenset({SPEED_UNIT, "accuracy", "score"})
    scoring_keys: ClassVar[tuple[Key, ...]] = (
        Key("row_points", Kind.INT, minimum=0, maximum=100),
        Key("report_points", Kind.INT, minimum=0, maximum=100),
    )
    # The work between keys is reasoning: timed from the case shown, capped per case.
    clock_rule: ClassVar[ClockRule] = ClockRule.THINKING
    run_type = DrawerBalancingRun
    details_type = DrawerBalancingDetails

    def clock_for(self, rules: int) -> DrillClock:
        """Rules 1 timed balancing as typing; from rules 2 the thinking clock runs from
        the case shown, at most ``CASE_CAP_S`` a case (module docstring)."""
        if rules < scoring_rules.CASE_CLOCK_AND_CHARACTER_ERRORS:
            return DrillClock(ClockRule.KEYING)
        return DrillClock(self.clock_rule, from_shown=True, case_cap_ns=CASE_CAP_S * NS_PER_S)

    def figure_maximum(self, figure: str) -> Decimal:
        return Decimal(3600) if figure == SPEED_UNIT else super().figure_maximum(figure)

    def build_content(
        self,
        generator: Mapping[str, Any] | None,
        items: Sequence[Mapping[str, Any]] | None,
        language: str,
    ) -> tuple[DrawerContent | None, list[Issue]]:
        clean, currency, issues = validate_generator_currency(
            GENERATOR_SPEC, generator, language, "drawer-balancing"
        )
        if items is not None:
            issues.append(
                Issue(("items",), "drawer-balancing packs generate their cases; remove [[items]]")
            )
        if currency is None or issues:
            return None, issues
        spec, issues = _case_spec(clean, currency)
        return (None if spec is None else DrawerContent(currency, spec)), issues

    def new_run(
        self,
        definition: DrillDefinition,
        mode: Mode,
        seed: int,
        options: Mapping[str, Any] | None,
    ) -> DrawerBalancingRun:
        if options:
            raise ValueError(f"unknown drawer-balancing options: {sorted(options)}")
        return DrawerBalancingRun(self, definition, mode, seed, {})

    def play(self, run: DrawerBalancingRun, timing: Timing, max_active_ns: int) -> None:
        play_drawer_balancing(run, timing, max_active_ns)

    def form(self, run: DrawerBalancingRun, limit: int) -> Mapping[str, Any]:
        """Every day: the opening balance, the vouchers, the system totals, the cash
        counted (by denomination) and the seeded error that explains the difference."""
        days = []
        for index in range(limit):
            puzzle = run.cases.item(index)
            if puzzle is None:
                break
            case = puzzle.case
            days.append(
                {
                    "day": index + 1,
                    "opening_balance": str(case.opening_balance),
                    "vouchers": case.vouchers,
                    "system_cash_in": str(case.system_cash_in),
                    "system_cash_out": str(case.system_cash_out),
                    "counted": {str(d.value): n for d, n in case.count},
                    "difference": str(case.difference),
                    "error": puzzle.error,
                }
            )
        return {"days": days}


def _case_spec(
    clean: Mapping[str, Any], currency: CurrencySet
) -> tuple[CaseSpec | None, list[Issue]]:
    low, high = clean["amount_min"], clean["amount_max"]
    smallest = currency.smallest.value
    step = clean.get("amount_step", smallest)
    for key in ("amount_min", "amount_max", "amount_step"):
        value = clean.get(key)
        if value is not None and value != value.quantize(CENT):
            return None, [Issue(("generator", key), f"{key} {value} has more than two decimals")]
    if step % smallest != 0:
        return None, [
            Issue(
                ("generator", "amount_step"),
                f"amount_step {step} must be a whole multiple of the smallest denomination "
                f"{face_text(smallest)}",
            )
        ]
    if low > high:
        return None, [
            Issue(("generator", "amount_min"), f"amount_min {low} is above amount_max {high}")
        ]
    low_c, high_c, step_c = int(low * 100), int(high * 100), int(step * 100)
    if -(-low_c // step_c) * step_c > high_c:
        return None, [
            Issue(("generator", "amount_max"), f"no multiple of {step} lies between the amounts")
        ]
    rate = clean.get("exchange_rate")
    kinds = clean.get("kinds")
    if kinds is None:
        kinds = tuple(k for k in VoucherKind if k is not VoucherKind.EXCHANGE or rate is not None)
    issues: list[Issue] = []
    if VoucherKind.EXCHANGE in kinds and rate is None:
        issues.append(
            Issue(("generator", "kinds"), "exchange vouchers need exchange_rate in [generator]")
        )
    errors = clean["error_kinds"]
    if ErrorKind.WRONG_DENOMINATION in errors and not set(kinds) & set(CASH_OUT_KINDS):
        issues.append(
            Issue(
                ("generator", "kinds"),
                "a wrong denomination happens when paying out; add withdrawal, cheque_cashed "
                "or exchange to kinds (or leave wrong_denomination out of error_kinds)",
            )
        )
    if issues:
        return None, issues
    default_foreign = "EUR" if currency.code == "USD" else "USD"
    return CaseSpec(
        transactions=clean["transactions"],
        amount_min=low,
        amount_max=high,
        amount_step=step,
        opening=clean["opening_balance"],
        kinds=tuple(VoucherKind(k) for k in kinds),
        error_kinds=tuple(ErrorKind(k) for k in errors),
        exchange_currency=clean.get("exchange_currency", default_foreign),
        exchange_rate=rate,
    ), []


DRAWER_BALANCING = DrawerBalancingDrill()


# -- the simulated player ------------------------------------------------------------------
def play_drawer_balancing(run: DrawerBalancingRun, timing: Timing, max_active_ns: int) -> None:
    """Work out the difference (long head work), read down the vouchers one by one
    (Down, a few seconds on each; a second pass when skill is low), then select the one
    that explains it (typing its number, Up, or a click), name the error, Enter.
    Mistakes: the voucher next to it, or the wrong kind of error."""
    c = PlayerClock(run, timing, max_active_ns)
    kinds = {kind: key for key, kind in KIND_KEYS.items()}
    while c.going and run.puzzle is not None:
        puzzle = run.puzzle
        rows = len(puzzle.case.vouchers)
        c.think(90.0, cap_ms=None)  # opening + in − out against the count: the difference
        target, kind = puzzle.error.row, puzzle.error.kind
        if c.slip(4.0):
            if c.timing.chance(0.5):
                target = target + 1 if target + 1 < rows else target - 1
            else:
                kind = c.timing.rng.choice([k for k in kinds if k is not kind])
        if not _read_and_select(c, rows, target):
            return
        c.think(2.0)
        if c.timing.chance(0.2):
            c.click(KIND_EVENT + str(kind))
        else:
            c.key(kinds[kind], kinds[kind])
        if c.going and run.report_points:
            report = puzzle.case.over_short
            if c.slip(1.0):
                report = OverShort.SHORT if report is OverShort.OVER else OverShort.OVER
            c.think(1.0)
            key = next(k for k, v in REPORT_KEYS.items() if v is report)
            c.key(key, key)
        if c.going and run.cursor is not None and run.kind is not None:
            c.key(ENTER, "")


def _read_and_select(c: PlayerClock, rows: int, target: int) -> bool:
    """Read the list top to bottom (once, or twice), then select row ``target``
    (0-based); False when the run ended on the way."""
    for _ in range(1 + int(c.slip(8.0))):
        c.key("Home", "")
        for _row in range(rows - 1):
            if not c.going:
                return False
            c.think(6.0)
            c.key("Down", "")
    how = c.timing.rng.below(10)
    if how < 5:
        for digit in str(target + 1):
            c.key(digit, digit)
    elif how < 8:
        for _ in range(rows - 1 - target):
            c.key("Up", "", c.skill.stroke_ms * 0.8)
    else:
        c.click(f"row:{target + 1}", c.skill.stroke_ms * 2)
    return c.going
