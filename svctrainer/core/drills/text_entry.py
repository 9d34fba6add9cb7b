"""Text entry (汉字录入, copy typing): copy passages of bank prose, as in the third classic
basic-skills contest event beside cash counting and voucher summing.

The trainee types the passage shown, Chinese through the system input method: only the
characters the input method *commits* reach the drill (the pinyin being composed, the
pre-edit, never does), and each committed character is one stroke. Latin text arrives
as character keys. Backspace removes the last character of the current passage; when a
passage is typed to its length, the next one follows (characters committed past its
end start it). Passages are ``[[items]]`` (``text``, optional ``title``); the run's seed
shuffles their order.

Marking follows the contests: the typed text of each passage is aligned with the
original (``text_alignment``), and every wrong, missing or extra character is one error.
Net characters = correct − ``error_penalty`` × errors (never below 0); the speed is net
characters per minute (``cpm``, the contests' 字/分) or net words of five characters per
minute (``wpm``, the unit English typing tests use), as the pack states in
``scoring.unit`` (default: ``cpm`` for Chinese packs, ``wpm`` otherwise); one drill never
mixes them. Accuracy = correct / (correct + errors). The clock runs from the first
committed character and does not stop for composing (``ClockRule.THINKING``): a contest
times the whole paper.

Characters per minute of Chinese text are not keystrokes (one character takes two to
six keys, depending on the input method), so this kind feeds no customer-time figure
(``measures`` is None).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from svctrainer.core import metrics
from svctrainer.core.drills.active_clock import ClockRule
from svctrainer.core.drills.base import DrillRun, Feedback, LiveState, Verdict
from svctrainer.core.drills.kind import DrillKind
from svctrainer.core.drills.result import DrillResult, EndReason, validity
from svctrainer.core.drills.seeded_random import SeededRandom
from svctrainer.core.drills.simulated_play import PlayerClock, Timing
from svctrainer.core.drills.text_alignment import Alignment, align
from svctrainer.core.drills.text_entry_details import TextEntryDetails, TextMistake
from svctrainer.core.durations import NS_PER_MS
from svctrainer.core.keystrokes import BACKSPACE, IME, SPACE, KeyEvent
from svctrainer.core.packs.definition import DrillDefinition, Mode
from svctrainer.core.packs.schema import Issue, Key, Kind, TableSpec, validate_table

UNITS = ("cpm", "wpm")
MAX_STORED_MISTAKES = 200
MIN_PASSAGE, MAX_PASSAGE = 20, 2000
ITEM_SPEC = TableSpec(
    (
        Key("text", Kind.STR, required=True, max_length=MAX_PASSAGE * 2),
        Key("title", Kind.STR, max_length=80),
    )
)
_SPACES = re.compile(r"\s+")


def unit_for_language(language: str) -> str:
    return "cpm" if language.startswith("zh") else "wpm"


def normalise_passage(text: str, language: str) -> str:
    """One line as it is to be typed: Chinese lines join without a gap, Latin lines with
    one space; runs of spaces become one."""
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    joined = ("" if language.startswith("zh") else " ").join(lines)
    return _SPACES.sub(" ", joined)


@dataclass(frozen=True, slots=True)
class Passage:
    title: str
    text: str


@dataclass(frozen=True, slots=True)
class TextEntryContent:
    passages: tuple[Passage, ...]


class TextEntryRun(DrillRun):
    """See the module docstring."""

    def _reset(self) -> None:
        content: TextEntryContent = self.definition.content
        order = list(content.passages)
        rng = SeededRandom(self.seed)
        for i in range(len(order) - 1, 0, -1):  # Fisher-Yates, stable across Pythons
            j = rng.below(i + 1)
            order[i], order[j] = order[j], order[i]
        limit = self.settings.item_count
        self.passages = tuple(order[:limit] if limit else order)
        self.unit = TEXT_ENTRY.unit_of(self.definition)
        self.penalty = self.definition.scoring.error_penalty
        self.passage_index = 0
        self.typed_done: list[str] = []  # the typed text of each finished passage
        self.buf: list[str] = []
        self.buf_ok: list[bool] = []
        self.wrong_in_buf = 0
        self.live_correct = 0  # position-by-position, finished passages (display only)
        self.typed_chars = 0
        self.commits = 0
        self.corrections = 0
        self.wrong_entered = 0
        self.mistakes: list[TextMistake] = []

    @property
    def passage(self) -> Passage | None:
        if self.passage_index >= len(self.passages):
            return None
        return self.passages[self.passage_index]

    @staticmethod
    def _text(ev: KeyEvent) -> str:
        if ev.key == SPACE:
            return " "
        return "".join(c for c in ev.text if c.isprintable())

    def _is_stroke(self, ev: KeyEvent) -> bool:
        if self.passage is None:
            return False
        if ev.key == BACKSPACE:
            return bool(self.buf)
        return (ev.key == IME or len(ev.key) == 1 or ev.key == SPACE) and bool(self._text(ev))

    def _on_stroke(self, ev: KeyEvent, latency_ns: int | None) -> Feedback:
        if ev.key == BACKSPACE:
            self.count_strokes(1)
            self.corrections += 1
            if not self.buf_ok.pop():
                self.wrong_in_buf -= 1
            self.buf.pop()
            return Feedback(Verdict.CORRECTION, None, 1)
        self.commits += 1
        strokes = errors = 0
        for ch in self._text(ev):
            passage = self.passage
            if passage is None:
                break
            pos = len(self.buf)
            ok = passage.text[pos] == ch
            self.buf.append(ch)
            self.buf_ok.append(ok)
            self.typed_chars += 1
            strokes += 1
            if not ok:
                errors += 1
                self.wrong_entered += 1
                self.wrong_in_buf += 1
                if len(self.mistakes) < MAX_STORED_MISTAKES:
                    self.mistakes.append(
                        TextMistake(self.passage_index, pos, passage.text[pos], ch)
                    )
            if len(self.buf) >= len(passage.text):
                self._next_passage()
        self.count_strokes(strokes)
        verdict = Verdict.CORRECT if errors == 0 else Verdict.WRONG
        return Feedback(verdict, None, strokes, errors, strokes > 0 and not self.buf, self.finished)

    def _next_passage(self) -> None:
        self.typed_done.append("".join(self.buf))
        self.live_correct += len(self.buf) - self.wrong_in_buf
        self.buf, self.buf_ok, self.wrong_in_buf = [], [], 0
        self.passage_index += 1
        if self.passage is None:
            self._finish(EndReason.ITEMS)

    # -- figures -------------------------------------------------------------------------
    def _speed(self, net_chars: int, active_ms: int) -> float:
        if self.unit == "wpm":
            return metrics.wpm(net_chars, active_ms)
        return metrics.cpm(net_chars, active_ms)

    def state(self, now_ns: int | None = None) -> LiveState:
        common = self.common_state(now_ns)
        live_correct = self.live_correct + len(self.buf) - self.wrong_in_buf
        net = max(0, live_correct - self.penalty * self.wrong_in_buf)
        return LiveState(
            **common,
            strokes=self.typed_chars + self.corrections,
            errors=self.wrong_entered,
            speed=self._speed(net, common["active_ms"]),
            speed_unit=self.unit,
            item_index=self.passage_index,
            items_done=self.passage_index,
            item_count=len(self.passages),
            position=len(self.buf),
            typed="".join(self.buf),
            wrong_positions=tuple(i for i, ok in enumerate(self.buf_ok) if not ok),
        )

    def alignment(self) -> Alignment:
        """The contest marking of everything typed (finished passages whole, the current
        one as far as it was typed)."""
        total = Alignment()
        for passage, typed in zip(self.passages, self.typed_done, strict=False):
            total += align(passage.text, typed)
        current = self.passage
        if current is not None and self.buf:
            total += align(current.text, "".join(self.buf), open_end=True)
        return total

    def _build_result(self) -> DrillResult:
        active_ms = self.active_ns // NS_PER_MS
        marked = self.alignment()
        net = max(0, marked.correct - self.penalty * marked.errors)
        net_cpm, net_wpm = metrics.cpm(net, active_ms), metrics.wpm(net, active_ms)
        gross_cpm = metrics.cpm(self.typed_chars, active_ms)
        accuracy = metrics.accuracy(marked.correct, marked.errors)
        speed = net_wpm if self.unit == "wpm" else net_cpm
        reference = self.definition.scoring.reference_speed
        score = 0.0 if reference is None else metrics.speed_score(speed, reference, accuracy)
        strokes = self.typed_chars + self.corrections
        invalid = validity(active_ms, strokes)
        figures: dict[str, float | None] = {
            "cpm": net_cpm,
            "wpm": net_wpm,
            "gross_cpm": gross_cpm,
            "accuracy": accuracy,
            "score": score,
        }
        grade = None if invalid else metrics.grade_reached(self.definition.grades, figures)
        details = TextEntryDetails(
            unit=self.unit,
            net_cpm=net_cpm,
            net_wpm=net_wpm,
            gross_cpm=gross_cpm,
            accuracy=accuracy,
            score=score,
            correct=marked.correct,
            wrong=marked.wrong,
            missing=marked.missing,
            extra=marked.extra,
            typed_chars=self.typed_chars,
            commits=self.commits,
            corrections=self.corrections,
            passages_done=len(self.typed_done),
            error_penalty=self.penalty,
            per_second=tuple(self.complete_seconds()),
            mistakes=tuple(self.mistakes),
        )
        return self.stamped_result(
            active_ms=active_ms,
            invalid=invalid,
            strokes=strokes,
            speed=speed,
            speed_unit=self.unit,
            accuracy=accuracy,
            score=score,
            grade=grade,
            details=details,
        )


class TextEntryDrill(DrillKind[TextEntryRun, TextEntryDetails]):
    name: ClassVar[str] = "text_entry"
    speed_unit: ClassVar[str] = "cpm"
    grade_figures: ClassVar[frozenset[str]] = frozenset(
        {"cpm", "wpm", "gross_cpm", "accuracy", "score"}
    )
    default_error_penalty: ClassVar[int] = 5
    scoring_keys: ClassVar[tuple[Key, ...]] = (Key("unit", Kind.STR, choices=UNITS),)
    clock_rule: ClassVar[ClockRule] = ClockRule.THINKING
    run_type = TextEntryRun
    details_type = TextEntryDetails

    def unit_of(self, definition: DrillDefinition) -> str:
        unit = definition.scoring.extra.get("unit")
        return unit if isinstance(unit, str) else unit_for_language(definition.language)

    def build_content(
        self,
        generator: Mapping[str, Any] | None,
        items: Sequence[Mapping[str, Any]] | None,
        language: str,
    ) -> tuple[TextEntryContent | None, list[Issue]]:
        issues: list[Issue] = []
        if generator is not None:
            issues.append(
                Issue(("generator",), "a text-entry pack lists its passages as [[items]]")
            )
        if not items:
            issues.append(Issue(("items",), "list the passages to copy as [[items]] with text"))
            return None, issues
        passages: list[Passage] = []
        for index, raw in enumerate(items):
            path = ("items", index)
            clean, more = validate_table(ITEM_SPEC, raw, path)
            issues += more
            if "text" not in clean:
                continue
            text = normalise_passage(clean["text"], language)
            if not MIN_PASSAGE <= len(text) <= MAX_PASSAGE:
                issues.append(
                    Issue(
                        (*path, "text"),
                        f"a passage has {MIN_PASSAGE} to {MAX_PASSAGE} characters "
                        f"(this one {len(text)})",
                    )
                )
                continue
            passages.append(Passage(clean.get("title", ""), text))
        if issues:
            return None, issues
        return TextEntryContent(tuple(passages)), []

    def new_run(
        self,
        definition: DrillDefinition,
        mode: Mode,
        seed: int,
        options: Mapping[str, Any] | None,
    ) -> TextEntryRun:
        if options:
            raise ValueError(f"unknown text-entry options: {sorted(options)}")
        return TextEntryRun(self, definition, mode, seed, {})

    def form(self, run: TextEntryRun, limit: int) -> Mapping[str, Any]:
        """Every passage to copy, in the order the seed gave them: a form of this kind
        is the pack's passages shuffled (``item_count`` of them when set)."""
        return {
            "passages": [
                {"title": p.title, "text": p.text, "characters": len(p.text)}
                for p in run.passages[:limit]
            ]
        }

    def play(self, run: TextEntryRun, timing: Timing, max_active_ns: int) -> None:
        """Chinese: commits of one to four characters (a word chosen in the input
        method), each after the time its pinyin takes; now and then a wrong homophone,
        usually noticed and replaced. Latin: key by key, a slip usually corrected."""
        clock = PlayerClock(run, timing, max_active_ns)
        chinese = run.definition.language.startswith("zh")
        per_char = clock.skill.stroke_ms * (2.2 if chinese else 0.7)
        clock.think(2.0)
        while clock.going and run.passage is not None:
            text = run.passage.text
            pos = len(run.buf)
            size = (1 + timing.rng.below(4)) if chinese else 1
            chunk = text[pos : pos + size]
            if clock.slip(len(chunk)):
                wrong = clock.pick(HOMOPHONE_SLIPS if chinese else "asdfjkl;")
                _enter(clock, wrong * len(chunk) if chinese else wrong, per_char * len(chunk))
                if not clock.going:
                    return
                if timing.chance(0.85):
                    for _ in range(len(chunk) if chinese else 1):
                        clock.key(BACKSPACE, "", clock.skill.stroke_ms)
                    if chinese:
                        _enter(clock, chunk, per_char * len(chunk))
                    continue
                continue
            _enter(clock, chunk, per_char * len(chunk))


HOMOPHONE_SLIPS = "的地得在再做作以已其期"


def _enter(clock: PlayerClock, text: str, mean_ms: float) -> None:
    if clock.run.definition.language.startswith("zh"):
        clock.commit(text, mean_ms)
    else:
        clock.key(SPACE if text == " " else text, text, mean_ms)


TEXT_ENTRY = TextEntryDrill()
