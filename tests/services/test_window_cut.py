"""The stall rule's x on SQLite, cut out of a packed recent row (``_WindowCut``): each
attempt's SQLite seconds less the window's start, ``float(horizon + s) - origin``, as
the engine's ``CAST(STRFTIME('%s', …) AS INTEGER) - :since`` gives it. The cut takes
one addition an attempt, ``(float(horizon) - origin) + s`` (issue 17); this test holds
it to the plain formula bit for bit, for windows and horizons of any size, near the
epoch too."""

from __future__ import annotations

import bisect
import random
from datetime import UTC, datetime, timedelta
from itertools import repeat
from typing import cast as cast_type

from hypothesis import given
from hypothesis import strategies as st

from svctrainer.core.analytics.series import Metric
from svctrainer.services.progress_queries import (
    _COLUMN,
    _FLAG,
    _stats_of,
    _WindowBatch,
    _WindowCut,
)
from svctrainer.services.progress_records import DateRange
from svctrainer.store.recent_attempts import (
    MICROS,
    PACKED_FLAGS,
    PACKED_WIDTH,
    SECONDS,
    horizon_of,
    pack,
    packed_floats,
    packed_ints,
    sqlite_seconds,
)

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_HAS = {f: bytes(1 if b & f else 0 for b in range(256)) for f in _FLAG.values()}


def _cut_one(
    cut: _WindowCut, horizon_s: int, packed: bytes, metric: Metric
) -> tuple[list[float], list[float]] | None:
    """The reference cut: one pair's (xs, ys) in the window, None with none there, the
    plain way (the product's code until the batch; the pair's horizon, in epoch seconds,
    must not be later than the window's start)."""
    start_us = horizon_s * 1_000_000
    n = len(packed) // PACKED_WIDTH
    # the microseconds (0 … n) and SQLite's seconds (n … 2n) in one view: a branch
    # summary cuts 4 000 windows, and each view costs more than the bisections
    times = packed_ints(packed, n, MICROS, columns=2)
    lo = bisect.bisect_left(times, cut.since_us - start_us, 0, n)
    until_us = cut.until_us
    hi = n if until_us is None else bisect.bisect_left(times, until_us - start_us, 0, n)
    if lo >= hi:
        return None
    if cut.on_sqlite:  # CAST(STRFTIME('%s', started_at) AS INTEGER) - :since
        after = n * (SECONDS - MICROS)  # where the seconds start in ``times``
        seconds = times[after + lo : after + hi].tolist()
        origin = cut.origin
        if 0 <= horizon_s <= origin < 2.0**52:
            # float(horizon) - origin is exact (an integer no larger than the double
            # it is taken from: a multiple of its last bit, no larger than it), so
            # (float(horizon) - origin) + s rounds the same real as float(horizon + s)
            # - origin, once: the same double, in one step an attempt (issue 17)
            xs = list(map((float(horizon_s) - origin).__add__, seconds))
        else:
            xs = list(map(float.__sub__, map(float, map(horizon_s.__add__, seconds)),
                          repeat(origin)))  # fmt: skip
    else:  # EXTRACT(epoch FROM started_at) (exact microseconds) - :since
        moments = map(start_us.__add__, times[lo:hi].tolist())
        xs = list(map(float.__sub__, map(int.__truediv__, moments, repeat(1_000_000)),
                      repeat(cut.origin)))  # fmt: skip
    # (typeshed types a memoryview's ``tolist`` as ints whatever its format)
    ys = cast_type(list[float], packed_floats(packed, n, _COLUMN[metric])[lo:hi].tolist())
    flag = _FLAG[metric]
    present = packed[PACKED_FLAGS * n + lo : PACKED_FLAGS * n + hi]
    if present.translate(_HAS[flag]).count(0):  # values absent: dropped
        kept = [k for k, f in enumerate(present) if f & flag]
        if not kept:
            return None
        xs, ys = [xs[k] for k in kept], [ys[k] for k in kept]
    return xs, ys


def _plain(times: list[datetime], since: datetime) -> list[float]:
    """x as the stall rule's SQL on SQLite computes it, attempt by attempt."""
    return [float(sqlite_seconds(t)) - since.timestamp() for t in sorted(times)]


@given(
    latest=st.one_of(
        st.floats(0, 200 * 86_400),  # the first months after the epoch: not exact there
        st.floats(1.5e9, 2.5e9),  # this century
    ),
    offsets=st.lists(st.floats(0, 8 * 7 * 86_400), min_size=1, max_size=12),
    start=st.floats(0, 8 * 7 * 86_400),
)
def test_the_cut_x_is_the_plain_formulas(latest, offsets, start):
    last = EPOCH + timedelta(seconds=latest) + timedelta(weeks=8)
    horizon = horizon_of(last)
    times = [horizon + timedelta(seconds=o) for o in offsets]
    since = horizon + timedelta(seconds=start)
    packed = pack(horizon, [(t, 1000.0, None, None) for t in times])
    cut = _WindowCut(DateRange(since, None), on_sqlite=True)
    got = _WindowBatch(cut, Metric.SPEED, [(0, sqlite_seconds(horizon), packed)], 1).values(0)
    inside = [t for t in times if t >= since]
    if not inside:
        assert got is None
        return
    assert got is not None
    xs, ys = got
    assert xs == _plain(inside, since)  # exactly: every bit
    assert ys == [1000.0] * len(inside)


def _bits(stats: object) -> str:
    """A figure set with every float to the last bit (``repr`` round-trips a float)."""
    return repr(stats)


_value = st.one_of(st.none(), st.floats(0, 50_000, allow_nan=False))


@given(
    latest=st.one_of(st.floats(0, 200 * 86_400), st.floats(1.5e9, 2.5e9)),
    pairs=st.lists(
        st.tuples(
            st.integers(0, 4),  # the group (a person on a family) the pair joins
            st.floats(0, 4 * 86_400),  # how much earlier than the latest its horizon is
            st.lists(st.tuples(st.floats(0, 8 * 7 * 86_400), _value, _value), max_size=15),
        ),
        max_size=8,
    ),
    start=st.floats(0, 8 * 7 * 86_400),
    length=st.one_of(st.none(), st.floats(1, 8 * 7 * 86_400)),
    engine_and_metric=st.tuples(st.booleans(), st.booleans()),
)
def test_the_batch_gives_each_groups_figures_as_the_pairs_cut_one_by_one(
    latest, pairs, start, length, engine_and_metric
):
    """``_WindowBatch`` (every pair's window cut at once, with numpy) against the
    reference: each pair cut by ``_cut_one``, a group's pairs joined in turn and
    summed by ``_stats_of``: the same figures to the last bit, on either engine's x, with
    values absent, empty windows and groups, and ranges ending or open."""
    on_sqlite, score = engine_and_metric
    metric = Metric.SCORE if score else Metric.SPEED
    last = EPOCH + timedelta(seconds=latest) + timedelta(weeks=8)
    since = horizon_of(last) + timedelta(seconds=start)
    until = None if length is None else since + timedelta(seconds=length)
    cut = _WindowCut(DateRange(since, until), on_sqlite=on_sqlite)
    segments = []
    for group, earlier, attempts in pairs:
        horizon = horizon_of(last - timedelta(seconds=earlier))
        rows = [(horizon + timedelta(seconds=o), v, None, w) for o, v, w in attempts]
        # the engine's horizon in epoch seconds (whole: ``horizon_of``)
        segments.append((group, int((horizon - EPOCH).total_seconds()), pack(horizon, rows)))
    # a window may start before a pair's horizon only where its attempts are read
    # instead (``packed_window_stats``): the batch is given the others
    segments = [s for s in segments if s[1] * 1_000_000 <= cut.since_us]
    batch = _WindowBatch(cut, metric, segments, 5)
    for group in range(5):
        xs: list[float] = []
        ys: list[float] = []
        for _g, horizon_s, packed in (s for s in segments if s[0] == group):
            both = _cut_one(cut, horizon_s, packed, metric)
            if both is not None:
                xs, ys = xs + both[0], ys + both[1]
        if not xs:
            assert batch.stats(group) is None
            assert batch.values(group) is None
            continue
        assert batch.values(group) == (xs, ys)
        assert _bits(batch.stats(group)) == _bits(_stats_of(xs, ys))


def test_a_median_among_zeros_of_both_signs_is_sorteds_own():
    """0.0 and -0.0 are equal to a sort but are not the same float: the batch sorts
    the values with numpy's quick sort (ties in any order), so a group whose median
    falls among zeros takes ``sorted``'s, which keeps ties in their order, as the
    reference does. Hundreds of zeros of both signs, shuffled, with some speeds around
    them: every group's median (and sums) to the last bit, the sign of zero too."""
    chance = random.Random(17)
    last = datetime(2026, 11, 30, tzinfo=UTC)
    horizon = horizon_of(last)
    cut = _WindowCut(DateRange(horizon, None), on_sqlite=True)
    segments = []
    expected = []
    for group in range(40):
        n = chance.randrange(41, 401)
        values = [chance.choice((0.0, -0.0)) for _ in range(n)]
        values[: chance.randrange(0, n // 3)] = [chance.uniform(1, 90) for _ in range(n // 3)]
        chance.shuffle(values)
        times = [horizon + timedelta(seconds=k * 60) for k in range(len(values))]
        rows = [(t, v, None, None) for t, v in zip(times, values, strict=True)]
        segments.append((group, int((horizon - EPOCH).total_seconds()), pack(horizon, rows)))
        expected.append(_cut_one(cut, segments[-1][1], segments[-1][2], Metric.SPEED))
    batch = _WindowBatch(cut, Metric.SPEED, segments, 40)
    for group, both in enumerate(expected):
        assert both is not None
        assert _bits(batch.stats(group)) == _bits(_stats_of(*both))
