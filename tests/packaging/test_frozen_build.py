"""The PyInstaller one-folder build starts: it answers on the command line, makes a demo
database from the snapshot it ships, replays an attempt and checks the database, opens
a PostgreSQL server, and shows its window under Xvfb.

Built once per session (1-3 minutes); ``SVCTRAINER_FROZEN_DIR`` reuses a build.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from packaging_support import FrozenBuild, require_tool

from svctrainer import __version__
from svctrainer.services.demo_snapshot import read_manifest
from svctrainer.store.migrations import HEAD_REVISION

pytestmark = [pytest.mark.slow, pytest.mark.timeout(1800)]
HERE = Path(__file__).resolve().parent


def run(
    build: FrozenBuild, home: Path, *args: str, timeout: float = 600, **env: str
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(build.binary), *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=timeout,
        env={**os.environ, "SVCTRAINER_HOME": str(home), "QT_QPA_PLATFORM": "offscreen", **env},
    )


@pytest.fixture(scope="module")
def frozen_demo(frozen_build: FrozenBuild, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo database made by the frozen binary itself, from the demo snapshot the build
    ships (a new computer never plays the six months itself)."""
    folder = tmp_path_factory.mktemp("frozen-demo")
    path = folder / "demo.sqlite3"
    # Its own, empty cache folder: the frozen binary must find and unpack its own shipped
    # snapshot (a cached copy from the source tree would prove nothing about the build),
    # and must not replace the run's shared demo cache, which the other tests copy.
    done = run(
        frozen_build, folder / "home", "demo", "--db", str(path),
        SVCTRAINER_CACHE=str(folder / "cache"),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "demo branch created" in done.stdout
    manifest = read_manifest()
    assert manifest is not None
    (cached,) = (folder / "cache").glob("demo-*.sqlite3")
    assert cached.name == f"demo-{manifest.key}-{manifest.built_on}.sqlite3"  # unpacked
    return path


def test_the_frozen_command_line_answers_and_checks_a_demo_database(
    frozen_build, frozen_demo, isolated_home, figure
):
    if frozen_build.seconds is not None:
        figure(
            f"PyInstaller one-folder build: {frozen_build.seconds:.0f} s, "
            f"{frozen_build.size_mb():.0f} MB"
        )
    version = run(frozen_build, isolated_home, "--version", timeout=60)
    assert version.returncode == 0, version.stderr
    assert version.stdout.strip() == f"svctrainer {__version__}"

    check = run(frozen_build, isolated_home, "db", "check", "--db", str(frozen_demo))
    assert check.returncode == 0, check.stderr
    assert f"schema {HEAD_REVISION} (current)" in check.stdout
    counts = dict(line.split() for line in check.stdout.splitlines()[1:])
    assert int(counts["attempt"].replace(",", "")) > 1000
    assert int(counts["content_item"].replace(",", "")) > 10  # the shipped drills and scenarios

    # The engines run frozen: a shipped attempt replays to its stored figures.
    with sqlite3.connect(frozen_demo) as conn:
        (attempt_id,) = conn.execute(
            "SELECT id FROM attempt WHERE mode = 'test' ORDER BY started_at LIMIT 1"
        ).fetchone()
    conn.close()
    attempt = str(uuid.UUID(str(attempt_id)))
    rescored = run(frozen_build, isolated_home, "attempt", "rescore", attempt, "--json",
                   "--db", str(frozen_demo))  # fmt: skip
    assert rescored.returncode == 0, rescored.stderr
    assert json.loads(rescored.stdout)["matches"] is True

    words = run(frozen_build, isolated_home, "words", "1409.50", timeout=60)
    assert words.stdout.strip() == "壹仟肆佰零玖元伍角"


def test_the_frozen_binary_upgrades_and_checks_a_postgresql_server(frozen_build, isolated_home, pg):
    """The driver, SQLAlchemy's dialect and the migration files all travel in the build.
    On an empty database of the worker's PostgreSQL server (``pg``, which its other
    PostgreSQL tests start anyway), not a server of its own."""
    server = pg[0]
    database = f"svc_frozen_{uuid.uuid4().hex[:12]}"
    server.admin(f'CREATE DATABASE "{database}"')
    try:
        url = server.url(database)
        upgrade = run(frozen_build, isolated_home, "db", "upgrade", "--db", url)
        assert upgrade.returncode == 0, upgrade.stderr
        assert f"from schema (none) to {HEAD_REVISION}" in upgrade.stdout
        check = run(frozen_build, isolated_home, "db", "check", "--db", url)
        assert check.returncode == 0, check.stderr
        assert f"schema {HEAD_REVISION} (current)" in check.stdout
    finally:
        server.drop(database)


def _start_xvfb() -> tuple[subprocess.Popen[bytes], int]:
    """Xvfb on a display number it picks itself (-displayfd), so parallel runs never clash."""
    xvfb = require_tool("Xvfb", "xvfb")
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        [xvfb, "-displayfd", str(write_end), "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
        pass_fds=(write_end,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    os.close(write_end)
    with os.fdopen(read_end) as announced:
        number = announced.readline().strip()  # written once the display accepts clients
    if not number:
        server.kill()
        pytest.fail("Xvfb did not start")
    return server, int(number)


def test_the_frozen_window_shows_under_xvfb(frozen_build, frozen_demo, tmp_path, figure):
    server, display = _start_xvfb()
    app = None
    try:
        database = tmp_path / "demo.sqlite3"
        shutil.copyfile(frozen_demo, database)
        env = {**os.environ, "DISPLAY": f":{display}", "QT_QPA_PLATFORM": "xcb",
               "SVCTRAINER_HOME": str(tmp_path / "home")}  # fmt: skip
        started = time.monotonic()
        app = subprocess.Popen(
            [str(frozen_build.binary), "--db", str(database)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
        )  # fmt: skip
        shot = tmp_path / "frozen-window.png"
        grab = subprocess.run(
            [sys.executable, str(HERE / "screen_grab.py"), str(shot), "60", "3"],
            capture_output=True, text=True, check=False, timeout=120, env=env,
        )  # fmt: skip
        assert grab.returncode == 0, f"no window within 60 s; screen in {shot}"
        figure(
            f"frozen window drawn within {time.monotonic() - started - 3:.1f} s "
            f"({float(grab.stdout):.0%} of the screen); screenshot {shot}"
        )
        assert app.poll() is None, f"the app exited; see {tmp_path / 'home' / 'logs'}"
    finally:
        if app is not None and app.poll() is None:
            app.send_signal(signal.SIGTERM)
            app.wait(timeout=30)
        server.terminate()
        server.wait(timeout=30)
