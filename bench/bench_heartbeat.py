"""Does the window ever freeze? A heartbeat on the GUI thread during a scripted walk.

    .venv/bin/python bench/bench_heartbeat.py

A ``QTimer`` ticks every 5 ms on the GUI thread and records each gap between two ticks:
a gap is time in which the event loop could not paint or take a key. Meanwhile a script
signs in each role of the demo branch (the PIN check runs off the GUI thread, as the
login screen does it), opens every page that role may see, waits for the page's
background loading, switches the theme to dark and back, and signs out. Reported: the
longest gap (issue 17: none over 100 ms) and the worst five with the step they happened
in. Offscreen (QT_QPA_PLATFORM=offscreen); on a copy of the demo branch.

Not yet walked: starting and finishing each drill, exporting a PDF, and the 1 M-attempt
database of issue 17.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))


from figures import Figure
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from svctrainer.core.demo_branch import DEMO_PEOPLE, DEMO_PIN
from svctrainer.gui.app import create_application
from svctrainer.gui.main_window import MainWindow
from svctrainer.gui.settings import GuiSettings, Theme
from svctrainer.gui.theme import apply_appearance
from svctrainer.locations import cache_dir
from svctrainer.services.api import Services
from svctrainer.services.demo import copy_demo_database

TICK_MS = 5
SETTLE_S = 0.3  # after the background work of a step, a page paints its results
WALKED_ROLES = ("admin", "supervisor", "trainer", "teller")


class Heartbeat:
    """Gaps of the GUI thread's event loop, each with the step it happened in."""

    def __init__(self) -> None:

        self.step = "start"
        self.gaps: list[tuple[float, str]] = []
        self._last = time.perf_counter()
        self._timer = QTimer()
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)
        self._timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.gaps.append(((now - self._last) * 1000, self.step))
        self._last = now

    def at(self, step: str) -> None:
        self.step = step

    def worst(self, n: int = 5) -> list[tuple[float, str]]:
        return sorted(self.gaps, reverse=True)[:n]


def _pump_until(done: Any, timeout_s: float = 120.0) -> None:
    """Run the event loop (never block it) until ``done()`` or the timeout."""

    deadline = time.monotonic() + timeout_s
    while not done():
        if time.monotonic() > deadline:
            raise TimeoutError("the walk waited too long for a step")
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 10)
        time.sleep(0.001)


def _settle(window: Any) -> None:
    _pump_until(lambda: not window.background.busy)
    until = time.monotonic() + SETTLE_S
    _pump_until(lambda: time.monotonic() >= until)


def walk() -> dict[str, Any]:
    """The walk on a fresh copy of the demo branch; the gaps it measured."""
    folder = Path(tempfile.mkdtemp(prefix="svctrainer-bench-heartbeat-"))
    # The demo snapshot stays in this machine's cache; settings and logs go to a new home.
    os.environ["SVCTRAINER_CACHE"] = str(cache_dir())
    os.environ["SVCTRAINER_HOME"] = str(folder / "home")
    try:
        db = copy_demo_database(folder / "demo.sqlite3")
        app = create_application()
        settings = GuiSettings()
        apply_appearance(app, settings)
        window = MainWindow(settings)
        window.show()
        services = Services.open(f"sqlite:///{db}")
        window.attach_services(services, services.auth.branch_name())
        beat = Heartbeat()
        _settle(window)
        pages = sum(_walk_role(window, services, beat, role) for role in WALKED_ROLES)
        worst = beat.worst()
        window.close()
        services.close()
        return {"worst": worst, "pages": pages, "ticks": len(beat.gaps)}
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _walk_role(window: MainWindow, services: Services, beat: Heartbeat, role: str) -> int:
    """Sign in the first demo person with ``role``, open each page, switch the theme,
    sign out; how many pages were opened."""
    person = next(p for p in DEMO_PEOPLE if role in {r.value for r in p.roles})
    person_id = next(
        c.id for c in services.auth.profiles("") if c.employee_number == person.employee_number
    )
    beat.at(f"{role}: sign-in")
    signed: list[Any] = []
    window.background.run(
        lambda: services.auth.sign_in(person_id, DEMO_PIN), signed.append, signed.append
    )
    _pump_until(lambda: bool(signed))
    if isinstance(signed[0], Exception):
        raise signed[0]
    window.enter(signed[0])
    _settle(window)
    targets = [t.key for t in window._targets]
    for key in targets:
        beat.at(f"{role}: open {key}")
        window.go_to(key)
        _settle(window)
    for theme in (Theme.DARK, Theme.LIGHT):
        beat.at(f"{role}: theme {theme.value}")
        window.apply_settings(window.settings.replace(theme=theme))
        _settle(window)
    beat.at(f"{role}: sign-out")
    window.sign_out()
    _settle(window)
    return len(targets)


def figures(quick: bool) -> list[Figure]:
    """``python -m bench``: one walk (the same with ``quick``: it is a check either way)."""
    found = walk()
    worst = found["worst"]
    where = "; ".join(f"{ms:.0f} ms {step}" for ms, step in worst)
    return [
        Figure("longest GUI-thread gap, walk over every page and theme (demo branch)",
               worst[0][0] if worst else 0.0, "ms", 100.0,
               note=f"{found['pages']} pages; worst five: {where}"),
    ]  # fmt: skip


def main() -> None:
    found = walk()
    print(f"{found['pages']} pages opened, {found['ticks']} heartbeats")
    for ms, step in found["worst"]:
        print(f"{ms:8.0f} ms  {step}")


if __name__ == "__main__":
    main()
