"""A database of schema 0005 holding a branch with people and attempts upgrades to
regions (0006): nothing stored changes, branch names become unique (a second branch of
one name, which only a hand-written database could hold, gets a numbered suffix and
keeps its people), and regions can then be stored and read.

Schema 0005 with data is the 0001 fixture (``fixtures/schema_0001.sqlite3``: a branch,
its people and eight ten-key attempts) upgraded to 0005 exactly.
"""

from __future__ import annotations

import sqlite3
import uuid

import pytest
from schema_history import schema_at
from support import FAST_PIN_COST

from svctrainer.services.actor import Actor
from svctrainer.services.api import Services
from svctrainer.store.database import Database, resolve_url
from svctrainer.store.migrate import SchemaStatus, ensure_current


def _snapshot(conn: sqlite3.Connection) -> dict[str, list[tuple[object, ...]]]:
    return {
        table: sorted(conn.execute(f"SELECT * FROM {table}").fetchall(), key=repr)  # noqa: S608
        for table in ("person", "attempt", "attempt_event", "team", "audit_log")
    }


def test_stored_data_survives_and_branch_names_become_unique(tmp_path):
    path = schema_at(tmp_path, "0005_attempt_completion")
    with sqlite3.connect(path) as conn:
        ((name, created),) = conn.execute("SELECT name, created_at FROM branch").fetchall()
        # Created at the same moment, so the migration's tie-break (the id) decides which
        # one keeps the name: the twin's id sorts last, so the twin is the one renamed.
        twin = uuid.UUID(int=(1 << 128) - 1).hex
        conn.execute(
            "INSERT INTO branch (id, name, created_at) VALUES (?, ?, ?)", (twin, name, created)
        )
        conn.execute(
            "INSERT INTO person (id, branch_id, employee_number, name, pin_hash, active, "
            "failed_pin_count, created_at, updated_at) "
            "SELECT ?, ?, employee_number, 'Twin Teller', pin_hash, 1, 0, created_at, "
            "updated_at FROM person WHERE employee_number = 'T1'",
            (uuid.uuid4().hex, twin),
        )
        before = _snapshot(conn)
    conn.close()

    db = Database(resolve_url(str(path)))
    state = ensure_current(db)
    assert (state.status, state.revision) == (SchemaStatus.OUTDATED, "0005_attempt_completion")
    db.dispose()

    with sqlite3.connect(path) as conn:
        assert _snapshot(conn) == before
        names = dict(conn.execute("SELECT id, name FROM branch"))
        assert names[twin] == f"{name} (2)"
        assert sorted(names.values()) == sorted([name, f"{name} (2)"])
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute("UPDATE branch SET name = ? WHERE id = ?", (name, twin))
    conn.close()

    services = Services.open(str(path), pin_cost=FAST_PIN_COST)
    try:
        cli = Actor.command_line()
        region = services.branches.create_region(cli, "East", [name, f"{name} (2)"])
        assert [r.branches for r in services.branches.list_regions(cli)] == [region.branches]
        listed = sorted(b.name for b in services.branches.list_branches(cli))
        assert listed == sorted(names.values())
        # The T1 of each branch is still there, each only by naming its branch.
        assert services.people.find_by_employee_number(cli, "T1", f"{name} (2)").name == (
            "Twin Teller"
        )
    finally:
        services.close()
