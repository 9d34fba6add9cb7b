"""Keeping ``progress_recent`` equal to the attempts it packs: the stall rule's recent window.

The supervisor's branch summary and each skill's dashboard judge every person's last
four weeks (``core.analytics.dashboard.stall_check``): least-squares sums and a median
over tens of thousands of attempts in a branch of 500. Read from the attempt table that
is one row and a few Python steps per attempt (issue 17: about 190 of a 600 ms page).
This table keeps, per (person, content item), the counted attempts since a horizon
packed into one value (``pack``): the read decodes a few thousand rows with
``array`` instead of building a tuple per attempt.

Like ``progress_summary`` (and in the same step, ``progress_summary._recompute``), a
pair's row is a pure function of the pair's attempts, recomputed from them in every
transaction that writes them: the horizon is ``RECENT_SPAN`` before the pair's latest
counted attempt, rounded down to a whole second, and the row holds every counted attempt
from the horizon on. A window starting at or after the horizon (the stall rule's at any
``now`` after that latest attempt, or a range ending up to four weeks before it) is
answered from the row alone; an earlier one reads the pair's attempts
(``services.progress_queries.window_stats_of_families``).

The packed times are offsets from ``horizon`` (a ``UTCDateTime`` column): moving every
date of a file by whole days (``store.date_shift``) or copying it with moved dates
(``store.bulk_copy``) moves the horizon and so every packed time with it. Packed per
attempt: the microseconds since the horizon (which attempts fall in a window), the
whole seconds since it as SQLite's ``strftime('%s')`` counts them (the stall rule's x on
SQLite, ``sqlite_seconds``), and speed, accuracy and score with a flag for each present.

Beside the window, the row keeps the rest of what the branch summary reads of the pair
(``tests_packed``, ``pack_tests``): how many counted tests with a headline value it
has and its latest counted attempt (``progress_summary``'s ``tests`` and
``last_counted_at``) and its kept tests (``progress_test_edge``: the first and last
three, with their ids, so the tests of several items merge in (started_at, id) order),
so a branch's lines and windows are one read of one row a pair (issue 17).
"""

from __future__ import annotations

import struct
import sys
import uuid
from array import array
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import Any, Literal

from sqlalchemy import (
    BindParameter,
    Connection,
    Executable,
    and_,
    bindparam,
    delete,
    insert,
    select,
    true,
)
from sqlalchemy.orm import Session

from svctrainer.core.analytics.series import ALL_MODES
from svctrainer.store.models import Attempt, ProgressRecent, ProgressSummary, ProgressTestEdge

RECENT_SPAN = timedelta(weeks=8)  # twice the stall rule's window: past ranges too
SPEED, ACCURACY, SCORE = 1, 2, 4  # ``Recent.present`` flags
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_NAN = float("nan")
_SWAP = sys.byteorder != "little"  # packed little-endian, whatever the machine


def horizon_of(last_counted_at: datetime) -> datetime:
    """Where a pair's packed attempts start: ``RECENT_SPAN`` before its latest counted
    attempt, in whole seconds (so its SQLite seconds are its timestamp's)."""
    return (last_counted_at.astimezone(UTC) - RECENT_SPAN).replace(microsecond=0)


def micros(moment: datetime) -> int:
    """Microseconds since the Unix epoch, exactly (no float on the way)."""
    delta = moment - _EPOCH
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def sqlite_seconds(moment: datetime) -> int:
    """``CAST(STRFTIME('%s', started_at) AS INTEGER)`` on SQLite, which the stall rule's
    x is there (``progress_queries``): SQLite rounds the stored time to milliseconds,
    in its own double arithmetic (reproduced here step for step), and then truncates to
    seconds. tests/store/test_recent_attempts.py checks it against SQLite itself."""
    moment = moment.astimezone(UTC)
    days = (moment.date() - _EPOCH.date()).days
    milli = int((moment.second + moment.microsecond / 1000000.0) * 1000 + 0.5)
    return days * 86_400 + (moment.hour * 3_600_000 + moment.minute * 60_000 + milli) // 1000


Row = tuple[datetime, float | None, float | None, float | None]  # started_at, speed, acc, score


# The packed layout: n attempts oldest first, column after column, little-endian:
MICROS, SECONDS = 0, 1  # int64: microseconds / SQLite's whole seconds since the horizon
SPEED_VALUES, ACCURACY_VALUES, SCORE_VALUES = 2, 3, 4  # float64, NaN where absent
PACKED_FLAGS = 40  # then n flag bytes (SPEED | ACCURACY | SCORE: which values are there)
PACKED_WIDTH = 41  # bytes an attempt


def pack(horizon: datetime, rows: Iterable[Row]) -> bytes:
    """The attempts (started at or after ``horizon``, a whole second) as one value."""
    ordered = sorted(rows, key=lambda r: r[0])
    base_us, base_s = micros(horizon), sqlite_seconds(horizon)
    columns: tuple[array[Any], ...] = (
        array("q", [micros(r[0]) - base_us for r in ordered]),
        array("q", [sqlite_seconds(r[0]) - base_s for r in ordered]),
        *(array("d", [_NAN if r[k] is None else float(r[k]) for r in ordered])  # type: ignore[arg-type]
          for k in (1, 2, 3)),
    )  # fmt: skip
    flags = bytes(
        (SPEED if r[1] is not None else 0)
        | (ACCURACY if r[2] is not None else 0)
        | (SCORE if r[3] is not None else 0)
        for r in ordered
    )
    out = bytearray()
    for column in columns:
        if _SWAP:
            column.byteswap()
        out += column.tobytes()
    return bytes(out + flags)


def packed_ints(
    packed: bytes, n: int, column: int, columns: int = 1
) -> memoryview[int] | array[int]:
    """An int64 column (``MICROS``, ``SECONDS``) of ``n`` packed attempts: a memoryview
    (no copy) on a little-endian machine, an array elsewhere; both index, slice and
    ``tolist`` alike. ``columns`` > 1: that many columns from ``column`` on, one after
    the other in one sequence (column ``column + k`` from index ``k * n``)."""
    return _packed_column(packed, n, column, "q", columns)


def packed_floats(packed: bytes, n: int, column: int) -> memoryview[float] | array[float]:
    """A float64 column (``SPEED_VALUES`` …) of ``n`` packed attempts, as ``packed_ints``."""
    return _packed_column(packed, n, column, "d")


def _packed_column(
    packed: bytes, n: int, column: int, code: Literal["q", "d"], columns: int = 1
) -> memoryview[Any] | array[Any]:
    """Column ``column`` of ``n`` 8-byte values of type ``code`` ("q" or "d"), and the
    ``columns - 1`` after it."""
    part = memoryview(packed)[8 * n * column : 8 * n * (column + columns)]
    if not _SWAP:
        return part.cast(code)
    values = array(code)
    values.frombytes(part)
    values.byteswap()
    return values


# The kept tests' layout (``pack_tests``), little-endian: a head, then one record a test,
# oldest first by (started_at, attempt id).
TESTS_HEAD = struct.Struct("<qq")  # counted tests with a value; latest counted attempt (µs)
TESTS_ROW = struct.Struct("<q16sddB")  # µs, attempt id, speed, score (NaN: absent), flags

Test = tuple[uuid.UUID, datetime, float | None, float | None]  # id, started_at, speed, score


def pack_tests(horizon: datetime, tests: int, last_counted_at: datetime,
               kept: Iterable[Test]) -> bytes:  # fmt: skip
    """A pair's test count, latest counted attempt and kept tests (the first and last
    three) as one value, times as microseconds after ``horizon`` (negative before it)."""
    base = micros(horizon)
    ordered = sorted(kept, key=lambda t: (t[1], t[0].bytes))
    out = bytearray(TESTS_HEAD.pack(tests, micros(last_counted_at) - base))
    for attempt_id, started_at, speed, score in ordered:
        out += TESTS_ROW.pack(
            micros(started_at) - base,
            attempt_id.bytes,
            _NAN if speed is None else float(speed),
            _NAN if score is None else float(score),
            (SPEED if speed is not None else 0) | (SCORE if score is not None else 0),
        )
    return bytes(out)


def unpack_tests(
    packed: bytes,
) -> tuple[int, int, list[tuple[int, bytes, float, float, int]]]:
    """``pack_tests`` read back: (tests, latest counted attempt in µs after the horizon,
    [(µs after the horizon, attempt id bytes, speed, score, flags), …] oldest first)."""
    tests, last = TESTS_HEAD.unpack_from(packed)
    return tests, last, list(TESTS_ROW.iter_unpack(memoryview(packed)[TESTS_HEAD.size :]))


# -- keeping it current ----------------------------------------------------------------------


class _Statements:
    """The statements of ``recompute``, built once per process.

    Why: a pair's row is recomputed in every transaction that writes attempts (every
    drill a teller finishes), and building its statements afresh each time (the ORM's
    expression coercions and each statement's cache key, once more for every pair's
    attempts) cost more CPU than running them (issue 17; ``progress_summary`` builds its
    own once for the same reason). The person, items, pair and horizon are bound
    parameters (the items an expanding one): the same SQL, so the same rows."""

    def __init__(self) -> None:
        r, s, a, e = ProgressRecent, ProgressSummary, Attempt, ProgressTestEdge
        person: BindParameter[uuid.UUID] = bindparam("person_id")
        items: BindParameter[list[uuid.UUID]] = bindparam("item_ids", expanding=True)
        self.pair = self._reads(
            and_(r.person_id == person, r.content_item_id.in_(items)),
            and_(s.person_id == person, s.content_item_id.in_(items)),
            and_(e.person_id == person, e.content_item_id.in_(items)),
        )
        self.everything = self._reads(true(), true(), true())
        self.attempts = select(a.started_at, a.speed, a.accuracy, a.score).where(
            a.person_id == bindparam("pid"),
            a.content_item_id == bindparam("iid"),
            a.started_at >= bindparam("horizon"),
            a.mode.in_(sorted(ALL_MODES)),  # as the stall rule's own query reads
            a.valid.is_(True),
            a.completion == "complete",
            a.invalidated_reason.is_(None),
        )
        self.insert = insert(r)

    @staticmethod
    def _reads(mine: Any, theirs: Any, edges: Any) -> tuple[Executable, Executable, Executable]:
        """(delete the rows, read the pairs' latest counted attempts, read their kept
        tests) for the pairs these clauses choose."""
        r, s, e = ProgressRecent, ProgressSummary, ProgressTestEdge
        return (
            delete(r).where(mine),
            select(s.person_id, s.content_item_id, s.last_counted_at, s.tests).where(
                theirs, s.last_counted_at.is_not(None)
            ),
            select(
                e.person_id, e.content_item_id, e.attempt_id, e.started_at, e.speed, e.score
            ).where(edges),
        )


@cache
def _statements() -> _Statements:
    """Built on the first write, not at import: the login window imports the store."""
    return _Statements()


def recompute(target: Session | Connection, person_id: uuid.UUID | None,
              items: Sequence[uuid.UUID] = ()) -> None:  # fmt: skip
    """Recompute the rows of ``person_id``'s pairs on ``items`` (None: every pair) from
    their attempts, after ``progress_summary`` and ``progress_test_edge`` were recomputed
    for them in this transaction (the latest counted attempt gives the horizon; the
    summary's test count and the kept tests are packed beside the window)."""
    conn = target.connection() if isinstance(target, Session) else target
    statements = _statements()
    if person_id is None:
        params: dict[str, Any] | None = None
        remove, latest_of, kept_of = statements.everything
    else:
        params = {"person_id": person_id, "item_ids": list(items)}
        remove, latest_of, kept_of = statements.pair
    conn.execute(remove, params)
    latest = conn.execute(latest_of, params).all()
    kept: dict[tuple[uuid.UUID, uuid.UUID], list[Test]] = {}
    for pid, iid, attempt_id, started_at, speed, score in conn.execute(kept_of, params):
        kept.setdefault((pid, iid), []).append((attempt_id, started_at, speed, score))
    rows = []
    for pid, iid, last, tests in latest:
        if last is None:  # (not selected)
            continue
        horizon = horizon_of(last)
        attempts = conn.execute(
            statements.attempts, {"pid": pid, "iid": iid, "horizon": horizon}
        ).all()
        rows.append({"person_id": pid, "content_item_id": iid, "horizon": horizon,
                     "attempts": len(attempts), "packed": pack(horizon, attempts),
                     "tests_packed": pack_tests(horizon, tests, last,
                                                kept.get((pid, iid), ()))})  # fmt: skip
    if rows:
        conn.execute(statements.insert, rows)
