"""When the database cannot be opened: say why, and offer the newest good backup.

The damaged file is never overwritten: restoring moves it aside (kept for support) and
copies the backup into its place.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from svctrainer.gui.i18n import fill
from svctrainer.gui.messages import describe
from svctrainer.services.database_admin import newest_good_backup, restore_damaged
from svctrainer.services.errors import ServiceError


class OpenFailureDialog(QMessageBox):
    def __init__(self, url: str, error: Exception, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.restored = False
        self._url = url
        self.setIcon(QMessageBox.Icon.Critical)
        self.setWindowTitle(self.tr("Cannot open the database"))
        self.setText(describe(error))
        self._backup = self._newest_good_backup()
        if self._backup is not None:
            self.setInformativeText(
                fill(
                    self.tr(
                        "You can restore the newest good backup (%1). The current file will be "
                        "kept beside it, renamed, so nothing is lost."
                    ),
                    self._backup.name,
                )
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
            return newest_good_backup(self._url)
        except ServiceError:  # a bad URL simply has no backups
            return None

    def exec(self) -> int:
        result = super().exec()
        if self._backup is not None and self.clickedButton() is self.restore_button:
            from svctrainer.services.actor import Actor  # noqa: PLC0415

            try:
                restore_damaged(self._url, self._backup, Actor.command_line())
                self.restored = True
            except Exception as exc:  # noqa: BLE001 - reported, then the app closes
                QMessageBox.critical(self.parentWidget(), self.windowTitle(), describe(exc))
        return result
