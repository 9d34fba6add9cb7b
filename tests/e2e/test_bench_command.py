"""``python -m bench``: the one benchmark command runs and writes its JSON report.

Only the shape is checked here (a cheap benchmark, small sizes); timing is never asserted
in tests, the bench's own table holds the figures against their budgets."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e
ROOT = Path(__file__).resolve().parents[2]


def test_quick_engine_run_writes_figures_with_budgets_and_ratios(tmp_path):
    out = tmp_path / "latest.json"
    done = subprocess.run(
        [sys.executable, "-m", "bench", "--quick", "--only", "engine", "--out", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["quick"] is True
    assert report["benchmarks"] == {"engine": {"seconds": pytest.approx(
        report["benchmarks"]["engine"]["seconds"]), "error": None}}  # fmt: skip
    names = [f["name"] for f in report["figures"]]
    assert any(n.startswith("engine p99 per key event") for n in names)
    for figure in report["figures"]:
        assert set(figure) >= {"name", "value", "unit", "budget", "floor", "ratio", "within"}
        assert figure["value"] > 0
        assert figure["name"] in done.stdout  # the printed table shows every figure


def test_unknown_benchmark_is_a_usage_error(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "bench", "--only", "nonsense", "--out", str(tmp_path / "x.json")],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 2
    assert not (tmp_path / "x.json").exists()
