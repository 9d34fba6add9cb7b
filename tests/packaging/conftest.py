"""The installers' checks: the PyInstaller folder built once per session, and the system
tools that validate what we ship (each test skips, saying why, when its tool is missing;
``packaging/setup.sh --test`` installs them)."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PACKAGING = REPO / "packaging"
APP_ID = "org.svctrainer.SvcTrainer"
# A developer iterating on these tests may point this at an existing build (dist/svctrainer).
PREBUILT_ENV = "SVCTRAINER_FROZEN_DIR"


def require_tool(name: str, package: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (apt-get install {package})")
    return path


@dataclass(frozen=True)
class FrozenBuild:
    folder: Path
    seconds: float | None
    """How long PyInstaller took (None: a prebuilt folder was used)."""

    @property
    def binary(self) -> Path:
        return self.folder / "svctrainer"

    def size_mb(self) -> float:
        total = sum(f.stat().st_size for f in self.folder.rglob("*") if f.is_file())
        return total / 1e6


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
