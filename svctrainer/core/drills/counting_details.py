"""What a cash-counting run stores: its figures and every bundle's verdict — flags,
defects missed, counts reported against the right ones, notes credited
(``cash_counting`` makes them; the contest rules are in ``cash_bundle``).

Layout 1 (``CashCountingDetails.VERSION``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Self

from svctrainer.core.drills.cash_bundle import BundleJudgement
from svctrainer.core.drills.details import Details, Fields


@dataclass(frozen=True, slots=True)
class CashCountingDetails(Details):
    """Figures, the currency, bundles handed in / clean / void, notes counted and
    credited, wrong counts and flags (``errors``), defects missed, flags set, the penalty
    and void rule applied, every bundle (``bundles``), strokes per active second."""

    notes_per_min: float
    gross_notes_per_min: float
    accuracy: float
    score: float
    currency: str
    bundles_done: int
    bundles_clean: int
    bundles_void: int
    notes_counted: int
    credited_notes: int
    errors: int
    missed_defects: int
    flags_set: int
    error_penalty: int
    void_on_missed_defect: bool
    bundles: tuple[BundleJudgement, ...]
    per_second: tuple[int, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "notes_per_min": self.notes_per_min,
            "gross_notes_per_min": self.gross_notes_per_min,
            "accuracy": self.accuracy,
            "score": self.score,
            "currency": self.currency,
            "bundles_done": self.bundles_done,
            "bundles_clean": self.bundles_clean,
            "bundles_void": self.bundles_void,
            "notes_counted": self.notes_counted,
            "credited_notes": self.credited_notes,
            "errors": self.errors,
            "missed_defects": self.missed_defects,
            "flags_set": self.flags_set,
            "error_penalty": self.error_penalty,
            "void_on_missed_defect": self.void_on_missed_defect,
            "bundles": [b.to_dict() for b in self.bundles],
            "per_second": list(self.per_second),
        }

    @classmethod
    def read(cls, f: Fields, version: int) -> Self:
        return cls(
            notes_per_min=f.number("notes_per_min"),
            gross_notes_per_min=f.number("gross_notes_per_min"),
            accuracy=f.number("accuracy"),
            score=f.number("score"),
            currency=f.text("currency"),
            bundles_done=f.integer("bundles_done"),
            bundles_clean=f.integer("bundles_clean"),
            bundles_void=f.integer("bundles_void"),
            notes_counted=f.integer("notes_counted"),
            credited_notes=f.integer("credited_notes"),
            errors=f.integer("errors"),
            missed_defects=f.integer("missed_defects"),
            flags_set=f.integer("flags_set"),
            error_penalty=f.integer("error_penalty"),
            void_on_missed_defect=f.flag("void_on_missed_defect", True),
            bundles=f.records("bundles", BundleJudgement.read),
            per_second=f.integers("per_second"),
        )
