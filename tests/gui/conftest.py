"""Fixtures of the GUI tests: the main window on the test branch, signing in through the
real login widgets, the practice page with the shipped content, answering modal dialogs."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

from svctrainer.gui.main_window import MainWindow
from svctrainer.gui.settings import GuiSettings, Theme

GUI_TESTS = Path(__file__).resolve().parent
PAGE_WAIT_MS = 30_000  # background loading on a loaded machine; only bounds a failure


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A GUI test on the practice page stores the shipped content first (``practice``), so
    its database starts with it stored (``shipped_content``): copying a file instead of
    parsing every shipped scenario again for each test."""
    for item in items:
        if GUI_TESTS in item.path.parents and "practice" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.shipped_content)


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
    # pytest-qt closed the window (its closeEvent waits for the worker) and asked for its
    # deletion before this teardown; when the deferred deletion has already run, the
    # worker went with the window and there is nothing left to wait for.
    if shiboken6.isValid(win):
        win.background.wait()


@pytest.fixture
def sign_in(qtbot, window, branch) -> Callable[[object], MainWindow]:
    """Sign in through the real login widgets: pick the profile, type the PIN, press Enter."""
    from PySide6.QtCore import Qt

    def do(person: object) -> MainWindow:
        qtbot.waitUntil(window.login.list_is_current, timeout=10_000)
        assert window.login.select_profile(person.employee_number)
        qtbot.keyClicks(window.login.pin, branch.pin)
        qtbot.keyClick(window.login.pin, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: window.context is not None, timeout=10_000)
        return window

    return do


@pytest.fixture
def practice(qtbot, window, sign_in, branch):
    """The practice page, signed in as Tom Teller, listing the shipped drills and scenarios."""
    branch.services.content.sync_bundled()
    sign_in(branch.teller)
    assert window.go_to("practice")
    page = window.pages["practice"]
    qtbot.waitUntil(lambda: page.tree.topLevelItemCount() > 0, timeout=PAGE_WAIT_MS)
    return page


@pytest.fixture
def on_next_dialog(qtbot) -> Callable[[Callable[[QWidget], None]], None]:
    """Run ``handler(dialog)`` on the next modal dialog as soon as it opens."""

    def arm(handler: Callable[[QWidget], None]) -> None:
        def poll() -> None:
            dialog = QApplication.activeModalWidget()
            if dialog is None or dialog.property("test_handled"):
                QTimer.singleShot(20, poll)
                return
            dialog.setProperty("test_handled", True)
            finished = getattr(dialog, "finished", None)
            if finished is not None:  # the same dialog may be shown again (a retry loop)
                finished.connect(lambda *_: dialog.setProperty("test_handled", False))
            handler(dialog)

        QTimer.singleShot(0, poll)

    return arm


UNHANDLED_DIALOG_MS = 1500


@pytest.fixture(autouse=True)
def unexpected_dialogs(qapp) -> Iterator[list[str]]:
    """Fail a test, instead of hanging it, when a modal dialog nobody expected opens
    (an error box is how the app reports a problem, so the test should see it)."""
    seen: list[str] = []
    first_seen: dict[int, int] = {}
    timer = QTimer()
    timer.setInterval(100)

    def check() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or dialog.property("test_handled"):
            first_seen.clear()
            return
        waited = first_seen.setdefault(id(dialog), 0) + timer.interval()
        first_seen[id(dialog)] = waited
        if waited >= UNHANDLED_DIALOG_MS:
            text = getattr(dialog, "text", lambda: "")()
            seen.append(f"{dialog.windowTitle()}: {text}")
            dialog.setProperty("test_handled", True)
            dialog.reject() if hasattr(dialog, "reject") else dialog.close()

    timer.timeout.connect(check)
    timer.start()
    yield seen
    timer.stop()
    assert not seen, f"unexpected dialog(s): {seen}"


@pytest.fixture
def zone():
    """Switch this process' time zone (``TZ``), as Qt and pyqtgraph read it; restored."""
    import os
    import time

    before = os.environ.get("TZ")

    def use(name: str) -> None:
        os.environ["TZ"] = name
        time.tzset()

    yield use
    if before is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = before
    time.tzset()
