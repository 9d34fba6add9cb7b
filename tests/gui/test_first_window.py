"""The window a person sees first: an empty frame, built into the login screen after its
first paint (timing is measured by bench/bench_first_window.py, never here)."""

import json
import os
import subprocess
import sys

import pytest
from PySide6.QtWidgets import QApplication

from svctrainer.gui.app import after_first_paint
from svctrainer.gui.main_window import MainWindow
from svctrainer.gui.settings import GuiSettings

pytestmark = pytest.mark.gui


def test_the_frame_is_built_into_the_login_screen_after_its_first_paint(qtbot):
    window = MainWindow(GuiSettings(), deferred=True)
    qtbot.addWidget(window)
    assert not window.built
    assert window.menuBar().actions() == []  # nothing but the frame yet
    window.first_painted.connect(window.build)
    window.show()
    qtbot.waitUntil(lambda: window.built)
    assert window.centralWidget() is window.stack
    assert window.stack.currentWidget() is window.login
    assert window.login.search.hasFocus() or not window.isActiveWindow()
    assert window.menuBar().actions()[0].text() == "&File"


def test_a_callback_after_the_first_paint_runs_once(qtbot):
    window = MainWindow(GuiSettings(), deferred=True)
    qtbot.addWidget(window)
    calls = []
    after_first_paint(window, lambda: calls.append(window.isVisible()))
    window.show()
    qtbot.waitUntil(lambda: calls == [True])
    window.resize(window.width() + 40, window.height() + 40)
    window.repaint()
    QApplication.processEvents()
    assert calls == [True]


def test_a_frame_closed_before_it_was_built_closes_cleanly(qtbot):
    window = MainWindow(GuiSettings(), deferred=True)
    qtbot.addWidget(window)
    window.show()
    window.close()
    QApplication.processEvents()
    assert not window.built


def test_the_frame_imports_neither_the_login_screen_nor_the_services():
    """What the first window needs is all that is imported before it is shown."""
    code = (
        "import sys\n"
        "import svctrainer.gui.app\n"
        "heavy = [m for m in ('svctrainer.gui.login', 'svctrainer.gui.background',"
        " 'svctrainer.gui.navigation', 'svctrainer.services.records', 'sqlalchemy')"
        " if m in sys.modules]\n"
        "print(heavy)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


FIRST_FRAME = """
import json, runpy, sys
import PySide6.QtCore, PySide6.QtGui, PySide6.QtWidgets
from PySide6.QtCore import QCoreApplication
from svctrainer.gui.main_window import MainWindow

def at_first_paint(window, event):
    built = [name for module in (PySide6.QtCore, PySide6.QtGui, PySide6.QtWidgets)
             for name in ("Qt", "QStyle", "QFont", "QTranslator", "QMessageBox", "QListWidget",
                          "QKeySequence", "QMouseEvent")
             if name in vars(module)]
    print(json.dumps({"built": built, "modules": sorted(sys.modules)}))
    QCoreApplication.exit(0)

# Stop where the window paints its first frame, before it builds the login screen.
MainWindow.paintEvent = at_first_paint
sys.argv[0] = "svctrainer"
runpy.run_module("svctrainer", run_name="__main__", alter_sys=True)
"""


@pytest.mark.parametrize("argv", [[], ["gui"]])
def test_the_first_frame_needs_neither_the_qt_namespace_nor_the_heavy_modules(argv, tmp_path):
    """``svctrainer gui`` as a person starts it, stopped at the window's first paint: PySide
    has not built the Python enums of ``Qt`` or ``QStyle`` (tens of milliseconds each; see
    gui/theme.first_frame_appearance) nor its event classes (MainWindow.first_painted), and
    nothing beyond the frame is imported."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "SVCTRAINER_HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", FIRST_FRAME, *argv],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=True,
    )
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["built"] == []
    heavy = {
        "logging.handlers",
        "dataclasses",
        "sqlalchemy",
        "svctrainer.gui.check_indicator",
        "svctrainer.gui.language",
        "svctrainer.gui.icons",
        "svctrainer.gui.login",
        "svctrainer.gui.background",
        "svctrainer.services.api",
    }
    assert heavy.isdisjoint(seen["modules"]), heavy.intersection(seen["modules"])
