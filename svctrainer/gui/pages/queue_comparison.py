"""Before and after a training period, as the branch's queue tickets measured it.

The supervisor gives the training period; the weeks before it and the weeks after it
(4 by default) are compared: customers served a day, windows open, mean service time,
mean wait, and the share waiting longer than the target, each measured from that
period's tickets. The queue model's mean wait for each period's own measured conditions
is shown beside the measured one, so the supervisor sees how well the model describes
the branch before trusting its what-if figures.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from svctrainer.core.queueing.ticket_hours import MeasuredQueue
from svctrainer.gui.context import AppContext
from svctrainer.gui.drills.figures import number, percent
from svctrainer.gui.i18n import fill
from svctrainer.gui.messages import show_error
from svctrainer.gui.pages.customer_time_panel import minutes_text
from svctrainer.gui.record_table import Column, RecordTableModel
from svctrainer.services.queue_data import DayRange, QueueComparison

DEFAULT_WEEKS = 4


@dataclass(frozen=True, slots=True)
class ComparedRow:
    measure: str
    before: str
    after: str
    change: str


def _date(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


class QueueComparisonView(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = context
        self.target_s = 900.0
        self.result: QueueComparison | None = None
        today = QDate.currentDate()
        self.start = QDateEdit(today.addDays(-8 * 7))
        self.end = QDateEdit(today.addDays(-4 * 7 - 1))
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.dateChanged.connect(self.compare)
        self.weeks = QSpinBox()
        self.weeks.setRange(1, 26)
        self.weeks.setValue(DEFAULT_WEEKS)
        self.weeks.setSuffix(self.tr(" weeks"))
        self.weeks.valueChanged.connect(self.compare)
        start_label = QLabel(self.tr("Training &from"))
        start_label.setBuddy(self.start)
        end_label = QLabel(self.tr("t&o"))
        end_label.setBuddy(self.end)
        weeks_label = QLabel(self.tr("compare &the"))
        weeks_label.setBuddy(self.weeks)
        row = QHBoxLayout()
        for widget in (start_label, self.start, end_label, self.end, weeks_label, self.weeks,
                       QLabel(self.tr("before and after"))):  # fmt: skip
            row.addWidget(widget)
        row.addStretch(1)
        self.summary = QLabel()
        self.summary.setObjectName("comparisonSummary")
        self.summary.setWordWrap(True)
        self.model: RecordTableModel[ComparedRow] = RecordTableModel(
            [
                Column(self.tr("Measure"), lambda r: r.measure),
                Column(self.tr("Before"), lambda r: r.before, align_right=True),
                Column(self.tr("After"), lambda r: r.after, align_right=True),
                Column(self.tr("Change"), lambda r: r.change, align_right=True),
            ],
            self,
        )
        self.table = QTableView()
        self.table.setObjectName("comparisonTable")
        self.table.setModel(self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        box = QVBoxLayout(self)
        box.addLayout(row)
        box.addWidget(self.summary)
        box.addWidget(self.table, 1)

    def periods(self) -> tuple[DayRange, DayRange]:
        first, last = _date(self.start.date()), _date(self.end.date())
        if last < first:
            first, last = last, first
        span = timedelta(weeks=self.weeks.value())
        return (
            DayRange(first - span, first - timedelta(days=1)),
            DayRange(last + timedelta(days=1), last + span),
        )

    def set_training(self, first: date, last: date) -> None:
        self.start.blockSignals(True)
        self.start.setDate(QDate(first.year, first.month, first.day))
        self.start.blockSignals(False)
        self.end.setDate(QDate(last.year, last.month, last.day))

    def compare(self, *_args: object) -> None:
        before, after = self.periods()
        services, actor, target = self._ctx.services, self._ctx.actor, self.target_s
        self._ctx.background.run(
            lambda: services.queue_data.comparison(actor, before, after, target),
            self._show,
            lambda e: show_error(self, e),
        )

    def _show(self, result: QueueComparison) -> None:
        self.result = result
        b, a = result.before, result.after
        self.summary.setText(
            fill(
                self.tr("Before: %1 to %2. After: %3 to %4."),
                str(result.before_days.first),
                str(result.before_days.last),
                str(result.after_days.first),
                str(result.after_days.last),
            )
            + " "
            + (
                self.tr("Import queue data covering both periods to compare them.")
                if b is None or a is None
                else self.tr("Measured from the branch's queue tickets.")
            )
        )
        target_min = number(result.target_s / 60, 0)
        rows = [
            self._row(self.tr("Days with tickets"), b, a, lambda m: m.days, 0),
            self._row(self.tr("Customers served a day"), b, a, lambda m: m.customers_per_day, 0),
            self._row(self.tr("Windows calling (mean over hours)"), b, a, _windows, 1),
            self._row(
                self.tr("Mean service time, start to finish (s)"),
                b,
                a,
                lambda m: m.service.mean,
                1,
            ),
            self._minutes(
                self.tr("Mean wait (min)"),
                None if b is None else b.wait.mean,
                None if a is None else a.wait.mean,
            ),
            self._minutes(
                self.tr("Mean wait, queue model (min)"),
                result.model_wait_before_s,
                result.model_wait_after_s,
            ),
            ComparedRow(
                fill(self.tr("Waiting over %1 min"), target_min),
                percent(b.share_over_target if b else None),
                percent(a.share_over_target if a else None),
                _points(b.share_over_target if b else None, a.share_over_target if a else None),
            ),
        ]
        self.model.set_rows(rows)

    def _row(
        self,
        name: str,
        b: MeasuredQueue | None,
        a: MeasuredQueue | None,
        get: Callable[[MeasuredQueue], float | None],
        decimals: int,
    ) -> ComparedRow:
        before = None if b is None else get(b)
        after = None if a is None else get(a)
        change = None if before is None or after is None else after - before
        return ComparedRow(name, number(before, decimals), number(after, decimals),
                           _signed(change, decimals))  # fmt: skip

    def _minutes(self, name: str, before: float | None, after: float | None) -> ComparedRow:
        change = None if before is None or after is None else after - before
        return ComparedRow(name, minutes_text(before), minutes_text(after),
                           _signed(None if change is None else change / 60, 1))  # fmt: skip


def _windows(m: MeasuredQueue) -> float | None:
    return sum(h.windows_mean for h in m.hours) / len(m.hours) if m.hours else None


def _signed(value: float | None, decimals: int) -> str:
    if value is None:
        return "—"
    shown = round(value, decimals)  # no "−0.0" for a change that rounds to nothing
    return ("+" if shown > 0 else "−" if shown < 0 else "") + number(abs(shown), decimals)


def _points(before: float | None, after: float | None) -> str:
    if before is None or after is None:
        return "—"
    return _signed((after - before) * 100, 1) + " pp"
