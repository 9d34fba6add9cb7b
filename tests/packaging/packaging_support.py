"""Helpers of the installer tests: paths, the frozen build's description, and skipping
(saying why) when a system tool is missing (``packaging/setup.sh --test`` installs them)."""

from __future__ import annotations

import shutil
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
        files = [f for f in self.folder.rglob("*") if f.is_file() and not f.is_symlink()]
        total = sum(f.stat().st_size for f in files)  # Qt libraries are linked twice
        return total / 1e6
