"""Commands that name a person by employee number, on a server shared by two branches
whose tellers share the number T1: the command refuses to guess, and ``--branch`` picks."""

from __future__ import annotations

import sqlite3

import pytest
from support import add_second_branch

pytestmark = pytest.mark.e2e


@pytest.fixture
def shared(branch, db_path):
    """Test Branch (Tom Teller is T1) and North (Nora North is T1) in one database."""
    add_second_branch(branch.services)
    branch.services.close()
    return db_path


def _pins(path) -> dict[str, str]:
    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT name, pin_hash FROM person WHERE employee_number = 'T1'")
        found = dict(rows.fetchall())
    conn.close()
    return found


def test_an_ambiguous_number_changes_nobody(cli, shared):
    before = _pins(shared)
    result = cli("person", "reset-pin", "T1", "--pin", "13579", "--db", str(shared))
    assert result.returncode == 1, result.stderr
    assert result.stderr == (
        "svctrainer: employee number T1 is used in several branches (North, Test Branch); "
        "say which branch with --branch NAME\n"
    )
    assert _pins(shared) == before


def test_branch_picks_the_person(cli, shared):
    before = _pins(shared)
    result = cli(
        "person", "reset-pin", "T1", "--branch", "North", "--pin", "13579", "--db", str(shared)
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "new PIN set for Nora North; any lockout lifted\n"
    after = _pins(shared)
    assert after["Tom Teller"] == before["Tom Teller"]
    assert after["Nora North"] != before["Nora North"]
    off = cli("person", "deactivate", "T1", "--branch", "Test Branch", "--db", str(shared))
    assert off.stdout == "Tom Teller is now inactive\n"


def test_a_report_on_an_ambiguous_number_is_a_usage_error(cli, shared, tmp_path):
    out = tmp_path / "t1.csv"
    args = ("report", "--person", "T1", "--format", "csv", "-o", str(out), "--db", str(shared))
    refused = cli(*args)
    assert refused.returncode == 2, refused.stderr
    assert "--person: employee number T1 is used in several branches" in refused.stderr
    assert "--branch NAME" in refused.stderr
    assert not out.exists()
    written = cli(*args, "--branch", "Test Branch")
    assert written.returncode == 0, written.stderr
    assert out.exists()


def test_an_unknown_branch_is_named(cli, shared):
    result = cli("person", "activate", "T1", "--branch", "South", "--db", str(shared))
    assert result.returncode == 1
    assert result.stderr == "svctrainer: no branch called 'South'\n"
