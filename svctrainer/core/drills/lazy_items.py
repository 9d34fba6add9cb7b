"""Drill content made on demand from one seeded stream, so item ``i`` never changes.

A run may be endless (a time limit ends it), so items are generated only when first
needed, strictly in order from the run's ``SeededRandom``: item ``i`` is the same
whether the GUI asked for it early or the replay reached it late.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class LazyItems(Generic[T]):
    """``count`` None means endless; ``make(i)`` builds item ``i`` (called in order)."""

    def __init__(self, count: int | None, make: Callable[[int], T]) -> None:
        self.count = count
        self._make = make
        self._items: list[T] = []

    def item(self, index: int) -> T | None:
        if index < 0 or (self.count is not None and index >= self.count):
            return None
        while len(self._items) <= index:
            self._items.append(self._make(len(self._items)))
        return self._items[index]
