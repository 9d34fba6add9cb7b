from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

Run = Callable[..., subprocess.CompletedProcess[str]]


def _command() -> list[str]:
    script = Path(sys.executable).with_name("svctrainer")
    return [str(script)] if script.exists() else [sys.executable, "-m", "svctrainer"]


@pytest.fixture
def cli(isolated_home: Path) -> Run:
    """Run the real ``svctrainer`` command in the test's isolated home folder."""

    def run(
        *args: str,
        input_text: str | None = None,
        env: dict[str, str] | None = None,
        timeout: float = 120,
    ) -> subprocess.CompletedProcess[str]:
        full_env = {**os.environ, "SVCTRAINER_HOME": str(isolated_home), **(env or {})}
        return subprocess.run(
            [*_command(), *args],
            capture_output=True,
            text=True,
            input=input_text,
            env=full_env,
            timeout=timeout,
            check=False,
        )

    return run
