"""A database of schema 0010 holding people and attempts upgrades to the kept recent
window (0011, ``progress_recent``) without changing a row; the rows built from the
stored attempts equal the recomputation, the stall rule then reads them (the same
figures as from the attempts) and every write keeps them current.

Schema 0010 with data is the 0001 fixture (``fixtures/schema_0001.sqlite3``: a branch,
its people and eight ten-key attempts) upgraded to 0010, plus attempts written in that
schema over three months (so some fall before a horizon), at odd microseconds, an
invalidated one, a practice run and an incomplete test.
"""

from __future__ import annotations

import importlib.util
import sqlite3
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from schema_history import schema_at, table_rows
from sqlalchemy import create_engine
from summary_support import assert_current, expected_recent, stored_recent
from support import FAST_PIN_COST

from svctrainer.core.analytics.dashboard import StallStatus
from svctrainer.services.actor import Actor
from svctrainer.services.api import Services
from svctrainer.store.database import Database, resolve_url
from svctrainer.store.migrate import SchemaStatus, ensure_current
from svctrainer.store.migrations import HEAD_REVISION, SCRIPT_LOCATION

CLI = Actor.command_line()
START = datetime(2026, 9, 1, 9, 0, tzinfo=UTC)
NOW = START + timedelta(days=91)


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S.%f")


def _migration(name: str) -> Any:
    spec = importlib.util.spec_from_file_location(
        name, Path(SCRIPT_LOCATION) / "versions" / f"{name}.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _schema_0010(tmp_path: Path) -> Path:
    path = schema_at(tmp_path, "0010_contest_options")
    with sqlite3.connect(path) as conn:  # more history, written as release 0010 wrote it
        (item,) = conn.execute("SELECT content_item_id FROM attempt LIMIT 1").fetchone()
        people = [p for (p,) in conn.execute("SELECT DISTINCT person_id FROM attempt")]
        rows = []
        for n in range(40):
            person = people[n % len(people)]
            at = START + timedelta(days=n * 9 / 4, microseconds=999_700 * (n % 3))
            invalidated = "keyed by a colleague" if n == 33 else None
            mode = "practice" if n % 5 == 4 else "test"
            completion = "incomplete" if n == 35 else "complete"
            rows.append((uuid.uuid4().hex, person, item, mode, _stamp(at), 300_000,
                         4000.0 + 37 * n, "net_kph", 0.95, None, None, 1, completion,
                         invalidated, 1, "0.7", "ws", "{}", _stamp(at)))  # fmt: skip
        conn.executemany(
            "INSERT INTO attempt (id, person_id, content_item_id, mode, started_at, "
            "duration_ms, speed, speed_unit, accuracy, score, grade, valid, completion, "
            "invalidated_reason, seed, app_version, workstation, details, recorded_at) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            rows,
        )
    # The summary as release 0010 kept it: its own backfill over every attempt.
    backfill = _migration("0009_progress_summary").backfill
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM progress_test_edge")
        conn.exec_driver_sql("DELETE FROM progress_summary")
        backfill(conn)
    engine.dispose()
    return path


def test_upgrade_builds_the_recent_window_from_the_stored_attempts(tmp_path):
    path = _schema_0010(tmp_path)
    before = table_rows(path)
    assert "progress_recent" not in before

    db = Database(resolve_url(str(path)))
    state = ensure_current(db, backup=False)
    assert (state.status, state.revision) == (SchemaStatus.OUTDATED, "0010_contest_options")
    after = table_rows(path)
    assert {t: after[t] for t in before} == before
    recent = stored_recent(db)
    assert recent == expected_recent(db)
    assert len(recent) == len({r[1] for r in before["attempt"]})  # one a person (one item)
    packed = sum(len(kept) for _horizon, kept in recent.values())
    assert 0 < packed < len(before["attempt"]), "the last eight weeks, not the history"
    db.dispose()
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (
            HEAD_REVISION,
        )

    services = Services.open(str(path), pin_cost=FAST_PIN_COST)
    try:
        assert_current(services.db)
        tenkey = next(f for f in services.progress.families(CLI) if f.key == "tenkey-amounts.en")
        board = services.progress.dashboard(CLI, tenkey.key, now=NOW, assignments=False)
        judged = [e.summary.stall for e in board.entries if e.summary.stall.attempts_in_window]
        assert judged, "the recent window has attempts in it"
        assert all(s.status is not StallStatus.NO_PRACTICE for s in judged)
        with sqlite3.connect(path) as conn:  # the latest counted attempt: a new horizon
            (latest,) = conn.execute(
                "SELECT id FROM attempt WHERE valid = 1 AND completion = 'complete' AND "
                "invalidated_reason IS NULL ORDER BY started_at DESC LIMIT 1"
            ).fetchone()
        services.attempts.invalidate(CLI, uuid.UUID(latest), "keyed by a colleague")
        assert_current(services.db)
    finally:
        services.close()
