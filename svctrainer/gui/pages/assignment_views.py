"""What the Assignments and Trainer pages share: assignment wording (translated), a table
model that makes overdue rows stand out, a progress-bar cell, and opening a drill on the
Practice page."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any, TypeVar

from PySide6.QtCore import (
    QDateTime,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimeZone,
)
from PySide6.QtGui import QFont, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionProgressBar,
    QStyleOptionViewItem,
)

from svctrainer.core.assignment_progress import NextStep, Status, Target
from svctrainer.gui.dates import day_text
from svctrainer.gui.drills.figures import mode_name, number, percent, unit_name
from svctrainer.gui.i18n import fill, translate
from svctrainer.gui.record_table import Column, RecordTableModel

R = TypeVar("R")
PROGRESS_ROLE = Qt.ItemDataRole.UserRole + 20
_FOREGROUND_ROLE = int(Qt.ItemDataRole.ForegroundRole.value)
_FONT_ROLE = int(Qt.ItemDataRole.FontRole.value)
_EMPHASIS_ROLES = frozenset({_FOREGROUND_ROLE, _FONT_ROLE, int(PROGRESS_ROLE)})


# -- wording ---------------------------------------------------------------------------------


def status_text(status: Status) -> str:
    return {
        Status.NOT_STARTED: translate("assignments", "Not started"),
        Status.IN_PROGRESS: translate("assignments", "In progress"),
        Status.DONE: translate("assignments", "Done"),
        Status.OVERDUE: translate("assignments", "Overdue"),
    }[status]


def tier_name(code: str | None) -> str:
    return {
        "not_met": translate("assignments", "not met"),
        "satisfaction": translate("assignments", "satisfaction service"),
        "comfort": translate("assignments", "comfort service"),
        "delight": translate("assignments", "delight service"),
    }.get(code or "", code or "—")


def accuracy_text(value: float | None) -> str:
    """98 % rather than 98.0 %, but 97.5 % where it matters."""
    if value is None:
        return "—"
    return percent(value, 0 if abs(value * 100 - round(value * 100)) < 1e-9 else 1)


def target_text(target: Target, min_practice: int = 0) -> str:
    parts: list[str] = []
    if target.mode is not None:
        parts.append(mode_name(target.mode))
    if target.min_speed is not None:
        parts.append(f"≥ {number(target.min_speed)} {unit_name(target.speed_unit)}")
    if target.min_accuracy is not None:
        parts.append(
            fill(translate("assignments", "accuracy ≥ %1"), accuracy_text(target.min_accuracy))
        )
    if target.min_score is not None:
        parts.append(fill(translate("assignments", "score ≥ %1"), number(target.min_score)))
    if target.min_tier is not None:
        parts.append(fill(translate("assignments", "at least %1"), tier_name(target.min_tier)))
    if not target.has_thresholds:
        parts.append(translate("assignments", "one attempt"))
    if min_practice:
        parts.append(translate("assignments", "%n practice session(s)", None, min_practice))
    return " · ".join(parts)


def next_step_text(step: NextStep | None) -> str:
    if step is None:
        return translate("assignments", "Nothing left: well done")
    p = step.params
    if step.code == "practise":
        left = int(p["left"])  # lupdate reads only a plain name as translate()'s count
        return translate("assignments", "Practise %n more time(s)", None, left)
    if step.code == "attempt":
        return {
            "test": translate("assignments", "Take the test"),
            "practice": translate("assignments", "Do a practice session"),
        }.get(p.get("mode") or "", translate("assignments", "Make a first attempt"))
    if step.code == "all_at_once":
        return translate("assignments", "Meet every target in the same attempt")
    reach = {
        "reach_speed": lambda: (
            fill(
                translate("assignments", "Reach %1 %2 (best so far: %3)"),
                "%1",
                unit_name(p["unit"]),
            ),
            number(p["minimum"]),
            number(p["best"]),
        ),
        "reach_accuracy": lambda: (
            translate("assignments", "Reach %1 accuracy (best so far: %3)"),
            accuracy_text(p["minimum"]),
            accuracy_text(p["best"]),
        ),
        "reach_score": lambda: (
            translate("assignments", "Score at least %1 (best so far: %3)"),
            number(p["minimum"]),
            number(p["best"]),
        ),
        "reach_tier": lambda: (
            translate("assignments", "Reach %1 (best so far: %3)"),
            tier_name(p["minimum"]),
            tier_name(p["best"]),
        ),
    }.get(step.code)
    if reach is None:
        return step.code
    text, minimum, best = reach()
    return fill(text, minimum, "%2", best)


def date_text(value: date | None) -> str:
    if value is None:
        return translate("assignments", "no due date")
    return day_text(value)


def when_text(value: datetime | None) -> str:
    """A stored UTC time in the workstation's time zone and locale."""
    if value is None:
        return "—"
    local = QDateTime.fromSecsSinceEpoch(int(value.timestamp()), QTimeZone.systemTimeZone())
    return QLocale().toString(local, QLocale.FormatType.ShortFormat)


def due_text(due_on: date | None, status: Status, today: date | None = None) -> str:
    """The date, and how far off it is while the assignment is open."""
    text = date_text(due_on)
    if due_on is None or status is Status.DONE:
        return text
    days = (due_on - (today or date.today())).days
    if days < 0:
        late = -days  # lupdate reads only a plain name as translate()'s count
        return fill(translate("assignments", "%1 (%n day(s) late)", None, late), text)
    if days == 0:
        return fill(translate("assignments", "%1 (today)"), text)
    return fill(translate("assignments", "%1 (in %n day(s))", None, days), text)


# -- tables ----------------------------------------------------------------------------------


class EmphasisTableModel(RecordTableModel[R]):
    """A record table whose rows can stand out (overdue: bold, in the palette's warning
    colour, readable in both themes) and whose one column may show a progress bar.

    A view asks ``data`` for a dozen roles per cell at every paint, some 3 000 calls for
    a trainer's table: the roles handled here are compared as plain numbers (a Qt enum
    comparison costs a Python call each) and whether a row stands out is worked out
    once per row, which made the trainer's sign-in paint twice as quick
    (bench/bench_heartbeat.py)."""

    def __init__(
        self,
        columns: Sequence[Column[R]],
        *,
        stands_out: Callable[[R], bool] = lambda _r: False,
        progress: tuple[int, Callable[[R], float]] | None = None,
        parent: Any = None,
    ) -> None:
        super().__init__(columns, parent)
        self._stands_out = stands_out
        self._progress = progress
        self._standing_out: dict[int, bool] = {}  # row -> stands out

    def set_rows(self, rows: Sequence[R]) -> None:
        self._standing_out.clear()
        super().set_rows(rows)

    def _row_stands_out(self, row: int) -> bool:
        known = self._standing_out.get(row)
        if known is None:
            record = self.row_at(row)
            known = self._standing_out[row] = record is not None and self._stands_out(record)
        return known

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role in _EMPHASIS_ROLES and index.isValid():
            row = index.row()
            if role == _FOREGROUND_ROLE:
                if self._row_stands_out(row):
                    return QApplication.palette().brush(QPalette.ColorRole.BrightText)
                return None
            if role == _FONT_ROLE:
                if self._row_stands_out(row):
                    font = QFont(QApplication.font())
                    font.setBold(True)
                    return font
                return None
            record = self.row_at(row)
            if record is not None and self._progress and index.column() == self._progress[0]:
                return self._progress[1](record)
            return None
        return super().data(index, role)


class ProgressBarDelegate(QStyledItemDelegate):
    """Draws ``PROGRESS_ROLE`` (0..1) as the style's own progress bar, with the cell's
    text (a percentage) on it."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        value = index.data(PROGRESS_ROLE)
        if value is None:
            super().paint(painter, option, index)
            return
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, widget)
        bar = QStyleOptionProgressBar()
        bar.rect = option.rect.adjusted(4, 3, -4, -3)
        bar.minimum = 0
        bar.maximum = 1000
        bar.progress = round(float(value) * 1000)
        bar.text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        bar.textVisible = True
        bar.textAlignment = Qt.AlignmentFlag.AlignCenter
        bar.state = QStyle.StateFlag.State_Enabled | QStyle.StateFlag.State_Horizontal
        groove = QPalette(option.palette)
        # The groove in AlternateBase: on Base it would vanish in the dark theme.
        groove.setColor(QPalette.ColorRole.Base, groove.color(QPalette.ColorRole.AlternateBase))
        bar.palette = groove
        bar.fontMetrics = option.fontMetrics
        style.drawControl(QStyle.ControlElement.CE_ProgressBar, bar, painter, widget)


def progress_percent(fraction: float) -> str:
    """Rounded, but never "100 %" for what is not complete."""
    shown = round(fraction * 100)
    if fraction < 1.0:
        shown = min(shown, 99)
    return QLocale().toString(shown) + " %"
