"""A service standard per customer demand level (the seeds: "different service method
specifications for customers of different service demand levels; for customers with the
same level, a unified method").

A level lists what the teller must do (required items) and must not do (forbidden
items). A level may extend another (every vulnerable level extends ``standard``), so the
baseline is written once and each level adds its own method. Items have stable ids,
shared by the English and Chinese files, so compliance compares across languages.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from svctrainer.core.scenarios.model import DemandLevel, Language


class ItemKind(StrEnum):
    REQUIRED = "required"  # met when a run does it (and never fails it)
    FORBIDDEN = "forbidden"  # kept when a run never does it


class ItemSort(StrEnum):
    """What sort of behaviour an item is (for grouping in reports)."""

    STEP = "step"
    PHRASE = "phrase"
    OFFER = "offer"
    REFERRAL = "referral"
    TIME_LIMIT = "time_limit"


# Levels of the first release, read in stored content, and the level that replaces each.
LEGACY_LEVELS: Mapping[DemandLevel, DemandLevel] = {
    DemandLevel.BASIC: DemandLevel.STANDARD,
    DemandLevel.PREMIUM: DemandLevel.PRIORITY,
}


def current_level(level: DemandLevel) -> DemandLevel:
    return LEGACY_LEVELS.get(level, level)


@dataclass(frozen=True, slots=True)
class StandardItem:
    id: str
    kind: ItemKind
    sort: ItemSort
    text: str  # what the teller does (or must not do), as the debrief shows it
    level: DemandLevel  # the level that defines it (an inherited item keeps its origin)


@dataclass(frozen=True, slots=True)
class LevelStandard:
    level: DemandLevel
    name: str
    method: str  # the level's method in a few sentences
    items: tuple[StandardItem, ...]  # inherited items first, then the level's own

    def item(self, item_id: str) -> StandardItem | None:
        return next((i for i in self.items if i.id == item_id), None)


@dataclass(frozen=True)
class StandardSet:
    language: Language
    levels: tuple[LevelStandard, ...]
    _index: Mapping[DemandLevel, LevelStandard] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_index", {s.level: s for s in self.levels})

    def for_level(self, level: DemandLevel) -> LevelStandard | None:
        """The standard of ``level`` (a legacy level reads as its successor)."""
        return self._index.get(current_level(level))
