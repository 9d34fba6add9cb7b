"""My assignments: what a trainer set, how far the person is, and one key to start it.

The list comes from ``services.assignments.for_person`` (status computed from results,
overdue first). Enter (or the Start button) opens the drill on the Practice page in the
mode the next step needs: practice while practice sessions are missing, then the
target's mode.
"""

from __future__ import annotations

import html
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from svctrainer.core.assignment_progress import Status
from svctrainer.gui.context import AppContext
from svctrainer.gui.i18n import fill
from svctrainer.gui.messages import show_error
from svctrainer.gui.pages.assignment_views import (
    EmphasisTableModel,
    ProgressBarDelegate,
    due_text,
    next_step_text,
    progress_percent,
    status_text,
    target_text,
)
from svctrainer.gui.record_table import Column
from svctrainer.services.assignments import PersonAssignment
from svctrainer.services.changes import ASSIGNMENTS, RESULTS

PROGRESS_COLUMN = 3


class AssignmentsPage(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = context
        self.setObjectName("assignmentsPage")
        heading = QLabel(self.tr("My assignments"))
        font = QFont(heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        heading.setFont(font)
        self.summary = QLabel()
        self.summary.setObjectName("assignmentSummary")
        self.model: EmphasisTableModel[PersonAssignment] = EmphasisTableModel(
            [
                Column(
                    self.tr("Drill or scenario"),
                    lambda a: a.assignment.title,
                    tooltip=lambda a: target_text(a.assignment.target, a.assignment.min_practice),
                ),
                Column(
                    self.tr("Due"),
                    lambda a: due_text(a.assignment.due_on, a.status),
                    sort_key=lambda a: (a.assignment.due_on or date.max).toordinal(),
                ),
                Column(self.tr("Status"), lambda a: status_text(a.status)),
                Column(self.tr("Progress"), lambda a: progress_percent(a.progress.fraction)),
                Column(self.tr("Next step"), lambda a: next_step_text(a.progress.next_step)),
            ],
            stands_out=lambda a: a.status is Status.OVERDUE,
            progress=(PROGRESS_COLUMN, lambda a: a.progress.fraction),
            parent=self,
        )
        self.table = QTableView()
        self.table.setObjectName("myAssignments")
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(PROGRESS_COLUMN, ProgressBarDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(34)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(PROGRESS_COLUMN, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(PROGRESS_COLUMN, 150)
        header.setStretchLastSection(False)
        self.table.activated.connect(lambda *_: self.start_selected())
        self.empty = QLabel(
            self.tr(
                "Nothing is assigned to you right now. Practise anything you like on the "
                "Practice page: basic skills practised every day shorten the customers' wait."
            )
        )
        self.empty.setWordWrap(True)
        self.empty.setObjectName("noAssignments")
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        self.detail.setObjectName("assignmentDetail")
        self.start_button = QPushButton(self.tr("&Start"))
        self.start_button.setToolTip(self.tr("Start the selected assignment (Enter)"))
        self.start_button.clicked.connect(self.start_selected)
        self.start_button.setEnabled(False)
        self.refresh_button = QPushButton(self.tr("&Refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        QShortcut(QKeySequence("F5"), self, self.refresh)
        self.table.selectionModel().currentRowChanged.connect(self._selected)

        top = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(heading)
        titles.addWidget(self.summary)
        top.addLayout(titles, 1)
        top.addWidget(self.refresh_button, 0, Qt.AlignmentFlag.AlignTop)
        bottom = QHBoxLayout()
        bottom.addWidget(self.detail, 1)
        bottom.addWidget(self.start_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.addLayout(top)
        # Only one of the two shows; either takes the spare height, so an empty list
        # reads as one note under the heading instead of lines scattered down the page.
        layout.addWidget(self.empty, 1, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        context.hub.subscribe(self, ASSIGNMENTS | RESULTS, self.refresh)

    # -- loading -----------------------------------------------------------------------

    def activated(self) -> None:
        self.refresh()
        self.table.setFocus()

    def refresh(self) -> None:
        services, actor = self._ctx.services, self._ctx.actor
        person_id = self._ctx.signed_in.person.id
        self._ctx.background.run(
            lambda: services.assignments.for_person(actor, person_id),
            self._show,
            lambda e: show_error(self, e),
        )

    def _show(self, items: list[PersonAssignment]) -> None:
        keep = self.selected()
        self.model.set_rows(items)
        open_items = [i for i in items if i.progress.is_open]
        overdue = sum(i.status is Status.OVERDUE for i in items)
        parts = [self.tr("%n open", None, len(open_items))]
        if overdue:
            parts.append(self.tr("%n overdue", None, overdue))
        done = len(items) - len(open_items)
        if done:
            parts.append(self.tr("%n done", None, done))
        self.summary.setText(" · ".join(parts))
        self.empty.setVisible(not items)
        self.table.setVisible(bool(items))
        self.start_button.setVisible(bool(items))
        row = 0
        if keep is not None:
            row = next((n for n, i in enumerate(items) if i.assignment.id == keep.assignment.id), 0)
        if items:
            self.table.selectRow(row)
        else:
            self._selected()

    # -- selection and starting ----------------------------------------------------------

    def selected(self) -> PersonAssignment | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _selected(self, *_args: object) -> None:
        item = self.selected()
        self.start_button.setEnabled(item is not None and item.progress.start_mode is not None)
        if item is None:
            self.detail.clear()
            return
        a = item.assignment
        lines = [f"<b>{html.escape(a.title)}</b> — {html.escape(status_text(item.status))}"]
        lines.append(
            html.escape(fill(self.tr("Target: %1"), target_text(a.target, a.min_practice)))
        )
        lines.append(
            html.escape(fill(self.tr("Next: %1"), next_step_text(item.progress.next_step)))
        )
        if item.progress.practice_required:
            lines.append(
                html.escape(
                    fill(
                        self.tr("Practice sessions: %1 of %2"),
                        str(item.progress.practice_done),
                        str(item.progress.practice_required),
                    )
                )
            )
        if a.note:
            who = a.created_by or self.tr("your trainer")
            lines.append(
                html.escape(fill(self.tr("Note from %1:"), who)) + " " + html.escape(a.note)
            )
        self.detail.setText("<br>".join(lines))

    def start_selected(self) -> None:
        item = self.selected()
        if item is None or item.progress.start_mode is None:
            return
        if not self._ctx.navigator.practise(item.assignment.content_id, item.progress.start_mode):
            QMessageBox.information(
                self,
                self.tr("Cannot start"),
                fill(
                    self.tr("%1 cannot be started from the Practice page yet."),
                    item.assignment.title,
                ),
            )
