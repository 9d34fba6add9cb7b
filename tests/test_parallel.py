"""The order parallel workers take test modules in (tests/parallel.py): the longest
first, so that no worker is left alone on a long module at the end of a run."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from parallel import LONG_RUNNING, LONG_UNMARKED, LONGEST_FIRST, start_rank

ROOT = Path(__file__).resolve().parent.parent


def test_every_module_named_longest_exists_and_holds_a_slow_test():
    """A renamed or split module would silently lose its early start: the list must
    name modules that exist, once each, and are long (marked slow)."""
    assert len(set(LONGEST_FIRST)) == len(LONGEST_FIRST)
    for module in LONGEST_FIRST:
        text = (ROOT / module).read_text(encoding="utf-8")
        assert re.search(rf"mark\.{LONG_RUNNING}\b", text), module


def test_the_longest_start_first_then_the_slow_then_the_rest_in_collection_order():
    collected = [
        "tests/core/test_a.py",
        "tests/core/scenarios/test_choice_order.py",  # slow, not among the longest
        LONGEST_FIRST[1],
        "tests/store/test_b.py",
        LONGEST_FIRST[0],
    ]
    slow = {"tests/core/scenarios/test_choice_order.py", LONGEST_FIRST[0], LONGEST_FIRST[1]}
    ordered = sorted(collected, key=lambda module: start_rank(module, slow))
    assert ordered == [
        LONGEST_FIRST[0],
        LONGEST_FIRST[1],
        "tests/core/scenarios/test_choice_order.py",
        "tests/core/test_a.py",
        "tests/store/test_b.py",
    ]


def test_a_crashed_worker_ends_the_run_with_its_failure_instead_of_waiting(tmp_path):
    """A worker killed by a segmentation fault must end the run, reported as a failure:
    replaced, the scheduler asked the new worker for a collection it never registered
    and the run waited for ever (a CI job that never finished)."""
    tests_dir = Path(__file__).resolve().parent
    (tmp_path / "conftest.py").write_text(
        "import sys\n"
        f"sys.path.insert(0, {str(tests_dir)!r})\n"
        "from parallel import pytest_cmdline_main, pytest_collection_modifyitems  # noqa\n",
        encoding="utf-8",
    )
    (tmp_path / "test_crash.py").write_text(
        "import os, signal\n\ndef test_dies():\n    os.kill(os.getpid(), signal.SIGSEGV)\n",
        encoding="utf-8",
    )
    for index in range(3):
        (tmp_path / f"test_fine_{index}.py").write_text(
            "def test_fine():\n    assert True\n", encoding="utf-8"
        )
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "xdist", "-n", "2", "-p", "no:cacheprovider"],
        check=False,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,  # a guard against the hang this test is about, not a timing check
        # Only xdist: the suite's other plugins (Qt, Hypothesis) would be imported by each
        # worker for nothing.
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"},
    )
    assert run.returncode != 0, run.stdout
    assert "crashed and worker restarting disabled" in run.stdout, run.stdout
    assert "test_crash.py::test_dies" in run.stdout, run.stdout


def test_every_long_unmarked_module_exists_and_holds_no_slow_test():
    """Named once each, not among the slow (which start before them anyway)."""
    assert len(set(LONG_UNMARKED)) == len(LONG_UNMARKED)
    for module in LONG_UNMARKED:
        text = (ROOT / module).read_text(encoding="utf-8")
        assert not re.search(rf"mark\.{LONG_RUNNING}\b", text), module
        assert module not in LONGEST_FIRST


def test_the_long_unmarked_start_after_the_slow_and_before_the_rest():
    collected = [
        "tests/core/test_a.py",
        LONG_UNMARKED[0],
        "tests/core/scenarios/test_choice_order.py",  # slow, not among the longest
        "tests/store/test_b.py",
        LONGEST_FIRST[0],
    ]
    slow = {"tests/core/scenarios/test_choice_order.py", LONGEST_FIRST[0]}
    ordered = sorted(collected, key=lambda module: start_rank(module, slow))
    assert ordered == [
        LONGEST_FIRST[0],
        "tests/core/scenarios/test_choice_order.py",
        LONG_UNMARKED[0],
        "tests/core/test_a.py",
        "tests/store/test_b.py",
    ]
