"""Scenario progress: service tiers over time and the SERVQUAL radar, first vs latest.

Tiers are the seeds' three service tiers plus "not met", as levels 0..3 in the order of
``scenarios.model.Tier`` (not_met < satisfaction < comfort < delight); codes are the same
lower-case names, so the GUI translates them with the scenario debrief's strings.

The radar compares the first and the latest valid run of ONE scenario (dimension points
are only comparable within a scenario: each scenario awards its own maxima). With
``max_points`` (the most points a run of that scenario can earn per dimension, from the
scenario search) each axis is points / maximum clamped to 0..1, so the radar fills its
frame; without, raw points are returned. Reliability, responsiveness, assurance and
empathy are always axes; tangibles only where some run or maximum mentions it (the
scenario describes the setting).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, tzinfo

from svctrainer.core.analytics.series import ALL_MODES, week_start

TIER_CODES = ("not_met", "satisfaction", "comfort", "delight")
CORE_DIMENSIONS = ("reliability", "responsiveness", "assurance", "empathy")
TANGIBLES = "tangibles"


@dataclass(frozen=True, slots=True)
class ScenarioRunPoint:
    """One scenario run: when, the tier reached (0..3) and SERVQUAL points per dimension."""

    started_at: datetime
    tier: int
    servqual: Mapping[str, int] = field(default_factory=dict)
    valid: bool = True
    mode: str = "practice"
    attempt_id: str = ""

    def __post_init__(self) -> None:
        if not 0 <= self.tier < len(TIER_CODES):
            raise ValueError(f"tier must be 0..{len(TIER_CODES) - 1}, not {self.tier}")
        if self.started_at.tzinfo is None:
            raise ValueError("ScenarioRunPoint.started_at must be timezone-aware (UTC)")


@dataclass(frozen=True, slots=True)
class TierPoint:
    at: datetime
    tier: int
    code: str
    attempt_id: str


@dataclass(frozen=True, slots=True)
class WeekTiers:
    """How many runs reached each tier in one ISO week (index = tier level)."""

    week: date
    counts: tuple[int, int, int, int]


@dataclass(frozen=True, slots=True)
class Radar:
    dimensions: tuple[str, ...]
    first: tuple[float, ...]  # per dimension, in ``dimensions`` order
    latest: tuple[float, ...]
    first_at: datetime
    latest_at: datetime
    runs: int  # valid runs considered (1: first and latest are the same run)
    normalised: bool  # True: values are fractions of ``max_points``


def _chosen(runs: Iterable[ScenarioRunPoint], modes: Collection[str]) -> list[ScenarioRunPoint]:
    picked = (r for r in runs if r.valid and r.mode in modes)
    return sorted(picked, key=lambda r: (r.started_at, r.attempt_id))


def tier_series(
    runs: Iterable[ScenarioRunPoint], modes: Collection[str] = ALL_MODES
) -> list[TierPoint]:
    """Valid runs oldest first as (time, tier) points for a step chart."""
    return [
        TierPoint(r.started_at, r.tier, TIER_CODES[r.tier], r.attempt_id)
        for r in _chosen(runs, modes)
    ]


def tiers_by_week(
    runs: Iterable[ScenarioRunPoint], tz: tzinfo = UTC, modes: Collection[str] = ALL_MODES
) -> list[WeekTiers]:
    """Runs per tier per ISO week (weeks with runs only, ascending): a stacked bar chart."""
    counts: dict[date, Counter[int]] = {}
    for r in _chosen(runs, modes):
        counts.setdefault(week_start(r.started_at, tz), Counter())[r.tier] += 1
    return [WeekTiers(week, (c[0], c[1], c[2], c[3])) for week, c in sorted(counts.items())]


def servqual_radar(
    runs: Iterable[ScenarioRunPoint],
    max_points: Mapping[str, int] | None = None,
    modes: Collection[str] = ALL_MODES,
) -> Radar | None:
    """First and latest valid run's SERVQUAL points; None without a valid run."""
    chosen = _chosen(runs, modes)
    if not chosen:
        return None
    first, last = chosen[0], chosen[-1]
    dims = list(CORE_DIMENSIONS)
    if any(r.servqual.get(TANGIBLES, 0) for r in chosen) or (max_points or {}).get(TANGIBLES):
        dims.append(TANGIBLES)

    def axis(run: ScenarioRunPoint, dim: str) -> float:
        points = float(run.servqual.get(dim, 0))
        if max_points is None:
            return points
        top = max_points.get(dim, 0)
        return 0.0 if top <= 0 else min(1.0, max(0.0, points / top))

    return Radar(
        dimensions=tuple(dims),
        first=tuple(axis(first, d) for d in dims),
        latest=tuple(axis(last, d) for d in dims),
        first_at=first.started_at,
        latest_at=last.started_at,
        runs=len(chosen),
        normalised=max_points is not None,
    )
