"""The branch's queue data: the imports, and the queue they measure hour by hour.

Supervisors import an export here (``QueueImportDialog``) and may delete an import made
by mistake (after confirming: its tickets leave the figures). The table shows, per clock
hour of the chosen period, what the tickets measured: customers served an hour, windows
calling, the mean wait and service time, and the share waiting longer than the target.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from svctrainer.core.queueing.ticket_hours import HourOfDay, MeasuredQueue
from svctrainer.core.roles import Permission
from svctrainer.gui.context import AppContext
from svctrainer.gui.dates import day_text
from svctrainer.gui.drills.figures import number, percent
from svctrainer.gui.i18n import fill
from svctrainer.gui.messages import confirm, show_error
from svctrainer.gui.pages.customer_time_panel import minutes_text
from svctrainer.gui.record_table import Column, RecordTableModel
from svctrainer.services.queue_data import DayRange, QueueImportRecord


@dataclass(frozen=True)
class QueueDataView:
    imports: list[QueueImportRecord]
    measured: MeasuredQueue | None


def _table(model: RecordTableModel[Any]) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class QueueDataTab(QWidget):
    changed = Signal()  # an import was added or deleted

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = context
        self.days = DayRange()
        self.target_s = 900.0
        self.view: QueueDataView | None = None
        can_import = context.can(Permission.MANAGE_SETTINGS)
        self.import_button = QPushButton(self.tr("&Import queue data…"))
        self.import_button.setObjectName("importQueueData")
        self.import_button.clicked.connect(self.open_import)
        self.delete_button = QPushButton(self.tr("&Delete import…"))
        self.delete_button.clicked.connect(self.delete_selected)
        for button in (self.import_button, self.delete_button):
            button.setVisible(can_import)
        self.summary = QLabel()
        self.summary.setObjectName("queueDataSummary")
        self.summary.setWordWrap(True)
        self.imports: RecordTableModel[QueueImportRecord] = RecordTableModel(
            [
                Column(self.tr("File"), lambda r: r.file_name),
                Column(self.tr("Days"), lambda r: f"{r.first_day} – {r.last_day}"),
                Column(self.tr("Tickets added"), lambda r: number(r.added), align_right=True),
                Column(self.tr("Time zone"), lambda r: r.zone),
                Column(self.tr("Imported by"), lambda r: r.imported_by),
            ],
            self,
        )
        self.hours: RecordTableModel[HourOfDay] = RecordTableModel(
            [
                Column(self.tr("Hour"), lambda h: f"{h.hour:02d}:00"),
                Column(self.tr("Served an hour"), lambda h: number(h.arrivals_per_hour, 1),
                       align_right=True),
                Column(self.tr("Windows"), lambda h: number(h.windows_mean, 1), align_right=True),
                Column(self.tr("Mean wait (min)"), lambda h: minutes_text(h.mean_wait_s),
                       align_right=True),
                Column(self.tr("Mean service (s)"), lambda h: number(h.mean_service_s, 0),
                       align_right=True),
                Column(self.tr("Waiting over target"), lambda h: percent(h.share_over_target),
                       align_right=True),
            ],
            self,
        )  # fmt: skip
        self.imports_table = _table(self.imports)
        self.imports_table.setObjectName("queueImports")
        self.hours_table = _table(self.hours)
        self.hours_table.setObjectName("queueHours")
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.delete_button)
        split = QSplitter()
        split.addWidget(self.hours_table)
        split.addWidget(self.imports_table)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        box = QVBoxLayout(self)
        box.addLayout(buttons)
        box.addWidget(split, 1)

    def load(self, days: DayRange, target_s: float) -> None:
        self.days, self.target_s = days, target_s
        services, actor = self._ctx.services, self._ctx.actor

        def fetch() -> QueueDataView:
            return QueueDataView(
                services.queue_data.imports(actor),
                services.queue_data.measured(actor, days, target_s),
            )

        self._ctx.background.run(fetch, self._show, lambda e: show_error(self, e))

    def _show(self, view: QueueDataView) -> None:
        self.view = view
        self.imports.set_rows(view.imports)
        m = view.measured
        self.hours.set_rows(list(m.hours) if m is not None else [])
        if m is None:
            self.summary.setText(
                self.tr("No queue tickets for this period: the figures use the assumed profile.")
                if view.imports
                else self.tr(
                    "No queue data imported yet. Import your queue-ticket system's export "
                    "to base the figures on what your branch measured."
                )
            )
            return
        self.summary.setText(
            fill(
                self.tr(
                    "%1 to %2: %3 days, %4 tickets, %5 served, %6 no-shows, %7 walked away; "
                    "mean wait %8 min, mean service %9 s."
                ),
                day_text(m.first_day),
                day_text(m.last_day),
                str(m.days),
                number(m.tickets),
                number(m.served),
                number(m.no_shows),
                number(m.walked_away),
                minutes_text(m.wait.mean),
                number(m.service.mean, 0),
            )
            + " "
            + fill(self.tr("Target: called within %1 min."), number(self.target_s / 60, 0))
        )

    def open_import(self) -> None:
        from svctrainer.gui.dialogs.queue_import_dialog import QueueImportDialog  # noqa: PLC0415

        dialog = QueueImportDialog(self._ctx, self)
        dialog.imported.connect(lambda _result: self._changed())
        dialog.exec()

    def delete_selected(self) -> None:
        rows = self.imports_table.selectionModel().selectedRows()
        record = self.imports.row_at(rows[0].row()) if rows else None
        if record is None:
            self.summary.setText(self.tr("Select the import to delete first."))
            return
        if not confirm(
            self,
            self.tr("Delete import"),
            fill(
                self.tr(
                    "Delete the %1 tickets imported from %2? They leave every queue figure; the "
                    "file itself is not touched and can be imported again."
                ),
                number(record.added),
                record.file_name,
            ),
            self.tr("Delete"),
        ):
            return
        services, actor = self._ctx.services, self._ctx.actor
        self._ctx.hub.write(self, services.queue_data.delete_import, actor, record.id).then(
            lambda _deleted: self._changed()
        ).run()

    def _changed(self) -> None:
        self.load(self.days, self.target_s)
        self.changed.emit()
