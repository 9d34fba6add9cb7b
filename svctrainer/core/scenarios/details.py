"""What a scenario attempt stores beside its figures: ``ScenarioDetails``, typed and
versioned like a drill kind's ``Details`` (``core/drills/details.py``).

The debrief screen, the progress charts and the exports read these fields. Read as dict
keys with defaults (``details.get("failures", 0)``), a key renamed here would quietly show
0 mistakes; read as fields, the rename fails type checking, and a stored value of the
wrong type raises ``DetailsError`` naming the key instead of drawing a plausible chart.

Layout 1 is the JSON every scenario attempt has stored since scenarios were first saved
(``decision_log_codec.stored_run``): codes, never enums, so a reader needs no engine.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Self

from svctrainer.core.drills.details import Details, Fields
from svctrainer.core.scenarios.engine import RunResult
from svctrainer.core.scenarios.model import Scenario, ServqualDimension


@dataclass(frozen=True, slots=True)
class StoredReason:
    """One reason for the run's tier or score: a ``ReasonCode`` and what it names."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def read(cls, f: Fields) -> StoredReason:
        return cls(code=f.text("code"), params=dict(f.table("params")))


@dataclass(frozen=True, slots=True)
class StoredViolation:
    """A protocol step taken out of order (or missed) at ``node``."""

    node: str
    step: str
    code: str
    after: str | None = None  # the later step already taken (out of order only)

    @classmethod
    def read(cls, f: Fields) -> StoredViolation:
        return cls(
            node=f.text("node"),
            step=f.text("step"),
            code=f.text("code"),
            after=f.optional_text("after"),
        )


def _mood_point(value: object) -> tuple[float, float] | None:
    if not isinstance(value, list) or len(value) != 2:
        return None
    valence, arousal = value
    if type(valence) not in (int, float) or type(arousal) not in (int, float):
        return None
    return float(valence), float(arousal)


@dataclass(frozen=True, slots=True)
class ScenarioDetails(Details):
    """A scenario run's result as its attempt keeps it."""

    scenario_id: str
    scenario_version: int
    language: str
    tier: str  # TierCode
    tier_level: int  # 0..3
    reasons: tuple[StoredReason, ...]
    score: int  # 0-100
    servqual: dict[str, int]  # points per SERVQUAL dimension (all five)
    points: int  # SERVQUAL total
    steps: tuple[str, ...]  # protocol steps in the order taken
    violations: tuple[StoredViolation, ...]
    mood_trace: tuple[tuple[float, float], ...]  # (valence, arousal): start, then each decision
    ending: str | None  # node id; None when the run stopped before an ending
    completed: bool
    failures: int
    decisions: int
    timeouts: int

    @classmethod
    def of(cls, scenario: Scenario, result: RunResult) -> ScenarioDetails:
        return cls(
            scenario_id=scenario.id,
            scenario_version=scenario.version,
            language=str(scenario.language),
            tier=result.tier.code,
            tier_level=int(result.tier),
            reasons=tuple(StoredReason(str(r.code), dict(r.params)) for r in result.reasons),
            score=result.score,
            servqual={d.value: result.servqual.get(d) for d in ServqualDimension},
            points=result.servqual.total(),
            steps=tuple(str(s) for s in result.steps),
            violations=tuple(
                StoredViolation(
                    v.node_id, str(v.step), str(v.code), None if v.after is None else str(v.after)
                )
                for v in result.order_violations
            ),
            mood_trace=tuple((m.valence, m.arousal) for m in result.mood_trace),
            ending=result.ending_id,
            completed=result.ending_id is not None,
            failures=result.failures,
            decisions=len(result.log),
            timeouts=sum(1 for e in result.log if e.choice_id is None),
        )

    @property
    def final_mood(self) -> tuple[float, float]:
        """The customer's mood at the end (neutral for a run with no trace)."""
        return self.mood_trace[-1] if self.mood_trace else (0.0, 0.0)

    def to_dict(self) -> dict[str, Any]:
        return {
            "scenario_id": self.scenario_id,
            "scenario_version": self.scenario_version,
            "language": self.language,
            "tier": self.tier,
            "tier_level": self.tier_level,
            "reasons": [{"code": r.code, "params": dict(r.params)} for r in self.reasons],
            "score": self.score,
            "servqual": dict(self.servqual),
            "points": self.points,
            "steps": list(self.steps),
            "violations": [
                {"node": v.node, "step": v.step, "code": v.code, "after": v.after}
                for v in self.violations
            ],
            "mood_trace": [[valence, arousal] for valence, arousal in self.mood_trace],
            "ending": self.ending,
            "completed": self.completed,
            "failures": self.failures,
            "decisions": self.decisions,
            "timeouts": self.timeouts,
        }

    @classmethod
    def read(cls, f: Fields, version: int) -> Self:
        return cls(
            scenario_id=f.text("scenario_id"),
            scenario_version=f.integer("scenario_version"),
            language=f.text("language"),
            tier=f.text("tier", "not_met"),
            tier_level=f.integer("tier_level"),
            reasons=f.records("reasons", StoredReason.read),
            score=f.integer("score"),
            servqual=f.counts("servqual"),
            points=f.integer("points"),
            steps=f.texts("steps"),
            violations=f.records("violations", StoredViolation.read),
            mood_trace=f.values("mood_trace", _mood_point, "[valence, arousal] pairs"),
            ending=f.optional_text("ending"),
            completed=f.flag("completed"),
            failures=f.integer("failures"),
            decisions=f.integer("decisions"),
            timeouts=f.integer("timeouts"),
        )
