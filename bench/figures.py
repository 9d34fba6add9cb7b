"""One measured figure of a benchmark, with the budget it is held to and its floor.

Every ``bench_*.py`` module returns its results as ``Figure`` values from a
``figures(quick)`` function; ``python -m bench`` gathers them into one table and
``bench/results/latest.json``. A budget is an upper bound (lower is better) unless
``higher_is_better``; the floor is what the stack itself costs (the same work done by bare
PySide6, say), so ``ratio`` says how far above its floor a figure is.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Figure:
    name: str
    value: float
    unit: str
    budget: float | None = None  # the value must not exceed it
    floor: float | None = None  # what the bare stack costs, in the same unit
    budget_is_ratio: bool = False  # the budget bounds value / floor, not the value
    note: str = ""

    @property
    def ratio(self) -> float | None:
        return self.value / self.floor if self.floor else None

    @property
    def within(self) -> bool | None:
        """True or False against the budget; None when the figure has none."""
        if self.budget is None:
            return None
        measured = self.ratio if self.budget_is_ratio else self.value
        return measured is not None and measured <= self.budget

    def as_json(self) -> dict[str, Any]:
        return {**asdict(self), "ratio": self.ratio, "within": self.within}

    @staticmethod
    def from_json(data: dict[str, Any]) -> Figure:
        fields = ("name", "value", "unit", "budget", "floor", "budget_is_ratio", "note")
        return Figure(**{k: data[k] for k in fields})
