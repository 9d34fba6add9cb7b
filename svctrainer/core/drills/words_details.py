"""What an amounts-in-words run stores: its figures, how often each writing rule was
broken, and every answer with the standard writing (``amount_words_drill`` makes them).

Layout 1 (``AmountWordsDetails.VERSION``). ``rule_mistakes`` and ``Answer.codes`` hold
``amount_words_mistakes.MistakeCode`` values.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Self

from svctrainer.core.drills.details import Details, Fields


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

    @classmethod
    def read(cls, f: Fields) -> Answer:
        return cls(
            index=f.integer("index"),
            direction=f.text("direction"),
            amount=f.decimal("amount"),
            shown=f.text("shown"),
            expected=f.text("expected"),
            typed=f.text("typed"),
            codes=f.texts("codes"),
            active_ms=f.integer("active_ms"),
            strokes=f.integer("strokes"),
            corrections=f.integer("corrections"),
        )


@dataclass(frozen=True, slots=True)
class AmountWordsDetails(Details):
    """Figures, the words written ("zh" or "en"), answer, character and stroke counts,
    answers per rule broken (``rule_mistakes``, in ``MistakeCode`` order), the first
    ``MAX_STORED_ANSWERS`` answers (``items``), the answer being written when the run
    ended (``unanswered``), strokes per active second."""

    answers_per_min: float
    cpm: float
    accuracy: float
    score: float
    consistency: float | None
    words: str
    answers: int
    right_answers: int
    wrong_answers: int
    right_chars: int
    strokes: int
    corrections: int
    rule_mistakes: Mapping[str, int]
    items: tuple[Answer, ...]
    unanswered: str | None
    per_second: tuple[int, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "answers_per_min": self.answers_per_min,
            "cpm": self.cpm,
            "accuracy": self.accuracy,
            "score": self.score,
            "consistency": self.consistency,
            "words": self.words,
            "answers": self.answers,
            "right_answers": self.right_answers,
            "wrong_answers": self.wrong_answers,
            "right_chars": self.right_chars,
            "strokes": self.strokes,
            "corrections": self.corrections,
            "rule_mistakes": dict(self.rule_mistakes),
            "items": [a.to_dict() for a in self.items],
            "unanswered": self.unanswered,
            "per_second": list(self.per_second),
        }

    @classmethod
    def read(cls, f: Fields, version: int) -> Self:
        return cls(
            answers_per_min=f.number("answers_per_min"),
            cpm=f.number("cpm"),
            accuracy=f.number("accuracy"),
            score=f.number("score"),
            consistency=f.optional_number("consistency"),
            words=f.text("words"),
            answers=f.integer("answers"),
            right_answers=f.integer("right_answers"),
            wrong_answers=f.integer("wrong_answers"),
            right_chars=f.integer("right_chars"),
            strokes=f.integer("strokes"),
            corrections=f.integer("corrections"),
            rule_mistakes=f.counts("rule_mistakes"),
            items=f.records("items", Answer.read),
            unanswered=f.optional_text("unanswered"),
            per_second=f.integers("per_second"),
        )
