"""Importing the branch's queue-ticket export (docs/queue-data-format.md).

The supervisor picks the CSV file and the time zone its times are in (this computer's,
unless the export comes from a branch elsewhere). The import runs in the background and
is all or nothing, as on the command line: a file with one bad row stores nothing, and
every problem is listed as ``file:line:col: message`` to fix in the file.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from svctrainer.gui.context import AppContext
from svctrainer.gui.dates import day_text
from svctrainer.gui.drills.figures import number
from svctrainer.gui.i18n import fill
from svctrainer.gui.messages import describe
from svctrainer.services.queue_data import (
    ImportOptions,
    QueueImported,
    TicketFileError,
    resolve_zone,
)

ZONES = ("Asia/Shanghai", "Asia/Hong_Kong", "Asia/Macau", "Asia/Taipei", "Asia/Singapore",
         "Asia/Tokyo", "Europe/London", "Europe/Paris", "America/New_York", "UTC")  # fmt: skip
SHOWN_PROBLEMS = 200


class QueueImportDialog(QDialog):
    imported = Signal(object)  # QueueImported

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = context
        self.result_record: QueueImported | None = None
        self.setWindowTitle(self.tr("Import queue data"))
        self.setObjectName("queueImportDialog")
        self.path = QLineEdit()
        self.path.setPlaceholderText(self.tr("The CSV file your queue-ticket system exported"))
        browse = QPushButton(self.tr("&Browse…"))
        browse.clicked.connect(self._browse)
        self.zone = QComboBox()
        self.zone.setEditable(True)
        _zone, here = resolve_zone(None)
        for name in dict.fromkeys((here, *ZONES)):
            self.zone.addItem(name)
        self.zone.setCurrentIndex(0)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path, 1)
        file_row.addWidget(browse)
        form = QFormLayout()
        file_label = QLabel(self.tr("&File"))
        file_label.setBuddy(self.path)
        form.addRow(file_label, file_row)
        form.addRow(self.tr("&Times are local to"), self.zone)
        note = QLabel(
            self.tr(
                "One row per ticket: ticket, business_type, issued_at, called_at, "
                "service_start, service_end, window (the usual Chinese column names are "
                "recognised). A file with a bad row is not imported at all; tickets already "
                "imported are skipped."
            )
        )
        note.setWordWrap(True)
        self.summary = QLabel()
        self.summary.setObjectName("queueImportSummary")
        self.summary.setWordWrap(True)
        self.messages = QPlainTextEdit()
        self.messages.setObjectName("queueImportMessages")
        self.messages.setReadOnly(True)
        self.messages.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.messages.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.import_button = self.buttons.addButton(
            self.tr("&Import"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.start_import)
        self.buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addLayout(form)
        box.addWidget(note)
        box.addWidget(self.summary)
        box.addWidget(self.messages, 1)
        box.addWidget(self.buttons)
        self.resize(760, 420)

    def _browse(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Queue-ticket export"), "", self.tr("CSV files (*.csv *.txt)")
        )
        if name:
            self.path.setText(name)

    def start_import(self) -> None:
        text = self.path.text().strip()
        if not text:
            self.summary.setText(self.tr("Choose the file first."))
            return
        path = Path(text)
        options = ImportOptions(zone=self.zone.currentText().strip() or None)
        services, actor = self._ctx.services, self._ctx.actor
        self.import_button.setEnabled(False)
        self.summary.setText(fill(self.tr("Importing %1…"), path.name))
        self.messages.clear()
        self._ctx.hub.write(self, services.queue_data.import_file, actor, path, options).then(
            self._done
        ).failing(self._failed).run()

    def _done(self, result: QueueImported) -> None:
        self.result_record = result
        self.import_button.setEnabled(True)
        if result.added == 0:
            self.summary.setText(
                fill(
                    self.tr("Nothing new: all %1 tickets of this file were imported before."),
                    number(result.rows),
                )
            )
        else:
            self.summary.setText(
                fill(
                    self.tr("Imported %1 tickets (%2 already known) for %3 to %4."),
                    number(result.added),
                    number(result.duplicates),
                    day_text(result.first_day) if result.first_day else "—",
                    day_text(result.last_day) if result.last_day else "—",
                )
            )
        self.imported.emit(result)

    def _failed(self, exc: Exception) -> None:
        self.import_button.setEnabled(True)
        if isinstance(exc, TicketFileError):
            total = len(exc.problems) + exc.more
            self.summary.setText(
                self.tr(
                    "Nothing was imported: the file has %n problem(s). Fix them (file:line:"
                    "column below) and import again.",
                    None,
                    total,
                )
                if not exc.header
                else self.tr(
                    "Nothing was imported: the file's columns are not the documented ones."
                )
            )
            lines = [str(p) for p in exc.problems[:SHOWN_PROBLEMS]]
            if total > len(lines):
                lines.append(fill(self.tr("… and %1 more"), number(total - len(lines))))
            self.messages.setPlainText("\n".join(lines))
            return
        self.summary.setText(self.tr("Nothing was imported."))
        self.messages.setPlainText(describe(exc))
