"""A database of schema 0002, holding data, upgrades to the queue-ticket tables (0003)
without losing a row, keeps its stored transaction mix (written in the earlier format,
with a ``queue`` assumption), and then imports queue data.

Schema 0002 with data is made from the 0001 fixture (``fixtures/schema_0001.sqlite3``,
what release 0001 wrote) upgraded to revision 0002 exactly, plus a mix stored as the
0002 release stored it.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from queue_support import ZONE, write_export
from schema_history import schema_at
from support import FAST_PIN_COST
from test_migration_0002 import trimmed

from svctrainer.services.actor import Actor
from svctrainer.services.api import Services
from svctrainer.services.queue_data import ImportOptions
from svctrainer.services.settings import DEFAULT_ASSUMPTIONS
from svctrainer.store.database import Database, resolve_url
from svctrainer.store.migrate import SchemaStatus, ensure_current
from svctrainer.store.migrations import HEAD_REVISION

OLD_MIX = {
    "transactions_per_day": 120.0,
    "types": [
        {"name": "cash deposit", "share": 0.6, "keystrokes": 30, "notes": 40, "other_seconds": 90},
        {"name": "transfer", "share": 0.4, "keystrokes": 60, "notes": 0, "other_seconds": 120},
    ],
    "queue": {"model": "mm1", "customers_waiting": 0.0, "arrivals_per_hour": 25.0},
}


def _schema_0002(tmp_path: Path) -> Path:
    path = schema_at(tmp_path, "0002")
    with sqlite3.connect(path) as conn:
        conn.execute(
            "INSERT INTO setting (key, value, updated_at) VALUES (?, ?, ?)",
            ("transaction_mix", json.dumps(OLD_MIX), "2026-11-30 10:00:00.000000"),
        )
    return path


def _rows(path: Path) -> dict[str, list[tuple]]:
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


def test_schema_0002_with_data_upgrades_to_the_queue_tables(tmp_path):
    path = _schema_0002(tmp_path)
    before = _rows(path)
    assert "queue_ticket" not in before
    assert sum(len(rows) for rows in before.values()) > 30

    db = Database(resolve_url(str(path)))
    state = ensure_current(db)
    assert (state.status, state.revision) == (SchemaStatus.OUTDATED, "0002")
    db.dispose()

    after = trimmed(_rows(path), before)  # later migrations may add columns at the end
    assert {table: after[table] for table in before} == before
    assert after["queue_import"] == after["queue_ticket"] == after["queue_hour"] == []
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (
            HEAD_REVISION,
        )
        indexes = {n for (n,) in conn.execute("SELECT name FROM pragma_index_list('queue_ticket')")}
        assert "ix_queue_ticket_branch_day" in indexes
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_the_upgraded_database_keeps_its_mix_and_imports_queue_data(tmp_path):
    path = _schema_0002(tmp_path)
    services = Services.open(str(path), pin_cost=FAST_PIN_COST)
    try:
        cli = Actor.command_line()
        setting = services.settings.transaction_mix(cli)
        assert not setting.is_default
        assert setting.mix.transactions_per_day == 120.0
        assert [t.name for t in setting.mix.types] == ["cash deposit", "transfer"]
        assert setting.assumptions == DEFAULT_ASSUMPTIONS  # the retired queue assumption
        assert setting.mismatch is not None  # 120 a teller: the profile brings 250 a day
        export = write_export(tmp_path / "tickets.csv", days=2)
        result = services.queue_data.import_file(cli, export, ImportOptions(zone=ZONE))
        assert result.added > 400
        assert services.queue_data.measured(cli).days == 2
        team = services.progress.team_customer_time(cli)
        assert team.effect.basis.measured is not None
    finally:
        services.close()
