"""Importing the chart library ahead of its first use, off the GUI thread.

Why: pyqtgraph (with numpy and Qt's OpenGL modules) takes 0.4-2 s to import on a
2-core branch PC. Imported when the first page with a chart was built (My progress, the
supervisor's dashboard), that time froze the window (bench/bench_heartbeat.py). Imported
on a thread while the login screen waits for a PIN, it is ready by the time a chart is
built, and the event loop keeps turning meanwhile (the thread gives up the interpreter
lock every few milliseconds).

The thread only imports: pyqtgraph builds no widget at import time. A page that needs
it before the thread is done waits on Python's import lock, as it would have waited for
the import anyway. Not the database worker (``gui/background.py``): the first queries
after sign-in must not queue behind an import.
"""

from __future__ import annotations

import importlib
import logging
import threading

log = logging.getLogger(__name__)
CHART_MODULES = ("pyqtgraph",)


def preload_charts() -> threading.Thread:
    """Start importing the chart modules on a daemon thread; the thread."""

    def load() -> None:
        for name in CHART_MODULES:
            try:
                importlib.import_module(name)
            except Exception:  # the page that needs it reports the failure itself
                log.warning("could not preload %s", name, exc_info=True)

    thread = threading.Thread(target=load, name="chart-preload", daemon=True)
    thread.start()
    return thread
