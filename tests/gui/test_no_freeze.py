"""The GUI thread never waits for slow work (issue 17, point 3).

A service call held open by the test (a real call behind a gate the test opens) runs on
the window's background worker: meanwhile the event loop keeps turning (a timer ticks),
the page shows its placeholder, the status bar says "Working…" once the call has run
past 0.3 s, and the page fills when the call returns. No timing is asserted: only the
order of events and the states the window passes through.

A theme switch restyles through the palette alone: the style is not replaced (which
re-polished every widget of every built page), a chart on screen is redrawn and a hidden
chart only when it is next shown.
"""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from progress_support import add_rows, learning_history
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from svctrainer.gui.settings import Theme
from svctrainer.gui.theme import dark_palette, light_palette

pytestmark = [pytest.mark.gui, pytest.mark.shipped_content]


@pytest.fixture
def teller_history(branch):
    branch.services.content.sync_bundled()
    add_rows(branch.services, branch.teller.id, learning_history(seed=11, attempts=40))
    return branch


class Gate:
    """Wraps a service method: the call starts, then waits until the test opens the gate.

    The real method runs afterwards on the same (worker) thread, so the page gets real
    figures; ``threads`` records which thread made each call.
    """

    def __init__(self, method):  # type: ignore[no-untyped-def]
        self._method = method
        self.entered = threading.Event()
        self._open = threading.Event()
        self.threads: list[int] = []

    def __call__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        self.threads.append(threading.get_ident())
        self.entered.set()
        if not self._open.wait(60):
            raise TimeoutError("the test never opened the gate")
        return self._method(*args, **kwargs)

    def open(self) -> None:
        self._open.set()


class Ticks:
    """A timer on the GUI thread; its count grows only while the event loop turns."""

    def __init__(self) -> None:
        self.count = 0
        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def _tick(self) -> None:
        self.count += 1


def test_a_slow_progress_query_leaves_the_window_alive_and_fills_the_page_after(
    qtbot, window, sign_in, teller_history, monkeypatch
):
    services = teller_history.services
    gate = Gate(services.progress.person_progress)
    monkeypatch.setattr(services.progress, "person_progress", gate)
    sign_in(teller_history.teller)
    ticks = Ticks()

    window.go_to("progress")
    view = window.pages["progress"].view
    qtbot.waitUntil(gate.entered.is_set, timeout=15_000)
    # The query is running and the loop still turns: ticks arrive, the page is usable.
    before = ticks.count
    qtbot.waitUntil(lambda: ticks.count > before + 3, timeout=5_000)
    assert view.current is None
    assert view.gain.text() == "Loading…"  # the placeholder while the figures come
    assert window.background.busy
    # After 0.3 s of work the status bar says so; the call is still held.
    qtbot.waitUntil(window.busy_indicator.isVisible, timeout=5_000)
    assert window.busy_indicator.label.text() == "Working…"
    assert not gate._open.is_set()
    assert len(gate.threads) == 1
    assert gate.threads[0] != threading.get_ident()  # on the worker

    gate.open()
    qtbot.waitUntil(lambda: view.current is not None, timeout=15_000)
    assert "over baseline" in view.gain.text()
    assert view.speed_chart.series is not None  # the chart is drawn from the real figures
    qtbot.waitUntil(lambda: not window.background.busy, timeout=15_000)
    assert not window.busy_indicator.isVisible()
    ticks.timer.stop()


def test_a_quick_call_never_shows_the_busy_sign(qtbot, window):
    shown: list[bool] = []
    window.background.busy_changed.connect(shown.append)
    done: list[object] = []
    window.background.run(lambda: 42, done.append, done.append)
    qtbot.waitUntil(lambda: bool(done))
    assert done == [42]
    assert shown == []  # done well before 0.3 s: no flash of "Working…"
    assert not window.busy_indicator.isVisible()


def test_an_employee_pdf_is_written_while_the_loop_turns(
    qtbot, sign_in, teller_history, tmp_path: Path, monkeypatch
):
    """The chart pictures are drawn one per turn of the event loop and the file is
    written by a child process the worker waits for: between two pictures, and while the
    file is written, the loop turns."""
    from svctrainer.gui.charts import pdf_process, pdf_report
    from svctrainer.gui.pages.my_progress import PersonProgressView

    window = sign_in(teller_history.supervisor)
    view = PersonProgressView(window.context, teller_history.teller.id)
    qtbot.addWidget(view)
    view.refresh()
    qtbot.waitUntil(lambda: view.current is not None, timeout=15_000)
    qtbot.waitUntil(lambda: not window.background.busy, timeout=15_000)
    ticks = Ticks()
    drawn_at: list[int] = []  # the tick count when each chart picture was drawn
    writer_threads: list[int] = []
    draw, in_child = pdf_report.record_widget, pdf_process._run_child

    def drawing(*args, **kwargs):  # type: ignore[no-untyped-def]
        drawn_at.append(ticks.count)
        return draw(*args, **kwargs)

    def writing(*args, **kwargs):  # type: ignore[no-untyped-def]
        writer_threads.append(threading.get_ident())
        return in_child(*args, **kwargs)

    here: list[object] = []  # a write in this process (the child failed): none

    def written_here(*args, **kwargs):  # type: ignore[no-untyped-def]
        here.append(args)
        return write_here(*args, **kwargs)

    monkeypatch.setattr(pdf_report, "record_widget", drawing)
    monkeypatch.setattr(pdf_process, "_run_child", writing)
    write_here = pdf_process.write_pdf
    monkeypatch.setattr(pdf_process, "write_pdf", written_here)
    target = tmp_path / "teller.pdf"
    view.write_pdf(target)
    qtbot.waitUntil(target.exists, timeout=60_000)
    assert target.read_bytes().startswith(b"%PDF")
    assert len(drawn_at) >= 2  # speed and accuracy at least
    # Between two pictures the timer ticked: each was drawn in its own turn of the loop.
    assert all(later > earlier for earlier, later in itertools.pairwise(drawn_at)), drawn_at
    assert writer_threads
    assert writer_threads[0] != threading.get_ident()  # the child, waited for on the worker
    assert here == []
    ticks.timer.stop()


def test_a_theme_switch_keeps_the_style_and_restyles_hidden_charts_on_show(
    qtbot, window, sign_in, teller_history
):
    app = QApplication.instance()
    sign_in(teller_history.teller)
    window.go_to("progress")
    view = window.pages["progress"].view
    qtbot.waitUntil(lambda: view.current is not None, timeout=15_000)
    qtbot.waitUntil(lambda: not window.background.busy, timeout=15_000)
    style = app.style()
    shown_chart, hidden_chart = view.speed_chart, view.heatmap_chart
    assert shown_chart.isVisible()
    assert not hidden_chart.isVisible()
    light_base = light_palette().color(light_palette().ColorRole.Base)
    dark_base = dark_palette().color(dark_palette().ColorRole.Base)
    assert hidden_chart.plot.backgroundBrush().color() == light_base
    queries: list[str] = []
    window.background.busy_changed.connect(lambda busy: queries.append(str(busy)))
    try:
        window.apply_settings(window.settings.replace(theme=Theme.DARK))
        assert app.style() is style  # no re-polish of every widget
        qtbot.waitUntil(
            lambda: shown_chart.plot.backgroundBrush().color() == dark_base, timeout=5_000
        )
        assert shown_chart.series is not None  # redrawn with its data
        assert not window.background.busy  # the theme asked nothing of the database
        # The hidden chart waits for its tab...
        qtbot.wait(50)
        assert hidden_chart.plot.backgroundBrush().color() == light_base
        view.tabs.setCurrentIndex(view.keys_index)
        # ...and is dark as soon as it shows.
        assert hidden_chart.isVisible()
        assert hidden_chart.plot.backgroundBrush().color() == dark_base
    finally:
        window.apply_settings(window.settings.replace(theme=Theme.LIGHT))


def test_numpy_is_imported_off_the_gui_thread_and_pyqtgraph_never_is(tmp_path):
    """pyqtgraph's import (seconds on a busy 2-core PC) once froze the first page with a
    chart; its numerical half (numpy, no Qt) is now imported on a thread as soon as the
    sign-in list shows (``listed``; test_chart_preload.py checks it is not before).
    pyqtgraph itself walks PySide's modules when imported, which on a thread crashed the
    GUI thread's painting (a segfault in the full run): never there."""
    code = (
        "import sys, threading\n"
        "class Spy:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name in ('numpy', 'pyqtgraph'):\n"
        "            print('importer', name, threading.current_thread().name, flush=True)\n"
        "        return None\n"
        "sys.meta_path.insert(0, Spy())\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from svctrainer.gui.main_window import MainWindow\n"
        "from svctrainer.gui.settings import GuiSettings\n"
        "window = MainWindow(GuiSettings())\n"
        "assert window.built\n"
        "window.login.listed.emit()\n"
        "preload = next(t for t in threading.enumerate() if t.name == 'chart-preload')\n"
        "preload.join(120)\n"
        "print('loaded', 'numpy' in sys.modules, 'pyqtgraph' in sys.modules)\n"
        "from svctrainer.gui.charts.progress_chart import ProgressChart\n"
        "ProgressChart()\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "SVCTRAINER_HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    lines = done.stdout.split("\n")
    assert lines[:2] == ["importer numpy chart-preload", "loaded True False"], lines
    assert "importer pyqtgraph MainThread" in lines, lines


def test_garbage_is_collected_on_the_gui_thread_only(qtbot, window):
    """A Qt object in a reference cycle is freed by the collector; run from the worker,
    that deleted widgets off the GUI thread (a crash in QtCore under load). With the
    window up, automatic collection is off and the window's timer collects instead."""
    import gc
    import weakref

    from PySide6.QtCore import QObject

    assert not gc.isenabled()
    threads: list[int] = []

    def note(phase: str, _info: dict) -> None:  # type: ignore[type-arg]
        if phase == "start":
            threads.append(threading.get_ident())

    class Cycle(QObject):
        pass

    holder = Cycle()
    holder.me = holder  # type: ignore[attr-defined]  # a cycle only the collector frees
    gone = weakref.ref(holder)
    del holder
    gc.callbacks.append(note)
    try:
        # Allocations on the worker push the collector past its threshold there.
        done: list[object] = []
        window.background.run(lambda: [[i] for i in range(50_000)], done.append, done.append)
        qtbot.waitUntil(lambda: bool(done))
        qtbot.waitUntil(lambda: gone() is None, timeout=10_000)
    finally:
        gc.callbacks.remove(note)
    assert threads
    assert set(threads) == {threading.get_ident()}
