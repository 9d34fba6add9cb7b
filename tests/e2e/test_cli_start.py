"""What a command costs before it does its work: the modules it loads and the garbage
collector's passes over them. Hundreds of runs by scripts (and by this suite) pay it each
time."""

import json
import subprocess
import sys

import pytest

pytestmark = pytest.mark.e2e


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
