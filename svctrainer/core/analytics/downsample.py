"""Downsampling long series for display, keeping the extremes.

Charts use ``bucket_extremes``: the lowest and highest point of every few pixels of x,
so no spike disappears (issue 17: 2 000 attempts drawn as the pixels allow, every
extreme kept). LTTB (below) keeps the line's shape with fewer points but only the
overall extremes.

A teller with 2 000 attempts would draw 2 000 markers into a chart 800 pixels wide;
Largest-Triangle-Three-Buckets (Steinarsson 2013) picks the points that keep the line's
visual shape: the first and last points always, and from each of the ``n − 2`` equal-count
buckets in between, the point forming the largest triangle with the point chosen from
the previous bucket and the average of the next bucket.

LTTB alone can drop a personal best or a worst run (the global maximum or minimum) when
a neighbour makes a larger triangle. A supervisor looks for exactly those, so
``lttb_indices`` runs LTTB for ``max_points − 2`` points and then adds the indices of the
first global minimum and maximum if they are missing: the result has at most
``max_points`` points, always the first, last, minimum and maximum.

Indices are returned (ascending), so a chart can map every kept point back to its attempt
for hover and click.
"""

from __future__ import annotations

import itertools
import math
import operator
from collections.abc import Sequence

from svctrainer.core.analytics.series import SeriesPoint

MIN_POINTS = 4  # first, last, minimum and maximum


def lttb(xs: Sequence[float], ys: Sequence[float], threshold: int) -> list[int]:
    """Plain LTTB: ascending indices of ``threshold`` points (all indices when the series
    is not longer). ``threshold`` ≥ 3, ``xs`` non-decreasing."""
    n = len(xs)
    if threshold >= n:
        return list(range(n))
    if threshold < 3:
        raise ValueError("LTTB needs a threshold of at least 3")
    chosen = [0]
    every = (n - 2) / (threshold - 2)  # bucket size over the inner points 1 .. n-2
    a = 0
    for i in range(threshold - 2):
        start = int(i * every) + 1
        end = int((i + 1) * every) + 1
        # average of the next bucket (for the final bucket: the last point)
        next_end = min(int((i + 2) * every) + 1, n)
        count = next_end - end
        avg_x = sum(xs[end:next_end]) / count
        avg_y = sum(ys[end:next_end]) / count
        ax, ay = xs[a], ys[a]
        best, best_area = start, -1.0
        for j in range(start, end):
            area = abs((ax - avg_x) * (ys[j] - ay) - (ax - xs[j]) * (avg_y - ay))
            if area > best_area:
                best, best_area = j, area
        chosen.append(best)
        a = best
    chosen.append(n - 1)
    return chosen


def lttb_indices(xs: Sequence[float], ys: Sequence[float], max_points: int) -> list[int]:
    """Ascending indices of at most ``max_points`` points keeping first, last, minimum and
    maximum. ValueError for ``max_points`` < 4, unequal lengths, decreasing or non-finite
    values."""
    n = len(xs)
    _check(xs, ys, max_points)
    if n <= max_points:
        return list(range(n))
    base = lttb(xs, ys, max_points - 2) if max_points - 2 >= 3 else [0, n - 1]
    lowest = min(range(n), key=ys.__getitem__)
    highest = max(range(n), key=ys.__getitem__)
    return sorted({*base, lowest, highest})


def bucket_extremes(xs: Sequence[float], ys: Sequence[float], max_points: int) -> list[int]:
    """Ascending indices of at most ``max_points`` points: the first and the last, and in
    each of ``(max_points − 2) // 2`` equal spans of x (a few pixels of the chart each)
    the lowest and the highest point. Every spike survives, in every span, not only the
    series' overall best and worst as with ``lttb_indices``; a span with one or two
    points keeps them all, and a series not longer than ``max_points`` is kept whole.
    ValueError as for ``lttb_indices``."""
    n = len(xs)
    _check(xs, ys, max_points)
    if n <= max_points:
        return list(range(n))
    spans = (max_points - 2) // 2
    low, high = xs[0], xs[-1]
    width = (high - low) / spans if high > low else 1.0
    lowest: dict[int, int] = {}
    highest: dict[int, int] = {}
    for i in range(n):
        span = min(int((xs[i] - low) / width), spans - 1)
        if span not in lowest or ys[i] < ys[lowest[span]]:
            lowest[span] = i
        if span not in highest or ys[i] > ys[highest[span]]:
            highest[span] = i
    return sorted({0, n - 1, *lowest.values(), *highest.values()})


def _check(xs: Sequence[float], ys: Sequence[float], max_points: int) -> None:
    if len(xs) != len(ys):
        raise ValueError("downsampling needs as many x as y values")
    if max_points < MIN_POINTS:
        raise ValueError(f"downsampling keeps at least {MIN_POINTS} points")
    # ``map`` over C functions, no generator frame per value: a chart page checks some
    # 3 000 values a load.
    if not (all(map(math.isfinite, xs)) and all(map(math.isfinite, ys))):
        raise ValueError("downsampling needs finite values")
    if any(itertools.starmap(operator.gt, itertools.pairwise(xs))):
        raise ValueError("downsampling needs x values in non-decreasing order")


def downsample(points: Sequence[SeriesPoint], max_points: int) -> list[SeriesPoint]:
    """``points`` (oldest first) reduced by ``bucket_extremes`` with x = POSIX seconds."""
    xs = [p.at.timestamp() for p in points]
    ys = [p.value for p in points]
    return [points[i] for i in bucket_extremes(xs, ys, max_points)]
