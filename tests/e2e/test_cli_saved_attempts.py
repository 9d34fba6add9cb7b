"""Saved-attempt files between workstations: signed with the branch key, checked on import,
stored once however many imports run at once (issue 19, points 6, 7 and 9)."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from support import typed_perfectly

from svctrainer.core.keystrokes import encode_events
from svctrainer.core.packs.definition import Mode
from svctrainer.core.saved_attempt import DRILL, SavedAttempt

pytestmark = [pytest.mark.e2e, pytest.mark.shipped_content]
WHEN = datetime(2026, 11, 21, 8, 15, 30, tzinfo=UTC)


def _files(branch, folder: Path, count: int) -> list[Path]:
    """``count`` results Tom kept in files on this workstation (signed with its key)."""
    svc, tom = branch.services, branch.actor(branch.teller)
    svc.content.sync_bundled()
    record = next(r for r in svc.content.latest(tom) if r.content_id == "tenkey-amounts-test.en")
    _, definition = svc.content.load(tom, record.id)
    folder.mkdir(exist_ok=True)
    paths = []
    for n in range(count):
        events = typed_perfectly(definition, Mode.TEST, seed=n, items=3)
        saved = SavedAttempt(
            DRILL, branch.teller.id, record.id, record.content_id, "test",
            WHEN + timedelta(minutes=n), encode_events(events), seed=n, attempt_id=uuid.uuid4(),
        )  # fmt: skip
        path = folder / f"attempt-{n:02d}.json"
        path.write_text(svc.saved_attempts.signed_file_text(tom, saved), encoding="utf-8")
        paths.append(path)
    return paths


def _stored(db_path: Path) -> int:
    with sqlite3.connect(db_path) as conn:
        count = conn.execute("SELECT count(*) FROM attempt").fetchone()[0]
    conn.close()
    return count


def test_two_concurrent_import_runs_of_the_same_40_files_store_40(
    branch, db_path, tmp_path, isolated_home, figure
):
    files = [str(p) for p in _files(branch, tmp_path / "usb", 40)]
    branch.services.close()
    script = Path(sys.executable).with_name("svctrainer")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "svctrainer"]
    env = {**os.environ, "SVCTRAINER_HOME": str(isolated_home)}
    runs = [
        subprocess.Popen([*command, "attempt", "import", *files, "--db", str(db_path)],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        for _ in range(2)
    ]  # fmt: skip
    outputs = [run.communicate(timeout=600) for run in runs]
    for run, (_out, err) in zip(runs, outputs, strict=True):
        assert run.returncode == 0, err
    imported = sum(out.count("imported ") for out, _ in outputs)
    assert imported == 40
    assert _stored(db_path) == 40
    figure(f"attempt import: 2 concurrent runs of the same 40 files stored {_stored(db_path)}")


def test_a_file_from_another_workstation_needs_the_branch_key(
    cli, branch, db_path, tmp_path, isolated_home
):
    (signed,) = _files(branch, tmp_path / "usb", 1)
    branch.services.close()
    other_home = tmp_path / "other-workstation"
    elsewhere = {"SVCTRAINER_HOME": str(other_home)}
    refused = cli("attempt", "import", str(signed), "--db", str(db_path), env=elsewhere)
    assert refused.returncode == 1
    assert "this workstation has no branch key yet" in refused.stderr
    key_file = tmp_path / "branch-key.txt"
    exported = cli("branch-key", "export", "-o", str(key_file), "--db", str(db_path))
    assert exported.returncode == 0, exported.stderr
    assert oct(key_file.stat().st_mode & 0o777) == "0o600"
    installed = cli("branch-key", "install", str(key_file), "--db", str(db_path), env=elsewhere)
    assert installed.returncode == 0, installed.stderr
    here = cli("branch-key", "show", "--db", str(db_path)).stdout.split()[2]
    there = cli("branch-key", "show", "--db", str(db_path), env=elsewhere).stdout.split()[2]
    assert here == there
    again = cli("attempt", "import", str(signed), "--db", str(db_path), env=elsewhere)
    assert again.returncode == 0, again.stderr
    log = json.loads(cli("audit", "--json", "--db", str(db_path)).stdout)
    actions = [e["action"] for e in log]
    assert {"branch_key.export", "branch_key.install", "attempt.import"} <= set(actions)


def test_an_edited_file_is_refused_and_an_unsigned_one_needs_the_flag(
    cli, branch, db_path, tmp_path
):
    signed, old = _files(branch, tmp_path / "usb", 2)
    branch.services.close()
    payload = json.loads(signed.read_text(encoding="utf-8"))
    payload["person_id"] = str(branch.other_teller.id)
    signed.write_text(json.dumps(payload), encoding="utf-8")
    edited = cli("attempt", "import", str(signed), "--db", str(db_path))
    assert edited.returncode == 1
    assert "changed after it was saved" in edited.stderr
    unsigned = json.loads(old.read_text(encoding="utf-8"))
    unsigned.pop("mac")
    unsigned["format"] = "svctrainer-attempt-1"
    old.write_text(json.dumps(unsigned), encoding="utf-8")
    refused = cli("attempt", "import", str(old), "--db", str(db_path))
    assert refused.returncode == 1
    assert "--allow-unsigned" in refused.stderr
    allowed = cli("attempt", "import", str(old), "--allow-unsigned", "--db", str(db_path))
    assert allowed.returncode == 0, allowed.stderr
    assert _stored(db_path) == 1
    (entry,) = [e for e in json.loads(cli("audit", "--json", "--db", str(db_path)).stdout)
                if e["action"] == "attempt.import"]  # fmt: skip
    assert entry["detail"]["unsigned_allowed"] is True
