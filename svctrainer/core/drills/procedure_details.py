"""What a counter procedure run stores: its figures and every case performed — the
standard order beside the teller's, each step's verdict, decoys taken, breach, points
and time (``counter_procedure`` makes them; the case model is in ``procedure_case``).

Layout 1 (``ProcedureDetails.VERSION``). Labels are stored as the pack wrote them, so
the result screen shows the standard order even after the pack changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Self

from svctrainer.core.drills.details import Details, DetailsError, Fields
from svctrainer.core.drills.procedure_case import StepFault


@dataclass(frozen=True, slots=True)
class StandardStepRecord:
    """One standard step: its label, whether it is a gate, the verdict and the 1-based
    place the teller gave it (None: missing)."""

    id: str
    label: str
    gate: bool
    fault: StepFault
    position: int | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "gate": self.gate,
            "fault": str(self.fault),
            "position": self.position,
        }

    @classmethod
    def read(cls, f: Fields) -> StandardStepRecord:
        fault = f.text("fault")
        if fault not in set(StepFault):
            raise DetailsError(f"{f.where}.fault: {fault!r} is not a step verdict")
        return cls(
            id=f.text("id"),
            label=f.text("label"),
            gate=f.flag("gate"),
            fault=StepFault(fault),
            position=f.optional_integer("position"),
        )


@dataclass(frozen=True, slots=True)
class TakenRecord:
    """One action in the teller's order: the label taken, the standard step it is
    (None: a decoy), and whether its phrase was right (None: no phrase)."""

    label: str
    step_id: str | None
    phrase_right: bool | None

    def to_dict(self) -> dict[str, Any]:
        phrase = None if self.phrase_right is None else ("right" if self.phrase_right else "wrong")
        return {"label": self.label, "step_id": self.step_id, "phrase": phrase}

    @classmethod
    def read(cls, f: Fields) -> TakenRecord:
        phrase = f.optional_text("phrase")
        if phrase not in (None, "right", "wrong"):
            raise DetailsError(f"{f.where}.phrase: {phrase!r} is not right, wrong or null")
        return cls(
            label=f.text("label"),
            step_id=f.optional_text("step_id"),
            phrase_right=None if phrase is None else phrase == "right",
        )


@dataclass(frozen=True, slots=True)
class ProcedureCaseRecord:
    """One case performed: its transaction type, the standard steps with verdicts, the
    teller's order, decoys taken, breach, points (of 100) and active time."""

    index: int
    case_id: str
    title: str
    standard: tuple[StandardStepRecord, ...]
    taken: tuple[TakenRecord, ...]
    decoys_taken: int
    breach: bool
    points: int
    ms: int

    def count(self, fault: StepFault) -> int:
        return sum(s.fault is fault for s in self.standard)

    def to_dict(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "case_id": self.case_id,
            "title": self.title,
            "standard": [s.to_dict() for s in self.standard],
            "taken": [t.to_dict() for t in self.taken],
            "decoys_taken": self.decoys_taken,
            "breach": self.breach,
            "points": self.points,
            "ms": self.ms,
        }

    @classmethod
    def read(cls, f: Fields) -> ProcedureCaseRecord:
        return cls(
            index=f.integer("index"),
            case_id=f.text("case_id"),
            title=f.text("title"),
            standard=f.records("standard", StandardStepRecord.read),
            taken=f.records("taken", TakenRecord.read),
            decoys_taken=f.integer("decoys_taken"),
            breach=f.flag("breach"),
            points=f.integer("points"),
            ms=f.integer("ms"),
        )


@dataclass(frozen=True, slots=True)
class ProcedureDetails(Details):
    """Figures, cases done, steps right of all standard steps, faults by kind, decoys,
    breaches, points (of 100 per case), every case, strokes per active second."""

    cases_per_hour: float
    accuracy: float
    score: float
    cases_done: int
    steps_total: int
    steps_right: int
    missing: int
    out_of_order: int
    wrong_phrase: int
    decoys_taken: int
    breaches: int
    points: int
    cases: tuple[ProcedureCaseRecord, ...]
    per_second: tuple[int, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "cases_per_hour": self.cases_per_hour,
            "accuracy": self.accuracy,
            "score": self.score,
            "cases_done": self.cases_done,
            "steps_total": self.steps_total,
            "steps_right": self.steps_right,
            "missing": self.missing,
            "out_of_order": self.out_of_order,
            "wrong_phrase": self.wrong_phrase,
            "decoys_taken": self.decoys_taken,
            "breaches": self.breaches,
            "points": self.points,
            "cases": [c.to_dict() for c in self.cases],
            "per_second": list(self.per_second),
        }

    @classmethod
    def read(cls, f: Fields, version: int) -> Self:
        return cls(
            cases_per_hour=f.number("cases_per_hour"),
            accuracy=f.number("accuracy"),
            score=f.number("score"),
            cases_done=f.integer("cases_done"),
            steps_total=f.integer("steps_total"),
            steps_right=f.integer("steps_right"),
            missing=f.integer("missing"),
            out_of_order=f.integer("out_of_order"),
            wrong_phrase=f.integer("wrong_phrase"),
            decoys_taken=f.integer("decoys_taken"),
            breaches=f.integer("breaches"),
            points=f.integer("points"),
            cases=f.records("cases", ProcedureCaseRecord.read),
            per_second=f.integers("per_second"),
        )
