"""How the suite runs on parallel workers (pytest-xdist), as hooks that tests/conftest.py
imports.

A whole run (``python -m pytest``, ``pytest tests/gui``) starts one worker per core and
hands out tests as workers free up (``--dist loadgroup``). It stays in one process when a
developer asks for a debugger (``--pdb``, ``--trace``), live output (``-s``), only a
collection (``--co``), names individual tests (``pytest path::test``), or chooses
(``-n 0``, ``-n 4``, ``-p no:xdist``).

Keeping a test safe on workers is mostly what every test here already does (the rules
are in tests/README.md). Two things are decided here, for every test at once:

- Tests that share a module- or class-scoped fixture run on one worker, so the fixture
  is built once (on two workers it would be built twice). Tests that must share a
  session-wide resource with others name it: ``pytest.mark.xdist_group("name")``.
- Slow tests are handed out first, so the run does not end with one worker busy on a
  long test while the other has nothing left.
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
        option.dist = "loadgroup"
        option.loadscopereorder = False  # keep the order below: slow tests first


def _shared_scope(item: pytest.Item) -> str | None:
    """The module of an item that uses a fixture built once per module, class or package."""
    info = getattr(item, "_fixtureinfo", None)
    if info is None:
        return None
    for name in info.names_closure:
        for definition in info.name2fixturedefs.get(name, ()):
            if definition.scope in ("module", "class", "package"):
                return item.nodeid.split("::", 1)[0]
    return None


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """On a worker only (every worker must compute the same order): group, then order.
    A run in one process keeps the collection order."""
    if not hasattr(config, "workerinput") or not config.getoption("loadgroup", False):
        return
    for item in items:
        if item.get_closest_marker("xdist_group") is None and (scope := _shared_scope(item)):
            item.add_marker(pytest.mark.xdist_group(scope))
    # A group is handed out where its first test stands: a group with a slow test moves
    # up with it. sorted() is stable, so the collection order holds within each part.
    slow_groups = {
        mark.args[0]
        for item in items
        if item.get_closest_marker(LONG_RUNNING)
        for mark in item.iter_markers("xdist_group")
        if mark.args
    }

    def rank(item: pytest.Item) -> int:
        groups = {mark.args[0] for mark in item.iter_markers("xdist_group") if mark.args}
        return 0 if item.get_closest_marker(LONG_RUNNING) or groups & slow_groups else 1

    items.sort(key=rank)
