"""The SQL behind the progress charts and the supervisor dashboard.

Everything here is portable SQLAlchemy (SQLite ≥ 3.35 and PostgreSQL ≥ 12: window
functions and ``WITH … AS MATERIALIZED``) and reads through the covering index
``ix_attempt_content_mode_person`` (content item, mode, person, started_at, …), so
the dashboard never visits an attempt row: over a million attempts it touches the few
thousand index entries it needs (``bench/bench_dashboard.py`` measures it).

"Counted" is the one filter every figure applies: ``valid``, complete, and not
invalidated by a supervisor (``AttemptRecord.counts``). Such attempts map to
``AttemptPoint.valid`` True; the pure functions in ``core.analytics`` are the reference
each aggregate is tested against on the same data.

- ``first_last_tests``: per person, their first 3 and last 3 counted tests with a value
  (plus possibly a few more, never fewer) and how many there are. Two correlated
  ``LIMIT 1 OFFSET 2`` seeks per (person, content item) find where the first three end
  and the last three begin; one more scan picks the tests outside that middle. Window
  functions over all tests cost five times as much in SQLite.
- ``window_stats``: per person, least-squares sums and the median over the recent
  window (the stall rule), in one pass with ``ROW_NUMBER``/``COUNT`` windows for the
  median.
- ``last_counted``: per person, their latest counted attempt (one index seek each).

Over the whole history (no date range) and in the headline metric (speed, or score for
a scenario), the first and last tests, the test counts and the latest counted attempt
are read from the progress summary instead (``store.progress_summary``: per person and
content item, kept current by every write): ``summary_tests`` and ``summary_last``
return exactly what ``first_last_tests`` and ``last_counted`` would, from a few rows per
person instead of index scans over their history (``summary_gain_inputs``: the same,
reduced in SQL to the values of a baseline and gain, one row a person, for the region
dashboard's thousands). Only the stall rule's recent window (``window_stats``) still
reads attempts: the last four weeks, whatever the history.
"""

from __future__ import annotations

import functools
import math
import statistics
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Float,
    Select,
    String,
    and_,
    case,
    cast,
    extract,
    func,
    or_,
    select,
    true,
    type_coerce,
)
from sqlalchemy.orm import Session, aliased

from svctrainer.core.analytics.series import ALL_MODES, AttemptMode, AttemptPoint, Metric
from svctrainer.core.drills.completion import Completion
from svctrainer.services.progress_records import DateRange, PersonRef
from svctrainer.store.models import (
    Attempt,
    ContentItem,
    Person,
    ProgressSummary,
    ProgressTestEdge,
    Team,
)

BOUNDARY_OFFSET = 2  # the 3rd test from either end (0-based offset)
TEST = AttemptMode.TEST.value
COMPLETE = Completion.COMPLETE.value


EVERYTHING = DateRange()


def counted(a: Any) -> tuple[ColumnElement[bool], ...]:
    return (a.valid.is_(True), a.completion == COMPLETE, a.invalidated_reason.is_(None))


def metric_column(a: Any, metric: Metric) -> Any:
    return {Metric.SPEED: a.speed, Metric.ACCURACY: a.accuracy, Metric.SCORE: a.score}[metric]


def in_range(a: Any, window: DateRange) -> list[ColumnElement[bool]]:
    clauses: list[ColumnElement[bool]] = []
    if window.since is not None:
        clauses.append(a.started_at >= window.since)
    if window.until is not None:
        clauses.append(a.started_at < window.until)
    return clauses


def _pairs(people: Select[Any], item_ids: Sequence[uuid.UUID]) -> Any:
    """(person, content item) for every person in ``people`` and item of the family."""
    return (
        select(Person.id.label("pid"), ContentItem.id.label("iid"))
        .select_from(Person)
        .join(ContentItem, true())
        .where(Person.id.in_(people), ContentItem.id.in_(list(item_ids)))
        .subquery("pairs")
    )


@dataclass(frozen=True, slots=True)
class FoundTests:
    count: int  # every counted test with a value, in range
    points: tuple[AttemptPoint, ...]  # first 3 and last 3 (at least), oldest first


def first_last_tests(
    session: Session,
    people: Select[Any],
    item_ids: Sequence[uuid.UUID],
    metric: Metric,
    window: DateRange = EVERYTHING,
) -> dict[uuid.UUID, FoundTests]:
    """Per person: enough of their counted tests for ``progress.baseline_gain`` to give the
    exact baseline and latest level (see the module docstring), and the test count."""
    if not item_ids:
        return {}
    pairs = _pairs(people, item_ids)

    def boundary(newest_first: bool) -> Any:
        b = aliased(Attempt)
        order = (b.started_at.desc(), b.id.desc()) if newest_first else (b.started_at, b.id)
        return (
            select(b.started_at)
            .where(
                b.content_item_id == pairs.c.iid,
                b.mode == TEST,
                b.person_id == pairs.c.pid,
                *_test_filter(b, metric, window),
            )
            .order_by(*order)
            .limit(1)
            .offset(BOUNDARY_OFFSET)
            .scalar_subquery()
        )

    bounds = (
        select(
            pairs.c.pid,
            pairs.c.iid,
            boundary(False).label("first_end"),
            boundary(True).label("last_start"),
        )
        .cte("test_bounds")
        .prefix_with("MATERIALIZED")  # else the seeks would run once per attempt row
    )
    a = aliased(Attempt)
    rows = session.execute(
        select(a.person_id, a.id, a.started_at, a.speed, a.accuracy, a.score)
        .join(bounds, and_(a.content_item_id == bounds.c.iid, a.person_id == bounds.c.pid))
        .where(
            a.mode == TEST,
            *_test_filter(a, metric, window),
            or_(
                bounds.c.first_end.is_(None),
                a.started_at <= bounds.c.first_end,
                a.started_at >= bounds.c.last_start,
            ),
        )
    )
    points: dict[uuid.UUID, list[AttemptPoint]] = {}
    for pid, attempt_id, started_at, speed, accuracy, score in rows:
        points.setdefault(pid, []).append(
            AttemptPoint(started_at, TEST, speed, accuracy, score, True, str(attempt_id))
        )
    c = aliased(Attempt)
    counts = dict(
        session.execute(
            select(c.person_id, func.count())
            .where(
                c.content_item_id.in_(list(item_ids)),
                c.mode == TEST,
                c.person_id.in_(people),
                *_test_filter(c, metric, window),
            )
            .group_by(c.person_id)
        ).all()
    )
    return {
        pid: FoundTests(
            int(n), tuple(sorted(points.get(pid, []), key=lambda p: (p.started_at, p.attempt_id)))
        )
        for pid, n in counts.items()
    }


def summarised(window: DateRange, metric: Metric, is_scenario: bool) -> bool:
    """Whether the progress summary answers for this range and metric: the whole history
    in the metric the summary keeps (``store.progress_summary.headline_value``)."""
    headline = Metric.SCORE if is_scenario else Metric.SPEED
    return window == EVERYTHING and metric is headline


def summary_tests(
    session: Session, people: Select[Any], item_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, FoundTests]:
    """``first_last_tests`` over the whole history in the headline metric, from the
    summary: each item's first and last three tests, of which the family's first three
    and last three (after the first three) are kept, and the test counts summed.

    One statement, run on the connection (Core rows, not the ORM's), ordered by person
    and then (started_at, id) as ``first_last_tests`` orders them: SQLite's timestamp
    text and 32-digit ids and PostgreSQL's timestamps and uuids sort in that order, so
    each person's rows arrive contiguous and sorted. The driver's values are decoded here,
    each person's id once: a branch's worth of UUID and timestamp type processing would
    cost more than the query (issue 17: the branch summary calls this once per skill)."""
    if not item_ids:
        return {}
    rows = _summary_edge_rows(session, people, item_ids).all()
    found: dict[uuid.UUID, FoundTests] = {}
    keep = BOUNDARY_OFFSET + 1
    raw_pid: Any = None
    points: list[AttemptPoint] = []
    count = 0
    for pid_raw, n, raw_id, raw_at, speed, accuracy, score in rows:
        if pid_raw != raw_pid:
            if raw_pid is not None:
                found[uuid_of(raw_pid)] = _found(count, points, keep)
            raw_pid, points, count = pid_raw, [], int(n)
        points.append(
            AttemptPoint(_utc(raw_at), TEST, speed, accuracy, score, True, _uuid_text(raw_id))
        )
    if raw_pid is not None:
        found[uuid_of(raw_pid)] = _found(count, points, keep)
    return found


def _found(count: int, points: list[AttemptPoint], keep: int) -> FoundTests:
    """The first ``keep`` points and the last ``keep`` of the rest (points oldest first)."""
    if len(points) <= 2 * keep:
        return FoundTests(count, tuple(points))
    return FoundTests(count, (*points[:keep], *points[-keep:]))


def _summary_edge_rows(session: Session, people: Select[Any], item_ids: Sequence[uuid.UUID]) -> Any:
    """(person, tests on the family, attempt id, started_at, speed, accuracy, score) of
    every kept test of ``people`` on the family's items, raw as the driver returns them,
    by person and then (started_at, id)."""
    items = list(item_ids)
    s, e = ProgressSummary, ProgressTestEdge
    counts = (
        select(s.person_id.label("pid"), func.sum(s.tests).label("n"))
        .where(s.content_item_id.in_(items), s.person_id.in_(people), s.tests > 0)
        .group_by(s.person_id)
        .subquery("counts")
    )
    query = (
        select(
            type_coerce(e.person_id, String),
            counts.c.n,
            type_coerce(e.attempt_id, String),
            type_coerce(e.started_at, String),
            e.speed,
            e.accuracy,
            e.score,
        )
        .join(counts, counts.c.pid == e.person_id)
        .where(e.content_item_id.in_(items))
        .order_by(e.person_id, e.started_at, e.attempt_id)
    )
    return session.connection().execute(query)


def uuid_of(raw: Any) -> uuid.UUID:
    """A stored id as the driver returns it (a UUID, or SQLite's 32 hex digits)."""
    return raw if isinstance(raw, uuid.UUID) else _uuid_of_hex(raw)


@functools.lru_cache(maxsize=1 << 16)
def _uuid_of_hex(raw: str) -> uuid.UUID:
    """Memoised: the branch summary reads the same few hundred people once per skill,
    and building a UUID from text costs more than the rest of the row."""
    return uuid.UUID(raw)


def _uuid_text(raw: Any) -> str:
    """``str(uuid)`` of a stored id as the driver returns it (a UUID, or 32 hex digits)."""
    if isinstance(raw, str) and len(raw) == 32:  # SQLite keeps a UUID as CHAR(32)
        return f"{raw[:8]}-{raw[8:12]}-{raw[12:16]}-{raw[16:20]}-{raw[20:]}"
    return str(raw)


def _utc(raw: Any) -> datetime:
    """A stored ``UTCDateTime`` as the driver returns it (an aware datetime, or SQLite's
    'YYYY-MM-DD HH:MM:SS.ffffff' text in UTC) as ``UTCDateTime`` reads it: aware, UTC."""
    if isinstance(raw, str):  # with the offset spelled out: five times as quick as .replace
        return datetime.fromisoformat(raw + "+00:00")
    moment: datetime = raw
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def summary_last(
    session: Session, people: Select[Any], item_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, datetime]:
    """``last_counted`` over the whole history, from the summary (Core rows, decoded
    here as in ``summary_tests``)."""
    if not item_ids:
        return {}
    s = ProgressSummary
    rows = session.connection().execute(
        select(type_coerce(s.person_id, String), type_coerce(func.max(s.last_counted_at), String))
        .where(
            s.content_item_id.in_(list(item_ids)),
            s.person_id.in_(people),
            s.last_counted_at.is_not(None),
        )
        .group_by(s.person_id)
    )
    return {uuid_of(pid): _utc(at) for pid, at in rows.all()}


@dataclass(frozen=True, slots=True)
class GainInputs:
    """A person's tests on a family, as far as a baseline and gain need them: values only."""

    count: int  # every counted test with a value
    first: tuple[float, ...]  # the first 3 tests' values (fewer: all there are), oldest first
    after: tuple[float, ...]  # the last 3 tests after those (up to 3), oldest first


def summary_gain_inputs(
    session: Session,
    people: Select[Any],
    item_ids: Sequence[uuid.UUID],
    metric: Metric,
    *,
    by: Any = Person.id,
) -> list[tuple[uuid.UUID, GainInputs]]:
    """``summary_tests`` reduced to the values ``progress.gain_of_values`` needs, one row
    per person with tests, each under ``by`` (a ``Person`` column: the person's id, or
    e.g. their branch). A region's five thousand people would otherwise each bring six
    rows of ids and timestamps to Python only to be ranked and dropped, and their ids be
    decoded only to be looked up. The ranking is ``summary_tests``'s, in SQL: per person
    over the family's items by (started_at, id), the first three and, of the rest, the
    last three. ``metric`` is the headline one (``summarised``): the kept tests are
    those with a headline value."""
    if not item_ids:
        return []
    items = list(item_ids)
    s, e = ProgressSummary, ProgressTestEdge
    ranked = (
        select(
            e.person_id.label("pid"),
            metric_column(e, metric).label("v"),
            func.row_number()
            .over(partition_by=e.person_id, order_by=(e.started_at, e.attempt_id))
            .label("up"),
            func.count().over(partition_by=e.person_id).label("n"),
        )
        .where(e.content_item_id.in_(items), e.person_id.in_(people))
        .subquery("ranked")
    )
    r, keep = ranked.c, BOUNDARY_OFFSET + 1
    down = r.n - r.up + 1  # rank from the newest: one sort, not two

    def value_where(condition: ColumnElement[bool]) -> Any:
        return func.max(case((condition, r.v), else_=None))

    kept = (
        select(
            r.pid,
            *(value_where(r.up == n) for n in range(1, keep + 1)),
            *(value_where(and_(r.up > keep, down == n)) for n in range(keep, 0, -1)),
        )
        .group_by(r.pid)
        .subquery("kept")
    )
    counts = (
        select(s.person_id.label("pid"), func.sum(s.tests).label("n"))
        .where(s.content_item_id.in_(items), s.person_id.in_(people), s.tests > 0)
        .group_by(s.person_id)
        .subquery("counts")
    )
    rows = session.connection().execute(
        select(type_coerce(by, String), counts.c.n, *list(kept.c)[1:])
        .select_from(counts)
        .join(kept, kept.c.pid == counts.c.pid)
        .join(Person, Person.id == counts.c.pid)
    )
    return [
        (
            uuid_of(key),
            GainInputs(
                int(n),
                tuple(v for v in values[:keep] if v is not None),
                tuple(v for v in values[keep:] if v is not None),
            ),
        )
        for key, n, *values in rows.all()
    ]


def _test_filter(a: Any, metric: Metric, window: DateRange) -> list[ColumnElement[bool]]:
    return [*counted(a), metric_column(a, metric).is_not(None), *in_range(a, window)]


@dataclass(frozen=True, slots=True)
class WindowStats:
    """Counted attempts (every mode) with a value since the window's start.

    x is seconds since ``origin`` (whole seconds on SQLite), y the metric's value.
    """

    count: int
    sum_x: float
    sum_y: float
    sum_xx: float
    sum_xy: float
    min_x: float
    max_x: float
    median_y: float

    def change_over_span(self) -> float | None:
        """Least-squares slope × (last − first x): ``Trend.change_over_span``; None with
        no spread in x."""
        n = self.count
        sxx = self.sum_xx - self.sum_x * self.sum_x / n
        if n < 2 or sxx <= 1e-9 * max(1.0, abs(self.sum_xx)):
            return None
        sxy = self.sum_xy - self.sum_x * self.sum_y / n
        return sxy / sxx * (self.max_x - self.min_x)


def window_stats(
    session: Session,
    people: Select[Any],
    item_ids: Sequence[uuid.UUID],
    metric: Metric,
    window: DateRange,
) -> dict[uuid.UUID, WindowStats]:
    """Per person, the sums the stall rule's trend and gain need (module docstring)."""
    return window_stats_of_families(session, people, {"": item_ids}, metric, window).get("", {})


def window_stats_of_families(
    session: Session,
    people: Select[Any],
    families: Mapping[str, Sequence[uuid.UUID]],
    metric: Metric,
    window: DateRange,
) -> dict[str, dict[uuid.UUID, WindowStats]]:
    """``window_stats`` of several families (key: their content items): the branch
    summary's skills at once. Each person's attempts on a family give the same figures as
    ``window_stats`` of that family alone.

    On SQLite one read of the recent window for every family, its rows (x, y and whose)
    aggregated in Python: SQLite's window functions for the median cost three times the
    read itself (issue 17). The sums are exact (``math.fsum``: the same whatever order
    the rows come in, so whichever families are read together) and the median is
    ``statistics.median``, as ``dashboard.stall_check`` takes it. Ids come as text and
    are decoded once per person and item; x comes as a float.

    On PostgreSQL the server aggregates, one family a statement
    (``_server_window_stats``): there sending every row costs more than the window
    functions."""
    wanted = {k: list(v) for k, v in families.items() if v}
    if not wanted or window.since is None:
        return {}
    of_item: dict[uuid.UUID, list[str]] = {}
    for key, items in wanted.items():
        for item in items:
            of_item.setdefault(item, []).append(key)
    if session.get_bind().dialect.name == "postgresql":
        return {
            key: _server_window_stats(session, people, items, metric, window)
            for key, items in wanted.items()
        }
    a = aliased(Attempt)
    value = metric_column(a, metric)
    x = extract("epoch", a.started_at) - window.since.timestamp()
    rows = session.connection().execute(  # Core rows: no ORM row processing
        select(  # ids as text and x as a float on both engines: no UUID or Decimal a row
            cast(a.person_id, String),
            cast(a.content_item_id, String),
            cast(x, Float),
            value,
        ).where(
            a.content_item_id.in_(list(of_item)),
            a.mode.in_(sorted(ALL_MODES)),  # lets the index range-scan started_at
            a.person_id.in_(people),
            *counted(a),
            value.is_not(None),
            *in_range(a, window),
        )
    )
    pairs: dict[tuple[Any, Any], tuple[list[Any], list[Any]]] = {}
    for raw_pid, raw_item, at, y in rows.all():  # fetched at once, few steps a row
        both = pairs.get((raw_pid, raw_item))
        if both is None:
            both = pairs[(raw_pid, raw_item)] = ([], [])
        both[0].append(at)
        both[1].append(y)
    by_text = {i.hex: keys for i, keys in of_item.items()}
    by_raw: dict[Any, list[str]] = {}
    person_of: dict[Any, uuid.UUID] = {}
    merged: dict[tuple[str, uuid.UUID], tuple[list[float], list[float]]] = {}
    for (raw_pid, raw_item), (at_values, y_values) in pairs.items():
        pid = person_of.get(raw_pid)
        if pid is None:
            pid = person_of[raw_pid] = (
                raw_pid if isinstance(raw_pid, uuid.UUID) else uuid.UUID(raw_pid)
            )
        keys = by_raw.get(raw_item)
        if keys is None:
            keys = by_raw[raw_item] = by_text[_uuid_hex(raw_item)]
        for key in keys:
            xs, ys = merged.setdefault((key, pid), ([], []))
            xs.extend(at_values)
            ys.extend(y_values)
    out: dict[str, dict[uuid.UUID, WindowStats]] = {key: {} for key in wanted}
    for (key, pid), (xs, ys) in merged.items():
        out[key][pid] = WindowStats(
            len(xs),
            math.fsum(xs),
            math.fsum(ys),
            math.fsum([v * v for v in xs]),
            math.fsum([u * v for u, v in zip(xs, ys, strict=True)]),
            min(xs),
            max(xs),
            statistics.median(ys),
        )
    return out


def _server_window_stats(
    session: Session,
    people: Select[Any],
    item_ids: Sequence[uuid.UUID],
    metric: Metric,
    window: DateRange,
) -> dict[uuid.UUID, WindowStats]:
    """``window_stats`` of one family aggregated on PostgreSQL, in one pass with
    ``ROW_NUMBER``/``COUNT`` windows for the median: there the server's window functions
    are quick and sending every row costs more (issue 17: 4 skills' windows 340-500 ms
    so, 720-810 ms as rows). One family a statement, the same statement for the
    branch summary and the skill's dashboard: the same figures."""
    if window.since is None:
        return {}
    a = aliased(Attempt)
    value = metric_column(a, metric)
    x = extract("epoch", a.started_at) - window.since.timestamp()
    inner = (
        select(
            a.person_id.label("pid"),
            value.label("y"),
            x.label("x"),
            func.row_number().over(partition_by=a.person_id, order_by=value).label("rn"),
            func.count()
            .over(partition_by=a.person_id, order_by=value, rows=(None, None))
            .label("n"),
        )
        .where(
            a.content_item_id.in_(list(item_ids)),
            a.mode.in_(sorted(ALL_MODES)),  # lets the index range-scan started_at
            a.person_id.in_(people),
            *counted(a),
            value.is_not(None),
            *in_range(a, window),
        )
        .subquery("recent")
    )
    middle = or_(inner.c.rn == (inner.c.n + 1) // 2, inner.c.rn == (inner.c.n + 2) // 2)
    query = select(
        inner.c.pid,
        func.count(),
        func.sum(inner.c.x),
        func.sum(inner.c.y),
        func.sum(inner.c.x * inner.c.x),
        func.sum(inner.c.x * inner.c.y),
        func.min(inner.c.x),
        func.max(inner.c.x),
        func.avg(case((middle, inner.c.y), else_=None)),
    ).group_by(inner.c.pid)
    return {
        pid: WindowStats(int(n), *(float(v) for v in rest))
        for pid, n, *rest in session.execute(query)
    }


def _uuid_hex(raw: Any) -> str:
    """A stored id as 32 hex digits, whichever way the driver returns it."""
    return raw.hex if isinstance(raw, uuid.UUID) else uuid.UUID(str(raw)).hex


def last_counted(
    session: Session,
    people: Select[Any],
    item_ids: Sequence[uuid.UUID],
    window: DateRange = EVERYTHING,
) -> dict[uuid.UUID, datetime]:
    """Per person, the start of their latest counted attempt (any mode, any value)."""
    if not item_ids:
        return {}
    pairs = _pairs(people, item_ids)
    b = aliased(Attempt)
    latest = (
        select(b.started_at)
        .where(
            b.person_id == pairs.c.pid,
            b.content_item_id == pairs.c.iid,
            *counted(b),
            *in_range(b, window),
        )
        .order_by(b.started_at.desc())
        .limit(1)
        .scalar_subquery()
    )
    found: dict[uuid.UUID, datetime] = {}
    for pid, at in session.execute(select(pairs.c.pid, latest)):
        if at is not None and (pid not in found or at > found[pid]):
            found[pid] = at
    return found


@dataclass(frozen=True, slots=True)
class SeriesRow:
    """One attempt of one person, the columns a chart reads."""

    point: AttemptPoint  # valid = counted
    speed_unit: str | None
    grade: str | None
    duration_ms: int
    stored_valid: bool  # the engine's verdict (False: too short), before any invalidation


def person_rows(
    session: Session,
    person_id: uuid.UUID,
    item_ids: Sequence[uuid.UUID],
    window: DateRange = EVERYTHING,
) -> list[SeriesRow]:
    """A person's attempts on the family, oldest first (every attempt, counted or not)."""
    if not item_ids:
        return []
    a = aliased(Attempt)
    rows = session.execute(
        select(
            a.id,
            a.started_at,
            a.mode,
            a.speed,
            a.accuracy,
            a.score,
            a.valid,
            a.invalidated_reason.is_(None),
            a.completion == COMPLETE,
            a.speed_unit,
            a.grade,
            a.duration_ms,
        )
        .where(
            a.person_id == person_id, a.content_item_id.in_(list(item_ids)), *in_range(a, window)
        )
        .order_by(a.started_at, a.id)
    )
    return [
        SeriesRow(
            AttemptPoint(
                at, mode, speed, acc, score, bool(valid and kept and whole), str(aid), bool(whole)
            ),
            unit,
            grade,
            int(duration),
            bool(valid),
        )
        for aid, at, mode, speed, acc, score, valid, kept, whole, unit, grade, duration in rows
    ]


def person_details(
    session: Session,
    person_id: uuid.UUID,
    item_ids: Sequence[uuid.UUID],
    path: tuple[str, ...],
    window: DateRange = EVERYTHING,
) -> list[tuple[datetime, bool, str, str, Any]]:
    """(started_at, counted, mode, attempt id, one JSON value from ``details``) per attempt,
    oldest first; the JSON path is extracted in SQL so the rest of ``details`` (mistake
    lists, per-second traces) never leaves the database."""
    if not item_ids:
        return []
    a = aliased(Attempt)
    rows = session.execute(
        select(
            a.started_at,
            and_(*counted(a)),
            a.mode,
            a.id,
            a.details[path],
        )
        .where(
            a.person_id == person_id, a.content_item_id.in_(list(item_ids)), *in_range(a, window)
        )
        .order_by(a.started_at, a.id)
    )
    return [(at, bool(ok), mode, str(aid), value) for at, ok, mode, aid, value in rows]


def speed_unit_of(session: Session, item_ids: Sequence[uuid.UUID]) -> str | None:
    """The speed unit recorded on the family's attempts (one row read)."""
    if not item_ids:
        return None
    return session.scalar(
        select(Attempt.speed_unit)
        .where(Attempt.content_item_id.in_(list(item_ids)), Attempt.speed_unit.is_not(None))
        .limit(1)
    )


def person_refs(session: Session, people: Select[Any]) -> list[PersonRef]:
    """Who ``people`` are, by name."""
    rows = session.execute(
        select(Person.id, Person.name, Person.employee_number, Person.team_id, Team.name)
        .outerjoin(Team, Team.id == Person.team_id)
        .where(Person.id.in_(people))
        .order_by(Person.name, Person.employee_number)
    )
    return [PersonRef(*row) for row in rows]
