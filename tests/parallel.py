"""How the suite runs on parallel workers (pytest-xdist), as hooks that tests/conftest.py
imports.

A whole run (``python -m pytest``, ``pytest tests/gui``) starts one worker per core and
hands out test modules as workers free up (``--dist loadscope``). It stays in one process
when a developer asks for a debugger (``--pdb``, ``--trace``), live output (``-s``), only a
collection (``--co``), names individual tests (``pytest path::test``), or chooses
(``-n 0``, ``-n 4``, ``-p no:xdist``).

Why whole modules: a module's tests often share a module-scoped fixture (the demo branch,
the frozen build), which must be built once, not once per worker. Module scope is also
the unit xdist can group by without our help (grouping by ``xdist_group`` marks does not
work with pytest 9.2: pytest-xdist issue 1386).

Why slow tests first: the run must not end with one worker busy on a long module while
the other has nothing left, so modules holding a ``slow`` test are handed out first, the
longest of them (``LONGEST_FIRST``) before the others: started last, the demo module
alone (a minute and a half on one worker) would be the run's last minute and a half.
The short modules that come after them fill whatever gap is left between the workers;
the few long modules without a slow test (``LONG_UNMARKED``) go before them, or the one
collected last would end the run alone.

Why a crashed worker ends the run (``--max-worker-restart=0`` unless asked otherwise): a
worker that dies (a segmentation fault in native code) is a failure whatever follows, and
the replacement ``--dist loadscope`` starts can wait for ever (pytest-xdist 3.8 asks the
replacement for a collection it never registered: ``KeyError`` in ``_assign_work_unit``,
then both workers sit idle). Ending at once reports the crash, with its stack from
``faulthandler``, in seconds instead of a CI job that never finishes.
"""

from __future__ import annotations

import pytest

LONG_RUNNING = "slow"

LONGEST_FIRST = (
    "tests/services/test_demo.py",
    "tests/packaging/test_frozen_build.py",
    "tests/services/test_postgresql.py",
    "tests/reliability/test_content_fuzz.py",
    "tests/core/scenarios/test_scenario_fuzz.py",
    "tests/core/scenarios/test_scenario_roundtrip.py",
    "tests/reliability/test_durability.py",
    "tests/deploy/test_least_privilege.py",
    "tests/services/test_demo_region.py",
    "tests/reliability/test_restore.py",
)
"""The modules that take a worker longest (seconds of a whole run on two quiet cores:
the demo's history played and every attempt of it rescored ~80, the PyInstaller build
~50, 220 clones of a server database ~60, 10 000 fuzzed files ~40, ...), longest first.
Only the order they start in depends on it: a module missing here is handed out with
the other slow ones, one listed that no longer exists is ignored."""


LONG_UNMARKED = ("tests/store/test_progress_summary.py", "tests/test_cli_fork.py")
"""Long modules without a slow test, handed out right after the slow modules rather than
in collection order: collected last (``tests/store``, the suite's own tests), one of
them was the run's last module, with the other worker idle (an estimate of both
workers' timelines from a whole run's durations). They take ~31 and ~28 s of CPU (the
second mostly in the commands and scripts it runs), the other modules collected after
them at most ~5 s. Each must exist and hold no slow test
(``LONGEST_FIRST`` names those)."""


def _runs_whole(config: pytest.Config) -> bool:
    option = config.option
    if option.usepdb or option.trace or option.capture == "no" or option.collectonly:
        return False
    named = [arg for arg in config.args if "::" in arg]
    return not (named and len(named) == len(config.args))


@pytest.hookimpl(tryfirst=True)
def pytest_cmdline_main(config: pytest.Config) -> None:
    """Parallel by default: before xdist reads its options (its hook is also tryfirst, and
    a conftest's hooks are called before those of plugins registered earlier)."""
    if not config.pluginmanager.hasplugin("xdist") or hasattr(config, "workerinput"):
        return
    option = config.option
    if option.numprocesses is None and _runs_whole(config):
        option.numprocesses = "auto"
    if option.numprocesses not in (None, 0) and option.dist == "no":
        option.dist = "loadscope"
        option.loadscopereorder = False  # keep the order below, not largest module first
    if option.numprocesses not in (None, 0) and option.maxworkerrestart is None:
        option.maxworkerrestart = "0"


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """On a worker (every worker computes the same order, as xdist requires), the
    ``LONGEST_FIRST`` modules come first, in that order, then the other modules that hold
    a slow test, then ``LONG_UNMARKED``; otherwise the collection order holds. A run in
    one process keeps the collection order."""
    if not hasattr(config, "workerinput"):
        return
    slow_modules = {
        item.nodeid.split("::", 1)[0] for item in items if item.get_closest_marker(LONG_RUNNING)
    }
    items.sort(key=lambda item: start_rank(item.nodeid.split("::", 1)[0], slow_modules))
    # (stable: each module's tests stay together and in their order)


def start_rank(module: str, slow_modules: set[str]) -> int:
    """When ``module`` is handed out: ``LONGEST_FIRST`` in its order, then the other
    modules holding a slow test, then ``LONG_UNMARKED`` in its order, then the rest
    (equal ranks keep the collection order)."""
    if module in LONGEST_FIRST:
        return LONGEST_FIRST.index(module)
    if module in slow_modules:
        return len(LONGEST_FIRST)
    if module in LONG_UNMARKED:
        return len(LONGEST_FIRST) + 1 + LONG_UNMARKED.index(module)
    return len(LONGEST_FIRST) + 1 + len(LONG_UNMARKED)
