"""Keyboard drills: copy items field by field under an error policy, measured per stroke.

An item (an amount, a customer record) is a tuple of fields; each field has the text
shown and the text to type. A field is confirmed with one of the drill's confirmation
keys (Enter for ten-key; Tab or Enter for data entry), which counts as a stroke.

Stroke rules (``ErrorPolicy``):

- block: a wrong key is a wrong stroke and the cursor stays; confirming an incomplete
  field is a wrong stroke; Backspace is ignored (not a stroke).
- correct: a wrong character is entered (a wrong stroke); until it is removed with
  Backspace every other key is *blocked* (also a wrong stroke, the expected key being
  "Backspace"). A field can only be confirmed when it is exactly right.
- free: every character is entered (right or wrong by position); at most 16 characters
  beyond the expected length (more are blocked). Backspace removes the last character.
  Confirming always moves on; the confirmation stroke is wrong if the length differs.
  The field's uncorrected errors are the edit distance between expected and typed text.

Backspace never crosses into an earlier field and does nothing (no stroke) in an empty
field. Each character of an IME commit is one stroke; only the first carries a latency.

Result figures (``metrics``): strokes include Backspace; correct characters are the
characters of confirmed fields minus their uncorrected errors, plus one per exactly right
field (the confirmation, as a space counts in Monkeytype), plus the right characters of
the unfinished field; uncorrected errors are those of confirmed fields plus the wrong
characters left in the unfinished field.
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from svctrainer.core import metrics
from svctrainer.core.drills.adaptive import adaptive_weights
from svctrainer.core.drills.base import (
    DrillRun,
    Feedback,
    LiveState,
    Verdict,
)
from svctrainer.core.drills.edit_distance import edit_distance
from svctrainer.core.drills.result import DrillResult, EndReason, Mistake, validity
from svctrainer.core.drills.seeded_random import SeededRandom
from svctrainer.core.keystrokes import BACKSPACE, SPACE, KeyEvent
from svctrainer.core.packs.definition import ErrorPolicy

FREE_OVERFLOW = 16
MAX_STORED_MISTAKES = 1000
TYPING_FIGURES = frozenset(
    {"net_kph", "gross_kph", "cpm", "wpm", "accuracy", "consistency", "score"}
)


@dataclass(frozen=True, slots=True)
class TypingField:
    """``name``: stable id (per-field statistics); ``label``: pack text shown next to it;
    ``display``: as shown (``12,480.35``); ``expected``: what must be typed (``12480.35``)."""

    name: str
    label: str
    display: str
    expected: str


@dataclass(frozen=True, slots=True)
class TypingItem:
    fields: tuple[TypingField, ...]


class ItemSource:
    """Items in order, generated lazily and kept, so item ``i`` is always the same.

    ``count`` None means endless (a time limit ends the run)."""

    def __init__(
        self,
        count: int | None,
        make: Callable[[int], TypingItem],
    ) -> None:
        self.count = count
        self._make = make
        self._items: list[TypingItem] = []

    def item(self, index: int) -> TypingItem | None:
        if index < 0 or (self.count is not None and index >= self.count):
            return None
        while len(self._items) <= index:
            self._items.append(self._make(len(self._items)))
        return self._items[index]


class TypingRun(DrillRun):
    """The shared engine of the ten-key and data-entry drills (see module docstring)."""

    CONFIRM_KEYS: ClassVar[tuple[str, ...]] = ("Enter",)
    SPEED_UNIT: ClassVar[str] = "net_kph"

    @abstractmethod
    def make_source(self, rng: SeededRandom) -> ItemSource:
        """Items for this run (before the mode's ``item_count`` is applied)."""

    # -- state -------------------------------------------------------------------------
    def _reset(self) -> None:
        self.policy = self.settings.error_policy
        self.penalty = self.definition.scoring.error_penalty
        source = self.make_source(SeededRandom(self.seed))
        limit = self.settings.item_count
        if limit is not None:
            source.count = limit if source.count is None else min(source.count, limit)
        self.source = source
        self.item_index = 0
        self.field_index = 0
        self.strokes = 0
        self.correct_strokes = 0
        self.wrong_strokes = 0
        self.corrections = 0
        self.committed_errors = 0
        self.committed_chars = 0
        self.fields_done = 0
        self.items_done = 0
        self.key_stats: dict[str, list[int]] = {}  # key -> [hits, errors, latency_ns, samples]
        self.bigram_stats: dict[str, list[int]] = {}
        self.field_stats: dict[str, list[int]] = {}  # name -> [correct, wrong, done, exact, errors]
        self.mistakes: list[Mistake] = []
        self.mistake_count = 0
        self._load_field()

    def _load_field(self) -> None:
        item = self.source.item(self.item_index)
        self.item = item
        self.field = None if item is None else item.fields[self.field_index]
        self.expected = "" if self.field is None else self.field.expected
        self.buf: list[str] = []
        self.buf_ok: list[bool] = []
        self.wrong_in_buf = 0
        self.prev_char: str | None = None  # last correctly typed char of this field (pairs)

    @property
    def current_item(self) -> TypingItem | None:
        return self.item

    def item_at(self, index: int) -> TypingItem | None:
        """Item ``index`` (for a tape/column display of what comes next)."""
        return self.source.item(index)

    def expected_key(self) -> str | None:
        if self.field is None or self.finished:
            return None
        if self.policy is ErrorPolicy.CORRECT and self.wrong_in_buf:
            return BACKSPACE
        pos = len(self.buf)
        return self.expected[pos] if pos < len(self.expected) else self.CONFIRM_KEYS[0]

    # -- strokes -----------------------------------------------------------------------
    @staticmethod
    def _chars(ev: KeyEvent) -> str:
        if ev.text:
            return "".join(c for c in ev.text if c.isprintable())
        return " " if ev.key == SPACE else ""

    def _is_stroke(self, ev: KeyEvent) -> bool:
        if self.field is None:
            return False
        if ev.key == BACKSPACE:
            return self.policy is not ErrorPolicy.BLOCK and bool(self.buf)
        return ev.key in self.CONFIRM_KEYS or bool(self._chars(ev))

    def _on_stroke(self, ev: KeyEvent, latency_ns: int | None) -> Feedback:
        expected = self.expected_key()
        if ev.key == BACKSPACE:
            return self._backspace(expected, latency_ns)
        if ev.key in self.CONFIRM_KEYS:
            return self._confirm(ev.key, expected, latency_ns)
        verdict = Verdict.CORRECT
        strokes = errors = 0
        for c in self._chars(ev):
            if self.finished or self.field is None:
                break
            v = self._char(c, latency_ns)
            latency_ns = None
            strokes += 1
            if v is not Verdict.CORRECT:
                errors += 1
                if verdict is not Verdict.WRONG:
                    verdict = v
        return Feedback(verdict, expected, strokes, errors, False, self.finished)

    def _count(self, ok: bool) -> None:
        self.strokes += 1
        self.count_strokes(1)
        stats = self.field_stats.setdefault(self.field.name, [0, 0, 0, 0, 0])  # type: ignore[union-attr]
        if ok:
            self.correct_strokes += 1
            stats[0] += 1
        else:
            self.wrong_strokes += 1
            stats[1] += 1

    def _hit(self, key: str, latency_ns: int | None) -> None:
        stats = self.key_stats.setdefault(key, [0, 0, 0, 0])
        stats[0] += 1
        if latency_ns is not None:
            stats[2] += latency_ns
            stats[3] += 1
        if self.prev_char is not None and len(key) == 1:
            pair = self.bigram_stats.setdefault(self.prev_char + key, [0, 0, 0, 0])
            pair[0] += 1
            if latency_ns is not None:
                pair[2] += latency_ns
                pair[3] += 1

    def _miss(self, expected: str, typed: str) -> None:
        self.key_stats.setdefault(expected, [0, 0, 0, 0])[1] += 1
        if self.prev_char is not None and len(expected) == 1:
            self.bigram_stats.setdefault(self.prev_char + expected, [0, 0, 0, 0])[1] += 1
        self.mistake_count += 1
        if len(self.mistakes) < MAX_STORED_MISTAKES:
            name = self.field.name if self.field is not None else ""
            self.mistakes.append(Mistake(self.item_index, name, len(self.buf), expected, typed))
        self.prev_char = None

    def _char(self, c: str, latency_ns: int | None) -> Verdict:
        pos = len(self.buf)
        want = self.expected[pos] if pos < len(self.expected) else self.CONFIRM_KEYS[0]
        right = pos < len(self.expected) and c == want
        if self.policy is ErrorPolicy.CORRECT and self.wrong_in_buf:
            self._count(False)
            self._miss(BACKSPACE, c)
            return Verdict.BLOCKED
        if self.policy is ErrorPolicy.FREE and pos >= len(self.expected) + FREE_OVERFLOW:
            self._count(False)
            self._miss(want, c)
            return Verdict.BLOCKED
        self._count(right)
        if right:
            self._hit(c, latency_ns)
            self.prev_char = c
            self.buf.append(c)
            self.buf_ok.append(True)
            return Verdict.CORRECT
        self._miss(want, c)
        if self.policy is not ErrorPolicy.BLOCK:
            self.buf.append(c)
            self.buf_ok.append(False)
            self.wrong_in_buf += 1
        return Verdict.WRONG

    def _backspace(self, expected: str | None, latency_ns: int | None) -> Feedback:
        self.strokes += 1
        self.corrections += 1
        self.count_strokes(1)
        if expected == BACKSPACE:
            self._hit(BACKSPACE, latency_ns)
        self.buf.pop()
        if not self.buf_ok.pop():
            self.wrong_in_buf -= 1
        self.prev_char = None
        return Feedback(Verdict.CORRECTION, expected, 1)

    def _confirm(self, key: str, expected: str | None, latency_ns: int | None) -> Feedback:
        exact = self.wrong_in_buf == 0 and len(self.buf) == len(self.expected)
        free = self.policy is ErrorPolicy.FREE
        right = exact or (free and len(self.buf) == len(self.expected))
        self._count(right)
        if right:
            self._hit(key, latency_ns)
        else:
            self._miss(expected or self.CONFIRM_KEYS[0], key)
        if not (exact or free):
            refused = Verdict.BLOCKED if expected == BACKSPACE else Verdict.WRONG
            return Feedback(refused, expected, 1, 1)
        typed = "".join(self.buf)
        errors = 0 if exact else edit_distance(self.expected, typed)
        self.committed_errors += errors
        self.committed_chars += max(0, len(self.expected) - errors) + (1 if errors == 0 else 0)
        stats = self.field_stats[self.field.name]  # type: ignore[union-attr]
        stats[2] += 1
        stats[3] += errors == 0
        stats[4] += errors
        self.fields_done += 1
        self.field_index += 1
        if self.item is None or self.field_index >= len(self.item.fields):
            self.items_done += 1
            self.item_index += 1
            self.field_index = 0
        self._load_field()
        if self.field is None:
            self._finish(EndReason.ITEMS)
        verdict = Verdict.CORRECT if right else Verdict.WRONG
        return Feedback(verdict, expected, 1, 0 if right else 1, True, self.finished)

    # -- figures -----------------------------------------------------------------------
    def _uncorrected(self) -> int:
        return self.committed_errors + self.wrong_in_buf

    def _correct_chars(self) -> int:
        return self.committed_chars + len(self.buf) - self.wrong_in_buf

    def _speed(self, active_ms: int) -> float:
        if self.SPEED_UNIT == "cpm":
            return metrics.cpm(self._correct_chars(), active_ms)
        return metrics.net_kph(self.strokes, self._uncorrected(), self.penalty, active_ms)

    def state(self, now_ns: int | None = None) -> LiveState:
        common = self.common_state(now_ns)
        return LiveState(
            **common,
            strokes=self.strokes,
            errors=self.wrong_strokes,
            speed=self._speed(common["active_ms"]),
            speed_unit=self.SPEED_UNIT,
            item_index=self.item_index,
            items_done=self.items_done,
            item_count=self.source.count,
            field_index=self.field_index,
            position=len(self.buf),
            expected_key=self.expected_key(),
            typed="".join(self.buf),
            wrong_positions=tuple(i for i, ok in enumerate(self.buf_ok) if not ok),
            needs_correction=self.policy is ErrorPolicy.CORRECT and self.wrong_in_buf > 0,
        )

    def _build_result(self) -> DrillResult:
        active_ms = self.active_ns // metrics.NS_PER_MS
        chars = self._correct_chars()
        uncorrected = self._uncorrected()
        accuracy = metrics.accuracy(self.correct_strokes, self.wrong_strokes)
        figures: dict[str, float | None] = {
            "gross_kph": metrics.gross_kph(self.strokes, active_ms),
            "net_kph": metrics.net_kph(self.strokes, uncorrected, self.penalty, active_ms),
            "cpm": metrics.cpm(chars, active_ms),
            "wpm": metrics.wpm(chars, active_ms),
            "accuracy": accuracy,
            "consistency": metrics.consistency(self.complete_seconds()),
        }
        speed = figures[self.SPEED_UNIT]
        assert speed is not None  # noqa: S101 - speeds are never None
        reference = self.definition.scoring.reference_speed
        score = 0.0 if reference is None else metrics.speed_score(speed, reference, accuracy)
        figures["score"] = score
        invalid = validity(active_ms, self.strokes)
        grade = None if invalid else metrics.grade_reached(self.definition.grades, figures)
        key_stats = {k: metrics.KeyStat(*v) for k, v in sorted(self.key_stats.items())}
        bigram_stats = {k: metrics.KeyStat(*v) for k, v in sorted(self.bigram_stats.items())}
        details = {
            **figures,
            "strokes": self.strokes,
            "correct_strokes": self.correct_strokes,
            "wrong_strokes": self.wrong_strokes,
            "corrections": self.corrections,
            "uncorrected_errors": uncorrected,
            "correct_chars": chars,
            "error_policy": str(self.policy),
            "error_penalty": self.penalty,
            "items_done": self.items_done,
            "fields_done": self.fields_done,
            "key_stats": {k: s.to_dict() for k, s in key_stats.items()},
            "bigram_stats": {k: s.to_dict() for k, s in bigram_stats.items()},
            "slowest_keys": [[k, ms] for k, ms in metrics.slowest_keys(key_stats)],
            "field_stats": self._field_details(),
            "mistake_count": self.mistake_count,
            "mistakes": [m.to_dict() for m in self.mistakes],
            "per_second": self.complete_seconds(),
        }
        weights = adaptive_weights([details])
        details["weak_keys"] = weights.weak_keys()
        details["weak_bigrams"] = weights.weak_bigrams()
        return self.stamped_result(
            invalid=invalid,
            active_ms=active_ms,
            strokes=self.strokes,
            speed=speed,
            speed_unit=self.SPEED_UNIT,
            accuracy=accuracy,
            score=score,
            grade=grade,
            details=details,
        )

    def _field_details(self) -> dict[str, dict[str, int | float]]:
        out: dict[str, dict[str, int | float]] = {}
        for name, (right, wrong, done, exact, errors) in self.field_stats.items():
            out[name] = {
                "correct_strokes": right,
                "wrong_strokes": wrong,
                "accuracy": metrics.accuracy(right, wrong),
                "confirmed": done,
                "exact": exact,
                "uncorrected_errors": errors,
            }
        return out
