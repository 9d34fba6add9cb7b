"""Fixtures of the installer tests: the PyInstaller folder, built once per session."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from packaging_support import PACKAGING, PREBUILT_ENV, FrozenBuild


@pytest.fixture(scope="session")
def frozen_build(tmp_path_factory: pytest.TempPathFactory) -> FrozenBuild:
    prebuilt = os.environ.get(PREBUILT_ENV)
    if prebuilt:
        return FrozenBuild(Path(prebuilt), None)
    if not sys.platform.startswith("linux"):
        pytest.skip("the frozen-build smoke test runs on Linux")
    if importlib.util.find_spec("PyInstaller") is None:
        pytest.skip("PyInstaller is not installed (pip install -e '.[test]')")
    work = tmp_path_factory.mktemp("pyinstaller")
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
         "--distpath", str(work / "dist"), "--workpath", str(work / "build"),
         str(PACKAGING / "svctrainer.spec")],
        capture_output=True, text=True, check=False, timeout=1200, cwd=work,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-4000:]
    return FrozenBuild(work / "dist" / "svctrainer", time.monotonic() - started)
