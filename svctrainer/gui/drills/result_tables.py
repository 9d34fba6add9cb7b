"""Small read-only tables for the per-drill sections of the result screen."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

MAX_ROWS = 500


def result_table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    name: str,
    *,
    bad_rows: Sequence[int] = (),
    bad_colour: QColor | None = None,
    right_aligned: Sequence[int] = (),
    stretch: int | None = None,
    max_height: int = 320,
) -> QTableWidget:
    """A table of ``rows`` (at most ``MAX_ROWS``), rows in ``bad_rows`` drawn in
    ``bad_colour``; columns in ``right_aligned`` (numbers) aligned right; column
    ``stretch`` (default: the last) takes the spare width. As tall as its rows, up to
    ``max_height`` (then it scrolls)."""
    shown = rows[:MAX_ROWS]
    table = QTableWidget(len(shown), len(headers))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(list(headers))
    bad = set(bad_rows)
    for r, row in enumerate(shown):
        for c, text in enumerate(row):
            item = QTableWidgetItem(text)
            if c in right_aligned:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if r in bad and bad_colour is not None:
                item.setForeground(bad_colour)
            table.setItem(r, c, item)
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.setAlternatingRowColors(True)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    last = len(headers) - 1
    column = last if stretch is None else stretch
    header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
    table.setFixedHeight(min(max_height, natural_height(table, len(shown))))
    return table


def natural_height(table: QTableWidget, rows: int) -> int:
    """Height in px that shows the header and ``rows`` rows at the table's own text size,
    with room for a sideways scrollbar: many columns at 150 % text outgrow the width,
    and without that room the bar covered the only row."""
    return (
        table.horizontalHeader().sizeHint().height()
        + table.verticalHeader().defaultSectionSize() * max(rows, 1)
        + table.horizontalScrollBar().sizeHint().height()
        + 2 * table.frameWidth()
        + 2
    )


def section_box(title: str, name: str) -> tuple[QWidget, QVBoxLayout]:
    """A section of the result screen: a bold heading, then what the caller adds."""
    widget = QWidget()
    widget.setObjectName(name)
    box = QVBoxLayout(widget)
    box.setContentsMargins(0, 8, 0, 0)
    head = QLabel(title)
    font = QFont(head.font())
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.15)
    head.setFont(font)
    box.addWidget(head)
    return widget, box


def note_label(text: str, name: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    if name:
        label.setObjectName(name)
    return label


def tidy_table(table: QTableWidget) -> None:
    """Read-only, no row numbers, columns fit their contents, as tall as a few rows."""
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    table.setMinimumHeight(min(260, natural_height(table, table.rowCount())))
