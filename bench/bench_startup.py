"""Time from process start to the first painted window (budget: 0.5 s on 2 cores).

    .venv/bin/python bench/bench_startup.py [RUNS]

Each run is a fresh process (cold imports, as a person starting the app), offscreen, on
an existing demo-sized database. It prints when the window was first painted and when
the login list was filled (the database opened), both measured from process start.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

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


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    root = Path(__file__).resolve().parent.parent
    home = Path(tempfile.mkdtemp(prefix="svctrainer-bench-"))
    db = home / "demo.sqlite3"
    env = {**os.environ, "SVCTRAINER_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    demo = [sys.executable, "-m", "svctrainer", "demo", "--db", str(db)]
    subprocess.run(demo, env=env, check=True, capture_output=True, cwd=root)
    painted, filled = [], []
    for _ in range(runs):
        env["BENCH_T0"] = repr(time.time())
        out = subprocess.run([sys.executable, "-c", CHILD, str(db)], env=env, capture_output=True,
                             text=True, check=True, cwd=root).stdout  # fmt: skip
        a, b = (float(x) for x in out.split())
        painted.append(a)
        filled.append(b)
    print(f"first window painted: median {statistics.median(painted) * 1000:.0f} ms, "
          f"max {max(painted) * 1000:.0f} ms ({runs} cold starts)")  # fmt: skip
    print(f"login list filled:    median {statistics.median(filled) * 1000:.0f} ms, "
          f"max {max(filled) * 1000:.0f} ms")  # fmt: skip


if __name__ == "__main__":
    main()
