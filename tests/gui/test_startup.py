"""Start-up as a person meets it: first run on an empty database, and a damaged file."""

import os
import subprocess
import sys

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog

from svctrainer.gui.app import Startup
from svctrainer.gui.main_window import MainWindow
from svctrainer.gui.settings import GuiSettings
from svctrainer.store.backup import take_backup

pytestmark = pytest.mark.gui


def test_first_run_creates_branch_and_signs_in_the_admin(qtbot, tmp_path, on_next_dialog):
    window = MainWindow(GuiSettings())
    qtbot.addWidget(window)
    window.show()
    startup = Startup(window, f"sqlite:///{tmp_path / 'fresh.sqlite3'}", demo=False)

    def fill(dialog):
        qtbot.keyClicks(dialog.branch, "Harbour Branch")
        qtbot.keyClicks(dialog.name, "Ada Admin")
        qtbot.keyClicks(dialog.number, "A1")
        qtbot.keyClicks(dialog.pin, "2468")
        qtbot.keyClicks(dialog.pin_again, "2468")
        dialog.buttons.buttons()[0].click()

    on_next_dialog(fill)
    startup.run()
    # The session shows once its landing page is built, a few turns after the sign-in.
    qtbot.waitUntil(lambda: window.context is not None, timeout=10_000)
    assert window.context is not None
    assert window.context.signed_in.branch_name == "Harbour Branch"
    assert window.current_page_key() == "admin"  # the first admin adds the people next
    assert "Ada Admin" in window.person_label.text()
    window.services.close()


def test_damaged_database_offers_the_newest_backup_and_keeps_the_file(
    qtbot, services, db_path, on_next_dialog
):
    services.auth.set_up_branch(branch_name="B", admin_name="Ada", employee_number="A1", pin="2468")
    services.close()
    good = take_backup(db_path, "daily")
    damaged = b"SQLite format 3\x00" + b"\x00" * 90 + b"garbage" * 2000
    db_path.write_bytes(damaged)
    window = MainWindow(GuiSettings())
    qtbot.addWidget(window)
    startup = Startup(window, str(db_path), demo=False)
    seen = {}

    def restore(box):
        seen["text"] = box.text()
        seen["info"] = box.informativeText()
        next(b for b in box.buttons() if b.text() == "Restore backup").click()

    on_next_dialog(restore)
    startup.run()
    # Opened on the worker; the restored file too, after the dialog.
    qtbot.waitUntil(lambda: window.services is not None, timeout=10_000)
    assert good.name in seen["info"]
    kept = [p for p in db_path.parent.iterdir() if "replaced" in p.name and p.suffix == ".sqlite3"]
    assert len(kept) == 1
    assert kept[0].read_bytes() == damaged
    assert window.services is not None  # reopened on the restored file
    assert window.login.branch_label.text() == "B"
    window.services.close()
    QApplication.processEvents()


def test_not_a_database_without_backups_quits_cleanly(qtbot, tmp_path, on_next_dialog):
    path = tmp_path / "notes.sqlite3"
    path.write_text("not a database")
    window = MainWindow(GuiSettings())
    qtbot.addWidget(window)
    window.show()
    startup = Startup(window, str(path), demo=False)
    seen = {}

    def quit_(box: QMessageBox):
        seen["text"] = box.text()
        next(b for b in box.buttons() if b.text() == "Quit").click()

    on_next_dialog(quit_)
    startup.run()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=10_000)
    assert "not an svctrainer database" in seen["text"]
    assert path.read_text() == "not a database"
    assert not window.isVisible()


def test_a_second_window_on_the_same_database_is_told_it_is_safe(qtbot, services, db_path):
    services.auth.set_up_branch(branch_name="B", admin_name="Ada", employee_number="A1", pin="2468")
    windows = []
    for _ in range(2):
        window = MainWindow(GuiSettings())
        qtbot.addWidget(window)
        Startup(window, str(db_path), demo=False).run()
        qtbot.waitUntil(lambda w=window: w.services is not None, timeout=10_000)
        windows.append(window)
    first, second = (w.statusBar().currentMessage() for w in windows)
    assert "already open" not in first
    assert "already open with this database" in second
    for w in windows:
        w.services.close()


def test_the_database_opens_on_the_worker_while_the_window_stays_live(
    qtbot, services, db_path
):
    """Opening the database (SQLAlchemy's and the services' imports, a migration and the
    backup before it) runs on the worker, not on the GUI thread: ``run`` returns at once
    and the event loop turns until the sign-in list fills."""
    from PySide6.QtCore import QTimer

    services.auth.set_up_branch(branch_name="B", admin_name="Ada", employee_number="A1", pin="2468")
    services.close()
    window = MainWindow(GuiSettings())
    qtbot.addWidget(window)
    window.show()
    turns: list[bool] = []
    beat = QTimer()
    beat.setInterval(0)
    beat.timeout.connect(lambda: turns.append(window.services is None))
    beat.start()
    Startup(window, str(db_path), demo=False).run()
    assert window.services is None  # not opened on this thread, inside run()
    # No collector pass over what the worker imports meanwhile: frozen once it is open.
    assert not window.collector.passing
    qtbot.waitUntil(lambda: window.login.model.rowCount() > 0, timeout=10_000)
    beat.stop()
    assert any(turns)  # the event loop turned while the database was opening
    assert window.collector.passing
    assert window.login.branch_label.text() == "B"
    window.services.close()


def test_gui_demo_on_a_new_computer_fills_the_sign_in_list_from_the_shipped_snapshot(
    qtbot, tmp_path, monkeypatch
):
    """``gui --demo`` with an empty cache folder: the window stays live (the event loop
    keeps turning) while the shipped snapshot is unpacked and copied in the background,
    and the sign-in list fills with the demo people."""
    from PySide6.QtCore import QTimer

    from svctrainer.core.demo_branch import DEMO_PEOPLE
    from svctrainer.services.demo_snapshot import read_manifest

    manifest = read_manifest()
    assert manifest is not None
    cache = tmp_path / "new-computer-cache"
    monkeypatch.setenv("SVCTRAINER_CACHE", str(cache))
    window = MainWindow(GuiSettings())
    qtbot.addWidget(window)
    window.show()
    turns = []
    progress_shown: list[str] = []

    def beat() -> None:
        turns.append(window.login.model.rowCount())
        shown = QApplication.activeModalWidget()
        if isinstance(shown, QProgressDialog):  # expected while it unpacks: left open
            shown.setProperty("test_handled", True)
            progress_shown.append(shown.labelText())

    heartbeat = QTimer()
    heartbeat.timeout.connect(beat)
    heartbeat.start(10)
    startup = Startup(window, "", demo=True)
    startup.run()
    turns_when_started = len(turns)
    qtbot.waitUntil(lambda: window.login.model.rowCount() > 0, timeout=120_000)
    heartbeat.stop()
    try:
        assert window.login.model.rowCount() == len(DEMO_PEOPLE)
        assert turns.count(0) > turns_when_started  # the loop turned while it opened
        assert "every demo PIN is 1234" in window.statusBar().currentMessage()
        assert all("demo branch" in text for text in progress_shown)  # if slow enough to show
        assert QApplication.activeModalWidget() is None  # closed once the demo opened
        assert [f.name for f in cache.glob("demo-*.sqlite3")] == [
            f"demo-{manifest.key}-{manifest.built_on}.sqlite3"
        ]
    finally:
        window.services.close()
        startup.cleanup()


def test_gui_demo_imports_the_services_off_the_gui_thread(tmp_path):
    """SQLAlchemy and the services (0.7 s of CPU, no Qt) are imported by the background
    worker that opens the demo copy: the GUI thread stays free for the window."""
    code = (
        "import sys, threading\n"
        "class Spy:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name in ('svctrainer.services.api', 'sqlalchemy'):\n"
        "            print('importer', name, threading.current_thread() is\n"
        "                  threading.main_thread(), flush=True)\n"
        "        return None\n"
        "sys.meta_path.insert(0, Spy())\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from svctrainer.gui.app import Startup\n"
        "from svctrainer.gui.main_window import MainWindow\n"
        "from svctrainer.gui.settings import GuiSettings\n"
        "window = MainWindow(GuiSettings())\n"
        "window.show()\n"
        "startup = Startup(window, '', demo=True)\n"
        "startup.run()\n"
        "import time\n"
        "deadline = time.monotonic() + 120\n"
        "while window.login.model.rowCount() == 0 and time.monotonic() < deadline:\n"
        "    app.processEvents()\n"
        "    time.sleep(0.01)\n"
        "print('people', window.login.model.rowCount(), flush=True)\n"
        "window.services.close()\n"
        "startup.cleanup()\n"
    )
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "SVCTRAINER_HOME": str(tmp_path / "home"),
        "SVCTRAINER_CACHE": str(tmp_path / "cache"),
    }
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env,
        timeout=300,
    )  # fmt: skip
    lines = done.stdout.split("\n")
    assert "importer svctrainer.services.api False" in lines, lines
    assert "importer sqlalchemy False" in lines, lines
    assert "importer svctrainer.services.api True" not in lines, lines
    assert "importer sqlalchemy True" not in lines, lines
    assert any(line.startswith("people ") and line != "people 0" for line in lines), lines
