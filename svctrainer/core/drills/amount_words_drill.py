"""Amounts in words, both directions: a figure is shown and the trainee writes the words
(Chinese capital amounts 大写金额, or English cheque words), or the words are shown and
the trainee keys the figures. Each answer is classified by the rule it breaks
(``amount_words_mistakes``), so results and charts can say which rule a person keeps
breaking.

Input: typed characters and input-method commits (``KeyEvent(key="IME", text=...)``; each
committed character is one stroke), Space, Backspace (deletes the answer's last
character; a counted correction) and Enter (confirms a non-blank answer). Answers are
free text of at most ``MAX_ANSWER_CHARS``; nothing is judged before Enter, so error
policies do not apply. Presses that do nothing are logged but are not strokes.

Figures (integers in, rounded half up once; hand-checked in the tests):

- accuracy = right answers / answers (an answer is right when its mistake list is empty);
- speed = ``answers_per_min`` = answers × 60 000 / active ms (0.1);
- ``cpm`` = characters of the standard writing of each right answer × 60 000 / active ms;
- score = min(100, 100 × answers_per_min / reference_speed) × accuracy (as the keyboard
  drills, ``metrics.speed_score``);
- ``rule_mistakes``: for each mistake code, the number of answers showing it.

While hints are off (test mode) nothing live tells whether an answer was right:
``LiveState.errors`` stays 0, Enter's verdict is CORRECT ("accepted") and
``WordsView.last_answer`` is None.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from svctrainer.core import metrics
from svctrainer.core.amount_words_en import style_for
from svctrainer.core.amount_words_mistakes import MistakeCode
from svctrainer.core.drills.amount_words_items import (
    BOTH,
    TO_FIGURES,
    TO_WORDS,
    AmountWordsContent,
    WordsItem,
    classify,
    generate_words_amount,
    make_item,
    words_content,
)
from svctrainer.core.drills.base import DrillRun, Feedback, LiveState, Verdict
from svctrainer.core.drills.kind import DrillKind
from svctrainer.core.drills.result import DrillResult, EndReason, validity
from svctrainer.core.drills.seeded_random import SeededRandom
from svctrainer.core.drills.simulated_play import DIGIT_SLIPS, PlayerClock, Timing
from svctrainer.core.drills.words_details import AmountWordsDetails, Answer
from svctrainer.core.durations import MS_PER_MINUTE, NS_PER_MS
from svctrainer.core.keystrokes import BACKSPACE, ENTER, SPACE, KeyEvent
from svctrainer.core.packs.definition import DrillDefinition, Mode
from svctrainer.core.packs.schema import Issue

MAX_ANSWER_CHARS = 200
MAX_STORED_ANSWERS = 1000
WORDS_FIGURES = frozenset({"answers_per_min", "cpm", "accuracy", "score"})


@dataclass(frozen=True, slots=True)
class WordsView:
    """What the drill screen draws (``AmountWordsRun.view``). ``direction`` says what to
    do with ``shown``: ``to_words`` (write the words for the figure) or ``to_figures``
    (key the figures for the words); once finished ``shown`` is None and ``direction``
    "". ``words`` is "zh" (大写金额) or "en" (cheque words); ``answer`` the text so far.
    ``last_answer`` (hints only, else None) is the previous answer with the standard
    writing and the rules broken."""

    item_index: int
    item_count: int | None
    direction: str
    words: str
    shown: str | None
    answer: str
    answers_done: int
    last_answer: Answer | None


class AmountWordsRun(DrillRun):
    def _reset(self) -> None:
        self.content: AmountWordsContent = self.definition.content
        self.rng = SeededRandom(self.seed)
        self.direction_override: str | None = self.options.get("direction")
        fixed = self.content.fixed
        limit = self.settings.item_count
        self.count: int | None = None if fixed is None else len(fixed)
        if limit is not None:
            self.count = limit if self.count is None else min(self.count, limit)
        self.items: list[WordsItem] = []
        self.index = 0
        self.answer = ""
        self.strokes = 0
        self.corrections = 0
        self.item_strokes = 0
        self.item_corrections = 0
        self.item_start_ns = 0
        self.answers: list[Answer] = []  # the first MAX_STORED_ANSWERS
        self.answer_count = 0
        self.right_count = 0
        self.right_chars = 0
        self.rule_mistakes: dict[str, int] = {}
        self.last_answer: Answer | None = None

    def item(self, index: int) -> WordsItem | None:
        """Item ``index`` (generated in order on first use, so always the same)."""
        if index < 0 or (self.count is not None and index >= self.count):
            return None
        while len(self.items) <= index:
            self.items.append(self._make(len(self.items)))
        return self.items[index]

    def _make(self, index: int) -> WordsItem:
        content = self.content
        if content.fixed is not None:
            amount, direction = content.fixed[index]
        else:
            assert content.spec is not None  # noqa: S101 - guaranteed by build_content
            amount = generate_words_amount(self.rng, content.spec)
            direction = content.direction
        direction = self.direction_override or direction
        if direction == BOTH:
            direction = (TO_WORDS, TO_FIGURES)[self.rng.below(2)]
        return make_item(amount, direction, content)

    # -- input -------------------------------------------------------------------------
    @staticmethod
    def _chars(ev: KeyEvent) -> str:
        if ev.key in (ENTER, BACKSPACE):
            return ""
        if ev.text:
            return "".join(c for c in ev.text if c.isprintable())
        return " " if ev.key == SPACE else ""

    def _is_stroke(self, ev: KeyEvent) -> bool:
        if self.item(self.index) is None:
            return False
        if ev.key == ENTER:
            return bool(self.answer.strip())
        if ev.key == BACKSPACE:
            return bool(self.answer)
        return bool(self._chars(ev)) and len(self.answer) < MAX_ANSWER_CHARS

    def _on_stroke(self, ev: KeyEvent, latency_ns: int | None) -> Feedback:
        if ev.key == ENTER:
            self._stroke(1)
            return self._confirm()
        if ev.key == BACKSPACE:
            self._stroke(1)
            self.answer = self.answer[:-1]
            self.corrections += 1
            self.item_corrections += 1
            return Feedback(Verdict.CORRECTION, None, 1)
        chars = self._chars(ev)[: MAX_ANSWER_CHARS - len(self.answer)]
        self.answer += chars
        self._stroke(len(chars))
        return Feedback(Verdict.CORRECT, None, len(chars))

    def _stroke(self, n: int) -> None:
        self.strokes += n
        self.item_strokes += n
        self.count_strokes(n)

    def _confirm(self) -> Feedback:
        item = self.item(self.index)
        assert item is not None  # noqa: S101 - _is_stroke checked it
        style = style_for(self.content.currency_symbol)
        codes = tuple(str(c) for c in classify(item, self.content.words, self.answer, style))
        now = self.clock.active_ns
        answer = Answer(
            self.index,
            item.direction,
            item.amount,
            item.shown,
            item.expected,
            self.answer,
            codes,
            (now - self.item_start_ns) // NS_PER_MS,
            self.item_strokes,
            self.item_corrections,
        )
        self.item_start_ns = now
        self.answer_count += 1
        if answer.right:
            self.right_count += 1
            self.right_chars += len(item.expected)
        for code in codes:
            self.rule_mistakes[code] = self.rule_mistakes.get(code, 0) + 1
        if len(self.answers) < MAX_STORED_ANSWERS:
            self.answers.append(answer)
        self.last_answer = answer
        self.index += 1
        self.answer = ""
        self.item_strokes = self.item_corrections = 0
        if self.item(self.index) is None:
            self._finish(EndReason.ITEMS)
        right = answer.right or not self.settings.hints  # not revealed during a test
        verdict = Verdict.CORRECT if right else Verdict.WRONG
        return Feedback(verdict, None, 1, 0 if right else 1, True, self.finished)

    # -- display and result ------------------------------------------------------------
    def view(self) -> WordsView:
        item = None if self.finished else self.item(self.index)
        direction = item.direction if item is not None else ""
        return WordsView(
            item_index=self.index,
            item_count=self.count,
            direction=direction,
            words=self.content.words,
            shown=None if item is None else item.shown,
            answer=self.answer,
            answers_done=self.answer_count,
            last_answer=self.last_answer if self.settings.hints else None,
        )

    def state(self, now_ns: int | None = None) -> LiveState:
        common = self.common_state(now_ns)
        wrong = self.answer_count - self.right_count
        return LiveState(
            **common,
            strokes=self.strokes,
            errors=wrong if self.settings.hints else 0,
            speed=metrics.ratio(self.answer_count * MS_PER_MINUTE, common["active_ms"]),
            speed_unit=AmountWordsDrill.speed_unit,
            item_index=self.index,
            items_done=self.answer_count,
            item_count=self.count,
            position=len(self.answer),
            typed=self.answer,
        )

    def _build_result(self) -> DrillResult:
        active_ms = self.active_ns // NS_PER_MS
        wrong = self.answer_count - self.right_count
        accuracy = metrics.accuracy(self.right_count, wrong)
        speed = metrics.ratio(self.answer_count * MS_PER_MINUTE, active_ms)
        reference = self.definition.scoring.reference_speed
        score = 0.0 if reference is None else metrics.speed_score(speed, reference, accuracy)
        cpm = metrics.cpm(self.right_chars, active_ms)
        figures: dict[str, float | None] = {
            "answers_per_min": speed,
            "cpm": cpm,
            "accuracy": accuracy,
            "score": score,
        }
        invalid = validity(active_ms, self.strokes)
        grade = None if invalid else metrics.grade_reached(self.definition.grades, figures)
        order = [str(code) for code in MistakeCode]
        details = AmountWordsDetails(
            answers_per_min=speed,
            cpm=cpm,
            accuracy=accuracy,
            score=score,
            consistency=metrics.consistency(self.complete_seconds()),
            words=self.content.words,
            answers=self.answer_count,
            right_answers=self.right_count,
            wrong_answers=wrong,
            right_chars=self.right_chars,
            strokes=self.strokes,
            corrections=self.corrections,
            rule_mistakes={c: self.rule_mistakes[c] for c in order if c in self.rule_mistakes},
            items=tuple(self.answers),
            unanswered=self.answer if self.answer else None,
            per_second=tuple(self.complete_seconds()),
        )
        return self.stamped_result(
            invalid=invalid,
            active_ms=active_ms,
            strokes=self.strokes,
            speed=speed,
            speed_unit=AmountWordsDrill.speed_unit,
            accuracy=accuracy,
            score=score,
            grade=grade,
            details=details,
        )


class AmountWordsDrill(DrillKind[AmountWordsRun, AmountWordsDetails]):
    name: ClassVar[str] = "amount_words"
    speed_unit: ClassVar[str] = "answers_per_min"
    grade_figures: ClassVar[frozenset[str]] = WORDS_FIGURES
    run_type = AmountWordsRun
    details_type = AmountWordsDetails

    def build_content(
        self,
        generator: Mapping[str, Any] | None,
        items: Sequence[Mapping[str, Any]] | None,
        language: str,
    ) -> tuple[AmountWordsContent | None, list[Issue]]:
        return words_content(generator, items, language)

    def new_run(
        self,
        definition: DrillDefinition,
        mode: Mode,
        seed: int,
        options: Mapping[str, Any] | None,
    ) -> AmountWordsRun:
        """Option ``direction`` (practice only): ``to_words``, ``to_figures`` or ``both``
        instead of the pack's directions (the trainee's choice)."""
        options = dict(options or {})
        unknown = set(options) - {"direction"}
        if unknown:
            raise ValueError(f"unknown amounts-in-words options: {sorted(unknown)}")
        if "direction" in options:
            if options["direction"] not in (TO_WORDS, TO_FIGURES, BOTH):
                raise ValueError(f"unknown direction {options['direction']!r}")
            if Mode(mode) is Mode.TEST:
                raise ValueError("a test's directions are fixed by the pack")
        return AmountWordsRun(self, definition, mode, seed, options)

    def play(self, run: AmountWordsRun, timing: Timing, max_active_ns: int) -> None:
        play_amount_words(run, timing, max_active_ns)


AMOUNT_WORDS = AmountWordsDrill()


# -- the simulated player ------------------------------------------------------------------
NOTICE_SLIP_IN_WORDS = 0.9  # words are read back before Enter, so more slips are caught
_ZH_LOWER = {"壹": "一", "贰": "二", "叁": "三", "肆": "四", "伍": "五", "陆": "六"}
_ZH_UNITS = {"拾": "十", "佰": "百", "仟": "千"}
_EN_SPELLING = {"forty": "fourty", "ninety": "ninty", "thousand": "thousend", "eight": "eigth"}


def _rule_mistake(expected: str, words: str, direction: str, c: PlayerClock) -> str:
    """The answer with one of the mistakes people really make in this direction."""
    if direction == TO_FIGURES:
        if expected.endswith("0") and "." in expected:
            return expected.rstrip("0").rstrip(".")  # not written to the cent
        i = c.timing.rng.below(len(expected))
        ch = expected[i]
        return expected[:i] + (c.pick(DIGIT_SLIPS[ch]) if ch.isdigit() else "") + expected[i + 1 :]
    if words == "zh":
        options = []
        if expected.endswith("整"):
            options.append(expected[:-1])  # missing 整
        if "零" in expected:
            options.append(expected.replace("零", "", 1))  # 零 left out
        lowered = next((k for k in _ZH_LOWER if k in expected), None)
        if lowered:
            options.append(expected.replace(lowered, _ZH_LOWER[lowered], 1))  # 一 for 壹
        unit = next((k for k in _ZH_UNITS if k in expected), None)
        if unit:
            options.append(expected.replace(unit, _ZH_UNITS[unit], 1))  # 十 for 拾
        return c.timing.rng.choice(options) if options else expected + "整"
    options = []
    if "-" in expected:
        options.append(expected.replace("-", " ", 1))  # "twenty four"
    misspelt = next((w for w in _EN_SPELLING if w in expected), None)
    if misspelt:
        options.append(expected.replace(misspelt, _EN_SPELLING[misspelt], 1))
    head, _, cents = expected.rpartition(" and ")
    if cents[:2].isdigit():  # US wording: the cents not as NN/100
        options.append(f"{head} and {int(cents[:2])}/100" if cents[:2] != "00" else head)
    elif expected.endswith(" only"):  # UK and euro wording: "only" and the unit left out
        options.append(expected.rsplit(" ", 2)[0])
    else:  # the small units as a fraction, which the euro wording does not take
        options.append(f"{head} and cents")
    return c.timing.rng.choice(options)


def play_amount_words(run: AmountWordsRun, timing: Timing, max_active_ns: int) -> None:
    """Write each answer (Chinese through the input method), Enter. Mistakes: a rule
    broken (missing 整, 零 left out, 一 for 壹, 十 for 拾, "twenty four", "fourty", the
    cents not as NN/100, 1409.5 for 1409.50) and slips, mostly corrected."""
    c = PlayerClock(run, timing, max_active_ns)
    words = run.content.words
    while c.going:
        item = run.item(run.index)
        if item is None:
            break
        c.think(2.0 + len(item.shown) / 8)
        answer = item.expected
        if c.slip(4.0):
            answer = _rule_mistake(answer, words, item.direction, c)
        if words == "zh" and item.direction != TO_FIGURES:
            _commit_chinese(c, answer)
        else:
            _type_text(c, answer)
        if c.going and run.answer.strip():
            c.key(ENTER, "")


def _commit_chinese(c: PlayerClock, answer: str) -> None:
    i = 0
    while i < len(answer) and c.going:
        size = 1 + c.timing.rng.below(2)
        chunk = answer[i : i + size]
        c.commit(chunk, c.skill.stroke_ms * 5 * len(chunk))
        i += len(chunk)


def _type_text(c: PlayerClock, answer: str) -> None:
    for ch in answer:
        if not c.going:
            return
        if ch.isalnum() and c.slip():
            wrong = c.pick(DIGIT_SLIPS[ch]) if ch.isdigit() else _next_letter(ch)
            c.key(wrong, wrong)
            if c.timing.chance(NOTICE_SLIP_IN_WORDS):
                c.key(BACKSPACE, "", c.skill.stroke_ms * 1.6)
            else:
                continue
        c.key(SPACE if ch == " " else ch, ch)


def _next_letter(ch: str) -> str:
    """The key beside a letter (a slip), or "x" for letters outside a-z."""
    low = ch.lower()
    return chr((ord(low) - 97 + 1) % 26 + 97) if "a" <= low <= "z" else "x"
