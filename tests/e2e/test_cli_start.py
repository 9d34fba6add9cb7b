"""What a command costs before it does its work: the modules it loads and the garbage
collector's passes over them. Hundreds of runs by scripts (and by this suite) pay it each
time."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

REPO_ROOT = Path(__file__).resolve().parents[2]


def _run(program: str, home) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", program],
        capture_output=True,
        text=True,
        env={"SVCTRAINER_HOME": str(home), "PATH": "/usr/bin:/bin"},
        check=True,
    )


def test_a_command_freezes_what_its_imports_left_and_still_collects_its_own_garbage(
    isolated_home,
):
    program = (
        "import argparse, gc, json\n"
        "from svctrainer.commands import audit, runner\n"
        "seen = {}\n"
        "def show(args):\n"
        "    seen['enabled'] = gc.isenabled()\n"
        "    seen['frozen'] = gc.get_freeze_count()\n"
        "    made.extend([i] for i in range(1000))  # what the command made and keeps\n"
        "    return 0\n"
        "made = []\n"
        "audit.show = show\n"
        "code = runner.run_handler('audit:show', argparse.Namespace())\n"
        "seen['made_frozen'] = not any(o is made[0] for o in gc.get_objects())\n"
        "print(json.dumps(seen))\n"
    )
    seen = json.loads(_run(program, isolated_home).stdout)
    assert seen["enabled"] is True  # the command's own cycles are collected as usual
    assert seen["frozen"] > 10_000  # SQLAlchemy, the models: out of every pass
    assert seen["made_frozen"] is True  # and at exit nothing is walked again


def test_the_window_keeps_its_own_collector(isolated_home):
    """gui/garbage.py runs collection on the GUI thread; the runner leaves it alone."""
    program = (
        "import argparse, gc, json\n"
        "from svctrainer.commands import gui, runner\n"
        "seen = {}\n"
        "def run(args):\n"
        "    seen['enabled'] = gc.isenabled()\n"
        "    seen['frozen'] = gc.get_freeze_count()\n"
        "    return 0\n"
        "gui.run = run\n"
        "runner.run_handler('gui:run', argparse.Namespace())\n"
        "seen['frozen_at_exit'] = gc.get_freeze_count()\n"
        "print(json.dumps(seen))\n"
    )
    seen = json.loads(_run(program, isolated_home).stdout)
    assert seen == {"enabled": True, "frozen": 0, "frozen_at_exit": 0}


def _modules_after(args: list[str], home, tmp_path) -> set[str]:
    """The modules loaded by the end of ``svctrainer ARGS`` (its own process)."""
    out = tmp_path / "modules.json"
    program = (
        "import contextlib, io, json, sys\n"
        "from svctrainer.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    code = main({args!r})\n"
        f"open({str(out)!r}, 'w').write(json.dumps([code, sorted(sys.modules)]))\n"
    )
    _run(program, home)
    code, modules = json.loads(out.read_text())
    assert code == 0
    return set(modules)


def test_sampling_a_pack_file_loads_no_database_module(isolated_home, tmp_path):
    pack = REPO_ROOT / "drills" / "voucher-summing-test.en.toml"
    modules = _modules_after(
        ["content", "sample", str(pack), "--seed", "7"], isolated_home, tmp_path
    )
    assert not {m for m in modules if m.startswith(("sqlalchemy", "svctrainer.store"))}


def test_a_command_on_a_current_sqlite_file_loads_no_migration_or_server_module(
    db_path, isolated_home, tmp_path
):
    modules = _modules_after(["--db", str(db_path), "audit", "--json"], isolated_home, tmp_path)
    heavy = {"alembic", "mako", "sqlalchemy.dialects.postgresql", "psycopg", "PySide6", "yaml"}
    assert modules & heavy == set()
