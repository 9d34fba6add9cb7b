"""Supervisor dashboard figures: who has stalled, who improved most, team aggregates.

Stalled (``stall_check``), checked in this order for one person on one drill at ``now``:

1. NO_PRACTICE: no valid attempt (any mode) in the last ``idle_days`` days, or never.
2. NOT_ENOUGH_DATA: fewer than ``min_attempts`` valid attempts (practice and test) in the
   last ``weeks`` weeks, or all at one instant: too little to judge either way.
3. NO_GAIN: the least-squares trend over those attempts (``trend.fit_trend``) gained
   less than ``min_gain`` from the first to the last of them. The gain is in the
   metric's gain unit: for speed, fitted change / median of the window's values × 100
   (percent); for accuracy, fitted change × 100 (percentage points); for score, points.
4. otherwise IMPROVING.

"Significant" is practical, not statistical: with a handful of attempts a p-value mostly
measures how many attempts there were, whereas "under 2 % faster in 4 weeks of
practice" is what a supervisor can act on. The thresholds are ``StallRule`` fields.

Improved most ranks people by gain over baseline (``progress.progress``), largest first,
people without a gain or with a gain ≤ 0 left out. Team aggregates use medians of the
members' own figures, so each person counts once, however often they practise, and one
outlier does not move the team; note that the median of gains is not the gain of the
medians, and both are reported.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from svctrainer.core.analytics.progress import BaselineGain, baseline_gain
from svctrainer.core.analytics.series import ALL_MODES, AttemptPoint, Metric, usable, values
from svctrainer.core.analytics.trend import fit_trend, weeks


class StallStatus(StrEnum):
    IMPROVING = "improving"
    NO_GAIN = "no_gain"
    NO_PRACTICE = "no_practice"
    NOT_ENOUGH_DATA = "not_enough_data"


STALLED = frozenset({StallStatus.NO_GAIN, StallStatus.NO_PRACTICE})


@dataclass(frozen=True, slots=True)
class StallRule:
    weeks: float = 4.0  # the recent window judged for gain
    idle_days: float = 14.0  # no valid attempt for this long is "no practice"
    min_attempts: int = 5  # valid attempts needed in the window to judge the gain
    min_gain: float = 2.0  # in the metric's gain unit (percent, percentage points, points)


@dataclass(frozen=True, slots=True)
class StallCheck:
    status: StallStatus
    last_practice_at: datetime | None
    window_gain: float | None  # fitted gain over the window, in the metric's gain unit
    attempts_in_window: int

    @property
    def stalled(self) -> bool:
        return self.status in STALLED


def stall_check(
    points: Iterable[AttemptPoint],
    now: datetime,
    metric: Metric = Metric.SPEED,
    rule: StallRule = StallRule(),
) -> StallCheck:
    """Classify one person's recent progress on one drill (see the module docstring)."""
    materialised = list(points)
    valid_times = [p.started_at for p in materialised if p.valid]
    last = max(valid_times, default=None)
    if last is None or now - last > timedelta(days=rule.idle_days):
        return StallCheck(StallStatus.NO_PRACTICE, last, None, 0)
    since = now - weeks(rule.weeks)
    window = [p for p in usable(materialised, metric, ALL_MODES) if p.started_at >= since]
    trend = fit_trend(window, metric) if len(window) >= rule.min_attempts else None
    if trend is None:
        return StallCheck(StallStatus.NOT_ENOUGH_DATA, last, None, len(window))
    window_gain = _as_gain(trend.change_over_span, values(window, metric), metric)
    if window_gain is None:
        return StallCheck(StallStatus.NOT_ENOUGH_DATA, last, None, len(window))
    status = StallStatus.NO_GAIN if window_gain < rule.min_gain else StallStatus.IMPROVING
    return StallCheck(status, last, window_gain, len(window))


def _as_gain(change: float, window_values: Sequence[float], metric: Metric) -> float | None:
    if metric is Metric.SPEED:
        level = statistics.median(window_values)
        return None if level <= 0 else change / level * 100.0
    if metric is Metric.ACCURACY:
        return change * 100.0
    return change


@dataclass(frozen=True, slots=True)
class PersonSeries:
    """One person's attempts on one drill, as the dashboard query returns them."""

    person_key: str  # employee number: stable, and the final tie-break of every ranking
    team: str | None
    points: Sequence[AttemptPoint]


@dataclass(frozen=True, slots=True)
class PersonSummary:
    person_key: str
    team: str | None
    progress: BaselineGain
    stall: StallCheck


def summarise(
    people: Iterable[PersonSeries],
    now: datetime,
    metric: Metric = Metric.SPEED,
    rule: StallRule = StallRule(),
) -> list[PersonSummary]:
    """Progress and stall check per person, in ``person_key`` order."""
    out = [
        PersonSummary(
            p.person_key,
            p.team,
            baseline_gain(p.points, metric),
            stall_check(p.points, now, metric, rule),
        )
        for p in people
    ]
    out.sort(key=lambda s: s.person_key)
    return out


def improved_most(summaries: Iterable[PersonSummary], limit: int = 5) -> list[PersonSummary]:
    """People with a positive gain, largest gain first (ties by person_key)."""
    gained = [s for s in summaries if s.progress.gain is not None and s.progress.gain > 0]
    gained.sort(key=lambda s: (-(s.progress.gain or 0.0), s.person_key))
    return gained[:limit]


def stalled(summaries: Iterable[PersonSummary]) -> list[PersonSummary]:
    """Stalled people, most urgent first: no practice (never, then longest idle), then no
    gain (smallest window gain first); ties by person_key."""

    def urgency(s: PersonSummary) -> tuple[int, float, str]:
        if s.stall.status is StallStatus.NO_PRACTICE:
            last = s.stall.last_practice_at
            return (0, float("-inf") if last is None else last.timestamp(), s.person_key)
        return (1, s.stall.window_gain or 0.0, s.person_key)

    return sorted((s for s in summaries if s.stall.stalled), key=urgency)


@dataclass(frozen=True, slots=True)
class TeamSummary:
    team: str | None
    people: int
    with_baseline: int
    with_gain: int
    median_baseline: float | None  # median of members' baselines
    median_latest: float | None  # median of members' latest levels
    median_gain: float | None  # median of members' gains (each person once)
    mean_gain: float | None
    improved: int  # members with gain > 0
    stalled: int


def team_summary(team: str | None, members: Sequence[PersonSummary]) -> TeamSummary:
    """Aggregate of one group (a team, or the whole branch)."""
    bases = [m.progress.baseline.value for m in members if m.progress.baseline.value is not None]
    lasts = [m.progress.latest.value for m in members if m.progress.latest.value is not None]
    gains = [m.progress.gain for m in members if m.progress.gain is not None]
    return TeamSummary(
        team=team,
        people=len(members),
        with_baseline=len(bases),
        with_gain=len(gains),
        median_baseline=statistics.median(bases) if bases else None,
        median_latest=statistics.median(lasts) if lasts else None,
        median_gain=statistics.median(gains) if gains else None,
        mean_gain=statistics.fmean(gains) if gains else None,
        improved=sum(1 for g in gains if g > 0),
        stalled=sum(1 for m in members if m.stall.stalled),
    )


def team_summaries(summaries: Iterable[PersonSummary]) -> list[TeamSummary]:
    """One ``TeamSummary`` per team, by team name (people without a team last)."""
    groups: dict[str | None, list[PersonSummary]] = {}
    for s in summaries:
        groups.setdefault(s.team, []).append(s)
    order = sorted(groups, key=lambda t: (t is None, t or ""))
    return [team_summary(t, groups[t]) for t in order]
