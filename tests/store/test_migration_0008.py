"""A database of schema 0007 holding people and attempts upgrades to workstations tied
to a branch (0008_workstation_branch) without losing or changing a row; no workstation
is tied after the upgrade (every workstation signs in as before), and one can be tied.

Schema 0007 with data is the 0001 fixture (``fixtures/schema_0001.sqlite3``: a branch,
its people and eight ten-key attempts) upgraded to 0007 exactly.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from schema_history import schema_at, table_rows
from support import FAST_PIN_COST

from svctrainer.services.actor import Actor
from svctrainer.services.api import Services
from svctrainer.store.database import Database, resolve_url
from svctrainer.store.migrate import SchemaStatus, ensure_current
from svctrainer.store.migrations import HEAD_REVISION


def _schema_0007(tmp_path: Path) -> Path:
    return schema_at(tmp_path, "0007_contest")


def test_upgrade_keeps_every_row_ties_no_workstation_and_one_can_then_be_tied(tmp_path):
    path = _schema_0007(tmp_path)
    before = table_rows(path)
    assert before["attempt"], "the fixture holds attempts"
    assert "workstation_branch" not in before

    db = Database(resolve_url(str(path)))
    state = ensure_current(db)
    assert (state.status, state.revision) == (SchemaStatus.OUTDATED, "0007_contest")
    db.dispose()
    after = table_rows(path)
    assert {t: after[t] for t in before} == before
    assert after["workstation_branch"] == []
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (
            HEAD_REVISION,
        )
        assert conn.execute("PRAGMA foreign_key_list('workstation_branch')").fetchall()
    conn.close()

    services = Services.open(str(path), pin_cost=FAST_PIN_COST)
    try:
        assert services.workstations.branch() is None
        everyone = services.auth.profiles()
        assert everyone
        tie = services.workstations.set_branch(Actor.command_line())
        assert services.workstations.branch() == tie.branch
        assert services.auth.profiles() == everyone  # one branch: the same people
    finally:
        services.close()
