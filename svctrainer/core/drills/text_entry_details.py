"""What a text-entry (copy typing, 汉字录入) run stores: its figures in its own unit, the
character counts a contest marks, and the first mistakes.

Layout 1 (``TextEntryDetails.VERSION``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Self

from svctrainer.core.drills.details import Details, Fields


@dataclass(frozen=True, slots=True)
class TextMistake:
    """In passage ``passage`` (0-based) at character ``position`` of the original,
    ``expected`` was due and ``typed`` was entered ("" for a missing character, and
    ``expected`` "" for an extra one)."""

    passage: int
    position: int
    expected: str
    typed: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "passage": self.passage,
            "position": self.position,
            "expected": self.expected,
            "typed": self.typed,
        }

    @classmethod
    def read(cls, f: Fields) -> TextMistake:
        return cls(f.integer("passage"), f.integer("position"), f.text("expected"), f.text("typed"))


@dataclass(frozen=True, slots=True)
class TextEntryDetails(Details):
    """``unit``: the drill's speed unit (``cpm`` characters or ``wpm`` words of five
    characters per minute, net). ``net_cpm`` = (correct − penalty × errors) characters
    per minute, never below 0; ``gross_cpm``: characters entered per minute. ``commits``:
    input-method commits and character keys that entered text; ``corrections``:
    Backspaces. Errors = ``wrong`` + ``missing`` + ``extra`` against the original."""

    unit: str
    net_cpm: float
    net_wpm: float
    gross_cpm: float
    accuracy: float
    score: float
    correct: int
    wrong: int
    missing: int
    extra: int
    typed_chars: int
    commits: int
    corrections: int
    passages_done: int
    error_penalty: int
    per_second: tuple[int, ...]
    mistakes: tuple[TextMistake, ...]

    @property
    def errors(self) -> int:
        return self.wrong + self.missing + self.extra

    def to_dict(self) -> dict[str, Any]:
        return {
            "unit": self.unit,
            "net_cpm": self.net_cpm,
            "net_wpm": self.net_wpm,
            "gross_cpm": self.gross_cpm,
            "accuracy": self.accuracy,
            "score": self.score,
            "correct": self.correct,
            "wrong": self.wrong,
            "missing": self.missing,
            "extra": self.extra,
            "typed_chars": self.typed_chars,
            "commits": self.commits,
            "corrections": self.corrections,
            "passages_done": self.passages_done,
            "error_penalty": self.error_penalty,
            "per_second": list(self.per_second),
            "mistakes": [m.to_dict() for m in self.mistakes],
        }

    @classmethod
    def read(cls, f: Fields, version: int) -> Self:
        return cls(
            unit=f.text("unit", "cpm"),
            net_cpm=f.number("net_cpm"),
            net_wpm=f.number("net_wpm"),
            gross_cpm=f.number("gross_cpm"),
            accuracy=f.number("accuracy"),
            score=f.number("score"),
            correct=f.integer("correct"),
            wrong=f.integer("wrong"),
            missing=f.integer("missing"),
            extra=f.integer("extra"),
            typed_chars=f.integer("typed_chars"),
            commits=f.integer("commits"),
            corrections=f.integer("corrections"),
            passages_done=f.integer("passages_done"),
            error_penalty=f.integer("error_penalty"),
            per_second=f.integers("per_second"),
            mistakes=f.records("mistakes", TextMistake.read),
        )
