"""``svctrainer sync export|import`` as a person runs them: a training room's results
reach the branch server's database through a bundle, once however often it is imported;
a tampered bundle is refused with nothing imported (issue 16, point 3)."""

from __future__ import annotations

import shutil
import sqlite3
import zipfile
from pathlib import Path

import pytest
from sync_support import record_drill, record_hand_count, workstation

pytestmark = pytest.mark.e2e


def _stored(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        count = conn.execute("SELECT count(*) FROM attempt").fetchone()[0]
    conn.close()
    return count


@pytest.fixture
def room_and_server(shipped_content_db, tmp_path) -> tuple[Path, Path]:
    paths = []
    for name in ("room.sqlite3", "server.sqlite3"):
        path = tmp_path / name
        shutil.copyfile(shipped_content_db, path)
        paths.append(path)
    room = workstation(str(paths[0]))
    record_drill(room, room.tom, 1)
    record_hand_count(room, room.tess, 20)
    room.services.close()
    workstation(str(paths[1])).services.close()
    return paths[0], paths[1]


def test_a_bundle_moves_results_once_and_a_tampered_one_is_refused(cli, room_and_server, tmp_path):
    room, server = room_and_server
    bundle = tmp_path / "room-2026-11-20.zip"
    exported = cli("sync", "export", "-o", str(bundle), "--db", str(room))
    assert exported.returncode == 0, exported.stderr
    assert "1 attempts, 0 scenario runs, 1 hand counts" in exported.stdout

    server_home = {"SVCTRAINER_HOME": str(tmp_path / "server-workstation")}
    refused = cli("sync", "import", str(bundle), "--db", str(server), env=server_home)
    assert refused.returncode == 1
    assert "no branch key yet" in refused.stderr
    key = tmp_path / "branch.key.txt"
    assert cli("branch-key", "export", "-o", str(key), "--db", str(room)).returncode == 0
    installed = cli("branch-key", "install", str(key), "--db", str(server), env=server_home)
    assert installed.returncode == 0, installed.stderr

    first = cli("sync", "import", str(bundle), "--db", str(server), env=server_home)
    assert first.returncode == 0, first.stderr
    assert "2 inserted, 0 identical, 0 conflicts" in first.stdout
    again = cli("sync", "import", str(bundle), "--db", str(server), env=server_home)
    assert "0 inserted, 2 identical, 0 conflicts" in again.stdout
    assert _stored(server) == 2

    tampered = tmp_path / "tampered.zip"
    with zipfile.ZipFile(bundle) as source, zipfile.ZipFile(tampered, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "attempts.jsonl":
                data = data.replace(b'"valid":true', b'"valid":false')
            target.writestr(info, data)
    with sqlite3.connect(server) as conn:
        conn.execute("DELETE FROM attempt_event")
        conn.execute("DELETE FROM attempt")
    conn.close()
    rejected = cli("sync", "import", str(tampered), "--db", str(server), env=server_home)
    assert rejected.returncode == 1
    assert "changed after the bundle was made" in rejected.stderr
    assert _stored(server) == 0


def test_since_takes_a_day_and_refuses_anything_else(cli, room_and_server, tmp_path):
    room, _ = room_and_server
    later = cli("sync", "export", "-o", str(tmp_path / "b.zip"), "--since", "2999-01-01",
                "--db", str(room))  # fmt: skip
    assert later.returncode == 0, later.stderr
    assert "0 attempts, 0 scenario runs, 0 hand counts" in later.stdout
    bad = cli("sync", "export", "-o", str(tmp_path / "c.zip"), "--since", "last week",
              "--db", str(room))  # fmt: skip
    assert bad.returncode != 0
    assert "--since" in bad.stderr
    assert not (tmp_path / "c.zip").exists()


def test_on_a_server_of_several_branches_a_bundle_is_one_named_branch(
    cli, room_and_server, tmp_path
):
    room, server = room_and_server
    for db in (room, server):
        assert cli("branch", "create", "Hillside", "--db", str(db)).returncode == 0
    unnamed = cli("sync", "export", "-o", str(tmp_path / "x.zip"), "--db", str(room))
    assert unnamed.returncode == 1
    assert "say which branch" in unnamed.stderr
    assert not (tmp_path / "x.zip").exists()
    bundle = tmp_path / "harbour.zip"
    done = cli("sync", "export", "-o", str(bundle), "--branch", "Harbour Road", "--db", str(room))
    assert done.returncode == 0, done.stderr
    assert "(branch Harbour Road): 1 attempts, 0 scenario runs, 1 hand counts" in done.stdout
    empty = tmp_path / "hillside.zip"
    assert (
        cli(
            "sync", "export", "-o", str(empty), "--branch", "Hillside", "--db", str(room)
        ).returncode
        == 0
    )
    imported = cli("sync", "import", str(bundle), "--db", str(server))
    assert imported.returncode == 0, imported.stderr
    assert "into branch Harbour Road): 2 inserted" in imported.stdout
    assert _stored(server) == 2
    # A server without the bundle's branch refuses it, naming the branch.
    lone = tmp_path / "lone.sqlite3"
    shutil.copyfile(shipped_content_db_of(server), lone)
    refused = cli("sync", "import", str(bundle), "--db", str(lone))
    assert refused.returncode == 1
    assert "branch 'Harbour Road', which is not in this database" in refused.stderr


def shipped_content_db_of(server: Path) -> Path:
    """A database of another branch: the server's copy with its one branch renamed."""
    other = server.parent / "renamed.sqlite3"
    shutil.copyfile(server, other)
    with sqlite3.connect(other) as conn:
        conn.execute("DELETE FROM attempt_event")
        conn.execute("DELETE FROM attempt")
        conn.execute("DELETE FROM branch WHERE name = 'Hillside'")
        conn.execute("UPDATE branch SET name = 'Quayside'")
    conn.close()
    return other


def test_reset_pin_follows_the_branch_pin_policy_on_a_shared_server(cli, room_and_server):
    _, server = room_and_server
    db = ("--db", str(server))
    assert cli("branch", "create", "Hillside", *db).returncode == 0
    added = cli("person", "add", "--branch", "Hillside", "--name", "Hana Hill", "--number",
                "T1", "--roles", "teller", "--pin", "2468", *db)  # fmt: skip
    assert added.returncode == 0, added.stderr
    policy = cli("person", "pin-policy", "--min-digits", "6", "--branch", "Hillside", *db)
    assert policy.returncode == 0, policy.stderr
    assert "in branch 'Hillside'" in policy.stdout
    short = cli("person", "reset-pin", "T1", "--branch", "Hillside", "--pin", "1234", *db)
    assert short.returncode == 1
    assert "a PIN is 6 to 12 digits" in short.stderr
    ok = cli("person", "reset-pin", "T1", "--branch", "Hillside", "--pin", "123456", *db)
    assert ok.returncode == 0, ok.stderr
    # Harbour Road keeps the server's 4-digit rule.
    assert cli("person", "reset-pin", "T1", "--branch", "Harbour Road", "--pin", "1357",
               *db).returncode == 0  # fmt: skip
