"""The branch key: a secret the workstations of a branch share, kept in each one's
configuration folder (never in the database or in a file it authenticates)."""

from __future__ import annotations

import os
import stat
import threading

import pytest

from svctrainer.core.branch_key import (
    BranchKey,
    BranchKeyError,
    load_branch_key,
    load_or_create_branch_key,
    save_branch_key,
)


def test_a_mac_verifies_only_the_same_bytes_under_the_same_key():
    key, other = BranchKey.generate(), BranchKey.generate()
    mac = key.mac(b"attempt")
    assert len(mac) == 64
    assert key.verify(b"attempt", mac)
    assert not key.verify(b"attempt!", mac)
    assert not other.verify(b"attempt", mac)
    assert not key.verify(b"attempt", "zz")
    assert key.fingerprint != other.fingerprint


def test_the_key_text_round_trips_and_bad_text_is_refused():
    key = BranchKey.generate()
    assert BranchKey.from_text(key.to_text()) == key
    assert BranchKey.from_text("  " + key.to_text() + "\n\n") == key
    for bad in ["", "svctrainer-branch-key-1:short", "other:" + key.to_text().split(":")[1]]:
        with pytest.raises(BranchKeyError):
            BranchKey.from_text(bad)


def test_created_on_first_use_private_and_then_kept(tmp_path):
    old = os.umask(0o022)
    try:
        path = tmp_path / "config" / "branch.key"
        assert load_branch_key(path) is None
        key = load_or_create_branch_key(path)
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_or_create_branch_key(path) == key
    assert load_branch_key(path) == key


def test_two_workstation_processes_creating_it_at_once_agree(tmp_path):
    path = tmp_path / "branch.key"
    found: list[BranchKey] = []
    threads = [
        threading.Thread(target=lambda: found.append(load_or_create_branch_key(path)))
        for _ in range(8)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(set(found)) == 1


def test_installing_another_key_needs_replace_and_keeps_the_old_one(tmp_path):
    path = tmp_path / "branch.key"
    first = load_or_create_branch_key(path)
    second = BranchKey.generate()
    with pytest.raises(BranchKeyError, match="replace"):
        save_branch_key(path, second)
    kept = save_branch_key(path, second, replace=True)
    assert load_branch_key(path) == second
    assert kept is not None
    assert load_branch_key(kept) == first
    assert save_branch_key(path, second) is None  # the same key again: nothing to do


def test_a_key_file_others_can_read_is_refused(tmp_path):
    path = tmp_path / "branch.key"
    load_or_create_branch_key(path)
    path.chmod(0o644)
    with pytest.raises(BranchKeyError, match="0600"):
        load_branch_key(path)
