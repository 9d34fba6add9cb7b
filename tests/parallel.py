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
the other has nothing left, so modules holding a ``slow`` test are handed out first.
"""

from __future__ import annotations

import pytest

LONG_RUNNING = "slow"


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


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """On a worker (every worker computes the same order, as xdist requires), modules that
    hold a slow test come first; otherwise the collection order holds. A run in one
    process keeps the collection order."""
    if not hasattr(config, "workerinput"):
        return
    slow_modules = {
        item.nodeid.split("::", 1)[0] for item in items if item.get_closest_marker(LONG_RUNNING)
    }
    items.sort(key=lambda item: item.nodeid.split("::", 1)[0] not in slow_modules)
