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

A kind may check a field's value the way a core banking screen does (``field_problem``:
an ID number's check character, a card's Luhn digit, a real date). Confirming a value
that fails the check is refused, as the screen refuses it: a wrong stroke, one *invalid
field* in the field's statistics and a mistake naming the value; the cursor stays in the
field (``LiveState.invalid_field`` says why). Only a value that differs from the expected
one can fail, so this matters under the free policy, where wrong values are confirmed.

Errors as people count them (scoring rules 2 on, ``scoring_rules``): one error per wrong
character keyed. A confirmation that is refused (or, under free, confirms a wrong field)
is an error only when nothing was wrong with the entry before it: pressing Enter on an
entry already holding a wrong character, or pressing it again on one it was already
refused for, is a stroke (the clock runs) but neither right nor wrong. Under rules 1
every such confirmation was one more wrong stroke, so two typos could show as five
errors; stored attempts of rules 1 keep that count on rescore.

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
from svctrainer.core.drills import scoring_rules
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
from svctrainer.core.drills.simulated_play import MAX_EVENTS, Timing, press
from svctrainer.core.drills.typing_details import FieldStat, TypingDetails
from svctrainer.core.durations import NS_PER_MS
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


@dataclass(slots=True)
class KeyTally:
    """Running counts for one key (or key pair) while a run goes on."""

    hits: int = 0
    errors: int = 0
    latency_ns: int = 0
    latency_samples: int = 0

    def stat(self) -> metrics.KeyStat:
        return metrics.KeyStat(self.hits, self.errors, self.latency_ns, self.latency_samples)


@dataclass(slots=True)
class FieldTally:
    """Running counts for one field of every item: strokes in it, confirmations,
    confirmations without error and the uncorrected errors they left."""

    correct_strokes: int = 0
    wrong_strokes: int = 0
    confirmed: int = 0
    exact: int = 0
    uncorrected_errors: int = 0
    invalid: int = 0

    def stat(self) -> FieldStat:
        return FieldStat(
            self.correct_strokes,
            self.wrong_strokes,
            metrics.accuracy(self.correct_strokes, self.wrong_strokes),
            self.confirmed,
            self.exact,
            self.uncorrected_errors,
            self.invalid,
        )


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
        self.key_stats: dict[str, KeyTally] = {}
        self.bigram_stats: dict[str, KeyTally] = {}
        self.field_stats: dict[str, FieldTally] = {}
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
        self.invalid_field: str | None = None  # why the screen refused the last confirmation
        self.refused = False  # a confirmation was counted wrong and nothing keyed since
        self._tally_of_field: FieldTally | None = None  # its ``field_stats`` entry, once made

    def field_problem(self, typed: str) -> str | None:
        """Why the screen refuses ``typed`` as the current field's value (a short code
        such as ``"check"``), or None; the kind's own check (see the module docstring)."""
        return None

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
        text = ev.text
        if text:
            # Nearly every key's text is printable as it stands (one character): then it
            # is its own filtered text, without a generator per keystroke (every
            # keystroke asks twice: whether it is a stroke, then what it typed).
            if text.isprintable():
                return text
            return "".join(c for c in text if c.isprintable())
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
        chars = self._chars(ev)
        if len(chars) == 1 and not self.finished and self.field is not None:
            # One character (every key but an IME commit of several): the loop below
            # for it alone, written out, as it runs every keystroke.
            v = self._char(chars, latency_ns)
            errors = 0 if v is Verdict.CORRECT else 1
            return Feedback(v, expected, 1, errors, False, self.finished)
        verdict = Verdict.CORRECT
        strokes = errors = 0
        for c in chars:
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

    def _field_tally(self) -> FieldTally:
        """The current field's tally, made on its first stroke (a field nobody keyed
        into has none); kept until the next field is loaded, as every stroke asks."""
        tally = self._tally_of_field
        if tally is None:
            name = self.field.name if self.field is not None else ""
            tally = self.field_stats.get(name)
            if tally is None:
                tally = self.field_stats[name] = FieldTally()
            self._tally_of_field = tally
        return tally

    def _count(self, ok: bool) -> None:
        self.strokes += 1
        self.count_strokes(1)
        tally = self._tally_of_field or self._field_tally()
        if ok:
            self.correct_strokes += 1
            tally.correct_strokes += 1
        else:
            self.wrong_strokes += 1
            tally.wrong_strokes += 1

    @staticmethod
    def _tally(table: dict[str, KeyTally], key: str) -> KeyTally:
        tally = table.get(key)
        if tally is None:
            tally = table[key] = KeyTally()
        return tally

    def _hit(self, key: str, latency_ns: int | None) -> None:
        # ``_tally`` written out: once or twice every correct keystroke.
        tally = self.key_stats.get(key)
        if tally is None:
            tally = self.key_stats[key] = KeyTally()
        tally.hits += 1
        if latency_ns is not None:
            tally.latency_ns += latency_ns
            tally.latency_samples += 1
        if self.prev_char is not None and len(key) == 1:
            pair = self._tally(self.bigram_stats, self.prev_char + key)
            pair.hits += 1
            if latency_ns is not None:
                pair.latency_ns += latency_ns
                pair.latency_samples += 1

    def _miss(self, expected: str, typed: str) -> None:
        self._tally(self.key_stats, expected).errors += 1
        if self.prev_char is not None and len(expected) == 1:
            self._tally(self.bigram_stats, self.prev_char + expected).errors += 1
        self.mistake_count += 1
        if len(self.mistakes) < MAX_STORED_MISTAKES:
            name = self.field.name if self.field is not None else ""
            self.mistakes.append(Mistake(self.item_index, name, len(self.buf), expected, typed))
        self.prev_char = None

    def _char(self, c: str, latency_ns: int | None) -> Verdict:
        self.refused = False
        pos = len(self.buf)
        expected = self.expected
        inside = pos < len(expected)
        want = expected[pos] if inside else self.CONFIRM_KEYS[0]
        right = inside and c == want
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
        self.refused = False
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
        if free and not exact:
            problem = self.field_problem("".join(self.buf))
            if problem is not None:
                return self._refuse_invalid(problem, expected)
        self.invalid_field = None
        right = exact or (free and len(self.buf) == len(self.expected))
        counted = right or not self._already_wrong()
        if counted:
            self._count(right)
        else:  # an error already counted in this entry: a stroke, not another error
            self.strokes += 1
            self.count_strokes(1)
        if right:
            self._hit(key, latency_ns)
        elif counted:
            self._miss(expected or self.CONFIRM_KEYS[0], key)
            self.refused = True
        if not (exact or free):
            refused = Verdict.BLOCKED if expected == BACKSPACE else Verdict.WRONG
            return Feedback(refused, expected, 1, int(counted))
        typed = "".join(self.buf)
        errors = 0 if exact else edit_distance(self.expected, typed)
        self.committed_errors += errors
        self.committed_chars += max(0, len(self.expected) - errors) + (1 if errors == 0 else 0)
        tally = self._field_tally()
        tally.confirmed += 1
        tally.exact += errors == 0
        tally.uncorrected_errors += errors
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
        return Feedback(verdict, expected, 1, 0 if right else int(counted), True, self.finished)

    def _already_wrong(self) -> bool:
        """Whether the entry already carries a counted error, so a wrong confirmation of
        it is not one more (rules 2 on; under rules 1 every one counted)."""
        if self.rules < scoring_rules.CASE_CLOCK_AND_CHARACTER_ERRORS:
            return False
        return self.wrong_in_buf > 0 or self.refused

    def _refuse_invalid(self, problem: str, expected: str | None) -> Feedback:
        """The screen refuses the value: one invalid field and a mistake naming the value,
        and one wrong stroke unless the entry already carries a counted error
        (``_already_wrong``)."""
        tally = self._field_tally()
        tally.invalid += 1
        self.invalid_field = problem
        self.prev_char = None
        counted = not self._already_wrong()
        if counted:
            self._count(False)
            self.refused = True
        else:  # its wrong characters were the errors: a stroke, not one more
            self.strokes += 1
            self.count_strokes(1)
        self.mistake_count += 1  # listed either way: the value the screen refused
        if len(self.mistakes) < MAX_STORED_MISTAKES:
            name = self.field.name if self.field is not None else ""
            typed = "".join(self.buf)
            self.mistakes.append(Mistake(self.item_index, name, len(typed), self.expected, typed))
        return Feedback(Verdict.WRONG, expected, 1, int(counted))

    # -- figures -----------------------------------------------------------------------
    def _uncorrected(self) -> int:
        return self.committed_errors + self.wrong_in_buf

    def _correct_chars(self) -> int:
        return self.committed_chars + len(self.buf) - self.wrong_in_buf

    def _speed(self, active_ms: int) -> float:
        if self.drill_kind.speed_unit == "cpm":
            return metrics.cpm(self._correct_chars(), active_ms)
        return metrics.net_kph(self.strokes, self._uncorrected(), self.penalty, active_ms)

    def state(self, now_ns: int | None = None) -> LiveState:
        common = self.common_state(now_ns)
        return LiveState(
            **common,
            strokes=self.strokes,
            errors=self.wrong_strokes,
            speed=self._speed(common["active_ms"]),
            speed_unit=self.drill_kind.speed_unit,
            item_index=self.item_index,
            items_done=self.items_done,
            item_count=self.source.count,
            field_index=self.field_index,
            position=len(self.buf),
            expected_key=self.expected_key(),
            typed="".join(self.buf),
            wrong_positions=tuple(i for i, ok in enumerate(self.buf_ok) if not ok),
            needs_correction=self.policy is ErrorPolicy.CORRECT and self.wrong_in_buf > 0,
            invalid_field=self.invalid_field,
        )

    def _build_result(self) -> DrillResult:
        active_ms = self.active_ns // NS_PER_MS
        chars = self._correct_chars()
        uncorrected = self._uncorrected()
        accuracy = metrics.accuracy(self.correct_strokes, self.wrong_strokes)
        gross = metrics.gross_kph(self.strokes, active_ms)
        net = metrics.net_kph(self.strokes, uncorrected, self.penalty, active_ms)
        cpm, wpm = metrics.cpm(chars, active_ms), metrics.wpm(chars, active_ms)
        consistency = metrics.consistency(self.complete_seconds())
        figures: dict[str, float | None] = {
            "gross_kph": gross,
            "net_kph": net,
            "cpm": cpm,
            "wpm": wpm,
            "accuracy": accuracy,
            "consistency": consistency,
        }
        speed = figures[self.drill_kind.speed_unit]
        assert speed is not None  # noqa: S101 - speeds are never None
        reference = self.definition.scoring.reference_speed
        score = 0.0 if reference is None else metrics.speed_score(speed, reference, accuracy)
        figures["score"] = score
        invalid = validity(active_ms, self.strokes)
        grade = None if invalid else metrics.grade_reached(self.definition.grades, figures)
        key_stats = {k: t.stat() for k, t in sorted(self.key_stats.items())}
        bigram_stats = {k: t.stat() for k, t in sorted(self.bigram_stats.items())}
        weights = adaptive_weights(
            [
                {
                    "key_stats": {k: s.to_dict() for k, s in key_stats.items()},
                    "bigram_stats": {k: s.to_dict() for k, s in bigram_stats.items()},
                }
            ]
        )
        details = TypingDetails(
            gross_kph=gross,
            net_kph=net,
            cpm=cpm,
            wpm=wpm,
            accuracy=accuracy,
            consistency=consistency,
            score=score,
            strokes=self.strokes,
            correct_strokes=self.correct_strokes,
            wrong_strokes=self.wrong_strokes,
            corrections=self.corrections,
            uncorrected_errors=uncorrected,
            correct_chars=chars,
            error_policy=str(self.policy),
            error_penalty=self.penalty,
            items_done=self.items_done,
            fields_done=self.fields_done,
            key_stats=key_stats,
            bigram_stats=bigram_stats,
            slowest_keys=tuple(metrics.slowest_keys(key_stats)),
            field_stats={name: t.stat() for name, t in self.field_stats.items()},
            mistake_count=self.mistake_count,
            mistakes=tuple(self.mistakes),
            per_second=tuple(self.complete_seconds()),
            weak_keys=tuple(weights.weak_keys()),
            weak_bigrams=tuple(weights.weak_bigrams()),
        )
        return self.stamped_result(
            invalid=invalid,
            active_ms=active_ms,
            strokes=self.strokes,
            speed=speed,
            speed_unit=self.drill_kind.speed_unit,
            accuracy=accuracy,
            score=score,
            grade=grade,
            details=details,
        )


# -- the simulated player of both keyboard drills ------------------------------------------
def play_typing(run: TypingRun, timing: Timing, max_active_ns: int) -> None:
    """Ten-key and data entry: type the expected key; sometimes a wrong one first,
    handled as the pack's error policy asks (block: retype; correct/free: Backspace)."""
    skill = timing.skill
    last_item = -1
    events = 0
    while not run.finished and run.active_ns < max_active_ns and events < MAX_EVENTS:
        expected = run.expected_key()
        if expected is None:
            break
        item = run.item_index
        mean = skill.stroke_ms + (skill.think_ms if item != last_item else 0.0)
        last_item = item
        t = timing.advance(mean)
        if expected != BACKSPACE and len(expected) == 1 and timing.chance(skill.error_rate):
            wrong = _neighbour(expected, timing)
            press(run, t, wrong)
            events += 2
            if run.finished:
                break
            t = timing.advance(skill.stroke_ms * 1.6)  # noticing the mistake takes a moment
            if run.policy is not ErrorPolicy.BLOCK:
                press(run, t, BACKSPACE, "")
                t = timing.advance(skill.stroke_ms)
        text = "" if len(expected) > 1 else expected
        press(run, t, expected, text)
        events += 2


_NEIGHBOURS = {
    "0": "1.", "1": "024", "2": "1353", "3": "26", "4": "157", "5": "2468", "6": "359",
    "7": "48", "8": "579", "9": "68", ".": "03",
}  # fmt: skip


def _neighbour(key: str, timing: Timing) -> str:
    """A plausible slip: a neighbouring key on the keypad, or a nearby letter."""
    options = _NEIGHBOURS.get(key)
    if options:
        return options[timing.rng.below(len(options))]
    if key.isalpha() and key.isascii():
        shifted = chr(((ord(key.lower()) - 97 + 1) % 26) + 97)
        return shifted.upper() if key.isupper() else shifted
    return "x" if key != "x" else "z"
