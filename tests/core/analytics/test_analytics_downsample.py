"""Downsampling: LTTB by hand, and the extremes always kept (hypothesis)."""

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from svctrainer.core.analytics.downsample import bucket_extremes, downsample, lttb, lttb_indices
from svctrainer.core.analytics.series import SeriesPoint


def test_lttb_by_hand():
    # n = 6, threshold 4: bucket size (6 - 2) / (4 - 2) = 2, buckets {1, 2} and {3, 4}.
    # Bucket 1: a = (0, 0), next-bucket average (3.5, 2.5);
    #   area(1) = |(0-3.5)(5-0) - (0-1)(2.5-0)| = 15; area(2) = |(-3.5)(1) - (-2)(2.5)| = 1.5
    # Bucket 2: a = (1, 5), next "bucket" is the last point (5, 0);
    #   area(3) = |(1-5)(1-5) - (1-3)(0-5)| = 6;     area(4) = |(1-5)(4-5) - (1-4)(0-5)| = 11
    assert lttb([0, 1, 2, 3, 4, 5], [0, 5, 1, 1, 4, 0], 4) == [0, 1, 4, 5]


def test_plain_lttb_can_drop_the_maximum_but_lttb_indices_keeps_it():
    # n = 8, threshold 4: bucket size 3, buckets {1, 2, 3} and {4, 5, 6}.
    # Bucket 1: a = (0, 8), next average (5, 6): areas |-5(y - 8) - 2x| = 7, 36, 4 -> index 2
    # so the best run (index 1, value 9) is dropped by plain LTTB.
    ys = [8, 9, 0, 6, 8, 2, 8, 8]
    xs = list(range(8))
    assert lttb(xs, ys, 4) == [0, 2, 4, 7]
    kept = lttb_indices(xs, ys, 6)  # LTTB of 4, plus the minimum (2) and maximum (1)
    assert kept == [0, 1, 2, 4, 7]


def test_short_series_are_returned_whole():
    assert lttb_indices([0, 1, 2], [3, 1, 2], 4) == [0, 1, 2]
    assert lttb([0, 1, 2], [3, 1, 2], 3) == [0, 1, 2]


def test_four_points_are_first_last_min_max():
    xs = list(range(10))
    ys = [5, 5, 9, 5, 5, 5, 1, 5, 5, 5]
    assert lttb_indices(xs, ys, 4) == [0, 2, 6, 9]


def test_bad_input_is_refused():
    with pytest.raises(ValueError, match="at least 4"):
        lttb_indices([0, 1], [0, 1], 3)
    with pytest.raises(ValueError, match="non-decreasing"):
        lttb_indices([0, 2, 1, 3, 4], [0, 1, 2, 3, 4], 4)
    with pytest.raises(ValueError, match="finite"):
        lttb_indices([0, 1, 2, 3, 4], [0, float("nan"), 2, 3, 4], 4)
    with pytest.raises(ValueError, match="as many"):
        lttb_indices([0, 1], [0], 4)
    with pytest.raises(ValueError, match="at least 3"):
        lttb([0, 1, 2, 3], [0, 1, 2, 3], 2)


finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)


@given(
    ys=st.lists(finite, min_size=1, max_size=300),
    gaps=st.lists(st.floats(min_value=0, max_value=100), min_size=300, max_size=300),
    max_points=st.integers(min_value=4, max_value=60),
)
def test_lttb_indices_keep_first_last_and_extremes(ys, gaps, max_points):
    xs = []
    x = 0.0
    for gap in gaps[: len(ys)]:
        x += gap
        xs.append(x)
    kept = lttb_indices(xs, ys, max_points)
    n = len(ys)
    assert kept == sorted(set(kept))
    assert len(kept) <= max_points
    assert kept[0] == 0
    assert kept[-1] == n - 1
    assert min(ys) in [ys[i] for i in kept]
    assert max(ys) in [ys[i] for i in kept]
    if n <= max_points:
        assert kept == list(range(n))


def test_downsample_series_points():
    t0 = datetime(2024, 1, 1, tzinfo=UTC)
    points = [SeriesPoint(t0 + timedelta(hours=i), float(i % 7)) for i in range(2000)]
    out = downsample(points, 200)
    assert len(out) <= 200
    assert out[0] == points[0]
    assert out[-1] == points[-1]
    assert {p.value for p in out} >= {0.0, 6.0}


def _spans(xs: list[float], max_points: int) -> list[list[int]]:
    """The indices in each span of x ``bucket_extremes`` keeps two of, by its rule."""
    spans = (max_points - 2) // 2
    width = (xs[-1] - xs[0]) / spans if xs[-1] > xs[0] else 1.0
    found: list[list[int]] = [[] for _ in range(spans)]
    for i, x in enumerate(xs):
        found[min(int((x - xs[0]) / width), spans - 1)].append(i)
    return found


@given(
    st.lists(
        st.tuples(st.floats(0, 1e6, allow_nan=False), st.floats(-1e4, 1e4, allow_nan=False)),
        min_size=1,
        max_size=300,
    ),
    st.integers(4, 120),
)
def test_bucket_extremes_keep_every_spans_lowest_and_highest(pairs, max_points):
    pairs.sort(key=lambda p: p[0])
    xs, ys = [p[0] for p in pairs], [p[1] for p in pairs]
    kept = bucket_extremes(xs, ys, max_points)
    assert kept == sorted(set(kept))
    assert len(kept) <= max_points
    if len(xs) <= max_points:
        assert kept == list(range(len(xs)))  # few points: every one drawn
        return
    assert {0, len(xs) - 1} <= set(kept)
    values = {ys[i] for i in kept}
    for span in _spans(xs, max_points):
        if span:  # the lowest and highest value of every span are drawn
            assert min(ys[i] for i in span) in values
            assert max(ys[i] for i in span) in values
    assert min(ys) in values
    assert max(ys) in values


def test_a_one_attempt_spike_among_2000_is_drawn():
    """The case a supervisor looks for: one very bad (or very good) run in a long,
    steady history. 2 000 attempts drawn as 400 points keep it."""
    xs = [float(i) for i in range(2000)]
    ys = [100.0 + (i % 7) for i in range(2000)]
    ys[1234] = 3.0
    ys[777] = 999.0
    kept = bucket_extremes(xs, ys, 400)
    assert len(kept) <= 400
    assert {1234, 777, 0, 1999} <= set(kept)


def test_bucket_extremes_refuse_bad_input():
    with pytest.raises(ValueError, match="at least 4"):
        bucket_extremes([0, 1], [0, 1], 3)
    with pytest.raises(ValueError, match="non-decreasing"):
        bucket_extremes([2, 1, 3, 4, 5], [0, 1, 2, 3, 4], 4)
