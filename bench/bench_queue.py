"""The queue model and the queue-ticket import (issue 14).

1. Import: a real-shaped export of 50 000 tickets (the seeded simulation of the default
   profile, about 200 working days) into a fresh SQLite branch database through
   ``QueueDataService.import_file``, as ``svctrainer queue import`` does: wall and CPU
   time, best and median of three; then importing the same file again (nothing new).
   Budget: under 5 s for 50 000 rows.
2. Model: the largest relative difference between the queue model and the independent
   computation of the tests (the M/M/c stationary distribution summed term by term, with
   Allen–Cunneen's factor) over the test grid of windows, loads and CVs; and the time
   for one hour's figures and for a day's saving with its windows needed.

Run:  .venv/bin/python bench/bench_queue.py [ROWS]
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "tests" / "core" / "queueing"),
                str(ROOT / "bench")]  # fmt: skip

from figures import Figure  # noqa: E402
from queue_support import ZONE, write_export  # noqa: E402
from support import FAST_PIN_COST  # noqa: E402
from test_queue_multi_server import (  # noqa: E402
    GRID_CVS,
    GRID_UTILISATION,
    GRID_WINDOWS,
    stationary_reference,
)

from svctrainer.core.queueing.branch_day import QueueConditions, day_saving  # noqa: E402
from svctrainer.core.queueing.multi_server import (  # noqa: E402
    HourQueue,
    Stable,
    WaitTarget,
    hour_figures,
)
from svctrainer.services.actor import Actor  # noqa: E402
from svctrainer.services.api import Services  # noqa: E402
from svctrainer.services.queue_data import ImportOptions  # noqa: E402
from svctrainer.services.settings import DEFAULT_PROFILE  # noqa: E402

ROWS_PER_DAY = 250  # the default profile's customers a day


def bench_import(rows: int) -> Figure:
    with tempfile.TemporaryDirectory(prefix="svctrainer-bench-queue-") as folder:
        base = Path(folder)
        export = write_export(base / "tickets.csv", days=max(1, rows // ROWS_PER_DAY))
        lines = export.read_bytes().count(b"\n") - 1
        walls, cpus, again = [], [], []
        for n in range(3):
            services = Services.open(str(base / f"branch-{n}.sqlite3"), pin_cost=FAST_PIN_COST)
            services.auth.set_up_branch(
                branch_name="Bench", admin_name="Ada", employee_number="A1", pin="2468"
            )
            cli = Actor.command_line()
            wall, cpu = time.perf_counter(), time.process_time()
            result = services.queue_data.import_file(cli, export, ImportOptions(zone=ZONE))
            walls.append(time.perf_counter() - wall)
            cpus.append(time.process_time() - cpu)
            wall = time.perf_counter()
            repeat = services.queue_data.import_file(cli, export, ImportOptions(zone=ZONE))
            again.append(time.perf_counter() - wall)
            assert result.added == lines and repeat.added == 0  # noqa: S101, PT018
            services.close()
        print(
            f"import {lines} tickets ({result.first_day} to {result.last_day}): wall best "
            f"{min(walls):.2f} s, median {statistics.median(walls):.2f} s; CPU median "
            f"{statistics.median(cpus):.2f} s; the same file again (nothing new) median "
            f"{statistics.median(again):.2f} s  (budget 5 s)"
        )
        return Figure(f"queue import, {lines:,} tickets (median of 3)", statistics.median(walls),
                      "s", 5.0 if rows >= 50_000 else None,  # the budget is for 50 000 rows
                      note=f"best {min(walls):.2f} s")  # fmt: skip


def bench_model() -> list[Figure]:
    worst, where, cells = 0.0, "", 0
    for c in GRID_WINDOWS:
        for rho in GRID_UTILISATION:
            arrivals = rho * c * 3600.0 / 300.0
            ref = stationary_reference(c, arrivals, 300.0, 600.0)
            for cvs in GRID_CVS:
                result = hour_figures(HourQueue(c, arrivals, 300.0, *cvs))
                assert isinstance(result, Stable)  # noqa: S101
                k = (cvs[0] ** 2 + cvs[1] ** 2) / 2
                pairs = [(result.p_wait, ref["p_wait"]), (result.wait_s, ref["wait_s"] * k)]
                if cvs == (1.0, 1.0):
                    pairs.append((result.p_wait_over(600.0), ref["p_over"]))
                for mine, theirs in pairs:
                    if theirs > 1e-12:
                        error = abs(mine - theirs) / theirs
                        if error > worst:
                            worst, where = error, f"c={c}, ρ={rho}, CVs={cvs}"
                cells += 1
    print(f"model vs stationary distribution: {cells} grid cells, largest relative "
          f"difference {worst:.2e} ({where}); budget 1 %")  # fmt: skip
    queue = HourQueue(40, 400.0, 300.0, 1.0, 0.5)
    n = 20_000
    start = time.perf_counter()
    for _ in range(n):
        hour_figures(queue)
    hour_us = (time.perf_counter() - start) / n * 1e6
    conditions = QueueConditions(DEFAULT_PROFILE, 300.0)
    start = time.perf_counter()
    for _ in range(200):
        day_saving(conditions, 10.0, WaitTarget())
    day_ms = (time.perf_counter() - start) / 200 * 1e3
    print(f"one hour (40 windows): {hour_us:.1f} µs; a day's saving with windows needed: "
          f"{day_ms:.2f} ms")  # fmt: skip
    return [
        Figure("queue model vs stationary distribution, largest difference", worst * 100, "%",
               1.0, note=where),
        Figure("queue model, one hour of 40 windows", hour_us, "µs"),
        Figure("queue model, a day's saving with windows needed", day_ms, "ms"),
    ]  # fmt: skip


def figures(quick: bool) -> list[Figure]:
    """``python -m bench``: a 50 000-ticket import (5 000 with ``quick``), the model."""
    return [*bench_model(), bench_import(5_000 if quick else 50_000)]


if __name__ == "__main__":
    bench_model()
    bench_import(int(sys.argv[1]) if len(sys.argv) > 1 else 50_000)
