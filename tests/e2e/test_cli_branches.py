"""``svctrainer branch …`` and ``svctrainer region …`` on one database that becomes a
server of two branches: created, renamed and grouped from the command line, each change
in the audit log, and the region report comparing them."""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.e2e


@pytest.fixture
def db(branch, db_path):
    branch.services.content.sync_bundled()
    branch.services.close()
    return str(db_path)


def test_branches_and_a_region_from_the_command_line(cli, db):
    made = cli("branch", "create", "North", "--db", db)
    assert made.returncode == 0, made.stderr
    assert made.stdout.startswith("added branch North;")
    again = cli("branch", "create", "North", "--db", db)
    assert again.returncode == 1
    assert again.stderr == "svctrainer: a branch called 'North' already exists\n"

    # With two branches, a command that adds to one must say which.
    unnamed = cli("person", "add", "--name", "Nora North", "--number", "T1", "--roles",
                  "teller", "--pin", "2468", "--db", db)  # fmt: skip
    assert unnamed.returncode == 1
    assert "this database holds several branches (North, Test Branch)" in unnamed.stderr
    assert unnamed.stderr.endswith("with --branch NAME\n")
    for args in (
        ("team", "add", "Harbour", "--branch", "North"),
        ("person", "add", "--name", "Nora North", "--number", "T1", "--roles", "teller",
         "--team", "Harbour", "--pin", "2468", "--branch", "North"),
        ("person", "add", "--name", "Rhea Regional", "--number", "G1", "--roles",
         "regional_supervisor", "--pin", "2468", "--branch", "North"),
    ):  # fmt: skip
        done = cli(*args, "--db", db)
        assert done.returncode == 0, done.stderr
    north = json.loads(cli("person", "list", "--branch", "North", "--json", "--db", db).stdout)
    assert [(p["name"], p["team"]) for p in north] == [
        ("Nora North", "Harbour"),
        ("Rhea Regional", None),
    ]

    renamed = cli("branch", "rename", "North", "North Harbour", "--db", db)
    assert renamed.stdout == "branch North is now North Harbour\n"
    region = cli("region", "create", "Coast", "Test Branch", "North Harbour", "--db", db)
    assert region.stdout == "added region Coast: North Harbour, Test Branch\n"
    unknown = cli("region", "create", "Inland", "South", "--db", db)
    assert unknown.stderr == "svctrainer: no branch called 'South'\n"
    reader = cli("region", "add-supervisor", "Coast", "G1", "--db", db)
    assert reader.stdout == "Rhea Regional reads region Coast (North Harbour, Test Branch)\n"
    not_a_regional = cli("region", "add-supervisor", "Coast", "T1", "--branch", "North Harbour",
                         "--db", db)  # fmt: skip
    assert "does not hold the regional_supervisor role" in not_a_regional.stderr

    listed = json.loads(cli("branch", "list", "--json", "--db", db).stdout)
    assert listed == [
        {"name": "North Harbour", "people": 2, "regions": ["Coast"]},
        {"name": "Test Branch", "people": 6, "regions": ["Coast"]},
    ]
    regions = json.loads(cli("region", "list", "--json", "--db", db).stdout)
    assert regions == [
        {
            "name": "Coast",
            "branches": ["North Harbour", "Test Branch"],
            "supervisors": ["Rhea Regional (G1)"],
        }
    ]
    report = cli("region", "report", "--region", "Coast", "--family", "tenkey-amounts.en",
                 "--json", "--db", db)  # fmt: skip
    assert report.returncode == 0, report.stderr
    (board,) = json.loads(report.stdout)
    assert [b["branch"] for b in board["branches"]] == ["North Harbour", "Test Branch"]
    assert [b["tellers"] for b in board["branches"]] == [1, 3]
    assert board["metric"] == "speed"

    audit = json.loads(cli("audit", "--json", "--limit", "40", "--db", db).stdout)
    actions = [e["action"] for e in audit]
    for action in ("branch.create", "branch.rename", "region.create", "region.supervisor_add"):
        assert action in actions
    assert all(e["actor"].startswith("cli:") for e in audit if e["action"].startswith("region."))
