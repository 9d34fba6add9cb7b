"""What a making-change run stores: its figures, how often each error happened and every
customer with the change given (``making_change`` makes them; the judgement rules are
in ``change_items``).

Layout 1 (``MakingChangeDetails.VERSION``). Amounts are stored as text with two places.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Self

from svctrainer.core.drills.change_items import ChangeJudgement
from svctrainer.core.drills.details import Details, Fields


@dataclass(frozen=True, slots=True)
class MakingChangeDetails(Details):
    """Figures, the currency, customers served and served right, errors by
    ``ChangeError`` code, pieces handed over, corrections, which rules were enforced,
    every customer (``items``), strokes per active second."""

    items_per_min: float
    accuracy: float
    score: float
    currency: str
    items_done: int
    items_correct: int
    error_counts: Mapping[str, int]
    pieces_given: int
    corrections: int
    require_fewest: bool
    require_order: bool
    items: tuple[ChangeJudgement, ...]
    per_second: tuple[int, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "items_per_min": self.items_per_min,
            "accuracy": self.accuracy,
            "score": self.score,
            "currency": self.currency,
            "items_done": self.items_done,
            "items_correct": self.items_correct,
            "error_counts": dict(self.error_counts),
            "pieces_given": self.pieces_given,
            "corrections": self.corrections,
            "require_fewest": self.require_fewest,
            "require_order": self.require_order,
            "items": [j.to_dict() for j in self.items],
            "per_second": list(self.per_second),
        }

    @classmethod
    def read(cls, f: Fields, version: int) -> Self:
        return cls(
            items_per_min=f.number("items_per_min"),
            accuracy=f.number("accuracy"),
            score=f.number("score"),
            currency=f.text("currency"),
            items_done=f.integer("items_done"),
            items_correct=f.integer("items_correct"),
            error_counts=f.counts("error_counts"),
            pieces_given=f.integer("pieces_given"),
            corrections=f.integer("corrections"),
            require_fewest=f.flag("require_fewest", True),
            require_order=f.flag("require_order", True),
            items=f.records("items", ChangeJudgement.read),
            per_second=f.integers("per_second"),
        )
