"""The ``svctrainer`` command as an administrator or a scheduled job runs it."""

import json
import os
import sqlite3

import pytest

from svctrainer import __version__

pytestmark = pytest.mark.e2e


def test_version(cli):
    result = cli("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"svctrainer {__version__}"


@pytest.mark.parametrize(
    "args",
    [
        ["--bogus"],
        ["db", "check", "--bogus"],
        ["db"],
        ["nonsense"],
        ["person", "add", "--name", "X"],
        ["audit", "--limit", "many"],
        ["audit", "--limit", "100000000000000000000"],  # was an OverflowError from SQLite
        ["audit", "--limit", "0"],
    ],
)
def test_wrong_arguments_give_one_line_and_exit_2(cli, args):
    result = cli(*args)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "error:" in lines[0]
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("args", [[], ["db"], ["db", "check"], ["person"], ["demo"], ["gui"]])
def test_every_subcommand_has_help(cli, args):
    result = cli(*args, "--help")
    assert result.returncode == 0
    assert "usage:" in result.stdout


def test_demo_then_check_json(cli, tmp_path):
    db = tmp_path / "branch.sqlite3"
    url = f"sqlite:///{db}"
    made = cli("demo", "--db", url)
    assert made.returncode == 0, made.stderr
    assert "24 people in 3 teams" in made.stdout
    # --db is accepted before the subcommand too.
    checked = cli("--db", url, "db", "check", "--json")
    assert checked.returncode == 0, checked.stderr
    report = json.loads(checked.stdout)
    assert report["ok"] is True
    assert report["integrity"] == "ok"
    assert report["revision"] == report["expected_revision"]
    assert report["tables"]["person"] == 24
    assert report["tables"]["team"] == 3


def test_demo_refuses_a_database_with_people(cli, tmp_path):
    url = f"sqlite:///{tmp_path / 'b.sqlite3'}"
    assert cli("demo", "--db", url).returncode == 0
    again = cli("demo", "--db", url)
    assert again.returncode == 1
    assert "already has people" in again.stderr
    assert "Traceback" not in again.stderr


def test_db_env_variable(cli, tmp_path):
    url = f"sqlite:///{tmp_path / 'env.sqlite3'}"
    assert cli("demo", env={"SVCTRAINER_DB": url}).returncode == 0
    assert json.loads(cli("db", "check", "--json", env={"SVCTRAINER_DB": url}).stdout)["ok"]


def test_check_fails_with_one_line_on_damage(cli, tmp_path):
    path = tmp_path / "x.sqlite3"
    path.write_bytes(b"this is not a database at all" * 50)
    result = cli("db", "check", "--db", str(path))
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1
    assert "not an svctrainer database" in result.stderr
    as_json = cli("db", "check", "--json", "--db", str(path))
    assert as_json.returncode == 1
    assert json.loads(as_json.stdout)["ok"] is False


def test_admin_commands_are_audited_with_os_user(cli, tmp_path):
    url = f"sqlite:///{tmp_path / 'a.sqlite3'}"
    assert cli("demo", "--db", url).returncode == 0
    added = cli(
        "person",
        "add",
        "--db",
        url,
        "--name",
        "Nora New",
        "--number",
        "E2000",
        "--roles",
        "teller",
        "--team",
        "Counter A",
        "--pin",
        "4321",
    )
    assert added.returncode == 0, added.stderr
    roles = cli("person", "set-roles", "E2000", "teller,trainer", "--db", url)
    assert roles.returncode == 0, roles.stderr
    log = json.loads(cli("audit", "--json", "--db", url).stdout)
    assert log[0]["action"] == "person.roles"
    assert log[0]["actor"].startswith("cli:")
    # The CLI used the production PIN cost.
    with sqlite3.connect(tmp_path / "a.sqlite3") as conn:
        stored = conn.execute(
            "SELECT pin_hash FROM person WHERE employee_number='E2000'"
        ).fetchone()[0]
    assert stored.startswith("scrypt$131072$8$1$")


def test_user_errors_never_print_tracebacks(cli, tmp_path):
    url = f"sqlite:///{tmp_path / 'c.sqlite3'}"
    assert cli("demo", "--db", url).returncode == 0
    for args in (
        ["person", "set-roles", "NOPE", "teller"],
        ["person", "set-roles", "E1011", "boss"],
        ["person", "add", "--name", "X", "--number", "E1011", "--roles", "teller", "--pin", "1234"],
        ["person", "add", "--name", "X", "--number", "E9", "--roles", "teller", "--pin", "12"],
    ):
        result = cli(*args, "--db", url)
        assert result.returncode == 1, (args, result.stderr)
        assert "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_an_over_long_message_keeps_what_to_do_at_its_end():
    """A server URL under a deep folder once pushed "run 'svctrainer db upgrade'" off the
    end of the printed line; the middle is what gives way now."""
    from svctrainer.commands.runner import ONE_LINE_LIMIT, _one_line

    long_url = "postgresql+psycopg://app@/db?host=" + "%2Ftmp" * 80
    message = _one_line(RuntimeError(f"{long_url} is too old: ask your administrator"))
    assert len(message) <= ONE_LINE_LIMIT
    assert message.startswith("postgresql+psycopg://app@/db")
    assert message.endswith("is too old: ask your administrator")


def test_a_branch_requires_six_digit_pins_from_the_command_line(cli, tmp_path):
    url = f"sqlite:///{tmp_path / 'p.sqlite3'}"
    shown = cli("person", "pin-policy", "--db", url)
    assert shown.stdout.strip() == "PINs set from now on must have 4 to 12 digits"
    assert cli("person", "pin-policy", "--min-digits", "3", "--db", url).returncode == 2
    assert cli("person", "pin-policy", "--min-digits", "6", "--db", url).returncode == 0
    short = cli("person", "add", "--name", "N", "--number", "N1", "--roles", "admin",
                "--pin", "1234", "--db", url)  # fmt: skip
    assert short.returncode == 1
    assert "a PIN is 6 to 12 digits" in short.stderr
    log = json.loads(cli("audit", "--json", "--db", url).stdout)
    assert log[0]["action"] == "setting.update"
    assert log[0]["target"] == "pin_policy"


def test_a_demo_stopped_halfway_does_not_pass_db_check(cli, tmp_path, template_db, isolated_home):
    """A half-built demo passed 'db check' (issue 19, point 11): a database with a third of
    its history looked like any branch. The demo is now poured in one transaction after
    its mark is saved: stopped then, the mark stays, no row of the demo does, and
    'db check' says the build was interrupted."""
    import shutil
    import signal
    import subprocess
    import sys
    import time
    from pathlib import Path

    db = tmp_path / "half.sqlite3"
    shutil.copyfile(template_db, db)  # set up but empty: the demo is poured in place
    script = Path(sys.executable).with_name("svctrainer")
    with subprocess.Popen(
        [str(script), "demo", "--db", str(db)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env={**os.environ, "SVCTRAINER_HOME": str(isolated_home)},
    ) as building:  # fmt: skip
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and building.poll() is None:
            try:
                with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
                    marked = conn.execute(
                        "SELECT count(*) FROM setting WHERE key = 'demo_build'"
                    ).fetchone()[0]
                conn.close()
            except sqlite3.Error:
                marked = 0
            if marked:
                break
            time.sleep(0.01)
        assert building.poll() is None, "the demo finished before it could be stopped"
        building.send_signal(signal.SIGKILL)
        building.wait()
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM attempt").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM person").fetchone()[0] == 0
    conn.close()
    check = cli("db", "check", "--db", str(db))
    assert check.returncode == 1
    assert "demo branch whose build was interrupted" in check.stderr
