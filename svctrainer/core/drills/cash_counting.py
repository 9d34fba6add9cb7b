"""Cash counting with seeded defects, as in hand counting: a bundle is shown one note at
a time at the trainee's pace; defective notes are flagged; at the end the trainee
reports how many notes of each denomination the bundle held. Contest rules and the
bundle model are in ``cash_bundle``.

Keys (keyboard first; clicks arrive as the synthetic keys in brackets, all logged):

- counting: Space or PageDown (``note:next``) counts the note shown and shows the next;
  ``w`` / ``u`` / ``c`` (``flag:wrong_denomination`` / ``flag:unfit`` /
  ``flag:counterfeit``) flag the note shown (a later flag key replaces the kind);
  Backspace removes the flag of the note shown. Counting past the last note opens the
  report.
- report: one field per note denomination of the currency, largest first; digits (at
  most 4) type the count, Backspace deletes a digit (in an empty field it goes back a
  field), Tab or Enter goes to the next field (``field:<n>`` jumps to field n, 0-based);
  Tab or Enter in the last field hands the report in, which ends the bundle. An empty
  field means 0.

Figures (counts in notes, times in active ms):

- ``gross_notes_per_min`` = notes counted × 60 000 / active_ms (every note passed);
- ``notes_per_min`` (the speed) = credited notes × 60 000 / active_ms, credited notes
  being Σ over handed-in bundles of 0 if void, else max(0, size − errors × penalty) with
  penalty = ``[scoring] error_penalty`` (default 10 notes per error);
- accuracy = clean bundles / handed-in bundles (clean: not void, no error);
- score = min(100, 100 × notes_per_min / reference_speed) (0.1); errors and voids are
  already in the speed, so it is not multiplied by accuracy.

An unfinished bundle (time up, stopped) is not credited.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any, ClassVar

from svctrainer.core import metrics
from svctrainer.core.currency import (
    CURRENCY_KEYS,
    CurrencySet,
    Denomination,
    face_values,
    validate_generator_currency,
)
from svctrainer.core.drills.base import DrillRun, Feedback, LiveState, Verdict
from svctrainer.core.drills.cash_bundle import (
    Bundle,
    BundleJudgement,
    DefectKind,
    DefectPlan,
    NoteVisual,
    draw_bundle,
    judge_bundle,
)
from svctrainer.core.drills.cash_drill_result import cash_drill_result, reference_score
from svctrainer.core.drills.counting_details import CashCountingDetails
from svctrainer.core.drills.kind import CounterSkill, DrillKind, SkillMeasure
from svctrainer.core.drills.lazy_items import LazyItems
from svctrainer.core.drills.result import DrillResult, EndReason
from svctrainer.core.drills.seeded_random import SeededRandom
from svctrainer.core.drills.simulated_play import PlayerClock, Timing
from svctrainer.core.durations import MS_PER_MINUTE, NS_PER_MS
from svctrainer.core.keystrokes import BACKSPACE, ENTER, PAGE_DOWN, SPACE, TAB, KeyEvent
from svctrainer.core.packs.definition import DrillDefinition, Mode
from svctrainer.core.packs.schema import Issue, Key, Kind, TableSpec

NEXT_NOTE_EVENT = "note:next"
FLAG_EVENT = "flag:"
FIELD_EVENT = "field:"
ADVANCE_KEYS = (SPACE, PAGE_DOWN, NEXT_NOTE_EVENT)
FLAG_KEYS: dict[str, DefectKind] = {
    "w": DefectKind.WRONG_DENOMINATION,
    "u": DefectKind.UNFIT,
    "c": DefectKind.COUNTERFEIT,
}
MAX_REPORT_DIGITS = 4
MAX_DEFECTS_PER_KIND = 5
SPEED_UNIT = "notes_per_min"

GENERATOR_SPEC = TableSpec(
    (
        *CURRENCY_KEYS,
        Key("bundle_size", Kind.INT_RANGE, default=(100, 100), minimum=10, maximum=200),
        Key("bundle_denominations", Kind.ANY_TABLE),  # checked by face_values; listed for hints
        Key("wrong_denomination", Kind.INT_RANGE, minimum=0, maximum=MAX_DEFECTS_PER_KIND),
        Key("unfit", Kind.INT_RANGE, minimum=0, maximum=MAX_DEFECTS_PER_KIND),
        Key("counterfeit", Kind.INT_RANGE, minimum=0, maximum=MAX_DEFECTS_PER_KIND),
        Key("defects", Kind.INT_RANGE, minimum=0, maximum=3 * MAX_DEFECTS_PER_KIND),
        Key("defect_kinds", Kind.STR_LIST, max_length=3),
    )
)


class Phase(StrEnum):
    COUNTING = "counting"
    REPORT = "report"


@dataclass(frozen=True, slots=True)
class CountingContent:
    """``size``: notes per bundle, or the (min, max) range a bundle's size is drawn
    from (unknown to the teller, who must count)."""

    currency: CurrencySet
    size: int | tuple[int, int]
    mains: tuple[Denomination, ...]
    plan: DefectPlan

    @property
    def largest(self) -> int:
        return self.size[1] if isinstance(self.size, tuple) else self.size


@dataclass(frozen=True, slots=True)
class NoteView:
    """The note shown: its 0-based ``index`` in the bundle, face, drawing and flag."""

    index: int
    denomination: Denomination
    visual: NoteVisual
    flag: DefectKind | None


@dataclass(frozen=True, slots=True)
class ReportField:
    denomination: Denomination
    typed: str


@dataclass(frozen=True, slots=True)
class CountingView:
    """What the counting screen draws. In the report phase ``note`` is None and
    ``report_index`` is the field with the cursor. ``hint`` (practice with hints only)
    names the defect of the note shown. ``last`` judges the previous bundle."""

    currency_code: str
    bundle_index: int
    bundle_count: int | None
    bundle_size: int
    main: Denomination | None
    phase: Phase
    note_index: int
    note: NoteView | None
    flags: tuple[tuple[int, DefectKind], ...]
    flag_keys: tuple[tuple[str, DefectKind], ...]
    report: tuple[ReportField, ...]
    report_index: int
    hint: DefectKind | None
    last: BundleJudgement | None


class CashCountingRun(DrillRun):
    def _reset(self) -> None:
        content: CountingContent = self.definition.content
        self.content = content
        self.fields = content.currency.notes
        rng = SeededRandom(self.seed)
        self.bundles: LazyItems[Bundle] = LazyItems(
            self.settings.item_count,
            lambda _i: draw_bundle(
                rng, content.currency, content.mains, content.size, content.plan
            ),
        )
        extra = self.definition.scoring.extra
        self.void_on_missed = bool(extra.get("void_on_missed_defect", True))
        self.penalty = self.definition.scoring.error_penalty
        self.judgements: list[BundleJudgement] = []
        self.strokes = 0
        self.notes_counted = 0
        self.flag_strokes = 0
        self.bundle_start_ns = 0
        self._start_bundle(0)

    def _start_bundle(self, index: int) -> None:
        self.bundle_index = index
        self.bundle = self.bundles.item(index)
        self.phase = Phase.COUNTING
        self.note_index = 0
        self.flags: dict[int, DefectKind] = {}
        self.typed = [""] * len(self.fields)
        self.report_index = 0

    # -- input -----------------------------------------------------------------------------
    def _flag_kind(self, key: str) -> DefectKind | None:
        if key.startswith(FLAG_EVENT):
            name = key.removeprefix(FLAG_EVENT)
            return DefectKind(name) if name in set(DefectKind) else None
        return FLAG_KEYS.get(key.lower()) if len(key) == 1 else None

    def _field_jump(self, key: str) -> int | None:
        number = key.removeprefix(FIELD_EVENT)
        plain = number.isascii() and number.isdigit() and len(number) < 4
        if key.startswith(FIELD_EVENT) and plain and int(number) < len(self.fields):
            return int(number)
        return None

    def _is_stroke(self, ev: KeyEvent) -> bool:
        if self.bundle is None:
            return False
        key = ev.key
        if self.phase is Phase.COUNTING:
            if key == BACKSPACE:
                return self.note_index in self.flags
            return key in ADVANCE_KEYS or self._flag_kind(key) is not None
        if key in (TAB, ENTER) or self._field_jump(key) is not None:
            return True
        if key == BACKSPACE:
            return bool(self.typed[self.report_index]) or self.report_index > 0
        return ev.text.isdigit() and len(ev.text) == 1 and ev.text.isascii()

    def _on_stroke(self, ev: KeyEvent, latency_ns: int | None) -> Feedback:
        self.strokes += 1
        self.count_strokes(1)
        if self.phase is Phase.COUNTING:
            return self._counting_key(ev.key)
        return self._report_key(ev)

    def _counting_key(self, key: str) -> Feedback:
        assert self.bundle is not None  # noqa: S101 - see _is_stroke
        if key in ADVANCE_KEYS:
            self.notes_counted += 1
            self.note_index += 1
            if self.note_index >= len(self.bundle.notes):
                self.phase = Phase.REPORT
            return Feedback(Verdict.CORRECT, strokes=1, advanced=True)
        if key == BACKSPACE:
            del self.flags[self.note_index]
            return Feedback(Verdict.CORRECTION, strokes=1)
        kind = self._flag_kind(key)
        assert kind is not None  # noqa: S101 - see _is_stroke
        self.flags[self.note_index] = kind
        self.flag_strokes += 1
        return Feedback(Verdict.CORRECT, strokes=1)

    def _report_key(self, ev: KeyEvent) -> Feedback:
        jump = self._field_jump(ev.key)
        if jump is not None:
            self.report_index = jump
        elif ev.key in (TAB, ENTER):
            if self.report_index == len(self.fields) - 1:
                return self._hand_in()
            self.report_index += 1
        elif ev.key == BACKSPACE:
            if self.typed[self.report_index]:
                self.typed[self.report_index] = self.typed[self.report_index][:-1]
            else:
                self.report_index -= 1
            return Feedback(Verdict.CORRECTION, strokes=1)
        elif len(self.typed[self.report_index]) < MAX_REPORT_DIGITS:
            self.typed[self.report_index] += ev.text
        else:
            return Feedback(Verdict.BLOCKED, strokes=1, errors=1)
        return Feedback(Verdict.CORRECT, strokes=1)

    def _hand_in(self) -> Feedback:
        assert self.bundle is not None  # noqa: S101 - see _is_stroke
        reported = {
            d.value: int(text) if text else 0
            for d, text in zip(self.fields, self.typed, strict=True)
        }
        ms = (self.clock.active_ns - self.bundle_start_ns) // NS_PER_MS
        judgement = judge_bundle(
            self.bundle,
            self.flags,
            reported,
            void_on_missed=self.void_on_missed,
            penalty=self.penalty,
            index=self.bundle_index,
            ms=ms,
        )
        self.judgements.append(judgement)
        self.bundle_start_ns = self.clock.active_ns
        self._start_bundle(self.bundle_index + 1)
        if self.bundle is None:
            self._finish(EndReason.ITEMS)
        verdict = Verdict.CORRECT if judgement.clean else Verdict.WRONG
        errors = judgement.errors + len(judgement.missed)
        return Feedback(verdict, ENTER, 1, errors, advanced=True, finished=self.finished)

    # -- display and result ------------------------------------------------------------------
    def view(self) -> CountingView:
        bundle = self.bundle
        note = None
        hint = None
        if bundle is not None and self.phase is Phase.COUNTING:
            shown = bundle.notes[self.note_index]
            note = NoteView(
                self.note_index, shown.denomination, shown.visual, self.flags.get(self.note_index)
            )
            hint = shown.defect if self.settings.hints else None
        return CountingView(
            currency_code=self.content.currency.code,
            bundle_index=self.bundle_index,
            bundle_count=self.bundles.count,
            bundle_size=self.content.largest if bundle is None else len(bundle.notes),
            main=None if bundle is None else bundle.main,
            phase=self.phase,
            note_index=self.note_index,
            note=note,
            flags=tuple(sorted(self.flags.items())),
            flag_keys=tuple(FLAG_KEYS.items()),
            report=tuple(ReportField(d, t) for d, t in zip(self.fields, self.typed, strict=True)),
            report_index=self.report_index,
            hint=hint,
            last=self.judgements[-1] if self.judgements else None,
        )

    def state(self, now_ns: int | None = None) -> LiveState:
        common = self.common_state(now_ns)
        return LiveState(
            **common,
            strokes=self.strokes,
            errors=sum(j.errors + len(j.missed) for j in self.judgements),
            speed=metrics.ratio(self.notes_counted * MS_PER_MINUTE, common["active_ms"]),
            speed_unit="gross_notes_per_min",
            item_index=self.bundle_index,
            items_done=len(self.judgements),
            item_count=self.bundles.count,
            position=self.note_index,
        )

    def _build_result(self) -> DrillResult:
        active_ms = self.active_ns // NS_PER_MS
        done = len(self.judgements)
        clean = sum(j.clean for j in self.judgements)
        credited = sum(j.credited_notes for j in self.judgements)
        speed = metrics.ratio(credited * MS_PER_MINUTE, active_ms)
        gross = metrics.ratio(self.notes_counted * MS_PER_MINUTE, active_ms)
        accuracy = metrics.accuracy(clean, done - clean)
        score = reference_score(self, speed, 1.0)
        figures: dict[str, float | None] = {
            SPEED_UNIT: speed,
            "gross_notes_per_min": gross,
            "accuracy": accuracy,
            "score": score,
        }
        details = CashCountingDetails(
            notes_per_min=speed,
            gross_notes_per_min=gross,
            accuracy=accuracy,
            score=score,
            currency=self.content.currency.code,
            bundles_done=done,
            bundles_clean=clean,
            bundles_void=sum(j.void for j in self.judgements),
            notes_counted=self.notes_counted,
            credited_notes=credited,
            errors=sum(j.errors for j in self.judgements),
            missed_defects=sum(len(j.missed) for j in self.judgements),
            flags_set=self.flag_strokes,
            error_penalty=self.penalty,
            void_on_missed_defect=self.void_on_missed,
            bundles=tuple(self.judgements),
            per_second=tuple(self.complete_seconds()),
        )
        return cash_drill_result(
            self, strokes=self.strokes, speed_unit=SPEED_UNIT, figures=figures, details=details
        )


class CashCountingDrill(DrillKind[CashCountingRun, CashCountingDetails]):
    name: ClassVar[str] = "cash_counting"
    speed_unit: ClassVar[str] = SPEED_UNIT
    grade_figures: ClassVar[frozenset[str]] = frozenset(
        {SPEED_UNIT, "gross_notes_per_min", "accuracy", "score"}
    )
    default_error_penalty: ClassVar[int] = 10
    scoring_keys: ClassVar[tuple[Key, ...]] = (Key("void_on_missed_defect", Kind.BOOL),)
    measures: ClassVar[SkillMeasure | None] = SkillMeasure(CounterSkill.COUNTING, 1.0)
    run_type = CashCountingRun
    details_type = CashCountingDetails

    def figure_maximum(self, figure: str) -> Decimal:
        return Decimal(2000) if figure.endswith("per_min") else super().figure_maximum(figure)

    def build_content(
        self,
        generator: Mapping[str, Any] | None,
        items: Sequence[Mapping[str, Any]] | None,
        language: str,
    ) -> tuple[CountingContent | None, list[Issue]]:
        raw = dict(generator or {})
        listed = raw.pop("bundle_denominations", None)
        clean, currency, issues = validate_generator_currency(
            GENERATOR_SPEC, None if generator is None else raw, language, "cash-counting"
        )
        if items is not None:
            issues.append(
                Issue(("items",), "cash-counting packs generate their bundles; remove [[items]]")
            )
        if currency is None:
            return None, issues
        mains: tuple[Denomination, ...] | None = (currency.notes[0],)
        if listed is not None:
            mains, more = face_values(
                listed, currency, ("generator", "bundle_denominations"), notes_only=True
            )
            issues += more
        given = generator if isinstance(generator, dict) else {}
        per_kind = [k for k in ("wrong_denomination", "unfit", "counterfeit") if k in given]
        kinds: tuple[DefectKind, ...] = tuple(DefectKind)
        for index, name in enumerate(clean.get("defect_kinds", ())):
            if name not in set(DefectKind):
                issues.append(
                    Issue(
                        ("generator", "defect_kinds", index),
                        f"{name!r} is not a defect kind: wrong_denomination, unfit or counterfeit",
                    )
                )
        if "defect_kinds" in clean:
            kinds = tuple(DefectKind(k) for k in clean["defect_kinds"] if k in set(DefectKind))
            if not kinds and not issues:
                issues.append(Issue(("generator", "defect_kinds"), "name at least one kind"))
        if "defects" in clean and per_kind:
            issues.append(
                Issue(
                    ("generator", per_kind[0]),
                    "give either defects (a total, each of a random kind) or a count per kind,"
                    " not both",
                )
            )
        if "defect_kinds" in given and "defects" not in clean:
            issues.append(Issue(("generator", "defect_kinds"), "defect_kinds needs defects"))
        plan = DefectPlan(
            clean.get("wrong_denomination", (1, 1)),
            clean.get("unfit", (1, 1)),
            clean.get("counterfeit", (1, 1)),
            clean.get("defects"),
            kinds,
        )
        low, high = clean.get("bundle_size", (100, 100))
        size = low if low == high else (low, high)
        most = plan.most
        if most > low // 2:
            issues.append(
                Issue(
                    ("generator", "bundle_size"),
                    f"a bundle of {low} notes cannot hold up to {most} defects; at most half "
                    "the notes may be defective",
                )
            )
        wrong_possible = (
            DefectKind.WRONG_DENOMINATION in kinds
            if plan.total is not None
            else plan.wrong_denomination[1] > 0
        )
        if wrong_possible and plan.total is None and len(currency.notes) < 2:
            issues.append(
                Issue(
                    ("generator", "wrong_denomination"),
                    f"{currency.code} has only one note, so no note of another denomination",
                )
            )
        if issues or mains is None:
            return None, issues
        return CountingContent(currency, size, mains, plan), []

    def new_run(
        self,
        definition: DrillDefinition,
        mode: Mode,
        seed: int,
        options: Mapping[str, Any] | None,
    ) -> CashCountingRun:
        if options:
            raise ValueError(f"unknown cash-counting options: {sorted(options)}")
        return CashCountingRun(self, definition, mode, seed, {})

    def play(self, run: CashCountingRun, timing: Timing, max_active_ns: int) -> None:
        play_cash_counting(run, timing, max_active_ns)

    def form(self, run: CashCountingRun, limit: int) -> Mapping[str, Any]:
        """Every bundle: its notes in counting order, each one element (face value,
        defect if any, serial), and the count a right report gives."""
        bundles = []
        values = [d.value for d in run.fields]
        for index in range(limit):
            bundle = run.bundles.item(index)
            if bundle is None:
                break
            counts = bundle.expected_counts(values)
            bundles.append(
                {
                    "bundle": index + 1,
                    "denomination": str(bundle.main.value),
                    "size": len(bundle.notes),
                    "notes": [
                        {
                            "value": str(n.denomination.value),
                            "defect": None if n.defect is None else str(n.defect),
                            "serial": n.serial,
                        }
                        for n in bundle.notes
                    ],
                    "defects": {str(i + 1): str(k) for i, k in bundle.seeded.items()},
                    "report": {str(v): counts[v] for v in values if counts[v]},
                }
            )
        return {"bundles": bundles}


CASH_COUNTING = CashCountingDrill()


# -- the simulated player ------------------------------------------------------------------
def play_cash_counting(run: CashCountingRun, timing: Timing, max_active_ns: int) -> None:
    """Count note by note (Space), flagging the defects seen (now and then one is
    overlooked or given the wrong kind), then report the genuine notes per denomination
    as counted, Tab after each field."""
    c = PlayerClock(run, timing, max_active_ns)
    by_kind = {kind: key for key, kind in FLAG_KEYS.items()}
    while c.going and run.bundle is not None:
        bundle = run.bundle
        if run.phase is Phase.COUNTING:
            note = bundle.notes[run.note_index]
            if note.defect is not None and not c.slip(2.0):
                c.think(0.8)
                kind = note.defect
                if c.slip(2.0):
                    kind = c.timing.rng.choice([k for k in DefectKind if k is not note.defect])
                if c.timing.chance(0.25):
                    c.click(FLAG_EVENT + str(kind))
                else:
                    c.key(by_kind[kind], by_kind[kind])
            elif note.defect is None and c.slip(0.05):
                c.key("u", "u")  # a sound note taken for a stained one
                if c.timing.chance(0.5):
                    c.key(BACKSPACE, "", c.skill.stroke_ms * 1.5)
            c.key(SPACE, " ", c.skill.stroke_ms * 0.9)
            continue
        counts = _believed_counts(run)
        c.think(1.5)
        for value in (d.value for d in run.fields):
            if not c.going or run.phase is not Phase.REPORT:
                return
            count = counts.get(value, 0)
            if count:
                c.type_digits(str(count))
            if c.going:
                c.key(TAB, "\t")


def _believed_counts(run: CashCountingRun) -> dict[Decimal, int]:
    """What the trainee counted: flagged counterfeits withheld, notes flagged as another
    denomination counted at their face, every other note taken for the bundle's."""
    assert run.bundle is not None  # noqa: S101 - called in the report phase
    counts: dict[Decimal, int] = {}
    for index, note in enumerate(run.bundle.notes):
        flag = run.flags.get(index)
        if flag is DefectKind.COUNTERFEIT:
            continue
        value = (
            note.denomination.value
            if flag is DefectKind.WRONG_DENOMINATION
            else run.bundle.main.value
        )
        counts[value] = counts.get(value, 0) + 1
    return counts
