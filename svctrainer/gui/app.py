"""Starting the GUI: application object, appearance, window first, database second.

The window appears as an empty frame before the login screen is even imported (budget:
first window ≤ 1.25 × a bare PySide6 window, bench/bench_first_window.py); the login
screen is built after that first paint, the database opened after the login's (a SQLite
file is migrated, after a backup; a server is only checked), and the login list fills in
when it is ready.

Before that first paint only the frame's needs are paid for (tests/gui/test_first_window.py
holds the line): not PySide's ``Qt`` namespace nor ``QStyle`` (theme.first_frame_appearance),
no event class (MainWindow.first_painted), no dialog class, no ``dataclasses``, no
rotating log file (``after_first_frame``), no SVG icon engine (``set_window_icon``), and
neither the font nor the translators, which nothing in an empty frame shows (its title
reads the same in every language).
"""

from __future__ import annotations

import logging
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QApplication, QWidget

from svctrainer import __version__
from svctrainer.gui.i18n import translate
from svctrainer.gui.main_window import MainWindow
from svctrainer.gui.settings import load_settings
from svctrainer.gui.theme import FIRST_FRAME_STYLE, apply_appearance, first_frame_appearance

if TYPE_CHECKING:
    from PySide6.QtWidgets import QProgressDialog

    from svctrainer.services.api import Services
    from svctrainer.services.content import ImportOutcome
    from svctrainer.services.errors import SchemaVersionError

log = logging.getLogger(__name__)
APP_ID = "org.svctrainer.SvcTrainer"


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        # The style by name: Qt creates it, and no Python QStyle is needed before the
        # first frame (theme.first_frame_appearance).
        args = argv if argv is not None else sys.argv[:1]
        program = args[:1] or ["svctrainer"]
        app = QApplication([*program, "-style", FIRST_FRAME_STYLE, *args[1:]])
    app.setApplicationName("svctrainer")
    app.setApplicationDisplayName("svctrainer")
    app.setOrganizationName("svctrainer")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)
    return app


def set_window_icon(app: QApplication) -> None:
    """The application's icon, once the window has painted: reading the SVG loads Qt's SVG
    icon engine, a few milliseconds the first frame does without (the desktop file, or the
    installer's executable, gives the task bar its icon meanwhile)."""
    from svctrainer.gui.icons import app_icon  # noqa: PLC0415

    app.setWindowIcon(app_icon())


class Startup:
    """Opens the database after the window is up, and handles what can go wrong."""

    def __init__(self, window: MainWindow, url: str, demo: bool) -> None:
        self.window = window
        self.url = url
        self.demo = demo
        self.demo_dir: Path | None = None
        self.instance_lock: object | None = None

    def run(self) -> None:
        """Open the database on the worker, like the demo's copy: importing SQLAlchemy and
        the services, a migration after an update and the backup taken before it held the
        GUI thread for 0.7-1.0 s of CPU right after the window showed (Services.open on the
        1 M-attempt file, load 5-12), a window that did not answer meanwhile. The busy
        cursor shows if it takes longer than 0.3 s."""
        if self.demo:
            self._open_demo()
            return

        def open_database() -> Services:
            from svctrainer.services.api import Services  # noqa: PLC0415 - on the worker

            services = Services.open(self.url)
            services.load_sign_in()  # the rest after the sign-in list's query (_after_open)
            return services

        self.window.collector.open_database()
        self.window.background.run(open_database, self._opened, self._not_opened)

    def _opened(self, services: Services) -> None:
        self.window.collector.keep_start_up()
        self.window.destroyed.connect(services.close)
        self._note_other_instance(services)
        self._after_open(services)

    def _not_opened(self, exc: Exception) -> None:
        self.window.collector.keep_start_up()
        from svctrainer.services.errors import DatabaseError, SchemaVersionError  # noqa: PLC0415

        if isinstance(exc, SchemaVersionError):
            self._schema_mismatch(exc)
        elif isinstance(exc, DatabaseError):
            self._open_failed(exc)
        else:
            raise exc

    def _open_demo(self) -> None:
        """Copy the demo snapshot (building it first, with progress, if this release
        has none yet) into a throw-away folder and open the copy, off the GUI thread: the
        window stays live, and the sign-in list fills when the copy is open."""
        from PySide6.QtCore import Qt  # noqa: PLC0415 - see theme.first_frame_appearance
        from PySide6.QtWidgets import QProgressDialog  # noqa: PLC0415 - no class before the frame

        progress = QProgressDialog(
            translate("Startup", "Creating the demo branch: six months of practice…"),
            "",
            0,
            100,
            self.window,
        )
        progress.setWindowTitle(translate("Startup", "svctrainer demo"))
        progress.setCancelButton(None)
        progress.setMinimumDuration(600)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setValue(0)
        relay = _ProgressRelay(progress)
        self.demo_dir = Path(tempfile.mkdtemp(prefix="svctrainer-demo-"))
        copy = self.demo_dir / "demo.sqlite3"

        def open_copy() -> Services:
            # Imported here, on the worker: SQLAlchemy and the services (no Qt in them)
            # took 0.7 s of CPU on the GUI thread, right when the window first showed.
            from svctrainer.services.api import Services  # noqa: PLC0415
            from svctrainer.services.demo import copy_demo_database  # noqa: PLC0415

            copy_demo_database(copy, relay.moved.emit)
            services = Services.open(f"sqlite:///{copy}")
            services.load_sign_in()  # here, off the GUI thread; the rest after the list
            return services

        def opened(services: Services) -> None:
            progress.close()
            self.window.statusBar().showMessage(
                translate(
                    "Startup", "Demo database: every demo PIN is 1234. It is deleted when you quit."
                ),
                20_000,
            )
            self._opened(services)

        def failed(exc: Exception) -> None:
            progress.close()
            self._not_opened(exc)

        self.window.background.run(open_copy, opened, failed)

    def _note_other_instance(self, services: Services) -> None:
        from svctrainer.gui.instance_lock import InstanceLock  # noqa: PLC0415

        self.instance_lock = InstanceLock(services.database.label)
        self.window.setProperty("instance_lock_held", self.instance_lock.first)
        self.window.instance_lock = self.instance_lock
        if not self.instance_lock.first and not self.demo:
            self.window.statusBar().showMessage(
                translate(
                    "Startup",
                    "svctrainer is already open with this database in another window. "
                    "Both can be used: every result is saved safely.",
                ),
                30_000,
            )

    def _after_open(self, services: Services) -> None:
        if services.auth.needs_setup():
            self._load_all(services)
            self._first_run(services)
            return
        self.window.attach_services(services, services.auth.branch_name())
        self._daily_backup(services)
        self.load_once_listed(services)

    def load_once_listed(self, services: Services) -> None:
        """Once the sign-in list shows, every service (``_load_all``) and then the shipped
        content, on the worker, while a person finds their name and types a PIN.
        Not before: the list's query and its rows on the GUI thread waited for them (the
        interpreter lock), 0.2-0.6 s on a new computer's gui --demo. The heartbeat walk
        (bench/bench_heartbeat.py) starts its window through this too."""

        def listed() -> None:
            self.window.login.listed.disconnect(listed)
            # Then the shipped content: its service is built by then, on the worker.
            self._load_all(services, lambda: self._sync_content(services))

        self.window.login.listed.connect(listed)

    def _load_all(self, services: Services, then: Callable[[], None] | None = None) -> None:
        """Import every service on the worker, so that no page or sign-in waits for one
        later (the window starts it once the sign-in list shows, which needs none of
        them); ``then`` after that."""

        def loaded(_none: None) -> None:
            if then is not None:
                then()

        self.window.background.run(
            services.load_all,
            loaded,
            lambda exc: log.warning("could not load the services: %s", exc),
        )

    def _first_run(self, services: Services) -> None:
        from svctrainer.gui.dialogs.setup_dialog import SetupDialog  # noqa: PLC0415
        from svctrainer.gui.messages import describe  # noqa: PLC0415

        dialog = SetupDialog(self.window)
        while dialog.exec():
            try:
                signed_in = services.auth.set_up_branch(**dialog.values())
            except Exception as exc:  # noqa: BLE001 - shown in the dialog, which stays open
                dialog.show_error(describe(exc))
                continue
            self.window.attach_services(services, signed_in.branch_name)
            self._sync_content(services)
            self.window.enter(signed_in)
            return
        self.window.close()

    def _sync_content(self, services: Services) -> None:
        """Store the drills and scenarios this release ships (new versions after an
        update) in the background; pages showing content reload when it is done."""

        def done(outcomes: list[ImportOutcome]) -> None:
            for outcome in outcomes:
                if outcome.status == "rejected":
                    log.warning("shipped content rejected: %s", outcome.problems[:3])

        self.window.hub.write(None, services.content.sync_bundled).then(done).failing(
            lambda exc: log.warning("could not store the shipped content: %s", exc)
        ).run()

    def _daily_backup(self, services: Services) -> None:
        if self.demo:
            return

        def done(saved: Path | None) -> None:
            if saved is not None:
                log.info("daily backup: %s", saved)

        self.window.background.run(
            services.database.daily_backup_if_due,
            done,
            lambda exc: log.warning("daily backup failed: %s", exc),
        )

    def _schema_mismatch(self, exc: SchemaVersionError) -> None:
        """A server at another schema: say who can fix it, then close (nothing changed)."""
        from svctrainer.gui.dialogs.schema_version_dialog import (  # noqa: PLC0415
            SchemaVersionDialog,
        )

        log.warning("%s", exc)
        SchemaVersionDialog(exc, self.window).exec()
        self.window.close()

    def _open_failed(self, exc: Exception) -> None:
        from svctrainer.gui.dialogs.open_failure_dialog import OpenFailureDialog  # noqa: PLC0415

        dialog = OpenFailureDialog(self.url, exc, self.window)
        if dialog.exec() and dialog.restored:
            self.run()  # reopen the restored database
            return
        self.window.close()

    def cleanup(self) -> None:
        if self.demo_dir is not None:
            shutil.rmtree(self.demo_dir, ignore_errors=True)


class _ProgressRelay(QObject):
    """Carries a background build's progress to its dialog: ``moved`` is emitted on the
    worker thread and, the relay living on the GUI thread, delivered there (queued)."""

    moved = Signal(int, int)

    def __init__(self, dialog: QProgressDialog) -> None:
        super().__init__(dialog)
        self._dialog = dialog
        self.moved.connect(self._show)

    @Slot(int, int)
    def _show(self, done: int, total: int) -> None:
        self._dialog.setValue(int(100 * done / max(1, total)))


class _FirstPaint(QObject):
    """Runs a callback once the window has painted for the first time, so the person sees
    the window before the database is opened (and SQLAlchemy imported)."""

    def __init__(self, window: QWidget, callback: Callable[[], None]) -> None:
        super().__init__(window)
        self._callback: Callable[[], None] | None = callback
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._callback is not None:
            callback, self._callback = self._callback, None
            watched.removeEventFilter(self)  # the widget's later events stay in C++
            QTimer.singleShot(0, callback)
        return False


def after_first_paint(window: QWidget, callback: Callable[[], None]) -> None:
    _FirstPaint(window, callback)


def run_gui(
    url: str, *, demo: bool = False, after_first_frame: Callable[[], object] | None = None
) -> int:
    """The application until its window closes. ``after_first_frame`` runs once the
    window has painted, before the login screen is built (the command line sets up the log
    file there)."""
    app = create_application()
    settings = load_settings()
    first_frame_appearance(app, settings)
    # The frame first, painted at the speed of a bare Qt window; the login screen is
    # built after that first paint, and the database opened after the login's.
    window = MainWindow(settings, deferred=True)
    startup = Startup(window, url, demo)

    def build() -> None:
        from svctrainer.gui.language import install_translators  # noqa: PLC0415 - see module doc

        if after_first_frame is not None:
            after_first_frame()
        install_translators(app, settings.language)
        apply_appearance(app, settings)
        set_window_icon(app)
        window.build()
        after_first_paint(window.login, startup.run)

    window.first_painted.connect(build)
    window.show()
    try:
        return app.exec()
    except Exception:  # pragma: no cover - Qt swallows most; this is the last resort
        log.exception("fatal error in the GUI")
        from PySide6.QtWidgets import QMessageBox  # noqa: PLC0415 - see _open_demo

        QMessageBox.critical(
            None,
            "svctrainer",
            translate("Startup", "svctrainer stopped after an unexpected error."),
        )
        return 1
    finally:
        startup.cleanup()
