"""Every benchmark in one command: one table of figures against their budgets.

    .venv/bin/python -m bench [--quick] [--only NAME ...] [--out FILE]

Each benchmark runs in a fresh Python process of its own (so peak memory, imports and Qt
state are its own), returns its ``Figure`` values as JSON, and this process prints the
table (figure, value, budget, ratio to the floor where there is one, within budget) and
writes ``bench/results/latest.json``. ``--quick`` runs every benchmark at small sizes (a
minute or so on two busy cores: a check that the benchmarks work, not figures to quote).
The exit status is 1 when a benchmark failed or (full sizes only) a figure is over its
budget.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from datetime import UTC, datetime
from importlib import import_module
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path[:0] = [str(ROOT), str(BENCH)]

from figures import Figure  # noqa: E402

# name -> module; cheap first, so a quick run shows something early.
BENCHMARKS = {
    "engine": "bench_engine",
    "queue": "bench_queue",
    "keystrokes": "bench_keystrokes",
    "first_window": "bench_first_window",
    "startup": "bench_startup",
    "dashboard": "bench_dashboard",
    "region": "bench_region",
    "heartbeat": "bench_heartbeat",
}
RESULT_MARK = "BENCH-FIGURES "


def run_child(name: str, quick: bool) -> list[Figure]:
    """This process, as the child: run one benchmark and print its figures as JSON."""
    module = import_module(BENCHMARKS[name])
    found: list[Figure] = module.figures(quick)
    print(RESULT_MARK + json.dumps([f.as_json() for f in found]), flush=True)
    return found


def run_benchmark(name: str, quick: bool) -> dict[str, Any]:
    """Run one benchmark in a child process; its figures, its time, its error if any."""
    command = [sys.executable, "-m", "bench", "--child", name] + (["--quick"] if quick else [])
    started = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    lines = [line for line in done.stdout.splitlines() if line.startswith(RESULT_MARK)]
    if done.returncode != 0 or not lines:
        tail = (done.stderr or done.stdout).strip().splitlines()[-5:]
        return {"seconds": seconds, "error": f"exit {done.returncode}: " + " | ".join(tail),
                "figures": []}  # fmt: skip
    figures = json.loads(lines[-1].removeprefix(RESULT_MARK))
    return {"seconds": seconds, "error": None, "figures": figures}


def _number(value: float) -> str:
    if value >= 100:
        return f"{value:,.0f}"
    if value >= 1:
        return f"{value:.2f}"
    return f"{value:.3f}" if value >= 0.01 or value == 0 else f"{value:.1e}"


def table(figures: list[Figure]) -> str:
    """The figures as a plain-text table."""
    rows = [("figure", "value", "budget", "× floor", "ok")]
    for f in figures:
        value = f"{_number(f.value)} {f.unit}"
        if f.budget is None:
            budget = "—"
        elif f.budget_is_ratio:
            budget = f"≤ {f.budget:g} × floor"
        else:
            budget = f"≤ {_number(f.budget)} {f.unit}"
        ratio = f"{f.ratio:.2f}" if f.ratio is not None else "—"
        ok = {True: "yes", False: "NO", None: ""}[f.within]
        rows.append((f.name, value, budget, ratio, ok))
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    lines = []
    for n, row in enumerate(rows):
        rest = [c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)]
        cells = [row[0].ljust(widths[0]), *rest]
        lines.append("  ".join(cells).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes (about a minute)")
    parser.add_argument("--only", nargs="+", choices=sorted(BENCHMARKS), metavar="NAME",
                        help="run only these: " + ", ".join(BENCHMARKS))  # fmt: skip
    parser.add_argument("--out", type=Path, default=BENCH / "results" / "latest.json",
                        help="the JSON file (default: bench/results/latest.json)")  # fmt: skip
    parser.add_argument("--child", choices=sorted(BENCHMARKS), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        run_child(args.child, args.quick)
        return 0
    names = [n for n in BENCHMARKS if not args.only or n in args.only]
    started = datetime.now(UTC)
    results: dict[str, dict[str, Any]] = {}
    for name in names:
        print(f"running {name}{' (quick)' if args.quick else ''}…", flush=True)
        results[name] = run_benchmark(name, args.quick)
        outcome = results[name]
        state = outcome["error"] or f"{len(outcome['figures'])} figures"
        print(f"  {outcome['seconds']:.0f} s: {state}", flush=True)
    figures = [Figure.from_json(f) for r in results.values() for f in r["figures"]]
    print()
    print(table(figures))
    if args.quick:
        print("(quick: small sizes on purpose; the budgets hold for the full sizes)")
    report = {
        "started_utc": started.isoformat(timespec="seconds"),
        "quick": args.quick,
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "benchmarks": {
            name: {"seconds": round(r["seconds"], 2), "error": r["error"]}
            for name, r in results.items()
        },
        "figures": [f.as_json() for f in figures],
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nwritten: {args.out}")
    over = not args.quick and any(f.within is False for f in figures)
    failed = over or any(r["error"] for r in results.values())
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
