"""Running service calls off the GUI thread, Anki-style.

One worker thread serialises every database call (writes never overlap, and SQLite sees
one connection at a time from us); results come back to the GUI thread through a queued
signal. The window says it is busy (busy cursor, and ``busy_changed`` for the status-bar
indicator of ``gui/busy_indicator.py``) only when a call takes longer than 0.3 s, so quick
calls do not flicker.

The interpreter lock: the worker runs Python (SQLAlchemy rows, the figures) while the GUI
thread paints, and PySide6 keeps the lock through its Qt calls, so the GUI thread gives
it up whenever it returns to Qt and takes it again for each slot, event handler, model
``data()`` or timer it runs in Python. Each time the worker holds it, the GUI thread waits
until the worker is made to hand it over: Python's switch interval, 5 ms by default, many
times per frame. ``SWITCH_INTERVAL_S`` shortens that wait (``Background`` sets it); it
costs nothing while the GUI thread is idle (only a waiting thread makes the holder let go).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal, Slot
from PySide6.QtGui import QCursor, QGuiApplication

log = logging.getLogger(__name__)
BUSY_CURSOR_AFTER_MS = 300
SWITCH_INTERVAL_S = 0.001
"""How long a thread waiting for the interpreter lock lets the holder run before asking
for it (Python's default: 0.005 s). 20 paints of a 500-row table while the worker built
the branch summary (SQLite, 1 M attempts): the GUI thread slept 1 098 ms waiting for the
lock at 5 ms, 602 ms at 1 ms (medians of 5, alternating; load 6-8)."""


class _Relay(QObject):
    finished = Signal(object, object)  # result, exception


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._fn = fn
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._fn()
        except Exception as exc:  # noqa: BLE001 - handed to the GUI thread, which reports it
            self._relay.finished.emit(None, exc)
        else:
            self._relay.finished.emit(result, None)


class Background(QObject):
    """Owns the database worker; one per application window."""

    busy_changed = Signal(bool)
    """True when work has been running for ``BUSY_CURSOR_AFTER_MS``, False when the last
    call is done."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        if sys.getswitchinterval() > SWITCH_INTERVAL_S:
            sys.setswitchinterval(SWITCH_INTERVAL_S)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._pending: set[_Relay] = set()
        self._busy = 0
        self._busy_timer = QTimer(self)
        self._busy_timer.setSingleShot(True)
        self._busy_timer.timeout.connect(self._show_busy)
        self._cursor_shown = False

    def run(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[Exception], None],
    ) -> None:
        # The relay belongs to this object (GUI thread) and is deleted there, after its
        # answer: left to Python, the relay (caught in a cycle with its slot) was freed by
        # whichever thread ran the garbage collector, often the worker, while the GUI
        # thread could still be delivering its signal: a crash in QtCore under load.
        relay = _Relay(self)
        self._pending.add(relay)
        self.hold()

        @Slot(object, object)
        def finished(result: Any, error: Exception | None) -> None:
            self._pending.discard(relay)
            relay.deleteLater()
            try:
                self.release()  # its timer may be gone with a closed window
                if error is not None:
                    log.info("background call failed: %r", error)
                    on_error(error)
                else:
                    on_done(result)
            except RuntimeError as exc:
                # The page that asked has been closed meanwhile (signed out, navigated
                # away): its widgets are gone, and so is the need for the answer.
                if "already deleted" not in str(exc):
                    raise
                log.info("dropped a background result for a closed page: %s", exc)

        relay.finished.connect(finished, Qt.ConnectionType.QueuedConnection)
        self._pool.start(_Job(fn, relay))

    def hold(self) -> None:
        """Count work done in steps on the GUI thread (say, a report's charts drawn one
        per turn of the event loop) as busy, like a call on the worker: the window says
        so after 0.3 s. Each ``hold`` needs its ``release``."""
        self._busy += 1
        if not self._busy_timer.isActive() and not self._cursor_shown:
            self._busy_timer.start(BUSY_CURSOR_AFTER_MS)

    def release(self) -> None:
        self._busy = max(0, self._busy - 1)
        if self._busy == 0:
            self._clear_busy()

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until queued work is done (shutdown and tests)."""
        return self._pool.waitForDone(msecs)

    @property
    def busy(self) -> bool:
        return self._busy > 0

    @property
    def showing_busy(self) -> bool:
        """Whether the window says it is busy (work has run past the 0.3 s)."""
        return self._cursor_shown

    def _show_busy(self) -> None:
        if self._busy and not self._cursor_shown:
            QGuiApplication.setOverrideCursor(QCursor(Qt.CursorShape.BusyCursor))
            self._cursor_shown = True
            self.busy_changed.emit(True)

    def _clear_busy(self) -> None:
        self._busy_timer.stop()
        if self._cursor_shown:
            QGuiApplication.restoreOverrideCursor()
            self._cursor_shown = False
            self.busy_changed.emit(False)


@contextmanager
def busy_cursor() -> Iterator[None]:
    """For the few synchronous calls made from a modal dialog's accept loop."""
    QGuiApplication.setOverrideCursor(QCursor(Qt.CursorShape.BusyCursor))
    try:
        yield
    finally:
        QGuiApplication.restoreOverrideCursor()
