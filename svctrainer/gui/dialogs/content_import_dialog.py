"""Importing drill packs and scenarios chosen in a file dialog.

Every file is checked first and every problem listed exactly as ``svctrainer content
check`` prints it (``path:line:col: message``), before anything is stored. Import is
offered only when no file has an error, and is all or nothing, like the command.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from svctrainer.core.content_files import CheckedContent, check_content_file
from svctrainer.core.problems import errors_only
from svctrainer.gui.context import AppContext
from svctrainer.gui.drills.figures import drill_type_name
from svctrainer.gui.i18n import translate
from svctrainer.gui.messages import describe
from svctrainer.gui.record_table import Column, RecordTableModel
from svctrainer.services.content import ImportOutcome


def choose_content_files(parent: QWidget) -> list[Path]:
    """Several files at once, as the trainer picks them (Cancel: none)."""
    from PySide6.QtWidgets import QFileDialog  # noqa: PLC0415

    names, _ = QFileDialog.getOpenFileNames(
        parent,
        translate("import", "Import drill packs and scenarios"),
        "",
        translate("import", "Drill packs and scenarios (*.toml *.yaml *.yml)"),
    )
    return [Path(n) for n in names]


class ContentImportDialog(QDialog):
    def __init__(
        self, context: AppContext, paths: Sequence[Path], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ctx = context
        self._paths = list(paths)
        self.checked: list[CheckedContent] = []
        self.outcomes: list[ImportOutcome] = []
        self.setWindowTitle(self.tr("Import drill packs and scenarios"))
        self.setObjectName("contentImportDialog")
        self.model: RecordTableModel[CheckedContent] = RecordTableModel(
            [
                Column(self.tr("File"), lambda c: Path(c.label).name, tooltip=lambda c: c.label),
                Column(self.tr("Kind"), self._kind),
                Column(self.tr("Title"), lambda c: c.title or "—"),
                Column(self.tr("Check"), self._verdict),
            ],
            self,
        )
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.summary = QLabel(self.tr("Checking %n file(s)…", None, len(self._paths)))
        self.summary.setWordWrap(True)
        self.summary.setObjectName("importSummary")
        self.messages = QPlainTextEdit()
        self.messages.setReadOnly(True)
        self.messages.setObjectName("importMessages")
        self.messages.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.messages.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.import_button: QPushButton = self.buttons.addButton(
            self.tr("&Import"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.import_files)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        messages_label = QLabel(self.tr("&Messages"))
        messages_label.setBuddy(self.messages)
        layout.addWidget(messages_label)
        layout.addWidget(self.messages, 2)
        layout.addWidget(self.buttons)
        self.resize(860, 520)
        paths = list(self._paths)
        context.background.run(
            lambda: [check_content_file(p) for p in paths], self._checked, self._failed
        )

    def _kind(self, c: CheckedContent) -> str:
        if c.kind == "scenario":
            return drill_type_name(None)
        if c.kind == "drill":
            return drill_type_name(c.drill_type) if c.drill_type else self.tr("Drill pack")
        return "—"

    def _verdict(self, c: CheckedContent) -> str:
        errors = len(errors_only(c.problems))
        warnings = len(c.problems) - errors
        if not c.ok:
            return self.tr("%n error(s)", None, max(errors, 1))
        if warnings:
            return self.tr("OK, %n warning(s)", None, warnings)
        return self.tr("OK")

    def _checked(self, checked: list[CheckedContent]) -> None:
        self.checked = checked
        self.model.set_rows(checked)
        lines = [str(p) for c in checked for p in c.problems]
        self.messages.setPlainText("\n".join(lines))
        bad = [c for c in checked if not c.ok]
        if bad:
            self.summary.setText(
                self.tr(
                    "Nothing will be imported: %n file(s) have errors. Fix them (the messages "
                    "below give file:line:column) and import again.",
                    None,
                    len(bad),
                )
            )
            self.summary.setStyleSheet("color: palette(bright-text);")
            return
        self.summary.setText(self.tr("All %n file(s) are valid. Import them?", None, len(checked)))
        self.import_button.setEnabled(bool(checked))
        self.import_button.setDefault(True)
        self.import_button.setFocus()

    def import_files(self) -> None:
        if not self.checked or any(not c.ok for c in self.checked):
            return
        services, actor, checked = self._ctx.services, self._ctx.actor, list(self.checked)
        self.import_button.setEnabled(False)
        self.summary.setText(self.tr("Importing…"))
        self._ctx.hub.write(self, services.content.import_checked, actor, checked).then(
            self._imported
        ).failing(self._failed).run()

    def _imported(self, outcomes: list[ImportOutcome]) -> None:
        self.outcomes = outcomes
        names = {
            "added": self.tr("added"),
            "new_version": self.tr("new version"),
            "unchanged": self.tr("unchanged"),
        }
        lines = [
            f"{names.get(o.status, o.status)}: {o.record.content_id} v{o.record.version}  "
            f"{o.record.title}"
            for o in outcomes
            if o.record is not None
        ]
        self.messages.appendPlainText("\n".join(lines))
        self.summary.setText(self.tr("Imported %n file(s).", None, len(outcomes)))
        self.summary.setStyleSheet("")
        close = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setDefault(True)
        close.setFocus()

    def _failed(self, exc: Exception) -> None:
        self.summary.setText(describe(exc))
        self.summary.setStyleSheet("color: palette(bright-text);")
        self.import_button.setEnabled(False)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
