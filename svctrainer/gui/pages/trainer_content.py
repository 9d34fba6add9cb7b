"""The content tab of the trainer console: every drill and scenario (newest versions),
importing files (checked and explained before anything is stored), previewing, trying
a drill oneself, and assigning."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from svctrainer.core.roles import Permission
from svctrainer.gui.context import AppContext
from svctrainer.gui.drills.figures import drill_type_name
from svctrainer.gui.messages import show_error
from svctrainer.gui.record_table import Column, SortedRecordModel
from svctrainer.services.changes import CONTENT
from svctrainer.services.content import ContentRecord


class ContentTab(QWidget):
    assign_requested = Signal(list)  # content ids to preselect in a new assignment

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = context
        self.preview: QWidget | None = None
        # Sorted and filtered by the model itself, not through a QSortFilterProxyModel:
        # the columns are sized to their contents, every cell of some 300 titles asked
        # for its roles, each through the proxy's mapping to the model and back into
        # Python (23 calls a cell, not 9): the tab's first show held the window 82 ms
        # (bench/bench_heartbeat.py); the same sort keys, filter and widths.
        self.model: SortedRecordModel[ContentRecord] = SortedRecordModel(
            [
                Column(self.tr("Title"), lambda r: r.title),
                Column(self.tr("Kind"), lambda r: drill_type_name(r.drill_type)),
                Column(self.tr("Language"), lambda r: r.language),
                Column(self.tr("Version"), lambda r: str(r.version), sort_key=lambda r: r.version),
                Column(self.tr("Id"), lambda r: r.content_id),
            ],
            self,
        )
        self.table = QTableView()
        self.table.setObjectName("contentLibrary")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.activated.connect(lambda *_: self.preview_selected())
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("Find a drill or scenario"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.model.set_filter_text)
        self.import_button = QPushButton(self.tr("&Import files…"))
        self.import_button.setToolTip(self.tr("Import drill packs and scenarios (Ctrl+I)"))
        self.import_button.setVisible(context.can(Permission.MANAGE_CONTENT))
        self.preview_button = QPushButton(self.tr("&Preview…"))
        self.preview_button.setToolTip(self.tr("Read it before assigning (Enter)"))
        self.assign_button = QPushButton(self.tr("A&ssign…"))
        self.import_button.clicked.connect(self.import_files)
        self.preview_button.clicked.connect(self.preview_selected)
        self.assign_button.clicked.connect(self.assign_selected)
        QShortcut(QKeySequence("Ctrl+I"), self, self.import_files)
        top = QHBoxLayout()
        top.addWidget(self.filter, 1)
        top.addWidget(self.import_button)
        top.addWidget(self.preview_button)
        top.addWidget(self.assign_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        context.hub.subscribe(self, CONTENT, self.refresh)

    def refresh(self) -> None:
        services, actor = self._ctx.services, self._ctx.actor
        self._ctx.background.run(
            lambda: services.content.latest(actor),
            self.model.set_rows,
            lambda e: show_error(self, e),
        )

    def selected(self) -> ContentRecord | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.row_at(index.row())

    def select_content(self, content_id: str) -> bool:
        for row, record in enumerate(self.model.rows()):
            if record.content_id == content_id:
                self.table.selectRow(row)
                return True
        return False

    # -- actions -------------------------------------------------------------------------

    def import_files(self) -> None:
        from svctrainer.gui.dialogs.content_import_dialog import (  # noqa: PLC0415
            ContentImportDialog,
            choose_content_files,
        )

        if not self._ctx.can(Permission.MANAGE_CONTENT):
            return
        paths = choose_content_files(self)
        if paths:
            ContentImportDialog(self._ctx, paths, self).exec()

    def preview_selected(self) -> None:
        record = self.selected()
        if record is None:
            return
        services, actor = self._ctx.services, self._ctx.actor
        self._ctx.background.run(
            lambda: services.content.load(actor, record.id),
            self._show_preview,
            lambda e: show_error(self, e),
        )

    def _show_preview(self, loaded: tuple[ContentRecord, Any]) -> None:
        from svctrainer.gui.dialogs.content_preview_dialog import (  # noqa: PLC0415
            ContentPreviewDialog,
        )

        record, definition = loaded
        dialog = ContentPreviewDialog(record, definition, parent=self)
        self.preview = dialog
        dialog.try_it.connect(self._ctx.navigator.practise)
        dialog.assign.connect(lambda cid: self.assign_requested.emit([cid]))
        dialog.exec()
        self.preview = None

    def assign_selected(self) -> None:
        record = self.selected()
        self.assign_requested.emit([record.content_id] if record else [])
