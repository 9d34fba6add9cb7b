"""The branch's transaction mix, editable by supervisors and admins (MANAGE_SETTINGS).

The mix turns speed gains into customer time: how many transactions a teller handles a
day, and per type of transaction its share, the keystrokes keyed, the notes counted and
the seconds nothing in a drill changes (talk, signatures, printing). Shares are entered
in percent and must add up to 100.
"""

from __future__ import annotations

import math

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from svctrainer.core.analytics.customer_time import (
    QueueAssumption,
    QueueModel,
    TransactionMix,
    TransactionType,
)
from svctrainer.core.roles import Permission
from svctrainer.gui.context import AppContext
from svctrainer.gui.drills.figures import number
from svctrainer.gui.messages import show_error
from svctrainer.services.errors import InvalidInputError
from svctrainer.services.settings import DEFAULT_MIX, DEFAULT_QUEUE, MixSetting

COLUMNS = ("name", "share", "keystrokes", "notes", "other_seconds")


class MixEditor(QWidget):
    saved = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = context
        self.editable = context.can(Permission.MANAGE_SETTINGS)
        self.per_day = QDoubleSpinBox()
        self.per_day.setRange(1, 2000)
        self.per_day.setDecimals(0)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("mixTable")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Transaction type"),
                self.tr("Share %"),
                self.tr("Keystrokes"),
                self.tr("Notes counted"),
                self.tr("Other seconds"),
            ]
        )
        header = self.table.horizontalHeader()
        # The type names ("transfer / standing order") get the room; the figures are short.
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.itemChanged.connect(self._update_total)
        self.total = QLabel()
        self.model = QComboBox()
        self.model.addItem(self.tr("Only the customer being served gains"), QueueModel.DIRECT.value)
        self.model.addItem(
            self.tr("Customers waiting behind also gain"), QueueModel.WAITING_LINE.value
        )
        self.model.addItem(self.tr("Queue model (M/M/1)"), QueueModel.MM1.value)
        self.waiting = QDoubleSpinBox()
        self.waiting.setRange(0, 100)
        self.waiting.setDecimals(1)
        self.arrivals = QDoubleSpinBox()
        self.arrivals.setRange(0, 1000)
        self.arrivals.setDecimals(1)
        self.model.currentIndexChanged.connect(self._model_changed)
        form = QFormLayout()
        form.addRow(self.tr("&Transactions per teller per day"), self.per_day)
        form.addRow(self.tr("&Who gains"), self.model)
        form.addRow(self.tr("Customers &waiting (average)"), self.waiting)
        form.addRow(self.tr("&Arrivals per hour at a counter"), self.arrivals)
        self.add_button = QPushButton(self.tr("Add &type"))
        self.remove_button = QPushButton(self.tr("&Remove type"))
        self.defaults_button = QPushButton(self.tr("Restore &defaults"))
        self.save_button = QPushButton(self.tr("&Save mix"))
        self.add_button.clicked.connect(lambda: self._add_row(TransactionType("new", 0.0)))
        self.remove_button.clicked.connect(self._remove_row)
        self.defaults_button.clicked.connect(lambda: self.show_setting(None))
        self.save_button.clicked.connect(self.save)
        buttons = QHBoxLayout()
        for b in (self.add_button, self.remove_button, self.defaults_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.total)
        buttons.addWidget(self.save_button)
        note = QLabel(
            self.tr(
                "These figures turn speed gains into customer time. Defaults are assumptions: "
                "replace them with your branch's own counts."
                if self.editable
                else "Only supervisors and admins may change the branch's transaction mix."
            )
        )
        note.setWordWrap(True)
        box = QVBoxLayout(self)
        box.addWidget(note)
        box.addLayout(form)
        box.addWidget(self.table, 1)
        box.addLayout(buttons)
        for widget in (self.per_day, self.table, self.model, self.waiting, self.arrivals,
                       self.add_button, self.remove_button, self.defaults_button,
                       self.save_button):  # fmt: skip
            widget.setEnabled(self.editable)
        self.show_setting(None)

    def refresh(self) -> None:
        services, actor = self._ctx.services, self._ctx.actor
        self._ctx.background.run(
            lambda: services.settings.transaction_mix(actor),
            self.show_setting,
            lambda exc: show_error(self, exc),
        )

    def show_setting(self, setting: MixSetting | None) -> None:
        mix = setting.mix if setting is not None else DEFAULT_MIX
        queue = setting.queue if setting is not None else DEFAULT_QUEUE
        self.per_day.setValue(mix.transactions_per_day)
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        for t in mix.types:
            self._add_row(t)
        self.table.blockSignals(False)
        self.model.setCurrentIndex(max(0, self.model.findData(queue.model.value)))
        self.waiting.setValue(queue.customers_waiting)
        self.arrivals.setValue(queue.arrivals_per_hour)
        self._model_changed()
        self._update_total()

    def _add_row(self, t: TransactionType) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        values = [t.name, number(t.share * 100, 1), number(t.keystrokes), number(t.notes),
                  number(t.other_seconds)]  # fmt: skip
        for col, text in enumerate(values):
            self.table.setItem(row, col, QTableWidgetItem(text))
        self._update_total()

    def _remove_row(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            self._update_total()

    def _model_changed(self, *_args: object) -> None:
        model = self.model.currentData()
        self.waiting.setEnabled(self.editable and model == QueueModel.WAITING_LINE.value)
        self.arrivals.setEnabled(self.editable and model == QueueModel.MM1.value)

    def _update_total(self, *_args: object) -> None:
        try:
            total = math.fsum(self._figure(r, 1) for r in range(self.table.rowCount()))
        except ValueError:
            self.total.setText(self.tr("Shares: not a number"))
            return
        self.total.setText(self.tr("Shares add up to %1 %").replace("%1", number(total, 1)))

    def _figure(self, row: int, col: int) -> float:
        item = self.table.item(row, col)
        text = (item.text() if item else "").strip().replace(",", ".").replace(" ", "")
        value = float(text or "0")
        if not math.isfinite(value):
            raise ValueError(text)
        return value

    def current(self) -> tuple[TransactionMix, QueueAssumption]:
        """The mix as entered; InvalidInputError (with the field) if it is not one."""
        types = []
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            name = (item.text() if item else "").strip()
            try:
                share, keys, notes, other = (self._figure(row, c) for c in range(1, 5))
                types.append(TransactionType(name, share / 100.0, keys, notes, other))
            except ValueError as exc:
                raise InvalidInputError(
                    "types",
                    self.tr("row %1: %2").replace("%1", str(row + 1)).replace("%2", str(exc)),
                ) from None
        try:
            mix = TransactionMix(self.per_day.value(), tuple(types))
            queue = QueueAssumption(
                QueueModel(self.model.currentData()), self.waiting.value(), self.arrivals.value()
            )
        except ValueError as exc:
            raise InvalidInputError("types", str(exc)) from None
        return mix, queue

    def save(self) -> None:
        try:
            mix, queue = self.current()
        except InvalidInputError as exc:
            show_error(self, exc)
            return
        services, actor = self._ctx.services, self._ctx.actor

        def done(setting: MixSetting) -> None:
            self.show_setting(setting)
            self._ctx.changes.settings_changed.emit()
            self.saved.emit()

        self._ctx.background.run(
            lambda: services.settings.set_transaction_mix(actor, mix, queue),
            done,
            lambda exc: show_error(self, exc),
        )
