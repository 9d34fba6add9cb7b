"""Shared fixtures: an isolated home folder per test, real SQLite databases, offscreen Qt.

Every test gets its own ``SVCTRAINER_HOME`` (data, logs, GUI settings), so nothing reads
or writes the developer's real profile. Databases are real SQLite files: the schema is
migrated once per session into a template, then copied for each test (milliseconds,
instead of running Alembic hundreds of times).

The suite runs on parallel workers (pytest-xdist, one per core) when it is run whole;
see tests/README.md for when it does not, and for the rules that keep a test safe there.
"""

from __future__ import annotations

import compileall
import fcntl
import gc
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import bytecode_early
import import_hook
from branch_support import (
    Branch,
    BranchPeople,
    record_tenkey_attempt,
    set_up_branch,
)
from cli_fork import STATS, WorkerZygote, forking
from parallel import pytest_cmdline_main, pytest_collection_modifyitems  # noqa: F401 - hooks
from pg_server import Clones, DataTemplates, ThrowawayServer, server_binaries, tree_digest
from progress_support import World, build_world_template
from rewrite_ahead import pytest_sessionstart  # noqa: F401 - a hook
from shared_dialect import install as share_sqlite_dialect
from support import FAST_PIN_COST

from svctrainer.services.actor import Actor
from svctrainer.services.api import Services
from svctrainer.services.attempts import AttemptRecord
from svctrainer.services.schema_upgrade import upgrade_database
from svctrainer.store.database import Database, resolve_url
from svctrainer.store.migrate import ensure_current

# No test asserts timing (benchmarks live in bench/): Hypothesis's per-example deadline and
# its "generation is slow" check are timings too, and fail on a loaded 2-core machine.
settings.register_profile(
    "svctrainer",
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("svctrainer")

# Each test opens its own database, so each test compiled every SQL statement it ran
# again (the application compiles each once per run): shared_dialect.py says why one
# dialect and one compiled-statement cache serve every SQLite file of the process.
share_sqlite_dialect()

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED = REPO_ROOT.parent / "shared"

# One cache for the whole run (the demo database is built once, then copied), while each
# test still gets its own home folder. Made when this file is first imported, before any
# parallel worker starts, so the workers inherit and share it; removed at the end by the
# process that made it (a cache the developer chose stays).
_OWN_CACHE = None
if "SVCTRAINER_CACHE" not in os.environ:
    _OWN_CACHE = tempfile.mkdtemp(prefix="svctrainer-test-cache-")
    os.environ["SVCTRAINER_CACHE"] = _OWN_CACHE

# Hundreds of tests start the real command (and the durability test its writers). Where
# Python is told not to write bytecode (PYTHONDONTWRITEBYTECODE), each of those would
# compile every module it imports again; compiled once here (before any worker starts),
# they all read it. Unchanged modules cost a stat each.
if bytecode_early.ASKED and "PYTEST_XDIST_WORKER" not in os.environ:
    compileall.compile_dir(REPO_ROOT / "svctrainer", quiet=2)

# Pytest keeps each test module with its asserts rewritten in __pycache__, but not where
# bytecode must not be written: then every worker rewrites all 400 test modules again at
# each run (about 7 s of CPU each, of 12 for the whole collection). So bytecode is written
# while the tests are collected (from pytest's start: tests/bytecode_early.py, loaded
# before the plugins), and the developer's choice holds again afterwards.
_DONT_WRITE_BYTECODE = bytecode_early.ASKED
sys.dont_write_bytecode = False


def pytest_collection_finish(session: pytest.Session) -> None:
    sys.dont_write_bytecode = _DONT_WRITE_BYTECODE
    # What collection leaves alive (4 000 test items, every imported module, Qt's and
    # Hypothesis's tables) lives until the run ends, yet each pass of the oldest
    # generation walked all of it again: frozen, those passes walk only what the tests
    # made. Garbage is collected first, so nothing unreachable is kept. (A GUI test's
    # window unfreezes it again: svctrainer/gui/garbage.py manages collection then.)
    gc.collect()
    gc.freeze()


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_protocol(item: pytest.Item) -> None:
    # PySide's import hooks only in the tests that use Qt: tests/import_hook.py says why.
    import_hook.before_test(item)


def pytest_sessionfinish() -> None:
    import_hook.at_end()


@pytest.fixture(scope="session")
def _homes(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("homes", numbered=False)


@pytest.fixture(autouse=True)
def isolated_home(_homes: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test's own home folder. Made with ``mkdtemp`` in a folder of its own, not with
    ``tmp_path_factory.mktemp``: that one lists the whole base folder to number the next
    directory, and with two folders per test (this one and ``tmp_path``) a worker's two
    thousand tests spent about ten seconds of CPU listing it."""
    home = Path(tempfile.mkdtemp(prefix="home", dir=_homes))
    monkeypatch.setenv("SVCTRAINER_HOME", str(home))
    monkeypatch.delenv("SVCTRAINER_DB", raising=False)
    return home


@pytest.fixture(autouse=True)
def _no_chart_warm_up_left() -> Iterator[None]:
    """A window starts the chart library's warm-up (``gui/chart_preload.py``), which
    outlives the window, as the application wants: stopped after each test, it does not
    go on working (and importing) in the tests that follow on the same worker. Tests
    that never loaded the GUI pay nothing."""
    yield
    chart_preload = sys.modules.get("svctrainer.gui.chart_preload")
    if chart_preload is not None:
        chart_preload.stop_warm_up()


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    db = Database(resolve_url(str(path)))
    ensure_current(db)
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.dispose()
    return path


@pytest.fixture(scope="session")
def shipped_content_db(template_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The template with every shipped drill and scenario stored, as ``sync_bundled``
    leaves it: parsing the shipped scenarios takes seconds of CPU, copying a file does not.
    A test's own ``sync_bundled()`` on a copy then finds everything stored."""
    path = tmp_path_factory.mktemp("shipped") / "shipped.sqlite3"
    shutil.copyfile(template_db, path)
    svc = Services.open(str(path), pin_cost=FAST_PIN_COST)
    try:
        svc.content.sync_bundled()
        with svc.db.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        svc.close()
    return path


@pytest.fixture(scope="session")
def world_template(
    shipped_content_db: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, World]:
    """The branch of ``branch`` with the shipped content stored, for tests that copy it
    (``progress_support.open_world``) instead of building it."""
    path = tmp_path_factory.mktemp("world") / "world.sqlite3"
    return path, build_world_template(path, shipped_content_db)


STORES_SHIPPED_CONTENT = ("tenkey_attempt",)
"""Fixtures that store the shipped content (``sync_bundled()``) on the test's database
anyway: a test using one starts from ``shipped_content_db``, as if marked."""


@pytest.fixture
def db_path(template_db: Path, tmp_path: Path, request: pytest.FixtureRequest) -> Path:
    """A fresh database: the migrated template, or, for a test marked ``shipped_content``
    (or using a fixture of ``STORES_SHIPPED_CONTENT``), the template with the shipped
    content already stored."""
    source = template_db
    if request.node.get_closest_marker("shipped_content") or any(
        name in request.fixturenames for name in STORES_SHIPPED_CONTENT
    ):
        source = request.getfixturevalue("shipped_content_db")
    path = tmp_path / "svctrainer.sqlite3"
    if "branch" in request.fixturenames:
        with_attempt = "tenkey_attempt" in request.fixturenames
        templates = request.getfixturevalue("branch_templates")
        source, people, attempt = templates.of(source, with_attempt=with_attempt)
        request.node.stash[_BRANCH_COPIED] = (path, people, attempt)
    shutil.copyfile(source, path)
    return path


@pytest.fixture
def services(db_path: Path) -> Iterator[Services]:
    svc = Services.open(str(db_path), pin_cost=FAST_PIN_COST)
    yield svc
    svc.close()


_BRANCH_COPIED = pytest.StashKey[tuple[Path, "BranchPeople", "AttemptRecord | None"]]()
"""On a test's item: its ``db_path`` is a copy of a branch template, who is in it, and
the ``tenkey_attempt`` it holds (None: the template has none)."""


class BranchTemplates:
    """Each database template with the ``branch`` already set up in it (and, for tests
    that use ``tenkey_attempt``, that attempt recorded too), made once per worker the
    first time a test needs it: a thousand tests use ``branch``, and setting it up (six
    people, six scrypt hashes, a dozen committed writes) cost each of them more than
    copying a file; the 400 role-matrix tests also recorded and scored the same attempt
    each (a third of a second of CPU)."""

    def __init__(self, folder: Path) -> None:
        self._folder = folder
        self._made: dict[tuple[Path, bool], tuple[Path, BranchPeople, AttemptRecord | None]] = {}

    def of(
        self, source: Path, *, with_attempt: bool = False
    ) -> tuple[Path, BranchPeople, AttemptRecord | None]:
        """The template ``source`` with the branch in it, its people and teams, and the
        ``tenkey_attempt`` when asked for (``source`` then holds the shipped content)."""
        key = (source, with_attempt)
        if key not in self._made:
            path = self._folder / f"branch-{len(self._made)}.sqlite3"
            shutil.copyfile(source, path)
            svc = Services.open(str(path), pin_cost=FAST_PIN_COST)
            try:
                people = set_up_branch(svc)
                attempt = record_tenkey_attempt(Branch(svc, *people)) if with_attempt else None
                with svc.db.engine.connect() as conn:
                    conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                svc.close()
            self._made[key] = (path, people, attempt)
        return self._made[key]


@pytest.fixture(scope="session")
def branch_templates(tmp_path_factory: pytest.TempPathFactory) -> BranchTemplates:
    return BranchTemplates(tmp_path_factory.mktemp("branch-templates"))


@pytest.fixture
def branch(services: Services, request: pytest.FixtureRequest) -> Branch:
    """The test branch on ``services``: copied with the database when ``db_path`` holds
    it already (SQLite, the usual case), set up here otherwise (PostgreSQL, a
    deployment)."""
    copied = request.node.stash.get(_BRANCH_COPIED, None)
    if copied is not None and services.db.path == copied[0].resolve():
        return Branch(services, *copied[1])
    return Branch(services, *set_up_branch(services))


@pytest.fixture
def tenkey_attempt(branch: Branch, request: pytest.FixtureRequest) -> AttemptRecord:
    """A stored practice attempt by Tess Teller (team A) on the shipped ten-key pack:
    copied with the database when ``db_path`` holds it already (SQLite, see
    ``BranchTemplates``), recorded here otherwise (PostgreSQL, a deployment)."""
    copied = request.node.stash.get(_BRANCH_COPIED, None)
    if (
        copied is not None
        and copied[2] is not None
        and branch.services.db.path == copied[0].resolve()
    ):
        return copied[2]
    return record_tenkey_attempt(branch)


Run = Callable[..., subprocess.CompletedProcess[str]]


def _command() -> list[str]:
    script = Path(sys.executable).with_name("svctrainer")
    return [str(script)] if script.exists() else [sys.executable, "-m", "svctrainer"]


@pytest.fixture(scope="session")
def demo_cache() -> Path:
    """The cached demo database (what ``svctrainer demo`` and ``gui --demo`` copy), built
    once per run: parallel workers share the cache folder, and the first to get here
    builds it while the others wait on the lock instead of building their own."""
    from svctrainer.services.demo import cached_demo_database

    with (Path(os.environ["SVCTRAINER_CACHE"]) / "demo.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        return cached_demo_database()


@pytest.fixture(scope="session")
def cli_zygote() -> Iterator[WorkerZygote]:
    """The worker's fork server for the command (tests/cli_fork.py), started by its first
    run."""
    zygote = WorkerZygote()
    yield zygote
    zygote.close()


@pytest.fixture
def cli(isolated_home: Path, request: pytest.FixtureRequest, cli_zygote: WorkerZygote) -> Run:
    """Run the real ``svctrainer`` command in the test's isolated home folder. A command
    that fills a demo branch first waits for the run's one demo build (``demo_cache``).

    A run is forked from the worker's zygote (tests/cli_fork.py: the same command, without
    an interpreter's start and imports each time). ``fresh=True`` starts a new process,
    for a test of the start itself; so does a run whose interpreter settings (``PYTHON*``,
    the locale, ``cli_fork.READ_AT_IMPORT``) differ from the zygote's, and every run when
    ``SVCTRAINER_TEST_CLI=exec``."""

    def run(
        *args: str,
        input_text: str | None = None,
        env: dict[str, str] | None = None,
        timeout: float = 120,
        fresh: bool = False,
    ) -> subprocess.CompletedProcess[str]:
        if "demo" in args or "--demo" in args:
            request.getfixturevalue("demo_cache")
        full_env = {**os.environ, "SVCTRAINER_HOME": str(isolated_home), **(env or {})}
        command = [*_command(), *args]
        if not fresh and forking() and cli_zygote.get().accepts(full_env):
            return cli_zygote.get().run(
                command, env=full_env, input_text=input_text, timeout=timeout
            )
        STATS.fresh += 1
        return subprocess.run(
            command,
            capture_output=True,
            text=True,
            input=input_text,
            env=full_env,
            timeout=timeout,
            check=False,
        )

    return run


# The figures the reliability tests measured (kills survived, files fuzzed), printed at the
# end of every run so the CI log shows what this run proved; docs/RELIABILITY.md quotes them.
# They travel on the test's report, so a worker's figures reach the process that prints.
FIGURE = "reliability figure"
_FIGURES: list[str] = []


@pytest.fixture
def figure(request: pytest.FixtureRequest) -> Callable[[str], None]:
    """Record one measured figure, e.g. ``figure("201 kills, 2 939 attempts present")``."""
    return lambda line: request.node.user_properties.append((FIGURE, line))


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.when == "teardown":  # the last report of a test carries all its figures
        _FIGURES.extend(value for name, value in report.user_properties if name == FIGURE)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if _FIGURES:
        terminalreporter.section("reliability figures")
        for line in _FIGURES:
            terminalreporter.write_line(line)


def pytest_unconfigure(config: pytest.Config) -> None:
    if _OWN_CACHE is not None and not hasattr(config, "workerinput"):
        shutil.rmtree(_OWN_CACHE, ignore_errors=True)


# -- a throwaway PostgreSQL server, one per test session (worker) ----------------------


def _make_template_svc(server: ThrowawayServer) -> None:
    """The session server's template: migrated, with the shipped content stored."""
    server.admin('CREATE DATABASE "template_svc"')
    # Workstations never migrate a server: its administrator does (db upgrade).
    upgrade_database(server.url("template_svc"), Actor.command_line())
    migrated = Services.open(server.url("template_svc"), pin_cost=FAST_PIN_COST)
    migrated.content.sync_bundled()
    migrated.close()


@pytest.fixture(scope="session")
def pg() -> Iterator[tuple[ThrowawayServer, str]]:
    binaries = server_binaries()
    if binaries is None:
        pytest.skip("no PostgreSQL server binaries (apt-get install postgresql)")
    pytest.importorskip("psycopg", reason="the PostgreSQL driver (pip install psycopg)")
    # Not under pytest's own temporary folder: that one is private to this user, and the
    # server runs as the postgres user when the tests run as root.
    server = ThrowawayServer(Path(tempfile.mkdtemp(prefix="svctrainer-pg-")), binaries)
    # Its files are made once per run, in the first worker that gets here, and copied.
    templates = DataTemplates(Path(os.environ["SVCTRAINER_CACHE"]), binaries)
    # What the template holds comes from the code, the shipped content it stores and the
    # recipe here: a cache kept between runs never hands on a cluster an edit outdated.
    key = tree_digest(
        REPO_ROOT / "svctrainer",
        REPO_ROOT / "drills",
        Path(__file__),
        Path(__file__).with_name("pg_server.py"),
    )
    server.start(data=templates.made("template_svc", key, _make_template_svc))
    try:
        # A first connection, as making the template was in every worker: the server's
        # engines share the dialect it initializes from the first test on (shared_dialect).
        first = Database(resolve_url(server.url("template_svc")))
        with first.engine.connect():
            pass
        first.dispose()
        yield server, "template_svc"
    finally:
        server.stop()
        shutil.rmtree(server.folder, ignore_errors=True)


@pytest.fixture(scope="session")
def pg_clones(pg: tuple[ThrowawayServer, str]) -> Clones:
    return Clones(pg[0])


@pytest.fixture
def pg_url(pg: tuple[ThrowawayServer, str], pg_clones: Clones) -> Iterator[str]:
    """A database of the test's own on the server, equal to the migrated template (with
    the shipped content): a clone, or one a test that only read left unchanged."""
    server, template = pg
    with pg_clones.fresh(template) as name:
        yield server.url(name)
