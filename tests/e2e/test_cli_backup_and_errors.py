"""The administrator's safety net on the command line: back up, list, restore, and what
happens when the program itself fails."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest


def _attempts_and_people(path: Path) -> tuple[int, int]:
    with sqlite3.connect(path) as conn:
        people = conn.execute("SELECT count(*) FROM person").fetchone()[0]
        attempts = conn.execute("SELECT count(*) FROM attempt").fetchone()[0]
    conn.close()
    return people, attempts


@pytest.fixture
def demo_db(cli, tmp_path) -> Path:
    path = tmp_path / "branch.sqlite3"
    made = cli("demo", "--db", str(path), timeout=300)
    assert made.returncode == 0, made.stderr
    return path


def test_backup_then_restore_after_a_mistake(cli, demo_db, tmp_path):
    before = _attempts_and_people(demo_db)
    saved = cli("db", "backup", "--db", str(demo_db))
    assert saved.returncode == 0, saved.stderr
    backup = Path(saved.stdout.strip().removeprefix("backed up to "))
    assert backup.exists()
    listed = cli("db", "backups", "--db", str(demo_db))
    assert str(backup) in listed.stdout
    # A mistake: someone empties the attempts table with another tool.
    with sqlite3.connect(demo_db) as conn:
        conn.execute("DELETE FROM attempt_event")
        conn.execute("DELETE FROM attempt")
    conn.close()
    assert _attempts_and_people(demo_db)[1] == 0
    refused = cli("db", "restore", str(backup), "--db", str(demo_db), input_text="")
    assert refused.returncode != 0 or "nothing changed" in refused.stdout
    assert "Traceback" not in refused.stderr
    assert _attempts_and_people(demo_db)[1] == 0  # not confirmed: nothing changed
    restored = cli("db", "restore", str(backup), "--yes", "--db", str(demo_db))
    assert restored.returncode == 0, restored.stderr
    assert _attempts_and_people(demo_db) == before
    aside = restored.stdout.split("previous database kept at ")[-1].strip()
    assert Path(aside).exists()  # the replaced file is kept, never overwritten
    checked = cli("db", "check", "--db", str(demo_db))
    assert checked.returncode == 0, checked.stderr


def test_restoring_a_missing_backup_is_one_line(cli, demo_db, tmp_path):
    result = cli("db", "restore", str(tmp_path / "nope.sqlite3"), "--yes", "--db", str(demo_db))
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr


def test_an_unexpected_error_points_at_the_log_file(isolated_home, tmp_path):
    """A bug cannot be produced on demand, so a subprocess makes one handler fail the way
    a bug would; everything after that is the real error path."""
    program = (
        "import sys\n"
        "from svctrainer.commands import database, runner\n"
        "def broken(args):\n"
        "    raise KeyError('row 17')\n"
        "database.backup = broken\n"
        "sys.exit(runner.run_handler('database:backup', None))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", program],
        capture_output=True,
        text=True,
        env={"SVCTRAINER_HOME": str(isolated_home), "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    [line] = result.stderr.splitlines()
    assert line.startswith("svctrainer: unexpected error (KeyError: 'row 17'); details in ")
    log = Path(line.split("details in ")[1])
    assert log.is_relative_to(isolated_home)
    text = log.read_text(encoding="utf-8")
    assert "Traceback" in text
    assert "KeyError: 'row 17'" in text
