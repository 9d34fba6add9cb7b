"""The progress summary recomputed in Python from every attempt: the oracle the store's
incremental upkeep (``store.progress_summary``) and migration 0008's backfill are checked
against, on SQLite and PostgreSQL."""

from __future__ import annotations

import math
import statistics
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Float, cast, extract, select

from svctrainer.core.analytics.series import Metric
from svctrainer.services.drill_families import core_skills, load_families
from svctrainer.services.progress_queries import WindowStats
from svctrainer.services.progress_records import DateRange
from svctrainer.store.database import Database
from svctrainer.store.models import (
    Attempt,
    ContentItem,
    ProgressRecent,
    ProgressSummary,
    ProgressTestEdge,
)
from svctrainer.store.recent_attempts import (
    ACCURACY,
    ACCURACY_VALUES,
    MICROS,
    PACKED_FLAGS,
    PACKED_WIDTH,
    SCORE,
    SCORE_VALUES,
    SECONDS,
    SPEED,
    SPEED_VALUES,
    packed_floats,
    packed_ints,
    sqlite_seconds,
    unpack_tests,
)

Summary = dict[tuple[uuid.UUID, uuid.UUID], tuple[Any, ...]]


def expected(db: Database) -> tuple[Summary, set[tuple[Any, ...]]]:
    """(summary rows by pair, edge rows) as the rules say they must be."""
    with db.reading() as session:
        kinds = dict(session.execute(select(ContentItem.id, ContentItem.kind)).all())
        rows = session.execute(
            select(Attempt.person_id, Attempt.content_item_id, Attempt.id, Attempt.mode,
                   Attempt.started_at, Attempt.speed, Attempt.accuracy, Attempt.score,
                   Attempt.valid, Attempt.completion, Attempt.invalidated_reason)
        ).all()  # fmt: skip
    by_pair: dict[tuple[uuid.UUID, uuid.UUID], list[Any]] = {}
    for row in rows:
        by_pair.setdefault((row[0], row[1]), []).append(row)
    summary: Summary = {}
    edges: set[tuple[Any, ...]] = set()
    for (pid, iid), attempts in by_pair.items():
        counted = [a for a in attempts if a.valid and a.completion == "complete"
                   and a.invalidated_reason is None]  # fmt: skip
        value = "score" if kinds[iid] == "scenario" else "speed"
        tests = sorted(
            (a for a in counted if a.mode == "test" and getattr(a, value) is not None),
            key=lambda a: (a.started_at, str(a.id)),
        )
        summary[(pid, iid)] = (
            len(attempts),
            sum(1 for a in attempts if a.mode == "test"),
            len(counted),
            len(tests),
            max((a.started_at for a in counted), default=None),
        )
        for a in {*tests[:3], *tests[-3:]}:
            edges.add((pid, iid, a.id, a.started_at, a.speed, a.accuracy, a.score))
    return summary, edges


def stored(db: Database) -> tuple[Summary, set[tuple[Any, ...]]]:
    s, e = ProgressSummary, ProgressTestEdge
    with db.reading() as session:
        summary = {
            (r[0], r[1]): tuple(r[2:])
            for r in session.execute(
                select(s.person_id, s.content_item_id, s.attempts, s.test_attempts, s.counted,
                       s.tests, s.last_counted_at)
            )
        }  # fmt: skip
        edges = {
            tuple(r)
            for r in session.execute(
                select(e.person_id, e.content_item_id, e.attempt_id, e.started_at, e.speed,
                       e.accuracy, e.score)
            )
        }  # fmt: skip
    return summary, edges


Recent = dict[tuple[uuid.UUID, uuid.UUID], tuple[datetime, list[tuple[Any, ...]]]]


def expected_recent(db: Database) -> Recent:
    """``progress_recent`` as the rules say it must be: per pair with a counted attempt,
    the horizon (8 weeks before the latest counted attempt, whole seconds) and every
    counted attempt from it on, (started_at, speed, accuracy, score), by time."""
    with db.reading() as session:
        rows = session.execute(
            select(Attempt.person_id, Attempt.content_item_id, Attempt.mode, Attempt.started_at,
                   Attempt.speed, Attempt.accuracy, Attempt.score, Attempt.valid,
                   Attempt.completion, Attempt.invalidated_reason)
        ).all()  # fmt: skip
    by_pair: dict[tuple[uuid.UUID, uuid.UUID], list[Any]] = {}
    for r in rows:
        if r.valid and r.completion == "complete" and r.invalidated_reason is None:
            by_pair.setdefault((r[0], r[1]), []).append(r)
    out: Recent = {}
    for pair, counted in by_pair.items():
        horizon = (max(r.started_at for r in counted) - timedelta(weeks=8)).replace(microsecond=0)
        kept = sorted(
            (
                (r.started_at, r.speed, r.accuracy, r.score)
                for r in counted
                if r.started_at >= horizon and r.mode in {"practice", "test", "logged"}
            ),
            key=_attempt_order,
        )
        out[pair] = (horizon, kept)
    return out


def _attempt_order(row: tuple[Any, ...]) -> tuple[Any, ...]:
    return (row[0], *((v is None, v or 0.0) for v in row[1:]))


def stored_recent(db: Database) -> Recent:
    """``progress_recent`` decoded: each packed attempt's time from the horizon and its
    microseconds, its values (NaN and the flag both saying absent), and its SQLite
    seconds checked against its time."""
    r = ProgressRecent
    out: Recent = {}
    with db.reading() as session:
        rows = session.execute(
            select(r.person_id, r.content_item_id, r.horizon, r.attempts, r.packed)
        ).all()
    for pid, iid, horizon, count, packed in rows:
        n = len(packed) // PACKED_WIDTH
        assert (n, len(packed)) == (count, n * PACKED_WIDTH)
        offsets = list(packed_ints(packed, n, MICROS))
        seconds = list(packed_ints(packed, n, SECONDS))
        columns = [list(packed_floats(packed, n, c)) for c in (SPEED_VALUES, ACCURACY_VALUES,
                                                                SCORE_VALUES)]  # fmt: skip
        flags = packed[PACKED_FLAGS * n :]
        kept = []
        for k in range(n):
            at = horizon + timedelta(microseconds=offsets[k])
            assert sqlite_seconds(horizon) + seconds[k] == sqlite_seconds(at)
            values = []
            for column, flag in zip(columns, (SPEED, ACCURACY, SCORE), strict=True):
                there = bool(flags[k] & flag)
                assert there == (column[k] == column[k])  # NaN exactly where absent
                values.append(column[k] if there else None)
            kept.append((at, *values))
        assert offsets == sorted(offsets)
        out[(pid, iid)] = (horizon, sorted(kept, key=_attempt_order))
    return out


Tests = dict[tuple[uuid.UUID, uuid.UUID], tuple[int, datetime, list[tuple[Any, ...]]]]


def expected_tests(db: Database) -> Tests:
    """``progress_recent.tests_packed`` as the rules say it must be, from the attempts
    (``expected``): per pair with a counted attempt, its counted tests with a headline
    value, its latest counted attempt and its first and last three such tests
    (id, started_at, speed, score) in (started_at, id) order."""
    summary, edges = expected(db)
    out: Tests = {}
    for (pid, iid), (_n, _tests_taken, _counted, tests, last) in summary.items():
        if last is None:
            continue
        kept = sorted(
            ((e[2], e[3], e[4], e[6]) for e in edges if (e[0], e[1]) == (pid, iid)),
            key=lambda t: (t[1], t[0].bytes),
        )
        out[(pid, iid)] = (tests, last, kept)
    return out


def stored_tests(db: Database) -> Tests:
    """``progress_recent.tests_packed`` decoded (times from the horizon)."""
    r = ProgressRecent
    out: Tests = {}
    with db.reading() as session:
        rows = session.execute(select(r.person_id, r.content_item_id, r.horizon,
                                      r.tests_packed)).all()  # fmt: skip
    for pid, iid, horizon, packed in rows:
        tests, last, records = unpack_tests(packed)
        kept = []
        for at, raw_id, speed, score, flags in records:
            assert (not math.isnan(speed)) == bool(flags & SPEED)  # NaN exactly where absent
            assert (not math.isnan(score)) == bool(flags & SCORE)
            kept.append((uuid.UUID(bytes=raw_id), horizon + timedelta(microseconds=at),
                         speed if flags & SPEED else None,
                         score if flags & SCORE else None))  # fmt: skip
        out[(pid, iid)] = (tests, horizon + timedelta(microseconds=last), kept)
    return out


def assert_current(db: Database) -> None:
    """The stored summary is exactly the recomputation from the attempts."""
    want_summary, want_edges = expected(db)
    got_summary, got_edges = stored(db)
    assert got_summary == want_summary
    assert got_edges == want_edges
    assert stored_recent(db) == expected_recent(db)
    assert stored_tests(db) == expected_tests(db)


def window_stats_from_attempts(
    db: Database,
    families: dict[str, Sequence[uuid.UUID]],
    metric: Metric,
    window: DateRange,
) -> dict[str, dict[uuid.UUID, WindowStats]]:
    """The stall rule's sums read the plain way, from every counted attempt in the window
    (the engine's epoch seconds minus the window's start, as the SQL has always said),
    summed with ``math.fsum``: what ``window_stats_of_families`` must equal."""
    assert window.since is not None
    a = Attempt
    value = {Metric.SPEED: a.speed, Metric.ACCURACY: a.accuracy, Metric.SCORE: a.score}[metric]
    x = cast(extract("epoch", a.started_at) - window.since.timestamp(), Float)
    clauses = [a.started_at >= window.since]
    if window.until is not None:
        clauses.append(a.started_at < window.until)
    with db.reading() as session:
        rows = session.execute(
            select(a.person_id, a.content_item_id, x, value).where(
                a.valid.is_(True), a.completion == "complete", a.invalidated_reason.is_(None),
                value.is_not(None), *clauses,
            )
        ).all()  # fmt: skip
    out: dict[str, dict[uuid.UUID, WindowStats]] = {}
    for key, items in families.items():
        mine: dict[uuid.UUID, tuple[list[float], list[float]]] = {}
        for pid, iid, at, y in rows:
            if iid in items:
                xs, ys = mine.setdefault(pid, ([], []))
                xs.append(float(at))
                ys.append(y)
        out[key] = {
            pid: WindowStats(len(xs), math.fsum(xs), math.fsum(ys),
                             math.fsum(v * v for v in xs),
                             math.fsum(u * v for u, v in zip(xs, ys, strict=True)),
                             min(xs), max(xs), statistics.median(ys))
            for pid, (xs, ys) in mine.items()
        }  # fmt: skip
    return out


# A range that holds every attempt ever stored: the services then compute every figure
# from the attempts (``progress_queries.summarised`` is False), as before the summary.
FROM_ATTEMPTS = DateRange(datetime(1970, 1, 1, tzinfo=UTC), None)


def assert_figures_as_from_attempts(services: Any, actor: Any, now: datetime) -> None:
    """The branch summary and every core skill's dashboard read from the summary show
    exactly what the same services compute from the attempts."""
    summary = services.progress.branch_summary(actor, now=now)
    old = services.progress.branch_summary(actor, now=now, window=FROM_ATTEMPTS)
    assert summary.skills == old.skills
    with services.db.reading() as session:
        tested_items = set(
            session.scalars(select(Attempt.content_item_id).where(Attempt.mode == "test"))
        )
        tested = {f.key for f in load_families(session).values() if tested_items & set(f.item_ids)}
    keys = [line.family.key for line in summary.skills]
    with services.db.reading() as session:
        assert keys == [f.key for f in core_skills(load_families(session), tested)]
    assert any(line.tested for line in summary.skills), "a history to compare"
    for key in keys:
        new = services.progress.dashboard(actor, key, now=now, assignments=False)
        before = services.progress.dashboard(
            actor, key, now=now, window=FROM_ATTEMPTS, assignments=False
        )
        assert new.entries == before.entries
        assert (new.teams, new.everyone) == (before.teams, before.everyone)
        assert (new.improved_most, new.stalled) == (before.improved_most, before.stalled)


def assert_region_as_from_attempts(services: Any, actor: Any, family_key: str) -> None:
    new = services.region.dashboard(actor, family_key)
    before = services.region.dashboard(actor, family_key, window=FROM_ATTEMPTS)
    assert new.rows == before.rows
    assert any(r.levels.tested for r in new.rows), "a history to compare"
