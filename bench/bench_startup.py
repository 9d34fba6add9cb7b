"""Building the demo branch, and the time until the sign-in list is filled.

    .venv/bin/python bench/bench_startup.py [RUNS]

First the demo database is built as ``svctrainer demo`` does (timed: issue 17 gives it
5 s). Then each run is a fresh process (cold imports, as a person starting the app),
offscreen, on that database. It prints when the window was first painted and when the
login list was filled (the database opened), both measured from the parent's clock just
before the process started. The first *visible* window against bare PySide6, measured
from outside under Xvfb, is ``bench_first_window.py``.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from figures import Figure

CHILD = r"""
import os, sys, time
T0 = float(os.environ["BENCH_T0"])
from PySide6.QtCore import QEvent, QObject, QTimer
from svctrainer.gui.app import Startup, after_first_paint, create_application
from svctrainer.gui.main_window import MainWindow
from svctrainer.gui.settings import load_settings
from svctrainer.gui.theme import apply_appearance

class FirstPaint(QObject):
    painted = None
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and self.painted is None:
            self.painted = time.time() - T0
        return False

app = create_application()
settings = load_settings()
apply_appearance(app, settings)
window = MainWindow(settings)
probe = FirstPaint()
window.installEventFilter(probe)
startup = Startup(window, sys.argv[1], demo=False)
after_first_paint(window, startup.run)
window.show()
def done():
    if window.login.model.rowCount() == 0:
        QTimer.singleShot(5, done)
        return
    print(f"{probe.painted:.4f} {time.time() - T0:.4f}")
    app.quit()
QTimer.singleShot(0, done)
app.exec()
"""


ROOT = Path(__file__).resolve().parent.parent


def measure(runs: int, *, demo: bool) -> dict[str, float]:
    """Medians (s) of first paint and login list filled; the demo build time when asked
    (otherwise a small generated branch stands in, for ``--quick``)."""
    home = Path(tempfile.mkdtemp(prefix="svctrainer-bench-"))
    db = home / "demo.sqlite3"
    env = {**os.environ, "SVCTRAINER_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    found: dict[str, float] = {}
    if demo:
        command = [sys.executable, "-m", "svctrainer", "demo", "--db", str(db)]
        started = time.perf_counter()
        subprocess.run(command, env=env, check=True, capture_output=True, cwd=ROOT)
        found["demo_s"] = time.perf_counter() - started
    else:
        code = (
            "import sys; from pathlib import Path; sys.path[:0] = [{root!r}, {bench!r}]\n"
            "from svctrainer.services.api import Services\n"
            "from dashboard_data import generate\n"
            "s = Services.open({db!r}); s.content.sync_bundled(); s.close()\n"
            "generate(Path({db!r}), 20, 20)\n"
        ).format(root=str(ROOT), bench=str(ROOT / "bench"), db=str(db))
        subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True)
    painted, filled = [], []
    for _ in range(runs):
        env["BENCH_T0"] = repr(time.time())
        out = subprocess.run([sys.executable, "-c", CHILD, str(db)], env=env, capture_output=True,
                             text=True, check=True, cwd=ROOT).stdout  # fmt: skip
        a, b = (float(x) for x in out.split())
        painted.append(a)
        filled.append(b)
    found["painted_s"] = statistics.median(painted)
    found["filled_s"] = statistics.median(filled)
    return found


def figures(quick: bool) -> list[Figure]:
    """``python -m bench``: the demo build and 10 starts; 2 starts on a small branch with
    ``quick``."""
    found = measure(2 if quick else 10, demo=not quick)
    result = [
        Figure("start to sign-in list filled (offscreen, median)", found["filled_s"] * 1000, "ms",
               note=f"first paint {found['painted_s'] * 1000:.0f} ms"),
    ]  # fmt: skip
    if "demo_s" in found:
        result.insert(0, Figure("demo branch build (svctrainer demo)", found["demo_s"], "s", 5.0))
    return result


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    found = measure(runs, demo=True)
    print(f"demo branch built in {found['demo_s']:.1f} s (budget 5 s)")
    print(f"first window painted: median {found['painted_s'] * 1000:.0f} ms ({runs} cold starts)")
    print(f"login list filled:    median {found['filled_s'] * 1000:.0f} ms")


if __name__ == "__main__":
    main()
