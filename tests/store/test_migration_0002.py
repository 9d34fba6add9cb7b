"""Release 0001's database upgrades to head without losing a row (issue 7: migrations).

The fixture ``fixtures/schema_0001.sqlite3`` was written by migration 0001 and the
services of that release (``fixtures/make_schema_0001.py``); it is copied, never
changed in place.
"""

import shutil
import sqlite3
from pathlib import Path

from schema_history import FIXTURE
from support import FAST_PIN_COST

from svctrainer.services.actor import Actor
from svctrainer.services.api import Services
from svctrainer.store.backup import list_backups
from svctrainer.store.database import Database, resolve_url
from svctrainer.store.migrate import SchemaStatus, ensure_current, schema_state
from svctrainer.store.migrations import HEAD_REVISION


def _rows(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table (alembic's own aside), in a stable order."""
    with sqlite3.connect(path) as conn:
        tables = [
            name
            for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' AND name != 'alembic_version'"
            )
        ]
        # Left out: columns a later revision adds or rewrites on purpose (0005 clears the
        # grade of incomplete attempts; tests/store/test_migration_0005.py checks that).
        every = {t: f"SELECT {_old_columns(conn, t)} FROM {t}" for t in tables}  # noqa: S608
        return {t: sorted(map(tuple, conn.execute(q))) for t, q in every.items()}


def _old_columns(conn: sqlite3.Connection, table: str) -> str:
    added = {"attempt": {"completion", "grade"}}.get(table, set())
    names = [n for (n,) in conn.execute("SELECT name FROM pragma_table_info(?)", (table,))]
    return ", ".join(n for n in names if n not in added)


def trimmed(after: dict[str, list[tuple]], before: dict[str, list[tuple]]) -> dict:
    """``after``'s rows cut to the columns ``before`` had: later migrations add columns
    at the end of a table, and this test is about the rows that were there."""
    width = {t: len(rows[0]) for t, rows in before.items() if rows}
    return {t: [row[: width.get(t, len(row))] for row in rows] for t, rows in after.items()}


def test_schema_0001_with_data_upgrades_to_head_without_losing_a_row(tmp_path):
    path = tmp_path / "old.sqlite3"
    shutil.copyfile(FIXTURE, path)
    before = _rows(path)
    assert sum(len(rows) for rows in before.values()) > 30
    assert len(before["attempt"]) == 8

    db = Database(resolve_url(str(path)))
    state = ensure_current(db)
    assert state.status is SchemaStatus.OUTDATED
    assert state.revision == "0001"
    assert schema_state(db).status is SchemaStatus.CURRENT
    db.dispose()

    after = trimmed(_rows(path), before)
    assert {table: after[table] for table in before} == before  # later tables may be new
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (
            HEAD_REVISION,
        )
        indexes = {n for (n,) in conn.execute("SELECT name FROM pragma_index_list('attempt')")}
        assert "ix_attempt_content_mode_person" in indexes
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert [b.reason for b in list_backups(path)] == ["pre-migration"]


def test_upgraded_database_still_serves_its_results(tmp_path):
    path = tmp_path / "old.sqlite3"
    shutil.copyfile(FIXTURE, path)
    services = Services.open(str(path), pin_cost=FAST_PIN_COST)
    try:
        cli = Actor.command_line()
        teller = next(p for p in services.people.list_people(cli) if p.employee_number == "T1")
        history = services.attempts.history(cli, teller.id)
        assert len(history) == 8
        # The stored figures still match a replay of the stored key logs.
        assert all(services.attempts.rescore(cli, a.id).matches for a in history)
    finally:
        services.close()
