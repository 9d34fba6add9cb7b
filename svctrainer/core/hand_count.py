"""Hand-count results a trainer records: counting real practice notes (练功券) by hand
for 3 or 5 minutes, as many branches still train, so they chart with the drills.

A ``HandCountRecord`` is validated when it is made (``HandCountError`` lists every
problem as a field name, a code and parameters the GUI can word and translate), and
``to_result`` turns it into the ``DrillResult`` figures the cash-counting drill produces
(same ``speed_unit``, ``notes_per_min``), so both appear in one progress chart.

The contest formula (this project's; the same rules as the on-screen cash-counting
drill, where a missed defect voids its bundle of 100 notes):

- missed defects = defects planted − defects found (0 when the trainer did not say how
  many were planted);
- net notes = max(0, notes counted − 100 × missed defects − 20 × banding penalties)
  (a banding penalty: a loose band, a reversed or folded note, an uneven bundle);
- ``notes_per_min`` = net notes / minutes; ``gross_notes_per_min`` = notes counted /
  minutes (0.1, half up);
- accuracy = defects found / defects planted (1.0 when none were planted or the number
  is not known; 0.0001);
- score = min(100, 100 × notes_per_min / reference), the reference being
  ``DEFAULT_REFERENCE_NOTES_PER_MIN`` unless the caller passes the team's own (0.1).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any, ClassVar, Self

from svctrainer.core import metrics
from svctrainer.core.drills.details import Details, DetailsError, Fields
from svctrainer.core.drills.result import DrillResult, validity
from svctrainer.core.durations import MS_PER_MINUTE

DRILL_TYPE = "hand_count"
SPEED_UNIT = "notes_per_min"
ALLOWED_MINUTES = (3, 5)
MAX_NOTES = 5_000  # beyond 1 000 notes a minute for 5 minutes: a typing slip
MAX_DEFECTS = 100
MAX_PENALTIES = 100
NOTES_PER_MISSED_DEFECT = 100
NOTES_PER_BANDING_PENALTY = 20
DEFAULT_REFERENCE_NOTES_PER_MIN = Decimal(150)


class CountingMethod(StrEnum):
    """How the notes were counted: contests run single-note and multi-note counting as
    separate events, and a recount may not change method, so a result says which.

    - ``single_note`` 单指单张 (one finger, note by note);
    - ``multi_note`` 多指多张 (several notes a stroke: 四指四张, 五指五张, 单指多张 …);
    - ``fan`` 扇面 (the bundle fanned out and counted in groups).
    """

    SINGLE_NOTE = "single_note"
    MULTI_NOTE = "multi_note"
    FAN = "fan"


class HandCountProblem(StrEnum):
    """Codes for the form to word; ``params`` of the problem fill in the numbers."""

    BAD_PERSON = "bad_person"
    BAD_DATE = "bad_date"
    BAD_MINUTES = "bad_minutes"  # params: allowed
    OUT_OF_RANGE = "out_of_range"  # params: minimum, maximum
    MORE_FOUND_THAN_PLANTED = "more_found_than_planted"
    DATE_IN_FUTURE = "date_in_future"
    BAD_METHOD = "bad_method"


@dataclass(frozen=True, slots=True)
class FieldProblem:
    field: str
    code: HandCountProblem
    params: Mapping[str, int | str]


class HandCountError(ValueError):
    """Every problem of a hand-count entry at once, so the form can mark all fields."""

    def __init__(self, problems: list[FieldProblem]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{p.field}: {p.code}" for p in problems))


@dataclass(frozen=True, slots=True)
class HandCountRecord:
    """One trainer-entered result. ``person_id`` is the person's database id;
    ``defects_planted`` None means the trainer did not record it. ``method``: how the
    notes were counted; ``banded`` / ``stamped``: whether each finished bundle was
    banded (扎把) and stamped or signed (盖章) as the procedure asks; None: not
    recorded (entries logged before these were asked)."""

    person_id: int
    day: dt.date
    minutes: int
    notes_counted: int
    defects_found: int
    banding_penalties: int
    defects_planted: int | None = None
    method: CountingMethod | None = None
    banded: bool | None = None
    stamped: bool | None = None

    def __post_init__(self) -> None:
        problems = _problems(self)
        if problems:
            raise HandCountError(problems)

    @classmethod
    def create(
        cls,
        *,
        person_id: int,
        day: dt.date,
        minutes: int,
        notes_counted: int,
        defects_found: int,
        banding_penalties: int,
        defects_planted: int | None = None,
        method: CountingMethod | None = None,
        banded: bool | None = None,
        stamped: bool | None = None,
        today: dt.date,
    ) -> HandCountRecord:
        """Like the constructor, and also refuses a ``day`` after ``today`` (the caller's
        local date), reporting it together with any other problem."""
        future = (
            [FieldProblem("day", HandCountProblem.DATE_IN_FUTURE, {"today": today.isoformat()})]
            if isinstance(day, dt.date) and day > today
            else []
        )
        try:
            record = cls(
                person_id,
                day,
                minutes,
                notes_counted,
                defects_found,
                banding_penalties,
                defects_planted,
                method,
                banded,
                stamped,
            )
        except HandCountError as exc:
            raise HandCountError(exc.problems + future) from None
        if future:
            raise HandCountError(future)
        return record

    # -- figures -----------------------------------------------------------------------------
    @property
    def missed_defects(self) -> int:
        if self.defects_planted is None:
            return 0
        return self.defects_planted - self.defects_found

    @property
    def net_notes(self) -> int:
        return max(
            0,
            self.notes_counted
            - NOTES_PER_MISSED_DEFECT * self.missed_defects
            - NOTES_PER_BANDING_PENALTY * self.banding_penalties,
        )

    def figures(self, reference: Decimal = DEFAULT_REFERENCE_NOTES_PER_MIN) -> dict[str, float]:
        speed = metrics.ratio(self.net_notes, self.minutes)
        planted = self.defects_planted or 0
        accuracy = metrics.ratio(self.defects_found, planted, 4) if planted else 1.0
        return {
            SPEED_UNIT: speed,
            "gross_notes_per_min": metrics.ratio(self.notes_counted, self.minutes),
            "accuracy": accuracy,
            "score": metrics.speed_score(speed, reference, 1.0),
        }

    def to_result(self, reference: Decimal = DEFAULT_REFERENCE_NOTES_PER_MIN) -> DrillResult:
        """The result to store and chart: ``active_ms`` is the counting time, ``strokes``
        the notes counted (fewer than 10 notes makes it invalid, as for any drill)."""
        figures = self.figures(reference)
        active_ms = self.minutes * MS_PER_MINUTE
        invalid = validity(active_ms, self.notes_counted)
        return DrillResult(
            drill_type=DRILL_TYPE,
            definition_id=f"hand-count-{self.minutes}min",
            definition_hash="",
            mode="test",
            seed=0,
            options={},
            ended_by="time_limit",
            valid=invalid is None,
            invalid_reason=None if invalid is None else str(invalid),
            active_ms=active_ms,
            strokes=self.notes_counted,
            speed=figures[SPEED_UNIT],
            speed_unit=SPEED_UNIT,
            accuracy=figures["accuracy"],
            score=figures["score"],
            grade=None,
            details=HandCountDetails(
                notes_per_min=figures[SPEED_UNIT],
                gross_notes_per_min=figures["gross_notes_per_min"],
                accuracy=figures["accuracy"],
                score=figures["score"],
                day=self.day,
                minutes=self.minutes,
                notes_counted=self.notes_counted,
                net_notes=self.net_notes,
                defects_found=self.defects_found,
                defects_planted=self.defects_planted,
                missed_defects=self.missed_defects,
                banding_penalties=self.banding_penalties,
                reference_notes_per_min=reference,
                method=self.method,
                banded=self.banded,
                stamped=self.stamped,
            ),
        )


@dataclass(frozen=True, slots=True)
class HandCountDetails(Details):
    """What a logged hand count stores beside the shared figures: the figures, the
    record as entered, the net notes and missed defects derived from it, and the
    reference speed the score used. The service that stores it adds whose count it is,
    who logged it and their note (``services.hand_count``). Layout 2 adds the counting
    method and banding and stamping (None in layout 1 rows: not recorded).

    No person id: the core's record names people by a stand-in number, and every stored
    row holds the service's id of the person under ``person_id`` instead; reading ignores
    it."""

    VERSION: ClassVar[int] = 2

    notes_per_min: float
    gross_notes_per_min: float
    accuracy: float
    score: float
    day: dt.date
    minutes: int
    notes_counted: int
    net_notes: int
    defects_found: int
    defects_planted: int | None
    missed_defects: int
    banding_penalties: int
    reference_notes_per_min: Decimal
    method: CountingMethod | None = None
    banded: bool | None = None
    stamped: bool | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            SPEED_UNIT: self.notes_per_min,
            "gross_notes_per_min": self.gross_notes_per_min,
            "accuracy": self.accuracy,
            "score": self.score,
            "day": self.day.isoformat(),
            "minutes": self.minutes,
            "notes_counted": self.notes_counted,
            "net_notes": self.net_notes,
            "defects_found": self.defects_found,
            "defects_planted": self.defects_planted,
            "missed_defects": self.missed_defects,
            "banding_penalties": self.banding_penalties,
            "reference_notes_per_min": str(self.reference_notes_per_min),
            "method": None if self.method is None else str(self.method),
            "banded": self.banded,
            "stamped": self.stamped,
        }

    @classmethod
    def read(cls, f: Fields, version: int) -> Self:
        try:
            day = dt.date.fromisoformat(f.text("day"))
        except ValueError:
            raise DetailsError(f"{f.where}.day should be a date") from None
        return cls(
            notes_per_min=f.number(SPEED_UNIT),
            gross_notes_per_min=f.number("gross_notes_per_min"),
            accuracy=f.number("accuracy"),
            score=f.number("score"),
            day=day,
            minutes=f.integer("minutes"),
            notes_counted=f.integer("notes_counted"),
            net_notes=f.integer("net_notes"),
            defects_found=f.integer("defects_found"),
            defects_planted=f.optional_integer("defects_planted"),
            missed_defects=f.integer("missed_defects"),
            banding_penalties=f.integer("banding_penalties"),
            reference_notes_per_min=f.decimal("reference_notes_per_min"),
            **(_procedure(f) if version >= 2 else {}),
        )


def _procedure(f: Fields) -> dict[str, Any]:
    """Layout 2's method, banding and stamping (each may be None: not recorded)."""
    method = f.optional_text("method")
    if method is not None and method not in set(CountingMethod):
        raise DetailsError(f"{f.where}.method: {method!r} is not a counting method")
    return {
        "method": None if method is None else CountingMethod(method),
        "banded": f.optional_flag("banded"),
        "stamped": f.optional_flag("stamped"),
    }


def _count_problem(field: str, value: object, maximum: int) -> FieldProblem | None:
    if type(value) is not int or not 0 <= value <= maximum:
        return FieldProblem(
            field, HandCountProblem.OUT_OF_RANGE, {"minimum": 0, "maximum": maximum}
        )
    return None


def _problems(r: HandCountRecord) -> list[FieldProblem]:
    problems: list[FieldProblem] = []
    if type(r.person_id) is not int or r.person_id < 1:
        problems.append(FieldProblem("person_id", HandCountProblem.BAD_PERSON, {}))
    if type(r.day) is not dt.date:
        problems.append(FieldProblem("day", HandCountProblem.BAD_DATE, {}))
    if type(r.minutes) is not int or r.minutes not in ALLOWED_MINUTES:
        allowed = " or ".join(map(str, ALLOWED_MINUTES))
        problems.append(FieldProblem("minutes", HandCountProblem.BAD_MINUTES, {"allowed": allowed}))
    checks = (
        ("notes_counted", r.notes_counted, MAX_NOTES),
        ("defects_found", r.defects_found, MAX_DEFECTS),
        ("banding_penalties", r.banding_penalties, MAX_PENALTIES),
    )
    problems += [p for p in (_count_problem(*c) for c in checks) if p is not None]
    if r.method is not None and not isinstance(r.method, CountingMethod):
        problems.append(FieldProblem("method", HandCountProblem.BAD_METHOD, {}))
    if r.defects_planted is not None:
        bad = _count_problem("defects_planted", r.defects_planted, MAX_DEFECTS)
        if bad is not None:
            problems.append(bad)
        elif type(r.defects_found) is int and r.defects_found > r.defects_planted:
            problems.append(
                FieldProblem("defects_found", HandCountProblem.MORE_FOUND_THAN_PLANTED, {})
            )
    return problems
