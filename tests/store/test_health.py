"""``db check`` on healthy and really damaged files, and it never changes the file."""

import hashlib
import sqlite3

import pytest

from svctrainer.store.health import check_database


def _fill(path, teams=400):
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO branch (id, name, created_at) VALUES ('b', 'B', '2026-01-01')")
        conn.executemany(
            "INSERT INTO team (id, branch_id, name, created_at) VALUES (?, 'b', ?, '2026-01-01')",
            [(f"t{i}", f"team {i} " + "x" * 40) for i in range(teams)],
        )
    conn.close()
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_healthy_database(db_path):
    _fill(db_path)
    report = check_database(str(db_path))
    assert report.ok, report.reason
    assert report.integrity == "ok"
    assert report.revision == report.expected_revision
    assert report.tables["team"] == 400
    assert "alembic_version" not in report.tables


def test_overwritten_bytes_are_reported_and_the_file_is_untouched(db_path):
    _fill(db_path)
    with sqlite3.connect(db_path) as conn:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'team'").fetchone()[0]
    conn.close()
    data = bytearray(db_path.read_bytes())
    start = (root - 1) * page_size  # the team table's b-tree root: its header and cell pointers
    for offset in range(start, start + 64):
        data[offset] = 0xA5
    db_path.write_bytes(bytes(data))
    digest = _digest(db_path)
    report = check_database(str(db_path))
    assert not report.ok
    assert "damaged" in (report.reason or "") or "malformed" in (report.reason or "")
    assert _digest(db_path) == digest


def test_file_cut_in_half(db_path):
    _fill(db_path)
    data = db_path.read_bytes()
    db_path.write_bytes(data[: len(data) // 2])
    report = check_database(str(db_path))
    assert not report.ok


def test_not_a_database(tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(b"%PDF-1.7\n" + b"0" * 2000)
    report = check_database(str(path))
    assert not report.ok
    assert "not an svctrainer database" in report.reason


def test_half_migrated_database(db_path):
    with sqlite3.connect(db_path) as conn:
        conn.execute("DROP TABLE attempt_event")
    report = check_database(str(db_path))
    assert not report.ok
    assert "half-migrated" in report.reason
    assert "attempt_event" in report.reason


@pytest.mark.parametrize("missing", ["missing.sqlite3", "nodir/missing.sqlite3"])
def test_missing_file_is_not_created(tmp_path, missing):
    report = check_database(str(tmp_path / missing))
    assert not report.ok
    assert not (tmp_path / missing).exists()
