"""The outcome of one drill attempt, as stored, charted and shown on the result screen.

Every drill kind returns the same ``DrillResult`` so the database, charts and the result
screen treat all drills alike; kind-specific figures live in ``details``, the kind's own
typed ``Details`` (``drills.details``). ``to_dict()`` is plain JSON (str keys,
int/float/str/bool/None, lists, dicts) and records the details' layout version;
``DrillResult.from_dict(r.to_dict(), type(r.details)) == r`` (``registry.result_from_dict``
finds the details type from the stored ``drill_type``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from svctrainer.core.drills.details import Details, Fields

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

    @classmethod
    def read(cls, f: Fields) -> Mistake:
        return cls(
            f.integer("item"),
            f.text("field"),
            f.integer("position"),
            f.text("expected"),
            f.text("typed"),
        )


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
    - ``details``: the kind's own figures (a ``Details`` of the kind's ``details_type``).
    - ``completion``: "complete", "incomplete" or "abandoned" (``drills.completion``);
      only a complete result carries a grade. Results stored before it was recorded
      read back as complete (the migration reclassified their rows).
    - ``rules``: the scoring-rules version that scored it (``drills.scoring_rules``);
      results stored before versions were recorded read back as version 1.
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
    details: Details
    completion: str = "complete"
    rules: int = 1

    def to_dict(self) -> dict[str, Any]:
        data = {name: _plain(getattr(self, name)) for name in _FIELDS if name != "details"}
        data["details"] = self.details.to_dict()
        data["completion"] = self.completion
        data["details_version"] = self.details.VERSION
        data["rules"] = self.rules
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], details_type: type[Details]) -> DrillResult:
        """Rebuild a stored result whose details are a ``details_type``; ValueError if a
        field is missing or of the wrong type (``DetailsError`` for the details)."""
        missing = [name for name in _FIELDS if name not in data]
        if missing:
            raise ValueError(f"result is missing {', '.join(missing)}")
        for name, types in _FIELDS.items():
            value = data[name]
            if not isinstance(value, types) or (isinstance(value, bool) and bool not in types):
                raise ValueError(f"result field {name} has the wrong type")
        version = data.get("details_version", 1)  # results stored before details had one
        if type(version) is not int:
            raise ValueError("result field details_version has the wrong type")
        completion = data.get("completion", "complete")
        if completion not in ("complete", "incomplete", "abandoned"):
            raise ValueError("result field completion has the wrong value")
        rules = data.get("rules", 1)
        if type(rules) is not int or rules < 1:
            raise ValueError("result field rules has the wrong value")
        return cls(
            drill_type=data["drill_type"],
            definition_id=data["definition_id"],
            definition_hash=data["definition_hash"],
            mode=data["mode"],
            seed=data["seed"],
            options=data["options"],
            ended_by=data["ended_by"],
            valid=data["valid"],
            invalid_reason=data["invalid_reason"],
            active_ms=data["active_ms"],
            strokes=data["strokes"],
            speed=float(data["speed"]),
            speed_unit=data["speed_unit"],
            accuracy=float(data["accuracy"]),
            score=float(data["score"]),
            grade=data["grade"],
            details=details_type.from_dict(data["details"], version),
            completion=completion,
            rules=rules,
        )


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
