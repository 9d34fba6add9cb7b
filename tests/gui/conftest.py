from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

from svctrainer.gui.main_window import MainWindow
from svctrainer.gui.settings import GuiSettings, Theme


@pytest.fixture
def window(qtbot, branch) -> Iterator[MainWindow]:
    """The main window on the test branch's database, showing the login screen."""
    from svctrainer.gui.theme import apply_appearance

    app = QApplication.instance()
    settings = GuiSettings(theme=Theme.LIGHT)
    apply_appearance(app, settings)
    win = MainWindow(settings)
    qtbot.addWidget(win)
    win.attach_services(branch.services, "Test Branch")
    win.show()
    qtbot.waitUntil(lambda: win.login.model.rowCount() > 0)
    yield win
    win.background.wait()


@pytest.fixture
def sign_in(qtbot, window, branch) -> Callable[[object], MainWindow]:
    """Sign in through the real login widgets: pick the profile, type the PIN, press Enter."""
    from PySide6.QtCore import Qt

    def do(person: object) -> MainWindow:
        assert window.login.select_profile(person.employee_number)
        qtbot.keyClicks(window.login.pin, branch.pin)
        qtbot.keyClick(window.login.pin, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: window.context is not None, timeout=10_000)
        return window

    return do


@pytest.fixture
def on_next_dialog(qtbot) -> Callable[[Callable[[QWidget], None]], None]:
    """Run ``handler(dialog)`` on the next modal dialog as soon as it opens."""

    def arm(handler: Callable[[QWidget], None]) -> None:
        def poll() -> None:
            dialog = QApplication.activeModalWidget()
            if dialog is None:
                QTimer.singleShot(20, poll)
                return
            handler(dialog)

        QTimer.singleShot(0, poll)

    return arm
