"""Importing the chart library's numerical half ahead of its first use, off the GUI thread.

Why: pyqtgraph with numpy takes 0.4-2 s to import on a busy 2-core branch PC, and
imported when the first page with a chart was built it froze the window
(bench/bench_heartbeat.py). numpy is about half of it and touches no Qt, so it is
imported on a thread while the login screen waits for a PIN.

pyqtgraph itself is NOT imported here: at import it walks every attribute of PySide's
modules (``pyqtgraph/Qt/__init__.py``), which makes shiboken create Qt's Python types
and enums lazily, and that is not safe while the GUI thread paints. Done on this thread
it crashed the process in a painting delegate (a segfault in the full test run). It is
imported on the GUI thread by the first chart, after numpy is already in.

Not the database worker (``gui/background.py``): the first queries after sign-in must
not queue behind an import.
"""

from __future__ import annotations

import importlib
import logging
import threading

log = logging.getLogger(__name__)
PRELOADED = ("numpy",)  # no Qt in any of them: see the module doc


def preload_charts() -> threading.Thread:
    """Start importing ``PRELOADED`` on a daemon thread; the thread."""

    def load() -> None:
        for name in PRELOADED:
            try:
                importlib.import_module(name)
            except Exception:  # the page that needs it reports the failure itself
                log.warning("could not preload %s", name, exc_info=True)

    thread = threading.Thread(target=load, name="chart-preload", daemon=True)
    thread.start()
    return thread
