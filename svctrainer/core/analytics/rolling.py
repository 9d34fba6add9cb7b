"""Rolling median of a person's attempts: the chart line that shows the current level.

The window counts ATTEMPTS, not days: tellers practise irregularly (three runs on Monday,
nothing for a fortnight), so a 7-day window would hold 30 attempts one week and none the
next, while "the last 5 attempts" always means the same amount of evidence.

It is TRAILING: the value at an attempt is the median of that attempt and the
``window − 1`` usable attempts before it, so the line at a date never uses results from
after that date (what the trainee's level was then, not a smoothed hindsight). The
median, not the mean, so one lucky or one disturbed run does not bend the line.

The first ``min_periods − 1`` attempts get no value; with the default ``min_periods=1``
the line starts at the first attempt with the median of what there is so far.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence

from svctrainer.core.analytics.series import (
    ALL_MODES,
    AttemptPoint,
    Metric,
    SeriesPoint,
    usable,
    values,
)

DEFAULT_WINDOW = 5


def rolling_median(
    points: Iterable[AttemptPoint],
    metric: Metric = Metric.SPEED,
    *,
    window: int = DEFAULT_WINDOW,
    min_periods: int = 1,
    modes: Collection[str] = ALL_MODES,
) -> list[SeriesPoint]:
    """One point per usable attempt (valid, of ``modes``), at its ``started_at``.

    ValueError unless 1 ≤ min_periods ≤ window.
    """
    if window < 1 or not 1 <= min_periods <= window:
        raise ValueError("rolling_median needs 1 <= min_periods <= window")
    chosen = usable(points, metric, modes)
    return rolling_median_of(chosen, values(chosen, metric), window=window, min_periods=min_periods)


def rolling_median_of(
    chosen: Sequence[AttemptPoint],
    ys: Sequence[float],
    *,
    window: int = DEFAULT_WINDOW,
    min_periods: int = 1,
) -> list[SeriesPoint]:
    """``rolling_median`` of points already ``usable`` (oldest first) with their values
    ``ys``: for a caller that has them (``series.usable_values``) and draws several
    series from them."""
    if window < 1 or not 1 <= min_periods <= window:
        raise ValueError("rolling_median needs 1 <= min_periods <= window")
    out: list[SeriesPoint] = []
    for i, point in enumerate(chosen):
        lo = max(0, i + 1 - window)
        if i + 1 - lo >= min_periods:
            out.append(SeriesPoint(point.started_at, _median(ys[lo : i + 1])))
    return out


def _median(window: Sequence[float]) -> float:
    """``statistics.median`` of a few values, without its generality (a chart page
    takes a median per attempt)."""
    ordered = sorted(window)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2
