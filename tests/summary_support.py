"""The progress summary recomputed in Python from every attempt: the oracle the store's
incremental upkeep (``store.progress_summary``) and migration 0008's backfill are checked
against, on SQLite and PostgreSQL."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select

from svctrainer.store.database import Database
from svctrainer.store.models import Attempt, ContentItem, ProgressSummary, ProgressTestEdge

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


def assert_current(db: Database) -> None:
    """The stored summary is exactly the recomputation from the attempts."""
    want_summary, want_edges = expected(db)
    got_summary, got_edges = stored(db)
    assert got_summary == want_summary
    assert got_edges == want_edges
