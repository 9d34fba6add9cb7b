"""Pouring a SQLite database's rows into another of the same schema in one transaction
(the demo on a server, or in an existing empty file): every row, dates moved by whole
days, content the target already holds kept and pointed at."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from svctrainer.store.bulk_copy import copy_rows
from svctrainer.store.database import Database, resolve_url
from svctrainer.store.errors import DuplicateRowError

SHIFT_DAYS = 14


def _rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


@pytest.fixture
def target(shipped_content_db: Path, tmp_path: Path) -> Path:
    """An empty branch database whose workstation already synced the shipped content."""
    path = tmp_path / "target.sqlite3"
    shutil.copyfile(shipped_content_db, path)
    return path


def test_every_row_is_copied_with_its_dates_moved_and_the_targets_content_kept(
    demo_cache: Path, target: Path
):
    synced = dict(_rows(target, "SELECT id, content_id || ':' || content_hash FROM content_item"))
    (audited,) = _rows(target, "SELECT count(*) FROM audit_log")[0]  # the content's import
    db = Database(resolve_url(str(target)))
    try:
        with db.writing() as session:
            count = copy_rows(demo_cache, session, shift_days=SHIFT_DAYS)
    finally:
        db.dispose()

    assert count.content_kept == len(synced)
    for table in ("person", "attempt", "attempt_event", "queue_ticket", "queue_hour",
                  "assignment", "audit_log", "contest"):  # fmt: skip
        count_rows = f"SELECT count(*) FROM {table}"  # noqa: S608 - a table name above
        source, copied = (_rows(p, count_rows)[0][0] for p in (demo_cache, target))
        already = audited if table == "audit_log" else 0
        assert copied - already == source == count.rows[table], table
    # the target's own content rows, none twice; every attempt points at one of them
    assert (
        dict(_rows(target, "SELECT id, content_id || ':' || content_hash FROM content_item"))
        == synced
    )
    assert _rows(target, "SELECT count(*) FROM attempt WHERE content_item_id NOT IN "
                         "(SELECT id FROM content_item)") == [(0,)]  # fmt: skip
    before = dict(_rows(demo_cache, "SELECT id, started_at FROM attempt"))
    after = dict(_rows(target, "SELECT id, started_at FROM attempt"))
    assert before.keys() == after.keys()
    for attempt_id, started in before.items():
        moved = datetime.fromisoformat(str(after[attempt_id])) - datetime.fromisoformat(
            str(started)
        )
        assert moved == timedelta(days=SHIFT_DAYS)
    tickets = _rows(target, "SELECT issued_at, local_day FROM queue_ticket")
    assert all(str(issued)[:10] == str(day) for issued, day in tickets)
    assert _rows(target, "PRAGMA foreign_key_check") == []


def test_a_copy_that_fails_midway_leaves_nothing(demo_cache: Path, target: Path):
    """One transaction: a clash in a late table (an audit entry the target already holds,
    by id) rolls back the people, teams and attempts copied before it."""
    (entry,) = _rows(demo_cache, "SELECT id, at FROM audit_log ORDER BY at DESC LIMIT 1")
    (audited,) = _rows(target, "SELECT count(*) FROM audit_log")[0]
    with sqlite3.connect(target) as connection:
        connection.execute(
            "INSERT INTO audit_log (id, at, actor_label, action, detail) "
            "VALUES (?, ?, 'test', 'clash', '{}')",
            entry,
        )
    connection.close()
    db = Database(resolve_url(str(target)))
    try:
        with pytest.raises(DuplicateRowError), db.writing() as session:
            copy_rows(demo_cache, session)
    finally:
        db.dispose()
    for table in ("branch", "person", "attempt", "attempt_event", "queue_ticket"):
        assert _rows(target, f"SELECT count(*) FROM {table}") == [(0,)], table  # noqa: S608
    assert _rows(target, "SELECT count(*) FROM audit_log") == [(audited + 1,)]
