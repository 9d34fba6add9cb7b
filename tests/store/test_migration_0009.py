"""A database of schema 0008 holding people and attempts upgrades to the progress summary
(0009) without changing a row, the summary built from the stored attempts equals the
recomputation, and the dashboards then read it and keep it current.

Schema 0008 with data is the 0001 fixture (``fixtures/schema_0001.sqlite3``: a branch,
its people and eight ten-key attempts) upgraded to 0008, plus tests (two at one
time), an invalidated test and a practice run written in that schema, so the backfill
has first and last tests and uncounted rows to sum up.
"""

from __future__ import annotations

import sqlite3
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

from schema_history import schema_at, table_rows
from summary_support import assert_current, expected, stored
from support import FAST_PIN_COST

from svctrainer.services.actor import Actor
from svctrainer.services.api import Services
from svctrainer.store.database import Database, resolve_url
from svctrainer.store.migrate import SchemaStatus, ensure_current
from svctrainer.store.migrations import HEAD_REVISION

CLI = Actor.command_line()


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S.%f")


def _schema_0008(tmp_path: Path) -> Path:
    path = schema_at(tmp_path, "0008_workstation_branch")
    with sqlite3.connect(path) as conn:  # more history, written as release 0008 wrote it
        (item,) = conn.execute("SELECT content_item_id FROM attempt LIMIT 1").fetchone()
        people = [p for (p,) in conn.execute("SELECT DISTINCT person_id FROM attempt")]
        start = datetime(2026, 10, 1, 9, 0, tzinfo=UTC)
        rows = []
        for n in range(9):
            person = people[n % len(people)]
            invalidated = "keyed by a colleague" if n == 4 else None
            mode = "practice" if n == 7 else "test"
            at = _stamp(start + timedelta(days=n // 2))  # equal start times too
            rows.append((uuid.uuid4().hex, person, item, mode, at, 300_000, 5000.0 + 100 * n,
                         "net_kph", 0.97, None, None, 1, "complete", invalidated, 1, "0.7",
                         "ws", "{}", at))  # fmt: skip
        conn.executemany(
            "INSERT INTO attempt (id, person_id, content_item_id, mode, started_at, "
            "duration_ms, speed, speed_unit, accuracy, score, grade, valid, completion, "
            "invalidated_reason, seed, app_version, workstation, details, recorded_at) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            rows,
        )
    return path


def test_upgrade_builds_the_summary_from_the_stored_attempts(tmp_path):
    path = _schema_0008(tmp_path)
    before = table_rows(path)
    assert len(before["attempt"]) == 17
    assert "progress_summary" not in before

    db = Database(resolve_url(str(path)))
    state = ensure_current(db, backup=False)
    assert (state.status, state.revision) == (SchemaStatus.OUTDATED, "0008_workstation_branch")
    after = table_rows(path)
    assert {t: after[t] for t in before} == before
    summary, edges = stored(db)
    assert (summary, edges) == expected(db)
    # The fixture's four tests count no longer (0005 found no ending in their logs):
    # the seven counted tests written above, not the invalidated one.
    assert sum(row[3] for row in summary.values()) == 7
    assert sum(row[0] for row in summary.values()) == 17
    assert len(edges) == 6  # the first and last three of one person's seven
    db.dispose()
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (
            HEAD_REVISION,
        )

    services = Services.open(str(path), pin_cost=FAST_PIN_COST)
    try:
        tenkey = next(f for f in services.progress.families(CLI) if f.key == "tenkey-amounts.en")
        board = services.progress.dashboard(CLI, tenkey.key)
        assert sum(e.row.tests for e in board.entries) == 7
        (invalidated,) = [r[0] for r in before["attempt"] if r[12] is not None]
        services.attempts.invalidate(CLI, uuid.UUID(invalidated), "still keyed by a colleague")
        assert_current(services.db)
    finally:
        services.close()
