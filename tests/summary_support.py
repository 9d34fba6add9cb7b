"""The progress summary recomputed in Python from every attempt: the oracle the store's
incremental upkeep (``store.progress_summary``) and migration 0008's backfill are checked
against, on SQLite and PostgreSQL."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from svctrainer.services.drill_families import core_skills, load_families
from svctrainer.services.progress_records import DateRange
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
