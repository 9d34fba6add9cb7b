"""The input every progress figure is computed from: one attempt as a chart point.

The store maps ``attempt`` rows to ``AttemptPoint`` (speed, accuracy and score are
columns there, so no JSON is parsed for charts). Units are the stored ones: ``speed`` in
the drill's ``speed_unit`` (net KPH for ten-key, CPM for data entry, ...), ``accuracy``
as a fraction 0..1, ``score`` 0..100.

Order is by ``started_at`` and then ``attempt_id``, so two attempts that share a
timestamp (merged workstations, imported logs) always come out in the same order,
whatever order the query returned them in.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from enum import StrEnum

SECONDS_PER_WEEK = 7 * 24 * 3600


class AttemptMode(StrEnum):
    """How an attempt was taken (``attempt.mode``): a drill run's mode
    (``packs.definition.Mode``) or a result logged outside the app."""

    PRACTICE = "practice"
    TEST = "test"  # fixed seeded content and the pack's exact time limit: comparable runs
    LOGGED = "logged"  # recorded outside the app (e.g. a supervisor's stopwatch result)


ALL_MODES: frozenset[str] = frozenset(AttemptMode)
TEST_ONLY: frozenset[str] = frozenset({AttemptMode.TEST})


class Metric(StrEnum):
    """Which stored figure a series is about. All three are "higher is better"."""

    SPEED = "speed"  # the drill's speed_unit (net KPH, CPM, notes per minute, ...)
    ACCURACY = "accuracy"  # fraction 0..1
    SCORE = "score"  # 0..100


@dataclass(frozen=True, slots=True)
class AttemptPoint:
    """One attempt, as charts and progress figures need it.

    ``started_at`` must be timezone-aware (the store returns UTC). ``valid`` False marks
    attempts the engine or a supervisor excluded (under 1 s, under 10 strokes, cheating):
    they may be drawn greyed out, but no figure here ever uses them. ``complete`` False
    marks an attempt stopped early or abandoned (``drills.completion``): never valid.
    """

    started_at: datetime
    mode: str
    speed: float | None
    accuracy: float | None
    score: float | None
    valid: bool = True
    attempt_id: str = ""
    complete: bool = True

    def __post_init__(self) -> None:
        if self.started_at.tzinfo is None or self.started_at.utcoffset() is None:
            raise ValueError("AttemptPoint.started_at must be timezone-aware (UTC)")

    def value(self, metric: Metric) -> float | None:
        """The figure for ``metric``; None when not recorded or not a finite number."""
        if metric is Metric.SPEED:
            raw = self.speed
        elif metric is Metric.ACCURACY:
            raw = self.accuracy
        else:
            raw = self.score
        if raw is None or not math.isfinite(raw):
            return None
        return float(raw)


@dataclass(frozen=True, slots=True)
class SeriesPoint:
    """One point of a derived chart series (rolling median, trend line, ...)."""

    at: datetime
    value: float


def chronological(points: Iterable[AttemptPoint]) -> list[AttemptPoint]:
    """Points oldest first; equal timestamps ordered by ``attempt_id``."""
    return sorted(points, key=lambda p: (p.started_at, p.attempt_id))


def usable(
    points: Iterable[AttemptPoint], metric: Metric, modes: Collection[str] = ALL_MODES
) -> list[AttemptPoint]:
    """Valid points of the given modes that have a value for ``metric``, oldest first.

    This is the one filter every figure applies: invalid attempts never count.
    """
    return chronological(
        p for p in points if p.valid and p.mode in modes and p.value(metric) is not None
    )


def usable_values(
    points: Iterable[AttemptPoint], metric: Metric, modes: Collection[str] = ALL_MODES
) -> tuple[list[AttemptPoint], list[float]]:
    """``usable(points, metric, modes)`` and their ``values``, from one pass and one sort:
    a chart page's series (rolling median, trend, points per mode, gain) all start from
    the same usable points, which it filtered, sorted and read the values of three times
    (issue 17: ~9 500 ``value()`` calls a load at 2 000 attempts)."""
    pairs = [
        (p, v) for p in points if p.valid and p.mode in modes and (v := p.value(metric)) is not None
    ]
    pairs.sort(key=lambda pair: (pair[0].started_at, pair[0].attempt_id))
    return [p for p, _ in pairs], [v for _, v in pairs]


def values(points: Iterable[AttemptPoint], metric: Metric) -> list[float]:
    """The metric's values in the given order (callers pass ``usable`` points)."""
    out: list[float] = []
    for p in points:
        v = p.value(metric)
        if v is not None:
            out.append(v)
    return out


def week_start(moment: datetime, tz: tzinfo = UTC) -> date:
    """Monday of the ISO week containing ``moment`` as seen in ``tz``.

    Branch charts bucket by local week (pass the branch's zone); UTC is the default so
    results do not depend on the workstation's clock settings.
    """
    if moment.tzinfo is None:
        raise ValueError("week_start needs a timezone-aware datetime")
    local = moment.astimezone(tz).date()
    return local - timedelta(days=local.weekday())


def weeks_between(earlier: datetime, later: datetime) -> float:
    """Elapsed time in weeks (7 × 24 h, exact seconds; negative if ``later`` is earlier)."""
    return (later - earlier).total_seconds() / SECONDS_PER_WEEK
