"""The audit log as a table, newest first (admins and supervisors)."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from svctrainer.core.output_files import output_file
from svctrainer.core.report_csv import escape_cell, write_csv
from svctrainer.gui.context import AppContext
from svctrainer.gui.dates import moment_text
from svctrainer.gui.messages import show_error
from svctrainer.gui.record_table import (
    Column,
    SortedRecordModel,
    SourceSortProxy,
    fit_columns,
    paint_cells_in_cpp,
)
from svctrainer.services.audit import AuditEntry

SIZED_FROM_ROWS = 200
"""Rows measured to size the columns: those in view, and this many spread over the
rest."""


def local_time_text(entry: AuditEntry) -> str:
    return moment_text(entry.at)


class AuditLogView(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = context
        # Sorted in Python, each row's key taken once, and sized by ``fit_columns``: a
        # proxy sorting 2 000 entries through Qt and ``resizeColumnsToContents`` held the
        # Audit log tab's first show 118 ms of GUI-thread CPU (the heartbeat walk's
        # slowest step, issue 17).
        self.model: SortedRecordModel[AuditEntry] = SortedRecordModel(
            [
                Column(self.tr("When"), local_time_text, sort_key=lambda e: e.at.timestamp()),
                Column(self.tr("Who"), lambda e: e.actor),
                Column(self.tr("Action"), lambda e: e.action),
                Column(self.tr("About"), lambda e: e.target or ""),  # a person by name
                Column(
                    self.tr("Details"),
                    lambda e: json.dumps(e.detail, ensure_ascii=False) if e.detail else "",
                ),
            ],
            self,
        )
        self.proxy = SourceSortProxy(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        paint_cells_in_cpp(self.table)
        # Sized to the contents once per load (``_show``), from the first rows (times,
        # names and actions are of a like width): ResizeToContents measured a thousand
        # rows again each time the tab was shown or laid out, on the GUI thread.
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("Filter by person, action or detail"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        refresh = QPushButton(self.tr("&Refresh"))
        refresh.clicked.connect(self.refresh)
        self.export_button = QPushButton(self.tr("&Export CSV…"))
        self.export_button.clicked.connect(self.export_csv)
        top = QHBoxLayout()
        top.addWidget(self.filter, 1)
        top.addWidget(refresh)
        top.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table)

    def refresh(self) -> None:
        services, actor = self._ctx.services, self._ctx.actor
        self._ctx.background.run(
            lambda: services.audit.recent(actor, limit=2000),
            self._show,
            lambda e: show_error(self, e),
        )

    def _show(self, entries: list[AuditEntry]) -> None:
        self.model.set_rows(entries)
        fit_columns(self.table, self.model, SIZED_FROM_ROWS)

    def export_csv(self, path: str | None = None) -> str | None:
        """Write the entries shown (after filtering) to a CSV file; returns its path."""
        if path is None:
            path, _ = QFileDialog.getSaveFileName(
                self, self.tr("Export audit log"), "svctrainer-audit.csv", "CSV (*.csv)"
            )
        if not path:
            return None
        rows = [
            self.model.row_at(self.proxy.mapToSource(self.proxy.index(r, 0)).row())
            for r in range(self.proxy.rowCount())
        ]
        try:
            with output_file(path) as out:  # a regular file only, replaced when complete
                write_csv(
                    out.text(encoding="utf-8-sig", newline=""),
                    ["at_utc", "actor", "action", "target_type", "target_id", "target", "detail"],
                    [
                        [
                            escape_cell(text)
                            for text in (
                                e.at.isoformat(),
                                e.actor,
                                e.action,
                                e.target_type or "",
                                e.target_id or "",
                                e.target or "",
                                json.dumps(e.detail, ensure_ascii=False),
                            )
                        ]
                        for e in rows
                        if e is not None
                    ],
                )
        except OSError as exc:
            show_error(self, exc)
            return None
        return path
