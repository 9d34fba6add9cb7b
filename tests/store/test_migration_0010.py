"""A database of schema 0009 holding people, attempts and a contest (running, with a
sitting) upgrades to the contest options (0010) without losing or changing a row; the
contest keeps a private board (contestants see only their own results until the close)
and then closes on the new schema.

Schema 0009 with data is the 0001 fixture (``fixtures/schema_0001.sqlite3``: a branch, its
people and eight ten-key attempts) upgraded to 0009 exactly, plus a contest written with
plain SQL as the contest tables (0007) store it.
"""

from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path

from schema_history import schema_at, table_rows
from support import FAST_PIN_COST

from svctrainer.core.contest.rules import ContestState
from svctrainer.services.actor import Actor
from svctrainer.services.api import Services
from svctrainer.store.database import Database, resolve_url
from svctrainer.store.migrate import SchemaStatus, ensure_current
from svctrainer.store.migrations import HEAD_REVISION

CONTEST = uuid.UUID(int=0x0807)


def _schema_0009(tmp_path: Path) -> Path:
    path = schema_at(tmp_path, "0009_progress_summary")
    with sqlite3.connect(path) as conn:
        branch, item = conn.execute(
            "SELECT (SELECT id FROM branch LIMIT 1), (SELECT content_item_id FROM attempt LIMIT 1)"
        ).fetchone()
        person = conn.execute("SELECT id FROM person LIMIT 1").fetchone()[0]
        conn.execute(
            "INSERT INTO contest (id, branch_id, name, state, seed, attempts, window_minutes, "
            "countdown_s, started_at, begins_at, ends_at, created_at) VALUES "
            "(?, ?, 'Old cup', 'running', 42, 1, 30, 60, '2026-12-01 09:00:00.000000', "
            "'2026-12-01 09:01:00.000000', '2026-12-01 09:31:00.000000', "
            "'2026-12-01 08:00:00.000000')",
            (CONTEST.hex, branch),
        )
        conn.execute(
            "INSERT INTO contest_drill (contest_id, content_id, content_item_id, position, "
            "seed) VALUES (?, 'tenkey-amounts-test.en', ?, 0, 7)",
            (CONTEST.hex, item),
        )
        conn.execute(
            "INSERT INTO contest_sitting (contest_id, content_id, person_id, try_number, "
            "issued_at) VALUES (?, 'tenkey-amounts-test.en', ?, 1, "
            "'2026-12-01 09:02:00.000000')",
            (CONTEST.hex, person),
        )
    return path


def test_upgrade_keeps_every_row_and_contests_keep_a_private_board(tmp_path):
    path = _schema_0009(tmp_path)
    before = table_rows(path)
    assert before["contest"]
    assert before["contest_drill"]
    assert before["contest_sitting"]

    db = Database(resolve_url(str(path)))
    state = ensure_current(db)
    assert (state.status, state.revision) == (SchemaStatus.OUTDATED, "0009_progress_summary")
    db.dispose()
    after = table_rows(path)
    assert {t: after[t] for t in before if t != "contest"} == {
        t: rows for t, rows in before.items() if t != "contest"
    }
    # the contest rows are the old ones with public_board = 0 added at the end
    assert [row[:-1] for row in after["contest"]] == before["contest"]
    assert [row[-1] for row in after["contest"]] == [0]
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (
            HEAD_REVISION,
        )

    services = Services.open(str(path), pin_cost=FAST_PIN_COST)
    try:
        cli = Actor.command_line()
        [old] = services.contests.in_branch(cli)
        assert old.name == "Old cup"
        assert not old.rules.public_board
        closed = services.contests.close(cli, "Old cup")
        assert closed.contest.state is ContestState.CLOSED
        assert closed.locked
    finally:
        services.close()
