"""Python's garbage collected on the GUI thread only.

Why: a Qt object that Python owns is deleted when its Python wrapper is collected, and
the cyclic collector runs on whichever thread happens to allocate when a threshold is
reached: with a database worker allocating thousands of rows, that is often the worker.
A widget or signal relay caught in a reference cycle (a slot that refers back to its
page) was then deleted off the GUI thread while the GUI thread used it, and the
application crashed in QtCore under load (bench/bench_heartbeat.py on the large branch).
So automatic collection is off, and a timer on the GUI thread collects whenever the
collector's own thresholds say it would have.
"""

from __future__ import annotations

import gc
import time

from PySide6.QtCore import QObject, QTimer

CHECK_MS = 500
FULL_EVERY_S = 60.0
_live = [0]  # collectors counted; automatic collection is back on when none is


def _release(counted: list[bool]) -> None:
    """Stop counting one collector (once), and turn automatic collection back on when
    it was the last."""
    if not counted[0]:
        return
    counted[0] = False
    _live[0] = max(0, _live[0] - 1)
    if _live[0] == 0:
        gc.enable()


class GuiThreadCollector(QObject):
    """Turns automatic collection off and collects from a GUI-thread timer instead,
    while at least one collector (one per window) lives."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        _live[0] += 1
        gc.disable()
        self._counted = counted = [True]
        self._last_full = time.monotonic()
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_MS)
        self._timer.timeout.connect(self.collect_due)
        self._timer.start()
        # A window deleted without being closed must not leave collection off (the
        # slot holds the flag, not ``self``: no cycle).
        self.destroyed.connect(lambda: _release(counted))

    def collect_due(self) -> int:
        """Collect the oldest generation whose threshold is reached, as the automatic
        collector would; the number of objects found unreachable.

        A full collection (the oldest generation) walks every object of the process:
        the automatic collector holds it back until a quarter of the heap is new, which
        the thresholds alone do not say, so it runs here at most every
        ``FULL_EVERY_S``."""
        counts, thresholds = gc.get_count(), gc.get_threshold()
        due = [g for g in range(3) if thresholds[g] and counts[g] >= thresholds[g]]
        if not due:
            return 0
        generation = due[-1]
        now = time.monotonic()
        if generation == 2 and now - self._last_full < FULL_EVERY_S:
            generation = 1
        if generation == 2:
            self._last_full = now
        return gc.collect(generation)

    def stop(self) -> None:
        """This window is closing: back to automatic collection unless another needs
        this."""
        self._timer.stop()
        _release(self._counted)
