"""Starting the GUI: application object, appearance, window first, database second.

The window appears before SQLAlchemy is even imported (budget: first window ≤ 0.5 s);
the database is opened (and migrated, after a backup) right after the first paint, and
the login list fills in when it is ready.
"""

from __future__ import annotations

import logging
import shutil
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QTimer, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox

from svctrainer import __version__
from svctrainer.gui.main_window import MainWindow
from svctrainer.gui.settings import load_settings
from svctrainer.gui.theme import apply_appearance
from svctrainer.locations import bundled_dir

if TYPE_CHECKING:
    from svctrainer.services.api import Services

log = logging.getLogger(__name__)
APP_ID = "org.svctrainer.SvcTrainer"


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("svctrainer")
    app.setApplicationDisplayName("svctrainer")
    app.setOrganizationName("svctrainer")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)
    return app


def install_translator(app: QApplication, language: str) -> QTranslator | None:
    """Load ``assets/i18n/svctrainer_<lang>.qm`` when present (Chinese ships later)."""
    if language == "en":
        return None
    translator = QTranslator(app)
    if translator.load(f"svctrainer_{language}", str(bundled_dir("assets") / "i18n")):
        app.installTranslator(translator)
        QLocale.setDefault(QLocale(language))
        return translator
    return None


class Startup:
    """Opens the database after the window is up, and handles what can go wrong."""

    def __init__(self, window: MainWindow, url: str, demo: bool) -> None:
        self.window = window
        self.url = url
        self.demo = demo
        self.demo_dir: Path | None = None

    def run(self) -> None:
        from svctrainer.services.api import Services  # noqa: PLC0415 - after first paint
        from svctrainer.store.errors import StoreError  # noqa: PLC0415

        try:
            services = self._open_demo() if self.demo else Services.open(self.url)
        except StoreError as exc:
            self._open_failed(exc)
            return
        self.window.destroyed.connect(services.close)
        self._after_open(services)

    def _open_demo(self) -> Services:
        from svctrainer.services.actor import Actor  # noqa: PLC0415
        from svctrainer.services.api import Services  # noqa: PLC0415
        from svctrainer.services.demo import create_demo_branch  # noqa: PLC0415

        self.demo_dir = Path(tempfile.mkdtemp(prefix="svctrainer-demo-"))
        self.window.statusBar().showMessage(self.window.tr("Creating the demo branch…"))
        QApplication.processEvents()
        services = Services.open(f"sqlite:///{self.demo_dir / 'demo.sqlite3'}")
        create_demo_branch(services.db, Actor.command_line())
        self.window.statusBar().showMessage(
            self.window.tr("Demo database: every demo PIN is 1234. It is deleted when you quit."),
            15_000,
        )
        return services

    def _after_open(self, services: Services) -> None:
        if services.auth.needs_setup():
            self._first_run(services)
            return
        with services.db.reading() as session:
            from sqlalchemy import select  # noqa: PLC0415

            from svctrainer.store.models import Branch  # noqa: PLC0415

            branch = session.scalar(select(Branch.name).limit(1)) or ""
        self.window.attach_services(services, branch)
        self._sync_content(services)
        self._daily_backup(services)

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
        update) in the background; pages refresh when it is done."""

        def done(outcomes: list) -> None:  # type: ignore[type-arg]
            for outcome in outcomes:
                if outcome.status == "rejected":
                    log.warning("shipped content rejected: %s", outcome.problems[:3])
            self.window.changes.content_changed.emit()

        self.window.background.run(
            services.content.sync_bundled,
            done,
            lambda exc: log.warning("could not store the shipped content: %s", exc),
        )

    def _daily_backup(self, services: Services) -> None:
        from svctrainer.store.backup import daily_backup_if_due  # noqa: PLC0415

        path = services.db.path
        if path is None or self.demo:
            return
        self.window.background.run(
            lambda: daily_backup_if_due(path),
            lambda saved: saved and log.info("daily backup: %s", saved),
            lambda exc: log.warning("daily backup failed: %s", exc),
        )

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


def run_gui(url: str, *, demo: bool = False) -> int:
    app = create_application()
    settings = load_settings()
    apply_appearance(app, settings)
    install_translator(app, settings.language)
    window = MainWindow(settings)
    window.show()
    startup = Startup(window, url, demo)
    QTimer.singleShot(0, startup.run)
    try:
        return app.exec()
    except Exception:  # pragma: no cover - Qt swallows most; this is the last resort
        log.exception("fatal error in the GUI")
        QMessageBox.critical(None, "svctrainer", "svctrainer stopped after an unexpected error.")
        return 1
    finally:
        startup.cleanup()
