"""Admin: where the database is, its health, backups now and restore from a backup; and
which branch's people this workstation signs in (``services.workstations``)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDateTime, QLocale, QTimeZone
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from svctrainer.gui.context import AppContext
from svctrainer.gui.i18n import fill
from svctrainer.gui.messages import confirm, show_error
from svctrainer.gui.record_table import Column, RecordTableModel
from svctrainer.services.database_admin import BackupFile, HealthReport
from svctrainer.services.workstations import WorkstationTie


def _when(backup: BackupFile) -> str:
    local = QDateTime.fromSecsSinceEpoch(
        int(backup.taken_at.timestamp()), QTimeZone.systemTimeZone()
    )
    return QLocale().toString(local, QLocale.FormatType.ShortFormat)


class DatabaseTab(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = context
        database = context.services.database
        self.location = QLabel(fill(self.tr("Database: %1"), database.label))
        self.location.setWordWrap(True)
        self.health = QLabel()
        self.health.setWordWrap(True)
        self.model: RecordTableModel[BackupFile] = RecordTableModel(
            [
                Column(self.tr("Taken"), _when, sort_key=lambda b: b.taken_at.timestamp()),
                Column(self.tr("Kind"), self._kind),
                Column(
                    self.tr("Size"),
                    lambda b: QLocale().formattedDataSize(b.size),
                    align_right=True,
                ),
                Column(self.tr("File"), lambda b: b.path.name, tooltip=lambda b: str(b.path)),
            ],
            self,
        )
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.check_button = QPushButton(self.tr("&Check database"))
        self.backup_button = QPushButton(self.tr("&Back up now"))
        self.restore_button = QPushButton(self.tr("&Restore selected backup…"))
        self.check_button.clicked.connect(self.check)
        self.backup_button.clicked.connect(self.backup_now)
        self.restore_button.clicked.connect(self.restore_selected)
        is_local = database.is_local
        for b in (self.backup_button, self.restore_button):
            b.setEnabled(is_local)
        if not is_local:
            self.health.setText(
                self.tr("This is a server database: back it up on the server (pg_dump).")
            )
        buttons = QHBoxLayout()
        buttons.addWidget(self.check_button)
        buttons.addStretch(1)
        buttons.addWidget(self.backup_button)
        buttons.addWidget(self.restore_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.location)
        layout.addWidget(self.health)
        layout.addLayout(buttons)
        layout.addWidget(
            QLabel(
                self.tr(
                    "Backups kept beside the database (7 daily, 4 weekly, plus every manual one):"
                )
            )
        )
        layout.addWidget(self.table)
        layout.addWidget(self._station_group())

    # -- this workstation ------------------------------------------------------------

    def _station_group(self) -> QGroupBox:
        """Tie this workstation to the admin's branch, so that on a server shared by
        several branches its sign-in list holds only this branch's people."""
        self.station = QLabel()
        self.station.setObjectName("stationBranch")
        self.station.setWordWrap(True)
        self.station_others = QLabel()
        self.station_others.setWordWrap(True)
        self.tie_button = QPushButton(self.tr("Sign in only &my branch here"))
        self.untie_button = QPushButton(self.tr("Sign in &every branch here"))
        for button in (self.tie_button, self.untie_button):
            button.setEnabled(False)  # until the workstation's state is read
        self.tie_button.clicked.connect(self.tie_station)
        self.untie_button.clicked.connect(self.untie_station)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.tie_button)
        buttons.addWidget(self.untie_button)
        group = QGroupBox(self.tr("This workstation"))
        box = QVBoxLayout(group)
        box.addWidget(self.station)
        box.addWidget(self.station_others)
        box.addLayout(buttons)
        return group

    def refresh_station(self) -> None:
        services, actor = self._ctx.services, self._ctx.actor
        self._ctx.background.run(
            lambda: (services.workstations.branch(), services.workstations.ties(actor)),
            lambda loaded: self._show_station(*loaded),
            lambda e: show_error(self, e),
        )

    def _show_station(self, tied: str | None, ties: list[WorkstationTie]) -> None:
        here = self._ctx.services.workstations.name
        own = self._ctx.signed_in.branch_name
        if tied is None:
            text = fill(
                self.tr(
                    "This workstation (%1) signs in people of every branch of the database. "
                    "On a server shared by several branches, sign in only your branch's "
                    "people here, so that nobody of another branch is signed in by mistake."
                ),
                here,
            )
        elif tied == own:
            text = fill(self.tr("This workstation (%1) signs in people of %2 only."), here, tied)
        else:
            text = fill(
                self.tr(
                    "This workstation (%1) signs in people of %2 only. Only an administrator "
                    "of %2, or the server's administrator, can change that."
                ),
                here,
                tied,
            )
        self.station.setText(text)
        others = [t.workstation for t in ties if t.workstation != here]
        self.station_others.setText(
            fill(
                self.tr("Other workstations that sign in only %1: %2"),
                own,
                self.tr(", ").join(others),
            )
            if others
            else ""
        )
        self.station_others.setVisible(bool(others))
        self.tie_button.setEnabled(tied is None)
        self.untie_button.setEnabled(tied == own)

    def tie_station(self) -> None:
        services, actor = self._ctx.services, self._ctx.actor
        self._ctx.hub.write(self, services.workstations.set_branch, actor).then(
            lambda _tie: self.refresh_station()
        ).failing(lambda e: show_error(self, e)).run()

    def untie_station(self) -> None:
        services, actor = self._ctx.services, self._ctx.actor
        self._ctx.hub.write(self, services.workstations.clear_branch, actor).then(
            lambda _cleared: self.refresh_station()
        ).failing(lambda e: show_error(self, e)).run()

    def _kind(self, backup: BackupFile) -> str:
        kinds = {
            "daily": self.tr("daily (automatic)"),
            "manual": self.tr("manual"),
            "pre-migration": self.tr("before an upgrade"),
        }
        return kinds.get(backup.reason, backup.reason)

    def refresh(self) -> None:
        self.refresh_station()
        if not self._ctx.services.database.is_local:
            return
        services, actor = self._ctx.services, self._ctx.actor
        self._ctx.background.run(
            lambda: services.database.backups(actor),
            self.model.set_rows,
            lambda e: show_error(self, e),
        )

    def check(self) -> None:
        services, actor = self._ctx.services, self._ctx.actor
        self.health.setText(self.tr("Checking…"))
        self._ctx.background.run(
            lambda: services.database.health(actor),
            self._show_health,
            lambda e: show_error(self, e),
        )

    def _show_health(self, report: HealthReport) -> None:
        if report.ok:
            self.health.setText(
                fill(
                    self.tr("Healthy: integrity ok, schema %1 (current), %2 attempts stored."),
                    report.revision or "",
                    QLocale().toString(report.tables.get("attempt", 0)),
                )
            )
        else:
            self.health.setText(fill(self.tr("Problem: %1"), report.reason or ""))

    def backup_now(self) -> None:
        services, actor = self._ctx.services, self._ctx.actor
        self.backup_button.setEnabled(False)

        def done(path: Path) -> None:
            self.backup_button.setEnabled(True)
            self.health.setText(fill(self.tr("Backed up to %1"), str(path)))
            self.refresh()

        def failed(exc: Exception) -> None:
            self.backup_button.setEnabled(True)
            show_error(self, exc)

        self._ctx.hub.write(self, services.database.backup_now, actor).then(done).failing(
            failed
        ).run()

    def restore_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        backup = self.model.row_at(rows[0].row()) if rows else None
        if backup is None:
            QMessageBox.information(self, self.tr("Restore"), self.tr("Select a backup first."))
            return
        if not confirm(
            self,
            self.tr("Restore backup"),
            fill(
                self.tr(
                    "Replace the database with the backup taken %1? Results recorded after it "
                    "will not be in the restored database; the current file is kept aside, "
                    "not deleted."
                ),
                _when(backup),
            ),
            self.tr("Restore"),
        ):
            return
        services, actor = self._ctx.services, self._ctx.actor

        def done(aside: Path | None) -> None:
            QMessageBox.information(
                self,
                self.tr("Restore"),
                fill(
                    self.tr("The backup was restored. The previous database was kept at %1."),
                    str(aside),
                ),
            )
            self.refresh()

        # Every page reloads: the restored database may differ in everything.
        self._ctx.hub.write(self, services.database.restore, actor, backup.path).then(done).run()
