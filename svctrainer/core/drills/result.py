"""The outcome of one drill attempt, as stored, charted and shown on the result screen.

Every drill type returns the same ``DrillResult`` so the database, charts and the result
screen treat all drills alike; drill-specific figures live in ``details`` (documented by
each drill type). ``to_dict()`` is plain JSON (str keys, int/float/str/bool/None, lists,
dicts), and ``DrillResult.from_dict(r.to_dict()) == r``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

MIN_ACTIVE_MS = 1000
MIN_STROKES = 10


class EndReason(StrEnum):
    ITEMS = "items"  # every item was done
    TIME_LIMIT = "time_limit"  # active time reached the limit
    STOPPED = "stopped"  # the trainee (or the app) stopped the run early


class InvalidReason(StrEnum):
    """Why a result is excluded from charts; codes, so the GUI can translate them."""

    ACTIVE_UNDER_1S = "active_time_under_1s"
    UNDER_10_STROKES = "fewer_than_10_strokes"


def validity(active_ms: int, strokes: int) -> InvalidReason | None:
    """None when the attempt counts: at least 1 000 ms active and at least 10 strokes."""
    if active_ms < MIN_ACTIVE_MS:
        return InvalidReason.ACTIVE_UNDER_1S
    if strokes < MIN_STROKES:
        return InvalidReason.UNDER_10_STROKES
    return None


@dataclass(frozen=True, slots=True)
class Mistake:
    """One wrong stroke: in item ``item`` (0-based), field ``field``, at character
    ``position`` (0-based) the trainee typed ``typed`` where ``expected`` was due
    (``expected`` may be a key name such as "Enter" or "Backspace")."""

    item: int
    field: str
    position: int
    expected: str
    typed: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "item": self.item,
            "field": self.field,
            "position": self.position,
            "expected": self.expected,
            "typed": self.typed,
        }


@dataclass(frozen=True)
class DrillResult:
    """What the database stores for an attempt (plus the event log, kept separately).

    - ``speed``: the drill's primary speed, unit in ``speed_unit`` (``"net_kph"`` for
      ten-key, ``"cpm"`` for data entry; issue-4 drills name theirs).
    - ``accuracy``: 0..1. ``score``: 0..100 for the keyboard drills (see
      ``metrics.speed_score``); drill-specific points for others (documented there).
    - ``grade``: name of the grade-table level reached, None if none or invalid.
    - ``seed`` and ``options``: everything besides the pack and the event log that the
      content depended on; ``replay(definition, mode, seed, events, options)`` needs them.
    - ``ended_by``: None when the result was taken from a run still going.
    """

    drill_type: str
    definition_id: str
    definition_hash: str
    mode: str
    seed: int
    options: Mapping[str, Any]
    ended_by: str | None
    valid: bool
    invalid_reason: str | None
    active_ms: int
    strokes: int
    speed: float
    speed_unit: str
    accuracy: float
    score: float
    grade: str | None
    details: Mapping[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {name: _plain(getattr(self, name)) for name in _FIELDS}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> DrillResult:
        """Rebuild a stored result; ValueError if a field is missing or of the wrong type."""
        missing = [name for name in _FIELDS if name not in data]
        if missing:
            raise ValueError(f"result is missing {', '.join(missing)}")
        for name, types in _FIELDS.items():
            value = data[name]
            if not isinstance(value, types) or (isinstance(value, bool) and bool not in types):
                raise ValueError(f"result field {name} has the wrong type")
        values = {name: data[name] for name in _FIELDS}
        for name in ("speed", "accuracy", "score"):
            values[name] = float(values[name])
        return cls(**values)


_FIELDS: dict[str, tuple[type, ...]] = {
    "drill_type": (str,),
    "definition_id": (str,),
    "definition_hash": (str,),
    "mode": (str,),
    "seed": (int,),
    "options": (dict,),
    "ended_by": (str, type(None)),
    "valid": (bool,),
    "invalid_reason": (str, type(None)),
    "active_ms": (int,),
    "strokes": (int,),
    "speed": (int, float),
    "speed_unit": (str,),
    "accuracy": (int, float),
    "score": (int, float),
    "grade": (str, type(None)),
    "details": (dict,),
}


def _plain(value: Any) -> Any:
    """A JSON-ready deep copy (mappings -> dict with str keys, tuples -> lists)."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, StrEnum):
        return str(value)
    return value
