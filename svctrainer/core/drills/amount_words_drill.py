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
``AmountWordsView.last_answer`` is None.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, ClassVar

from svctrainer.core import metrics
from svctrainer.core.amount_words_en import to_en_words
from svctrainer.core.amount_words_mistakes import (
    MistakeCode,
    classify_en,
    classify_figures,
    classify_zh,
)
from svctrainer.core.amount_words_zh import to_zh_words
from svctrainer.core.drills.base import DrillRun, DrillType, Feedback, LiveState, Verdict
from svctrainer.core.drills.result import DrillResult, EndReason, validity
from svctrainer.core.drills.seeded_random import SeededRandom
from svctrainer.core.keystrokes import BACKSPACE, ENTER, SPACE, KeyEvent
from svctrainer.core.money import AmountError, format_amount, parse_amount
from svctrainer.core.packs.definition import DrillDefinition, Mode
from svctrainer.core.packs.schema import Issue, Key, Kind, TableSpec, validate_table

TO_WORDS = "to_words"
TO_FIGURES = "to_figures"
BOTH = "both"
MAX_ANSWER_CHARS = 200
MAX_STORED_ANSWERS = 1000
WORDS_FIGURES = frozenset({"answers_per_min", "cpm", "accuracy", "score"})
AMOUNT_KEYS = frozenset({"integer_digits", "decimals", "zero_probability", "direction"})

GENERATOR_SPEC = TableSpec(
    (
        Key("integer_digits", Kind.INT_RANGE, minimum=0, maximum=12),
        Key("decimals", Kind.INT_RANGE, default=(0, 2), minimum=0, maximum=2),
        Key(
            "zero_probability",
            Kind.DECIMAL,
            default=Decimal("0.1"),
            minimum=Decimal(0),
            maximum=Decimal("0.9"),
            hint="write 0.3 for 30 %",
        ),
        Key("direction", Kind.STR, default=TO_WORDS, choices=(TO_WORDS, TO_FIGURES, BOTH)),
        Key("words", Kind.STR, choices=("zh", "en")),
        Key("currency_symbol", Kind.STR, choices=("", "¥", "$", "£", "€")),
    )
)
ITEM_SPEC = TableSpec(
    (
        Key("amount", Kind.STR, required=True, max_length=32),
        Key("direction", Kind.STR, default=TO_WORDS, choices=(TO_WORDS, TO_FIGURES)),
    )
)


@dataclass(frozen=True, slots=True)
class WordsAmountSpec:
    """``integer_digits``: (min, max) digits before the point (0 = below one); ``decimals``:
    (min, max) digits after it (0 = whole, 1 = 角/tenths only, 2 = full cents), drawn per
    amount; ``zero_per_10000``: chance × 10 000 that a digit after the first is 0."""

    integer_digits: tuple[int, int]
    decimals: tuple[int, int] = (0, 2)
    zero_per_10000: int = 1000


@dataclass(frozen=True, slots=True)
class AmountWordsContent:
    words: str  # "zh" (大写金额) or "en" (cheque words)
    currency_symbol: str  # shown before figures
    direction: str  # to_words, to_figures or both (generated amounts)
    spec: WordsAmountSpec | None
    fixed: tuple[tuple[Decimal, str], ...] | None  # (amount, direction) from [[items]]


@dataclass(frozen=True, slots=True)
class WordsItem:
    amount: Decimal
    direction: str
    shown: str  # the figure (to_words) or the words (to_figures)
    expected: str  # the standard answer


@dataclass(frozen=True, slots=True)
class Answer:
    """One confirmed answer; ``codes`` are ``MistakeCode`` values, empty when right;
    ``active_ms``: active time since the previous answer (the first: since the start)."""

    index: int
    direction: str
    amount: Decimal
    shown: str
    expected: str
    typed: str
    codes: tuple[str, ...]
    active_ms: int
    strokes: int
    corrections: int

    @property
    def right(self) -> bool:
        return not self.codes

    def to_dict(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "direction": self.direction,
            "amount": f"{self.amount:.2f}",
            "shown": self.shown,
            "expected": self.expected,
            "typed": self.typed,
            "codes": list(self.codes),
            "right": self.right,
            "active_ms": self.active_ms,
            "strokes": self.strokes,
            "corrections": self.corrections,
        }


@dataclass(frozen=True, slots=True)
class AmountWordsView:
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


def generate_words_amount(rng: SeededRandom, spec: WordsAmountSpec) -> Decimal:
    """A random non-zero amount: the first whole digit 1–9, every later digit 0 with
    probability ``zero_per_10000`` / 10 000, else 1–9 (uniform). Amounts below one always
    get at least one decimal; an all-zero draw gets a last digit of 1–9."""
    whole_digits = rng.between(*spec.integer_digits)
    places = rng.between(*spec.decimals)
    if whole_digits == 0:
        places = max(places, 1)
    digits: list[int] = []
    for position in range(whole_digits + places):
        zero = position > 0 or whole_digits == 0
        if zero and rng.weighted_index((spec.zero_per_10000, 10_000 - spec.zero_per_10000)) == 0:
            digits.append(0)
        else:
            digits.append(1 + rng.below(9))
    if not any(digits):
        digits[-1] = 1 + rng.below(9)
    whole = "".join(map(str, digits[:whole_digits])) or "0"
    cents = "".join(map(str, digits[whole_digits:])).ljust(2, "0")
    return Decimal(f"{whole}.{cents}")


def make_item(amount: Decimal, direction: str, content: AmountWordsContent) -> WordsItem:
    words = to_zh_words(amount) if content.words == "zh" else to_en_words(amount)
    figure = format_amount(amount)
    if direction == TO_WORDS:
        return WordsItem(amount, direction, content.currency_symbol + figure, words)
    return WordsItem(amount, direction, words, format_amount(amount, grouping=False))


def classify(item: WordsItem, words: str, typed: str) -> list[MistakeCode]:
    """The rules ``typed`` breaks as an answer to ``item`` ([] = right)."""
    try:
        if item.direction == TO_FIGURES:
            return classify_figures(item.amount, typed)
        return (classify_zh if words == "zh" else classify_en)(item.amount, typed)
    except AmountError:  # the classifiers should not raise for typed text; never crash a drill
        return [MistakeCode.UNPARSEABLE]


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
        codes = tuple(str(c) for c in classify(item, self.content.words, self.answer))
        now = self.clock.active_ns
        answer = Answer(
            self.index,
            item.direction,
            item.amount,
            item.shown,
            item.expected,
            self.answer,
            codes,
            (now - self.item_start_ns) // metrics.NS_PER_MS,
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
    def view(self) -> AmountWordsView:
        item = None if self.finished else self.item(self.index)
        direction = item.direction if item is not None else ""
        return AmountWordsView(
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
            speed=metrics.ratio(self.answer_count * metrics.MS_PER_MINUTE, common["active_ms"]),
            speed_unit=AmountWordsDrill.speed_unit,
            item_index=self.index,
            items_done=self.answer_count,
            item_count=self.count,
            position=len(self.answer),
            typed=self.answer,
        )

    def _build_result(self) -> DrillResult:
        active_ms = self.active_ns // metrics.NS_PER_MS
        wrong = self.answer_count - self.right_count
        accuracy = metrics.accuracy(self.right_count, wrong)
        speed = metrics.ratio(self.answer_count * metrics.MS_PER_MINUTE, active_ms)
        reference = self.definition.scoring.reference_speed
        score = 0.0 if reference is None else metrics.speed_score(speed, reference, accuracy)
        figures: dict[str, float | None] = {
            "answers_per_min": speed,
            "cpm": metrics.cpm(self.right_chars, active_ms),
            "accuracy": accuracy,
            "score": score,
        }
        invalid = validity(active_ms, self.strokes)
        grade = None if invalid else metrics.grade_reached(self.definition.grades, figures)
        order = [str(code) for code in MistakeCode]
        details = {
            **figures,
            "consistency": metrics.consistency(self.complete_seconds()),
            "words": self.content.words,
            "answers": self.answer_count,
            "right_answers": self.right_count,
            "wrong_answers": wrong,
            "right_chars": self.right_chars,
            "strokes": self.strokes,
            "corrections": self.corrections,
            "rule_mistakes": {c: self.rule_mistakes[c] for c in order if c in self.rule_mistakes},
            "items": [a.to_dict() for a in self.answers],
            "unanswered": self.answer if self.answer else None,
            "per_second": self.complete_seconds(),
        }
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


class AmountWordsDrill(DrillType):
    name: ClassVar[str] = "amount_words"
    speed_unit: ClassVar[str] = "answers_per_min"
    grade_figures: ClassVar[frozenset[str]] = WORDS_FIGURES

    def build_content(
        self,
        generator: Mapping[str, Any] | None,
        items: Sequence[Mapping[str, Any]] | None,
        language: str,
    ) -> tuple[AmountWordsContent | None, list[Issue]]:
        clean, issues = validate_table(GENERATOR_SPEC, generator or {}, ("generator",))
        given = generator if isinstance(generator, dict) else {}
        if items is not None:
            issues += [
                Issue(("generator", key), f"'{key}' does not apply when [[items]] fix the amounts")
                for key in given
                if key in AMOUNT_KEYS
            ]
        elif "integer_digits" not in given:
            issues.append(
                Issue(
                    ("generator",) if generator is not None else (),
                    "missing required key 'integer_digits' in [generator] (or list [[items]])",
                )
            )
        digits, decimals = clean.get("integer_digits"), clean.get("decimals")
        if digits is not None and decimals is not None and digits[0] == 0 and decimals[1] == 0:
            issues.append(
                Issue(
                    ("generator", "integer_digits"),
                    "amounts with no whole digits need decimals (raise decimals' maximum)",
                )
            )
        words = clean.get("words", "zh" if language.startswith("zh") else "en")
        symbol = clean.get("currency_symbol", "¥" if words == "zh" else "$")
        fixed = None if items is None else _fixed_items(items, issues)
        if issues or (fixed is None and (digits is None or decimals is None)):
            return None, issues
        spec = None
        if fixed is None:
            assert digits is not None  # noqa: S101 - checked above
            assert decimals is not None  # noqa: S101
            zero = int(clean["zero_probability"] * 10_000)
            spec = WordsAmountSpec(digits, decimals, zero)
        content = AmountWordsContent(words, symbol, clean["direction"], spec, fixed)
        return content, []

    def new_run(
        self,
        definition: DrillDefinition,
        mode: Mode,
        seed: int,
        options: Mapping[str, Any] | None,
    ) -> DrillRun:
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
        return AmountWordsRun(definition, mode, seed, options)


def _fixed_items(
    items: Sequence[Mapping[str, Any]], issues: list[Issue]
) -> tuple[tuple[Decimal, str], ...] | None:
    fixed: list[tuple[Decimal, str]] = []
    for index, raw in enumerate(items):
        path = ("items", index)
        clean, more = validate_table(ITEM_SPEC, raw, path)
        issues += more
        text = clean.get("amount")
        if text is None or "direction" not in clean:
            continue
        try:
            fixed.append((parse_amount(text), clean["direction"]))
        except AmountError as exc:
            issues.append(Issue((*path, "amount"), f"amount '{text}': {exc}"))
    if not items:
        issues.append(Issue(("items",), "[[items]] is empty"))
    return tuple(fixed) if len(fixed) == len(items) else None
