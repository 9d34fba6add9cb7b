"""The window a person sees first: an empty frame, built into the login screen after its
first paint (timing is measured by bench/bench_first_window.py, never here)."""

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
    after_first_paint(window, window.build)
    window.show()
    qtbot.waitUntil(lambda: window.built)
    assert window.centralWidget() is window.stack
    assert window.stack.currentWidget() is window.login
    assert window.login.search.hasFocus() or not window.isActiveWindow()
    assert window.menuBar().actions()[0].text() == "&File"


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
