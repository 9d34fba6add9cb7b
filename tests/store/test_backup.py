import sqlite3
from datetime import UTC, datetime, timedelta

from svctrainer.store.backup import (
    daily_backup_if_due,
    list_backups,
    rotate,
    take_backup,
    verify_sqlite_file,
)

START = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)


def _rows(path):
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT name FROM team ORDER BY name").fetchall()


def _add_team(path, name):
    with sqlite3.connect(path) as conn:
        branch = conn.execute("SELECT id FROM branch").fetchone()
        if branch is None:
            conn.execute(
                "INSERT INTO branch (id, name, created_at) VALUES ('b1', 'B', '2026-01-01')"
            )
            branch = ("b1",)
        conn.execute(
            "INSERT INTO team (id, branch_id, name, created_at) VALUES (?, ?, ?, '2026-01-01')",
            (name, branch[0], name),
        )


def test_backup_is_a_consistent_copy(db_path):
    _add_team(db_path, "Counter A")
    saved = take_backup(db_path, "manual", START)
    assert saved.parent == db_path.parent / "backups"
    assert verify_sqlite_file(saved) == "ok"
    assert _rows(saved) == [("Counter A",)]


def test_daily_backup_at_most_once_a_day(db_path):
    assert daily_backup_if_due(db_path, START) is not None
    assert daily_backup_if_due(db_path, START + timedelta(hours=5)) is None
    assert daily_backup_if_due(db_path, START + timedelta(days=1)) is not None
    assert [b.reason for b in list_backups(db_path)] == ["daily", "daily"]


def test_rotation_keeps_7_daily_and_4_weekly_and_every_manual(db_path):
    for day in range(60):
        take_backup(db_path, "daily", START - timedelta(days=day))
    take_backup(db_path, "manual", START - timedelta(days=90))
    rotate(db_path, START)
    kept = list_backups(db_path)
    daily = [b.taken_at.date() for b in kept if b.reason == "daily"]
    assert daily[:7] == [(START - timedelta(days=d)).date() for d in range(7)]
    assert len(daily) == 7 + 4
    weeks = {b.isocalendar()[:2] for b in daily[7:]}
    assert len(weeks) == 4
    assert [b.reason for b in kept].count("manual") == 1


def test_a_backup_leaves_nothing_but_itself_in_the_folder(db_path):
    """The live file is in WAL mode and a backup copies that mode; checked read-only, a
    WAL copy gets a ``-wal`` and ``-shm`` that a read-only connection cannot remove, so
    every backup left two stray files named after its temporary file behind."""
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    saved = take_backup(db_path, "manual", START)
    assert verify_sqlite_file(saved) == "ok"  # as the restore list checks each one
    assert sorted(p.name for p in saved.parent.iterdir()) == [saved.name]
    assert _rows(saved) == []
