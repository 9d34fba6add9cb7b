"""When the database cannot be opened: say why, and offer the newest good backup.

The damaged file is never overwritten: restoring moves it aside (kept for support) and
copies the backup into its place.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from svctrainer.core.redaction import hide_passwords
from svctrainer.store.backup import list_backups, verify_sqlite_file
from svctrainer.store.database import resolve_url, sqlite_path


class OpenFailureDialog(QMessageBox):
    def __init__(self, url: str, error: Exception, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.restored = False
        self._url = url
        self.setIcon(QMessageBox.Icon.Critical)
        self.setWindowTitle(self.tr("Cannot open the database"))
        self.setText(hide_passwords(str(error)))
        self._backup = self._newest_good_backup()
        if self._backup is not None:
            self.setInformativeText(
                self.tr(
                    "You can restore the newest good backup (%1). The current file will be "
                    "kept beside it, renamed, so nothing is lost."
                ).replace("%1", self._backup.name)
            )
            self.restore_button = self.addButton(
                self.tr("Restore backup"), QMessageBox.ButtonRole.AcceptRole
            )
        else:
            self.setInformativeText(
                self.tr("No backup was found. Ask your administrator; the file was not changed.")
            )
        self.addButton(self.tr("Quit"), QMessageBox.ButtonRole.RejectRole)

    def _newest_good_backup(self) -> Path | None:
        try:
            path = sqlite_path(resolve_url(self._url))
        except Exception:  # noqa: BLE001 - a bad URL simply has no backups
            return None
        if path is None:
            return None
        for backup in list_backups(path):
            if verify_sqlite_file(backup.path) == "ok":
                return backup.path
        return None

    def exec(self) -> int:
        result = super().exec()
        if self._backup is not None and self.clickedButton() is self.restore_button:
            from svctrainer.services.actor import Actor  # noqa: PLC0415
            from svctrainer.services.database_admin import restore_file  # noqa: PLC0415
            from svctrainer.store.database import Database  # noqa: PLC0415

            db = Database.unchecked(resolve_url(self._url))
            try:
                restore_file(db, self._backup, Actor.command_line())
                self.restored = True
            except Exception as exc:  # noqa: BLE001 - reported, then the app closes
                QMessageBox.critical(self.parentWidget(), self.windowTitle(), str(exc))
            finally:
                db.dispose()
        return result
