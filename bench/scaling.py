"""How the dashboard benchmark's figures grow with a branch's history: 500 people with
20, 200 and 2 000 attempts each (10 k, 100 k and 1 M attempts), measured, then drawn on
log-log axes into ``docs/performance-scaling.png``.

Each size is built once (``bench_dashboard.build``, reused from ``--dir`` when there)
and measured in a fresh process of its own (``bench_dashboard._measure``: peak memory
is that process's). The measured figures go to ``docs/performance-scaling.json``
(committed with the chart, so every point on it traces back to a run); the chart is
drawn from that file (``--draw-only`` redraws it without measuring). A line's slope on
log-log axes is how a figure grows: 0 flat, 1 in proportion to the attempts; the
legend gives each slope between the smallest and the largest size.

Run:  .venv/bin/python bench/scaling.py [--dir /tmp/scaling] [--repeat 3] [--draw-only]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path[:0] = [str(ROOT), str(BENCH)]
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PEOPLE = 500
PER_PERSON = (20, 200, 2000)
RESULTS = ROOT / "docs" / "performance-scaling.json"  # committed: the chart's data
CHART = ROOT / "docs" / "performance-scaling.png"
# The figures drawn, by the start of their name in ``bench_dashboard.Bench.figures``.
TIMES = (
    "employee chart page",
    "employee heatmap tab",
    "supervisor page",
    "dashboard service call",
    "PDF report of one employee",
    "PDF team report",
)
SIZES = ("employee PDF size", "peak memory")


def measure(path: Path, repeat: int) -> list[dict[str, Any]]:
    """One size's figures, from a child process (its own peak memory)."""
    code = (
        f"import json, sys; sys.path[:0] = [{str(ROOT)!r}, {str(BENCH)!r}]\n"
        "from pathlib import Path\n"
        "from bench_dashboard import _measure\n"
        f"found = _measure(Path({str(path)!r}), {repeat}).figures()\n"
        "print('SCALING ' + json.dumps([f.as_json() for f in found]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True, cwd=ROOT
    )
    line = next(x for x in done.stdout.splitlines() if x.startswith("SCALING "))
    figures: list[dict[str, Any]] = json.loads(line.removeprefix("SCALING "))
    return figures


def run(folder: Path, repeat: int) -> dict[str, Any]:
    from bench_dashboard import build

    folder.mkdir(parents=True, exist_ok=True)
    runs = []
    for per_person in PER_PERSON:
        path = folder / f"branch-{PEOPLE}x{per_person}.sqlite3"
        if not path.exists():
            build(path, PEOPLE, per_person)
        load = os.getloadavg()[0]
        started = time.perf_counter()
        figures = measure(path, repeat)
        print(f"{PEOPLE * per_person:>9,} attempts: measured in "
              f"{time.perf_counter() - started:.0f} s (load {load:.1f})", flush=True)  # fmt: skip
        runs.append({"attempts": PEOPLE * per_person, "load_1min": load, "figures": figures})
    return {"people": PEOPLE, "cpus": os.cpu_count(), "runs": runs}


def series(data: dict[str, Any], prefix: str) -> tuple[str, list[tuple[float, float]]]:
    """(unit, [(attempts, value)]) of the figure whose name starts with ``prefix``."""
    unit, points = "", []
    for run_ in data["runs"]:
        for f in run_["figures"]:
            if f["name"].startswith(prefix):
                unit = f["unit"]
                points.append((float(run_["attempts"]), float(f["value"])))
    return unit, points


def budget(data: dict[str, Any], prefix: str) -> float | None:
    """The budget of the figure whose name starts with ``prefix`` (None: it has none)."""
    found = [
        f["budget"] for r in data["runs"] for f in r["figures"] if f["name"].startswith(prefix)
    ]
    return float(found[0]) if found and found[0] is not None else None


def slope(points: list[tuple[float, float]]) -> float | None:
    """Growth exponent between the smallest and the largest size."""
    (x0, y0), (x1, y1) = points[0], points[-1]
    if min(x0, y0, x1, y1) <= 0 or x0 == x1:
        return None
    return math.log(y1 / y0) / math.log(x1 / x0)


def draw(data: dict[str, Any], out: Path) -> None:
    """Two log-log panels (milliseconds; megabytes) as a PNG."""
    import pyqtgraph as pg
    from pyqtgraph.exporters import ImageExporter
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    pg.setConfigOptions(antialias=True, background="w", foreground="k")
    view = pg.GraphicsLayoutWidget()
    view.resize(1400, 560)
    colours = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"]
    loads = ", ".join(f"{r['load_1min']:.1f}" for r in data["runs"])
    title = (f"{data['people']} people, 10 k → 1 M attempts, {data['cpus']} cores "
             f"(load {loads}); slope 0 = flat, 1 = linear; dashed: budget")  # fmt: skip
    view.addLabel(title, row=0, col=0, colspan=2)
    for col, (names, label) in enumerate(((TIMES, "ms (median of warm runs)"), (SIZES, "MB"))):
        plot = view.addPlot(row=1, col=col)
        plot.setLogMode(x=True, y=True)
        plot.showGrid(x=True, y=True, alpha=0.3)
        plot.setLabel("bottom", "attempts in the database")
        plot.setLabel("left", label)
        legend = plot.addLegend(offset=(-10, 150), brush=pg.mkBrush(255, 255, 255, 220))
        legend.setLabelTextSize("8pt")
        plot.getAxis("bottom").setTicks([[(4, "10 k"), (5, "100 k"), (6, "1 M")]])
        for n, name in enumerate(names):
            _unit, points = series(data, name)
            if not points:
                continue
            grow = slope(points)
            text = f"{name} (slope {grow:.2f})" if grow is not None else name
            limit = budget(data, name)
            if limit is not None:  # dashed: the budget, in the line's colour
                pen = pg.mkPen(colours[n % len(colours)], style=Qt.PenStyle.DashLine)
                plot.addItem(pg.InfiniteLine(math.log10(limit), angle=0, pen=pen))
                text += f", budget {limit:g}"
            plot.plot(
                [x for x, _ in points],
                [y for _, y in points],
                pen=pg.mkPen(colours[n % len(colours)], width=2),
                symbol="o",
                symbolBrush=colours[n % len(colours)],
                name=text,
            )
    view.show()  # lays the two panels out across the whole width
    for _ in range(3):
        app.processEvents()
    out.parent.mkdir(parents=True, exist_ok=True)
    exporter = ImageExporter(view.scene())
    exporter.parameters()["width"] = 1400
    exporter.export(str(out))


def table(data: dict[str, Any]) -> str:
    """The measured figures as a Markdown table (for docs/PERFORMANCE.md)."""
    sizes = [f"{r['attempts']:,}" for r in data["runs"]]
    lines = ["| figure | " + " | ".join(sizes) + " | slope |", "|---" * (len(sizes) + 2) + "|"]
    for name in (*TIMES, *SIZES):
        unit, points = series(data, name)
        if not points:
            continue
        grow = slope(points)
        cells = [f"{y:,.0f} {unit}" if y >= 10 else f"{y:.2f} {unit}" for _, y in points]
        lines.append(f"| {name} | " + " | ".join(cells) + f" | {grow:.2f} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    default_dir = Path(tempfile.gettempdir()) / "svctrainer-scaling"
    parser.add_argument("--dir", type=Path, default=default_dir,
                        help="where the three databases are built (and reused)")  # fmt: skip
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--draw-only", action="store_true", help="redraw from the JSON")
    args = parser.parse_args()
    if args.draw_only:
        data = json.loads(RESULTS.read_text(encoding="utf-8"))
    else:
        data = run(args.dir, args.repeat)
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    draw(data, CHART)
    print(table(data))
    print(f"written: {RESULTS.relative_to(ROOT)}, {CHART.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
