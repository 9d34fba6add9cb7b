"""Trend: ordinary least-squares line through a person's attempts, slope per week.

With x = weeks since the first attempt used (7 × 24 h, exact seconds) and y the metric:

    slope     = Σ (x − x̄)(y − ȳ) / Σ (x − x̄)²        (metric units per week)
    intercept = ȳ − slope · x̄                          (fitted value at the first attempt)

Time, not attempt number, is on the x axis: a supervisor asks "how much faster per week of
training", and the chart's x axis is a date axis, so the fitted line is drawn from two
points (first and last attempt) on that axis. Fewer than 2 usable points, or all of them
at the same instant, have no trend (None).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from svctrainer.core.analytics.series import (
    ALL_MODES,
    SECONDS_PER_WEEK,
    AttemptPoint,
    Metric,
    SeriesPoint,
    usable,
    values,
    weeks_between,
)


@dataclass(frozen=True, slots=True)
class Trend:
    slope_per_week: float  # metric units per week (KPH/week, accuracy fraction/week, ...)
    intercept: float  # fitted value at ``origin``
    origin: datetime  # started_at of the first attempt used (x = 0)
    span_weeks: float  # from the first to the last attempt used
    count: int  # attempts used
    line: tuple[SeriesPoint, SeriesPoint]  # fitted values at the first and last attempt

    def value_at(self, moment: datetime) -> float:
        """The fitted line's value at ``moment``."""
        return self.intercept + self.slope_per_week * weeks_between(self.origin, moment)

    @property
    def change_over_span(self) -> float:
        """Fitted change from the first to the last attempt used (slope × span)."""
        return self.slope_per_week * self.span_weeks


def least_squares(xs: Sequence[float], ys: Sequence[float]) -> tuple[float, float] | None:
    """(slope, intercept) of the OLS line y = intercept + slope·x; None with fewer than 2
    points or no spread in x. Centred sums keep large x (epoch seconds) accurate."""
    n = len(xs)
    if n != len(ys):
        raise ValueError("least_squares needs as many x as y values")
    if n < 2:
        return None
    mean_x = sum(xs) / n
    mean_y = sum(ys) / n
    sxx = sum((x - mean_x) ** 2 for x in xs)
    if sxx == 0:
        return None
    sxy = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
    slope = sxy / sxx
    return slope, mean_y - slope * mean_x


def fit_trend(
    points: Iterable[AttemptPoint],
    metric: Metric = Metric.SPEED,
    *,
    modes: Collection[str] = ALL_MODES,
    since: datetime | None = None,
) -> Trend | None:
    """Trend over valid attempts of ``modes`` (started at or after ``since`` if given)."""
    chosen = [p for p in usable(points, metric, modes) if since is None or p.started_at >= since]
    return trend_of(chosen, values(chosen, metric))


def trend_of(chosen: Sequence[AttemptPoint], ys: Sequence[float]) -> Trend | None:
    """``fit_trend`` of points already ``usable`` (oldest first) with their values
    ``ys``: for a caller that has them (``series.usable_values``)."""
    if len(chosen) < 2:
        return None
    origin = chosen[0].started_at
    xs = [weeks_between(origin, p.started_at) for p in chosen]
    fit = least_squares(xs, ys)
    if fit is None:
        return None
    slope, intercept = fit
    end = chosen[-1].started_at
    span = xs[-1]
    line = (
        SeriesPoint(origin, intercept),
        SeriesPoint(end, intercept + slope * span),
    )
    return Trend(slope, intercept, origin, span, len(chosen), line)


def weeks(count: float) -> timedelta:
    """A span of ``count`` weeks as a timedelta (helper for ``since`` arguments)."""
    return timedelta(seconds=count * SECONDS_PER_WEEK)
