"""A database of schema 0006 holding people and attempts upgrades to the contest tables
(0007) without losing or changing a row, and a contest then runs on the stored attempts.

Schema 0006 with data is the 0001 fixture (``fixtures/schema_0001.sqlite3``: a branch,
its people and eight ten-key attempts) upgraded to 0006 exactly.
"""

from __future__ import annotations

import sqlite3

from schema_history import schema_at, table_rows
from support import FAST_PIN_COST

from svctrainer.core.contest.rules import ContestRules, ContestState
from svctrainer.services.actor import Actor
from svctrainer.services.api import Services
from svctrainer.store.database import Database, resolve_url
from svctrainer.store.migrate import SchemaStatus, ensure_current
from svctrainer.store.migrations import HEAD_REVISION


def test_upgrade_keeps_every_row_and_a_contest_then_runs(tmp_path):
    path = schema_at(tmp_path, "0006_regions")
    before = table_rows(path)
    assert before["attempt"], "the fixture holds attempts"
    assert "contest" not in before

    db = Database(resolve_url(str(path)))
    state = ensure_current(db)
    assert (state.status, state.revision) == (SchemaStatus.OUTDATED, "0006_regions")
    db.dispose()
    after = table_rows(path)
    assert {t: after[t] for t in before} == before
    assert after["contest"] == []
    assert after["contest_drill"] == []
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (
            HEAD_REVISION,
        )

    services = Services.open(str(path), pin_cost=FAST_PIN_COST)
    try:
        cli = Actor.command_line()
        content_id = "tenkey-amounts-test.en"
        contest = services.contests.create(cli, "After the upgrade", [content_id],
                                           ContestRules())  # fmt: skip
        services.contests.start(cli, contest.name)
        closed = services.contests.close(cli, contest.name)
        assert closed.contest.state is ContestState.CLOSED
        assert closed.locked
    finally:
        services.close()
