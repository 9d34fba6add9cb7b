"""Before parallel workers start, the test modules' rewritten bytecode is written once,
split over the cores, instead of by every worker in full.

Why: pytest rewrites the asserts of each test module and conftest as it imports it, and
keeps the result in ``__pycache__`` (``tests/bytecode_early.py``). On a fresh clone (the
CI's case) there is none yet, and both workers collect the same ~250 modules in the same
order at the same moment: each rewrote all of them (~12 s of CPU each, on top of ~8 s of
collecting), where one pass would do. Here the run's own process writes them before the
workers start, in one forked child per worker, each taking every n-th file; the workers
then find them, as on any later run. A file whose kept bytecode is current (pytest's
hash-based header) is left alone, so a run that has them pays only the check.

Only what pytest itself would write is written (its own functions, its file names): a
module that fails to rewrite (a syntax error) is left to the worker, which reports it as
it always did.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest
from _pytest.assertion.rewrite import (
    PYC_TAIL,
    _rewrite_test,
    _write_pyc,
    assertstate_key,
    get_cache_dir,
    try_makedirs,
)

_HEADER_FLAGS = b"\x03\x00\x00\x00"  # pytest's checked hash-based pyc (PEP 552)


def _pyc(source: Path) -> Path:
    return get_cache_dir(source) / (source.name[:-3] + PYC_TAIL)


def stale(sources: list[Path]) -> list[Path]:
    """The sources whose rewritten bytecode is missing or was made from other text."""
    found = []
    for source in sources:
        header = importlib.util.MAGIC_NUMBER + _HEADER_FLAGS
        header += importlib.util.source_hash(source.read_bytes())[:8]
        try:
            with _pyc(source).open("rb") as kept:
                current = kept.read(len(header)) == header
        except OSError:
            current = False
        if not current:
            found.append(source)
    return found


def _write(config: pytest.Config, sources: list[Path]) -> None:
    state = config.stash[assertstate_key]
    for source in sources:
        try:
            source_hash, code = _rewrite_test(source, config)
        except SyntaxError:
            continue  # the worker's import reports it
        if try_makedirs(get_cache_dir(source)):
            _write_pyc(state, code, source_hash, _pyc(source))


def write_ahead(config: pytest.Config, sources: list[Path], processes: int) -> int:
    """Write the stale ones of ``sources`` in ``processes`` forked children; how many."""
    todo = stale(sources)
    if not todo:
        return 0
    children = []
    for part in range(processes):
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child
            try:
                _write(config, todo[part::processes])
            finally:
                os._exit(0)
        children.append(pid)
    for pid in children:
        os.waitpid(pid, 0)
    return len(todo)


def test_sources(config: pytest.Config) -> list[Path]:
    """The modules pytest rewrites for this run: the test modules and conftests under
    the paths it was given (the test paths when none)."""
    found: list[Path] = []
    for arg in config.args:
        given = Path(config.invocation_params.dir, arg.split("::", 1)[0]).resolve()
        paths = sorted(given.rglob("*.py")) if given.is_dir() else [given]
        found += [
            path
            for path in paths
            if (path.name == "conftest.py" or path.name.startswith("test_"))
            and "__pycache__" not in path.parts
            and path.suffix == ".py"
        ]
    return sorted(set(found))


@pytest.hookimpl(tryfirst=True)
def pytest_sessionstart(session: pytest.Session) -> None:
    """In the run's own process of a parallel run, before xdist starts the workers (its
    hook is trylast)."""
    config = session.config
    if hasattr(config, "workerinput") or config.pluginmanager.getplugin("dsession") is None:
        return
    workers = config.getoption("numprocesses", None)
    if not isinstance(workers, int) or workers < 2 or config.getoption("assertmode") != "rewrite":
        return
    write_ahead(config, test_sources(config), min(workers, os.cpu_count() or 1))
