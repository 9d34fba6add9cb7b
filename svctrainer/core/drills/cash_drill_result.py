"""The ``DrillResult`` of a cash-handling drill (making change, cash counting, drawer
balancing): the fields every result shares, filled the same way for all three, so
validity, grading and re-scoring behave exactly as for the keyboard drills.
"""

from __future__ import annotations

from collections.abc import Mapping

from svctrainer.core import metrics
from svctrainer.core.drills.base import DrillRun
from svctrainer.core.drills.details import Details
from svctrainer.core.drills.result import DrillResult, validity
from svctrainer.core.durations import NS_PER_MS


def cash_drill_result(
    run: DrillRun,
    *,
    strokes: int,
    speed_unit: str,
    figures: Mapping[str, float | None],
    details: Details,
) -> DrillResult:
    """``figures`` must hold ``speed_unit``, ``accuracy`` and ``score`` (and may hold
    more grade figures); they are graded with the pack's table (``details`` repeats
    them for the result screen). Invalid results (under 1 s or 10 strokes) reach no
    grade."""
    active_ms = run.active_ns // NS_PER_MS
    invalid = validity(active_ms, strokes)
    grade = None if invalid else metrics.grade_reached(run.definition.grades, figures)
    speed = figures[speed_unit]
    accuracy = figures["accuracy"]
    score = figures["score"]
    if speed is None or accuracy is None or score is None:
        raise ValueError("speed, accuracy and score are always computed")
    return run.stamped_result(
        invalid=invalid,
        active_ms=active_ms,
        strokes=strokes,
        speed=speed,
        speed_unit=speed_unit,
        accuracy=accuracy,
        score=score,
        grade=grade,
        details=details,
    )


def reference_score(run: DrillRun, speed: float, accuracy: float) -> float:
    """min(100, 100 × speed / reference_speed) × accuracy (``metrics.speed_score``), or 0
    when the pack has no reference speed."""
    reference = run.definition.scoring.reference_speed
    return 0.0 if reference is None else metrics.speed_score(speed, reference, accuracy)
