"""The chart library is warmed up ahead of the first chart: the Qt half on the GUI
thread in many short turns, the rest on a thread (``gui/chart_preload.py``)."""

import os
import subprocess
import sys

from svctrainer.gui import chart_preload
from svctrainer.gui.main_window import MainWindow
from svctrainer.gui.settings import GuiSettings, Theme

CODE = """
import sys, threading
def say(*words):  # one write per line: two threads print
    sys.stdout.write(' '.join(map(str, words)) + '\\n')
    sys.stdout.flush()
class Spy:
    def find_spec(self, name, path=None, target=None):
        if name in ('numpy', 'xml.etree.ElementTree', 'PySide6.QtSvg', 'pyqtgraph'):
            say('importer', name, threading.current_thread().name)
        return None
sys.meta_path.insert(0, Spy())
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([])
from svctrainer.gui import chart_preload
turns = []
slice_ = chart_preload.ChartWarmUp._slice
def counted(self):
    turns.append(1)
    slice_(self)
chart_preload.ChartWarmUp._slice = counted
chart_preload.preload_charts()
say('at once', 'pyqtgraph' in sys.modules)
def check():
    if 'pyqtgraph' in sys.modules:
        app.quit()
poll = QTimer()
poll.timeout.connect(check)
poll.start(50)
QTimer.singleShot(120_000, app.quit)
app.exec()
say('loaded', 'pyqtgraph' in sys.modules, 'turns', len(turns))
"""


def test_pyqtgraph_is_warmed_up_on_the_gui_thread_in_many_turns(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "SVCTRAINER_HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", CODE], capture_output=True, text=True, check=True, env=env
    )
    lines = done.stdout.split("\n")
    assert "importer numpy chart-preload" in lines, lines
    assert "importer xml.etree.ElementTree chart-preload" in lines, lines  # no Qt in it
    assert "importer PySide6.QtSvg MainThread" in lines, lines
    assert "importer pyqtgraph MainThread" in lines, lines  # never off the GUI thread
    assert "at once False" in lines, lines  # not while the window is being built
    loaded = next(line for line in lines if line.startswith("loaded"))
    assert loaded.startswith("loaded True"), lines
    # The walk over PySide's ~1 000 types is split: many turns, none of them all of it.
    assert int(loaded.split()[-1]) > 10, lines


def test_the_warm_up_starts_once_the_sign_in_list_is_filled(qtbot, branch, monkeypatch):
    """Started with the window, the warm-up's imports competed for the interpreter with
    the worker opening the database, and a new computer's ``gui --demo`` listed its
    people 0.2 s later (issue 17: within 2 s of the window). It starts when the list is
    filled, once, however often the list is refreshed."""
    window: MainWindow | None = None
    rows_when_started: list[int] = []
    preload = chart_preload.preload_charts

    def spy():
        building = window is None  # started while the window was being built: -1
        rows_when_started.append(-1 if building else window.login.model.rowCount())
        return preload()

    monkeypatch.setattr(chart_preload, "preload_charts", spy)
    window = MainWindow(GuiSettings(theme=Theme.LIGHT))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert rows_when_started == []  # built and painted, nobody to sign in yet
    assert window.chart_warm_up is None

    window.attach_services(branch.services, "Test Branch")
    qtbot.waitUntil(lambda: window.login.model.rowCount() > 0)
    people = window.login.model.rowCount()
    assert rows_when_started == [people]
    assert window.chart_warm_up is not None

    with qtbot.waitSignal(window.login.listed):  # a refresh (after a sign-out, a search)
        window.login.refresh()
    assert rows_when_started == [people]
    window.background.wait()
