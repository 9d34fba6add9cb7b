"""Restoring a backup can never lose the database (issue 19, point 1).

The backup is validated before anything changes; the new database is written beside the
live one, made durable and renamed over it in one step, under the live database's write
lock; the replaced file is kept aside. These tests refuse bad backups, fill a real small
disk during the copy, SIGKILL a restoring process after every one of its steps, and run a
writer process through a restore: no attempt reported committed is lost.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import pytest
from support import FAST_PIN_COST
from test_storage_failures import _tmpfs

from svctrainer.core.roles import Role
from svctrainer.services.actor import Actor
from svctrainer.services.api import Services
from svctrainer.services.database_admin import restore_file
from svctrainer.store.database import Database, resolve_url
from svctrainer.store.errors import StorageFullError, StoreError
from svctrainer.store.health import check_database

CLI = Actor.command_line()
HERE = Path(__file__).resolve().parent
RUNNER = HERE / "restore_runner.py"
WRITER = HERE / "attempt_writer.py"
STEPS = ("validated", "copying", "copied", "locked", "kept_aside", "sidecars_removed",
         "swapped", "released")  # fmt: skip


def _teams(path: Path) -> list[str]:
    uri = f"file:{path}?mode=ro"
    with sqlite3.connect(uri, uri=True) as conn:
        names = [n for (n,) in conn.execute("SELECT name FROM team ORDER BY name")]
    conn.close()
    return names


def _branch(path: Path) -> None:
    svc = Services.open(str(path), pin_cost=FAST_PIN_COST)
    svc.auth.set_up_branch(branch_name="B", admin_name="Ada", employee_number="A1", pin="2468")
    svc.people.create_team(CLI, "Backed up")
    svc.close()


@pytest.fixture
def live_and_backup(db_path: Path, tmp_path: Path) -> tuple[Path, Path]:
    """A live database whose backup holds team "Backed up"; the live one has since also
    gained team "After the backup"."""
    _branch(db_path)
    svc = Services.open(str(db_path), pin_cost=FAST_PIN_COST)
    backup = svc.database.backup_now(CLI, tmp_path / "good-backup.sqlite3")
    svc.people.create_team(CLI, "After the backup")
    svc.close()
    return db_path, backup


def _restore(live: Path, backup: Path) -> Path | None:
    db = Database.unchecked(resolve_url(str(live)))
    try:
        return restore_file(db, backup, CLI)
    finally:
        db.dispose()


def _leftovers(live: Path) -> list[str]:
    return sorted(p.name for p in live.parent.iterdir() if ".restoring" in p.name)


def test_a_good_backup_is_restored_and_the_old_file_kept_aside(live_and_backup):
    live, backup = live_and_backup
    aside = _restore(live, backup)
    assert _teams(live) == ["Backed up"]
    assert aside is not None
    assert _teams(aside) == ["After the backup", "Backed up"]
    assert check_database(str(live)).ok
    assert _leftovers(live) == []
    svc = Services.open(str(live), pin_cost=FAST_PIN_COST)
    (entry,) = svc.audit.recent(CLI, action="database.restore")
    assert entry.detail["previous_kept_at"] == str(aside)
    svc.close()


def _newer_schema(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.close()


def _unrelated(path: Path) -> None:
    path.unlink()
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE recipes (name TEXT)")
        conn.execute("INSERT INTO recipes VALUES ('soup')")
    conn.close()


def _empty_file(path: Path) -> None:
    path.write_bytes(b"")


def _never_set_up(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        for table in ("audit_log", "team", "person_role", "person", "branch"):
            conn.execute(f"DELETE FROM {table}")  # noqa: S608 - our own table names
    conn.close()


def _damaged(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        size = conn.execute("PRAGMA page_size").fetchone()[0]
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name='team'").fetchone()[0]
    conn.close()
    data = bytearray(path.read_bytes())
    data[(root - 1) * size : (root - 1) * size + 64] = b"\xa5" * 64
    path.write_bytes(bytes(data))


def _not_sqlite(path: Path) -> None:
    path.write_bytes(b"%PDF-1.7 quarterly report\n" * 300)


BAD_BACKUPS = {
    "newer schema": (_newer_schema, "newer svctrainer"),
    "unrelated sqlite file": (_unrelated, "not an svctrainer database"),
    "empty file": (_empty_file, "empty"),
    "never set up": (_never_set_up, "never set up"),
    "damaged": (_damaged, "integrity"),
    "not sqlite": (_not_sqlite, "not an svctrainer database"),
}


@pytest.mark.parametrize("spoil", BAD_BACKUPS.values(), ids=BAD_BACKUPS.keys())
def test_a_backup_is_validated_before_anything_changes(live_and_backup, spoil):
    """A newer-schema or unrelated backup ended with exit 1 but the database already
    replaced; an empty SQLite file gave "restored" and an empty database."""
    live, backup = live_and_backup
    make_bad, says = spoil
    make_bad(backup)
    before = live.read_bytes()
    with pytest.raises(StoreError, match=says):
        _restore(live, backup)
    assert live.read_bytes() == before
    assert [p.name for p in live.parent.iterdir() if "replaced" in p.name] == []
    assert _leftovers(live) == []
    assert _teams(live) == ["After the backup", "Backed up"]


def test_disk_full_during_the_restore_leaves_the_live_database(tmp_path, template_db):
    """Disk full during the copy left no live file, and the next command silently created
    an empty database."""
    with _tmpfs(tmp_path / "small", "1200k") as disk:
        live = disk / "svctrainer.sqlite3"
        shutil.copyfile(template_db, live)
        _branch(live)
        big = tmp_path / "big-backup.sqlite3"
        shutil.copyfile(live, big)
        with sqlite3.connect(big) as conn:  # a backup larger than the space left
            conn.execute("CREATE TABLE ballast (b BLOB)")
            conn.executemany("INSERT INTO ballast VALUES (?)", [(os.urandom(4096),)] * 400)
        conn.close()
        before = live.read_bytes()
        with pytest.raises(StorageFullError):
            _restore(live, big)
        assert live.read_bytes() == before
        assert _leftovers(live) == []
        assert check_database(str(live)).ok
        assert _teams(live) == ["Backed up"]


@pytest.mark.slow
@pytest.mark.parametrize("step", STEPS)
def test_a_kill_at_any_step_leaves_one_whole_database(live_and_backup, step, figure, cli_zygote):
    """SIGKILL right after each step: 3 of 15 kills during the copy left no live file.
    Whatever the step, the live file is a whole database - the old one before the swap,
    the restored one after it - the app opens it and can write to it. The restoring
    process is forked from the worker's zygote (its start is not what is tested)."""
    live, backup = live_and_backup
    done = cli_zygote.run_script(
        RUNNER, str(live), str(backup), step, env=dict(os.environ), timeout=120
    )
    assert done.stdout.strip() == f"killed at {step}", done.stderr
    assert done.returncode == -9
    assert live.exists()
    assert check_database(str(live)).ok, check_database(str(live)).reason
    swapped = STEPS.index(step) >= STEPS.index("swapped")
    assert _teams(live) == (["Backed up"] if swapped else ["After the backup", "Backed up"])
    kept = [p for p in live.parent.iterdir() if "replaced" in p.name and p.suffix == ".sqlite3"]
    if swapped:
        assert len(kept) == 1
        assert _teams(kept[0]) == ["After the backup", "Backed up"]
    svc = Services.open(str(live), pin_cost=FAST_PIN_COST)
    svc.people.create_team(CLI, f"After a kill at {step}")
    svc.close()
    assert f"After a kill at {step}" in _teams(live)
    _restore(live, backup)  # and a restore after the crash works, leftovers or not
    assert _teams(live) == ["Backed up"]
    assert _leftovers(live) == []
    figure(f"restore: SIGKILL after step '{step}': one whole database, opens and writes")


@pytest.mark.slow
@pytest.mark.shipped_content
def test_a_writer_during_the_restore_loses_nothing(db_path, tmp_path, figure):
    """A process writing during the restore kept committing into the moved-aside file:
    1 227 attempts reported committed were missing, and the writer saw no error. Now a
    writer waits for the restore's lock, then goes on in the restored database; what it
    committed before is in the file kept aside."""
    svc = Services.open(str(db_path), pin_cost=FAST_PIN_COST)
    svc.content.sync_bundled()
    svc.auth.set_up_branch(branch_name="B", admin_name="Ada", employee_number="A1", pin="2468")
    svc.people.create_person(CLI, name="Writer", employee_number="T0", pin="2468",
                             roles=[Role.TELLER])  # fmt: skip
    backup = svc.database.backup_now(CLI, tmp_path / "backup.sqlite3")
    svc.close()
    per_run = 300
    errors = tmp_path / "writer.err"
    marks: dict[str, int] = {}
    lines: list[str] = []
    with (
        errors.open("w") as error_stream,
        subprocess.Popen(
            [sys.executable, str(WRITER), str(db_path), "T0", str(per_run), "--times"],
            stdout=subprocess.PIPE, stderr=error_stream, text=True,
            env={**os.environ, "SVCTRAINER_HOME": str(tmp_path / "writer-home")},
        ) as writer,
    ):  # fmt: skip
        assert writer.stdout is not None
        assert writer.stdout.readline().strip() == "ready"
        reader = threading.Thread(target=lambda: lines.extend(writer.stdout), daemon=True)
        reader.start()
        while len(lines) < 40:  # restore while it writes
            time.sleep(0.01)
        db = Database.unchecked(resolve_url(str(db_path)))
        aside = restore_file(
            db, backup, CLI, on_step=lambda s: marks.setdefault(s, time.monotonic_ns())
        )
        db.dispose()
        writer.wait(timeout=600)
        reader.join(timeout=30)
    assert writer.returncode == 0, errors.read_text()
    reported = [(uuid.UUID(i), int(t)) for i, t in (line.split() for line in lines)]
    assert len(reported) == per_run
    live_ids, aside_ids = _attempts(db_path), _attempts(aside)
    lost = [i for i, _ in reported if i not in live_ids and i not in aside_ids]
    assert lost == []
    after = [i for i, t in reported if t > marks["released"]]
    before = [i for i, t in reported if t < marks["locked"]]
    assert after
    assert before
    assert set(after) <= live_ids  # committed after the restore: in the live database
    assert aside_ids & set(after) == set()  # nothing went into the file set aside
    assert set(before) <= aside_ids
    figure(
        f"restore with a writer: {len(reported)} attempts reported, {len(before)} before the "
        f"restore (kept aside), {len(after)} after it (live), none lost"
    )


def _attempts(path: Path) -> set[uuid.UUID]:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        ids = {uuid.UUID(hex=i) for (i,) in conn.execute("SELECT id FROM attempt")}
    conn.close()
    return ids
