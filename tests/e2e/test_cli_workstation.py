"""``svctrainer workstation …`` as the server administrator runs it: this workstation and
another tied to a branch, shown, moved and untied, each change audited."""

from __future__ import annotations

import json
import socket

import pytest

pytestmark = pytest.mark.e2e


@pytest.fixture
def db(branch, db_path):
    branch.services.close()
    return str(db_path)


def test_tie_show_move_and_untie_workstations(cli, db):
    here = socket.gethostname()[:120]
    assert cli("branch", "create", "North", "--db", db).returncode == 0
    shown = cli("workstation", "show", "--db", db)
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout == f"this workstation ({here}) signs in people of every branch\n"
    tied = cli("workstation", "set-branch", "North", "--db", db)
    assert tied.returncode == 0, tied.stderr
    assert tied.stdout == f"workstation {here} now signs in people of branch North only\n"
    other = cli("workstation", "set-branch", "Test Branch", "--workstation", "counter-7",
                "--db", db)  # fmt: skip
    assert other.returncode == 0, other.stderr
    shown = cli("workstation", "show", "--db", db)
    assert shown.stdout.startswith(
        f"this workstation ({here}) signs in people of branch North only\n"
    )
    assert "counter-7" in shown.stdout
    assert "Test Branch" in shown.stdout
    unknown = cli("workstation", "set-branch", "Quayside", "--db", db)
    assert unknown.returncode == 1
    assert "no branch called 'Quayside'" in unknown.stderr
    untied = cli("workstation", "clear-branch", "--db", db)
    assert untied.stdout == f"workstation {here} signs in people of every branch again\n"
    again = cli("workstation", "clear-branch", "--db", db)
    assert again.stdout == f"workstation {here} was not tied to a branch\n"
    log = json.loads(cli("audit", "--json", "--db", db).stdout)
    actions = [e["action"] for e in log]
    assert actions.count("workstation.set_branch") == 2
    assert actions.count("workstation.clear_branch") == 1
