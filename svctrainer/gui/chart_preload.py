"""Importing the chart library ahead of its first use, in pieces the window never feels.

Why: pyqtgraph with numpy takes 0.4-2 s to import on a busy 2-core branch PC, and
imported when the first page with a chart was built it froze the window for 314 ms on
a quiet one (bench/bench_heartbeat.py; issue 17: no gap over 100 ms). The import is
three kinds of work, each done where it is safe:

1. numpy and the pure-Python modules pyqtgraph pulls in (``PRELOADED``: XML, subprocess,
   multiprocessing, ...): no Qt in any of them, imported on a thread while the login
   screen waits for a PIN.
2. Python's view of PySide's modules: at import pyqtgraph walks every attribute of
   QtCore, QtGui and QtWidgets (``pyqtgraph/Qt/__init__.py``), which makes shiboken
   create about a thousand Qt types and enums lazily, over half the import. That is not
   safe off the GUI thread (done on a thread it crashed the process in a painting
   delegate, a segfault in the full test run), so the GUI thread does it, in slices of
   a few milliseconds between events (``ChartWarmUp``), once the window is idle.
3. pyqtgraph's own modules: one step on the GUI thread after the rest, which is what
   remains of the import (~90 ms of CPU on a quiet machine). PySide reads the source of
   every module that imports anything (``inspect.getsource``: whether it uses PySide's
   ``__feature__`` switches), 150 of pyqtgraph's files in that step; the thread reads
   them into ``linecache`` first (``_read_sources``: text, no import), where that looks
   first, which takes ~15 ms off the step.

Not the database worker (``gui/background.py``): the first queries after sign-in must
not queue behind an import. Not before the sign-in list is filled either (the window
starts it then, ``MainWindow._warm_up_charts``): the import competed for the interpreter
with the opening database and made a new computer's ``gui --demo`` list 0.2 s later.
"""

from __future__ import annotations

import contextlib
import importlib
import linecache
import logging
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import QObject, QTimer

log = logging.getLogger(__name__)
PRELOADED = (  # no Qt in any of them: see the module doc
    "numpy",
    "numpy.typing",
    "xml.etree.ElementTree",
    "subprocess",
    "multiprocessing.connection",
    "decimal",
    "cProfile",
    "pydoc",
    "pkgutil",
    "importlib.resources",
    "mmap",
    "socket",
    "sysconfig",
)
# The PySide modules pyqtgraph walks (step 2) and those it imports besides (step 3).
WALKED = ("PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets")
IMPORTED = ("PySide6.QtSvg", "PySide6.QtOpenGLWidgets", "PySide6.QtTest")
# pyqtgraph's folders its import leaves alone (their sources need no reading).
UNUSED_PARTS = frozenset({"examples", "opengl", "flowchart", "dockarea", "jupyter", "console"})
START_MS = 300  # after the sign-in list has painted (the window starts it when filled)
SLICE_S = 0.008  # GUI-thread work per turn of the event loop
_started = False


def preload_charts() -> threading.Thread:
    """Start importing ``PRELOADED`` on a daemon thread and, once this (GUI) thread's
    event loop is idle, warm up the rest here (``ChartWarmUp``); the thread."""

    def load() -> None:
        for name in PRELOADED:
            try:
                importlib.import_module(name)
            except Exception:  # the page that needs it reports the failure itself
                log.warning("could not preload %s", name, exc_info=True)
        _read_sources()

    thread = threading.Thread(target=load, name="chart-preload", daemon=True)
    thread.start()
    global _started  # noqa: PLW0603 - one warm-up per process, however many windows
    if not _started and "pyqtgraph" not in sys.modules:
        _started = True
        ChartWarmUp(thread).start()
    return thread


def _read_sources() -> None:
    """pyqtgraph's source files into ``linecache`` (step 3 of the module doc), found on
    ``sys.path`` by hand: asking the import system would be a first step of the import.
    A frozen build ships no sources; then there is nothing to read (nor for PySide)."""
    for entry in sys.path:
        folder = Path(entry) / "pyqtgraph"
        if entry and (folder / "__init__.py").is_file():
            for source in folder.rglob("*.py"):
                if not UNUSED_PARTS.intersection(source.relative_to(folder).parts):
                    linecache.updatecache(str(source))
            return


class ChartWarmUp(QObject):
    """Steps 2 and 3 of the module doc on the GUI thread, a slice per timer tick."""

    def __init__(self, preload: threading.Thread) -> None:
        from PySide6.QtCore import QCoreApplication  # noqa: PLC0415

        super().__init__(QCoreApplication.instance())  # outlives any one window
        self._preload = preload
        self._steps = self._work()
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._slice)

    def start(self, delay_ms: int = START_MS) -> None:
        QTimer.singleShot(delay_ms, self, self._timer.start)

    def _slice(self) -> None:
        """Run steps until ``SLICE_S`` has gone by; stop the timer when all are done."""
        deadline = time.perf_counter() + SLICE_S
        try:
            while time.perf_counter() < deadline:
                if next(self._steps):
                    return  # waiting for the preloading thread: this turn is over
        except StopIteration:
            self._timer.stop()
            self.deleteLater()
        except Exception:  # the first chart imports pyqtgraph itself and reports
            log.warning("could not warm up the chart library", exc_info=True)
            self._timer.stop()
            self.deleteLater()

    def _work(self) -> Iterator[bool]:
        """The steps; each yields True to end the turn at once (nothing to do yet)."""
        for name in WALKED:
            module = importlib.import_module(name)
            for attribute in dir(module):
                getattr(module, attribute, None)
                yield False
        for name in IMPORTED:
            with contextlib.suppress(ImportError):  # optional parts pyqtgraph does without
                importlib.import_module(name)
            yield True  # each one a turn of its own
        while self._preload.is_alive():  # pyqtgraph last, after its numerical half
            yield True
        if "pyqtgraph" not in sys.modules:
            importlib.import_module("pyqtgraph")
        yield True
