"""The stall rule's x on SQLite, cut out of a packed recent row (``_WindowCut``): each
attempt's SQLite seconds less the window's start, ``float(horizon + s) - origin``, as
the engine's ``CAST(STRFTIME('%s', …) AS INTEGER) - :since`` gives it. The cut takes
one addition an attempt, ``(float(horizon) - origin) + s`` (issue 17); this test holds
it to the plain formula bit for bit, for windows and horizons of any size, near the
epoch too."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from svctrainer.core.analytics.series import Metric
from svctrainer.services.progress_queries import _WindowCut
from svctrainer.services.progress_records import DateRange
from svctrainer.store.recent_attempts import horizon_of, pack, sqlite_seconds

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


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
    got = _WindowCut(DateRange(since, None), on_sqlite=True).values(
        sqlite_seconds(horizon), packed, Metric.SPEED
    )
    inside = [t for t in times if t >= since]
    if not inside:
        assert got is None
        return
    assert got is not None
    xs, ys = got
    assert xs == _plain(inside, since)  # exactly: every bit
    assert ys == [1000.0] * len(inside)
