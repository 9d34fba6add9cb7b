"""A 0003 database holding data upgrades to 0004 (a unique fingerprint per attempt)
without losing a row; old rows keep no fingerprint, and a duplicate fingerprint is
refused by the database itself."""

import sqlite3
from pathlib import Path

import pytest
from schema_history import schema_at
from test_migration_0002 import _rows

from svctrainer.store.database import Database, resolve_url
from svctrainer.store.migrate import SchemaStatus, ensure_current


@pytest.fixture
def schema_0003(tmp_path) -> Path:
    """Release 0001's fixture brought to 0003, as a 0003 workstation would hold it."""
    return schema_at(tmp_path, "0003_queue_tickets")


def test_schema_0003_with_data_upgrades_to_0004_without_losing_a_row(schema_0003):
    before = _rows(schema_0003)
    assert len(before["attempt"]) == 8
    db = Database(resolve_url(str(schema_0003)))
    state = ensure_current(db, backup=False)
    db.dispose()
    assert (state.status, state.revision) == (SchemaStatus.OUTDATED, "0003_queue_tickets")
    after = _rows(schema_0003)
    # Tables of later revisions (0006_regions, 0007_contest) are new and empty, but for
    # the progress summary (0008), which is derived from the attempts.
    assert {t: rows for t, rows in after.items() if t != "attempt" and t in before} == {
        t: rows for t, rows in before.items() if t != "attempt"
    }
    derived = {"progress_summary", "progress_test_edge"}
    assert not any(rows for t, rows in after.items() if t not in {*before, *derived})
    assert [row[:-1] for row in after["attempt"]] == before["attempt"]  # + fingerprint
    assert all(row[-1] is None for row in after["attempt"])  # old rows: none
    with sqlite3.connect(schema_0003) as conn:
        unique = {name: flag for _, name, flag, *_ in conn.execute("PRAGMA index_list('attempt')")}
        assert unique["ix_attempt_fingerprint"] == 1
        conn.execute("UPDATE attempt SET fingerprint = 'f' WHERE rowid = 1")
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute("UPDATE attempt SET fingerprint = 'f' WHERE rowid = 2")
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.close()
