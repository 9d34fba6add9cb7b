"""Needs checking: attempts whose stored figures a replay of their event log does not
reproduce (issue 7: a teller cannot alter a result unseen).

The check replays the latest attempts in the background (a couple of milliseconds
each); anything that differs, or cannot be replayed at all, is listed with what differs.
Double-click opens the attempt.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from svctrainer.gui.context import AppContext
from svctrainer.gui.i18n import fill
from svctrainer.gui.messages import show_error
from svctrainer.gui.pages.attempt_dialog import open_attempt
from svctrainer.gui.record_table import SORT_ROLE, Column, RecordTableModel
from svctrainer.services.progress_records import Mismatch, RescoreSweep


def _differences(m: Mismatch) -> str:
    if m.error:
        return m.error
    return "; ".join(
        f"{name}: {stored!s} → {again!s}" for name, (stored, again) in m.differences.items()
    )


class IntegrityTab(QWidget):
    checked = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from svctrainer.gui.charts.progress_chart import local_time_text  # noqa: PLC0415

        self._ctx = context
        self.sweep: RescoreSweep | None = None
        self.model: RecordTableModel[Mismatch] = RecordTableModel(
            [
                Column(self.tr("When"), lambda m: local_time_text(m.started_at),
                       sort_key=lambda m: m.started_at.timestamp()),
                Column(self.tr("Who"), lambda m: f"{m.person.name} ({m.person.employee_number})"),
                Column(self.tr("Drill"), lambda m: m.title),
                Column(self.tr("Stored → replayed"), _differences),
            ],
            self,
        )  # fmt: skip
        proxy = QSortFilterProxyModel(self)
        proxy.setSourceModel(self.model)
        proxy.setSortRole(SORT_ROLE)
        self.proxy = proxy
        self.table = QTableView()
        self.table.setObjectName("mismatchTable")
        self.table.setModel(proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)  # the newest first
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(self._open)
        self.limit = QSpinBox()
        self.limit.setRange(10, 5000)
        self.limit.setValue(300)
        self.limit.setSuffix(self.tr(" latest attempts"))
        self.check_button = QPushButton(self.tr("&Check now"))
        self.check_button.clicked.connect(self.refresh)
        self.status = QLabel(
            self.tr("Replays results from their key and decision logs and lists any that do "
                    "not match what is stored.")
        )  # fmt: skip
        self.status.setObjectName("integrityStatus")
        self.status.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.status, 1)
        top.addWidget(self.limit)
        top.addWidget(self.check_button)
        box = QVBoxLayout(self)
        box.addLayout(top)
        box.addWidget(self.table, 1)

    def refresh(self) -> None:
        services, actor, limit = self._ctx.services, self._ctx.actor, self.limit.value()
        self.check_button.setEnabled(False)
        self.status.setText(self.tr("Checking…"))
        self._ctx.background.run(
            lambda: services.progress.needs_checking(actor, limit=limit),
            self._show,
            self._failed,
        )

    def _failed(self, exc: Exception) -> None:
        self.check_button.setEnabled(True)
        show_error(self, exc)

    def _show(self, sweep: RescoreSweep) -> None:
        self.sweep = sweep
        self.check_button.setEnabled(True)
        self.model.set_rows(list(sweep.mismatches))
        if sweep.mismatches:
            self.status.setText(
                fill(
                    self.tr("%1 of the latest %2 attempts do not match their logs: check them."),
                    str(len(sweep.mismatches)),
                    str(sweep.checked),
                )
            )
        else:
            self.status.setText(
                fill(self.tr("All %1 attempts checked match their logs."), str(sweep.checked))
            )
        self.checked.emit()

    def _open(self, index: QModelIndex) -> None:
        row = self.model.row_at(self.proxy.mapToSource(index).row())
        if row is not None:
            open_attempt(self._ctx, self, str(row.attempt_id))
