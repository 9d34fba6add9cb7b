"""A "from … to …" filter in local calendar days, as a ``DateRange`` in UTC.

Days are the workstation's local days: "to 31 March" includes the whole of 31 March
here (``DateRange.local_days``, which the CLI's ``--from``/``--to`` use too). "All time"
leaves both open.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QCheckBox, QDateEdit, QHBoxLayout, QLabel, QWidget

from svctrainer.services.progress_records import DateRange

DEFAULT_DAYS = 182


def _day(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


class DateRangeBar(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        today = QDate.currentDate()
        self.all_time = QCheckBox(self.tr("&All time"))
        self.all_time.setChecked(True)
        self.since = QDateEdit(today.addDays(-DEFAULT_DAYS))
        self.until = QDateEdit(today)
        for edit in (self.since, self.until):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.dateChanged.connect(self._edited)
        self.all_time.toggled.connect(self._toggled)
        from_label = QLabel(self.tr("&From"))
        from_label.setBuddy(self.since)
        to_label = QLabel(self.tr("&to"))
        to_label.setBuddy(self.until)
        box = QHBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.all_time)
        box.addWidget(from_label)
        box.addWidget(self.since)
        box.addWidget(to_label)
        box.addWidget(self.until)
        self._toggled(True)

    def date_range(self) -> DateRange:
        if self.all_time.isChecked():
            return DateRange()
        start, end = _day(self.since.date()), _day(self.until.date())
        return DateRange.local_days(min(start, end), max(start, end))

    def set_days(self, since: QDate, until: QDate) -> None:
        self.all_time.setChecked(False)
        self.since.setDate(since)
        self.until.setDate(until)

    def _toggled(self, checked: bool) -> None:
        self.since.setEnabled(not checked)
        self.until.setEnabled(not checked)
        self.changed.emit()

    def _edited(self, *_args: object) -> None:
        if not self.all_time.isChecked():
            self.changed.emit()
