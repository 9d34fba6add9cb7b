"""Admin: offline sync. Export the admin's branch's results to a signed bundle for the
branch server; import a bundle of that branch a training-room workstation made
(``services.sync``). On a server of several branches it works on the admin's own branch
only, which the tab names."""

from __future__ import annotations

import socket
from datetime import date, datetime, time
from pathlib import Path

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from svctrainer.gui.context import AppContext
from svctrainer.gui.i18n import fill
from svctrainer.gui.messages import confirm, show_error
from svctrainer.services.sync import SyncExport, SyncImport


class SyncTab(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = context
        intro = QLabel(
            self.tr(
                "Carry results between databases of this branch without a network link: "
                "export them on a training-room workstation, import the file on the branch "
                "server. Both workstations must hold the same branch key. A result already "
                "stored is never changed; a bundle that was altered is refused whole."
            )
        )
        intro.setWordWrap(True)
        self.branch_note = QLabel(
            fill(
                self.tr(
                    "Branch: %1. A bundle holds this branch's results only, and only a "
                    "bundle of this branch can be imported here."
                ),
                context.signed_in.branch_name,
            )
        )
        self.branch_note.setObjectName("syncBranch")
        self.branch_note.setWordWrap(True)

        self.since_box = QCheckBox(self.tr("&Only results recorded since"))
        self.since = QDateEdit(QDate.currentDate().addDays(-30))
        self.since.setCalendarPopup(True)
        self.since.setEnabled(False)
        self.since_box.toggled.connect(self.since.setEnabled)
        self.export_button = QPushButton(self.tr("&Export results…"))
        self.export_button.clicked.connect(self.export_results)
        export_row = QHBoxLayout()
        export_row.addWidget(self.since_box)
        export_row.addWidget(self.since)
        export_row.addStretch(1)
        export_row.addWidget(self.export_button)
        export_group = QGroupBox(self.tr("Export"))
        QVBoxLayout(export_group).addLayout(export_row)

        self.import_button = QPushButton(self.tr("&Import results…"))
        self.import_button.clicked.connect(self.import_results)
        import_row = QHBoxLayout()
        kept = QLabel(self.tr("Results already stored here are kept; conflicts are listed."))
        kept.setWordWrap(True)  # a long translation wraps instead of widening the page
        import_row.addWidget(kept, 1)
        import_row.addWidget(self.import_button)
        import_group = QGroupBox(self.tr("Import"))
        QVBoxLayout(import_group).addLayout(import_row)

        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setObjectName("syncResult")
        bold = self.result.font()
        bold.setBold(True)
        self.result.setFont(bold)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.conflicts = QListWidget()
        self.conflicts.setVisible(False)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.branch_note)
        layout.addWidget(export_group)
        layout.addWidget(import_group)
        layout.addWidget(self.result)
        layout.addWidget(self.conflicts, 1)
        layout.addStretch(0)

    # -- export ----------------------------------------------------------------------------

    def export_results(self) -> None:
        stamp = QDate.currentDate().toString("yyyy-MM-dd")
        suggestion = str(Path.home() / f"svctrainer-results-{socket.gethostname()}-{stamp}.zip")
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export results"), suggestion, self.tr("Sync bundles (*.zip)")
        )
        if not name:
            return
        since = None
        if self.since_box.isChecked():
            chosen = self.since.date()
            day = date(chosen.year(), chosen.month(), chosen.day())
            since = datetime.combine(day, time()).astimezone()  # local midnight
        services, actor = self._ctx.services, self._ctx.actor
        self.export_button.setEnabled(False)
        self.result.setText(self.tr("Exporting…"))
        self._ctx.hub.write(self, services.sync.export, actor, Path(name), since).then(
            self._exported
        ).failing(self._failed).run()

    def _exported(self, done: SyncExport) -> None:
        self.export_button.setEnabled(True)
        self.conflicts.setVisible(False)
        locale = QLocale()
        self.result.setText(
            fill(
                self.tr(
                    "Wrote %1 (branch %7): attempts %2 · scenario runs %3 · hand counts %4 "
                    "(%5), signed with branch key %6."
                ),
                str(done.path),
                locale.toString(done.attempts),
                locale.toString(done.scenario_runs),
                locale.toString(done.hand_counts),
                locale.formattedDataSize(done.size_bytes),
                done.key_fingerprint,
                done.branch,
            )
        )

    # -- import ----------------------------------------------------------------------------

    def import_results(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Import results"),
            str(Path.home()),
            self.tr("Sync bundles (*.zip);;All files (*)"),
        )
        if not name:
            return
        if not confirm(
            self,
            self.tr("Import results"),
            fill(
                self.tr(
                    "Store the results in %1 in branch %2? The bundle is checked first: if it "
                    "was altered, holds another branch's results or names someone who has no "
                    "profile in this branch, nothing is imported. Results already stored here "
                    "are kept."
                ),
                Path(name).name,
                self._ctx.signed_in.branch_name,
            ),
            self.tr("Import"),
        ):
            return
        services, actor = self._ctx.services, self._ctx.actor
        self.import_button.setEnabled(False)
        self.result.setText(self.tr("Checking and importing…"))
        self._ctx.hub.write(self, services.sync.import_file, actor, Path(name)).then(
            self._imported
        ).failing(self._failed).run()

    def _imported(self, outcome: SyncImport) -> None:
        self.import_button.setEnabled(True)
        locale = QLocale()
        summary = fill(
            self.tr("Imported from %1 into branch %5: inserted %2 · identical %3 · conflicts %4"),
            outcome.source_workstation,
            locale.toString(outcome.inserted),
            locale.toString(outcome.identical),
            locale.toString(len(outcome.conflicts)),
            outcome.branch,
        )
        self.result.setText(summary)
        self.conflicts.clear()
        kinds = {
            "drill": self.tr("drill attempt"),
            "scenario": self.tr("scenario run"),
            "hand_count": self.tr("hand count"),
        }
        for conflict in outcome.conflicts:
            if conflict.stored_under is not None:
                why = fill(
                    self.tr("the same attempt is stored under %1"), str(conflict.stored_under)
                )
            else:
                why = fill(self.tr("differs in %1"), ", ".join(conflict.columns))
            self.conflicts.addItem(
                fill(
                    self.tr("%1 %2: kept the result stored here (%3)"),
                    kinds.get(conflict.kind, conflict.kind),
                    str(conflict.attempt_id),
                    why,
                )
            )
        self.conflicts.setVisible(bool(outcome.conflicts))
        details = summary
        if outcome.conflicts:
            details += "\n\n" + self.tr(
                "A conflict is a result whose id is already stored here with different "
                "figures: the stored one was kept. The list below names each."
            )
        QMessageBox.information(self, self.tr("Import results"), details)

    def _failed(self, exc: Exception) -> None:
        self.export_button.setEnabled(True)
        self.import_button.setEnabled(True)
        self.result.setText("")
        show_error(self, exc)
