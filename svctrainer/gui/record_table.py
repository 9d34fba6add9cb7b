"""A read-only table model over a list of service records, described by columns.

Every table in the app (people, backups, audit log, dashboard) is a list of frozen
records; describing columns as data keeps the models to one tested implementation.
``fit_columns`` sizes a large table's columns from the font metrics of a sample of its
texts, instead of Qt's per-cell size hints.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QRegularExpression,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QProxyStyle,
    QStyle,
    QStyleFactory,
    QTableView,
)

R = TypeVar("R")
SORT_ROLE = Qt.ItemDataRole.UserRole + 10
_Index = QModelIndex | QPersistentModelIndex
# The roles answered, as plain numbers: a view asks each painted cell for about eight
# roles (font, colours, check state, icon...), and a set lookup turns the others away
# before any other work (issue 17: ~3 000 calls a paint of a 500-row table).
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ANSWERED = frozenset({_DISPLAY, _ALIGNMENT, _TOOLTIP, SORT_ROLE})
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
FIRST_ROWS = 40  # rows from the top ``fit_columns`` always measures


@dataclass(frozen=True, slots=True)
class Column(Generic[R]):
    title: str
    text: Callable[[R], str]
    sort_key: Callable[[R], Any] | None = None
    align_right: bool = False
    tooltip: Callable[[R], str] | None = None


class RecordTableModel(QAbstractTableModel, Generic[R]):
    def __init__(self, columns: Sequence[Column[R]], parent: Any = None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._rows: list[R] = []
        # Views ask for the same cell's text many times (painting, sizing columns to
        # their contents, sorting); formatting it once keeps a 500-row table quick.
        self._texts: dict[tuple[int, int], str] = {}

    def set_rows(self, rows: Sequence[R]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._texts.clear()
        self.endResetModel()

    def row_at(self, row: int) -> R | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rows(self) -> list[R]:
        return list(self._rows)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def text(self, row: int, column: int) -> str:
        """The cell's text, formatted once (painting and sizing share it)."""
        key = (row, column)
        text = self._texts.get(key)
        if text is None:
            text = self._texts[key] = self._columns[column].text(self._rows[row])
        return text

    def unfiltered_count(self) -> int:
        """How many rows the model holds, shown or not: columns are sized to them all."""
        return len(self._rows)

    def unfiltered_text(self, row: int, column: int) -> str:
        """The text of the ``row``-th row held (in the order shown), shown or not."""
        return self.text(row, column)

    def data(self, index: _Index, role: int = _DISPLAY) -> Any:
        if role not in _ANSWERED:
            return None
        row, column = index.row(), index.column()  # -1 for an invalid index
        if not (0 <= row < len(self._rows) and 0 <= column < len(self._columns)):
            return None
        spec = self._columns[column]
        if role == _DISPLAY or (role == SORT_ROLE and not spec.sort_key):
            return self.text(row, column)
        if role == SORT_ROLE:
            return spec.sort_key(self._rows[row]) if spec.sort_key else None
        if role == _ALIGNMENT:
            return _RIGHT if spec.align_right else None
        if role == _TOOLTIP and spec.tooltip:
            return spec.tooltip(self._rows[row])
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self._columns)
        ):
            return self._columns[section].title
        return None


class SortedRecordModel(RecordTableModel[R]):
    """A ``RecordTableModel`` that sorts itself by a column's ``sort_key`` (its text where
    it has none), in Python, and keeps that order when new rows come (``set_rows``);
    and that may filter itself by a text (``set_filter_text``), as a
    ``QSortFilterProxyModel`` would.

    Why: a ``QSortFilterProxyModel`` sorting on its own asks the model for two keys per
    comparison through Qt, some 9 000 calls for a 500-person dashboard, most of its
    render (issue 17); here each row's key is taken once. Equal keys keep their order,
    as in the proxy's stable sort. A view may show this model through a
    ``SourceSortProxy`` (for its filter: it hands the view's sort requests down to this
    model), or directly, filtered here: behind a proxy a painted cell costs 23 calls
    into Python instead of 9 (each of the seven roles asked maps the index to this
    model, whose ``index`` asks ``rowCount`` and ``columnCount``), half of painting a
    500-person dashboard's table (issue 17: 15-20 ms a paint, 8-12 ms without)."""

    def __init__(self, columns: Sequence[Column[R]], parent: Any = None) -> None:
        super().__init__(columns, parent)
        self._order: tuple[int, Qt.SortOrder] | None = None
        self._source: list[R] = []  # the rows as given
        self._sorted: list[int] = []  # their positions in the sort order
        self._shown: list[int] = []  # those of them the filter lets through, in order
        self._filter: QRegularExpression | None = None
        # Cell texts by (position in ``_source``, column): a sort or a filter keeps them.
        self._source_texts: dict[tuple[int, int], str] = {}

    def set_rows(self, rows: Sequence[R]) -> None:
        self.beginResetModel()
        self._source = list(rows)
        self._source_texts.clear()
        self._sorted = self._sorted_positions(self._source)
        self._shown = self._passing(self._sorted)
        self._rows = [self._source[i] for i in self._shown]
        self.endResetModel()

    def text(self, row: int, column: int) -> str:
        return self._source_text(self._shown[row], column)

    def unfiltered_count(self) -> int:
        return len(self._source)

    def unfiltered_text(self, row: int, column: int) -> str:
        """By position in the sort order, whatever the filter: a table loaded with a name
        typed in its search box is sized as without it (the columns must fit the rows
        that come back when the search is cleared), and the rows measured first are the
        ones a cleared search shows first."""
        return self._source_text(self._sorted[row], column)

    def _source_text(self, position: int, column: int) -> str:
        """The text of the row at ``position`` in ``_source``, formatted once: a sort, a
        filter and the sizing share it."""
        key = (position, column)
        text = self._source_texts.get(key)
        if text is None:
            text = self._source_texts[key] = self._columns[column].text(self._source[position])
        return text

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self._columns):
            self._order = None  # unsorted: the order the rows came in from now on
            return
        self._order = (column, order)
        self.layoutAboutToBeChanged.emit()
        old = self._shown
        # Sorted from the order shown before: equal keys keep it, as the proxy's do.
        before = self._sorted
        now_sorted = self._sorted_positions([self._source[i] for i in before])
        self._sorted = [before[i] for i in now_sorted]
        self._shown = self._passing(self._sorted)
        self._rows = [self._source[i] for i in self._shown]
        now = {source: row for row, source in enumerate(self._shown)}
        persistent = self.persistentIndexList()  # the selection stays on its record
        self.changePersistentIndexList(
            persistent, [self.index(now[old[i.row()]], i.column()) for i in persistent]
        )
        self.layoutChanged.emit()

    def sort_order(self) -> tuple[int, Qt.SortOrder] | None:
        return self._order

    def set_filter_text(self, text: str) -> None:
        """Show only the rows with ``text`` in a cell, whatever its case: the test of a
        ``QSortFilterProxyModel`` given ``setFilterFixedString(text)``, its filter key
        column -1 and case insensitivity (the same regular expression on each cell's
        text). Rows leave and come back as the proxy's do (removed, then inserted), so
        the selection stays on a record still shown."""
        pattern = QRegularExpression.escape(text)
        self._filter = (
            QRegularExpression(pattern, QRegularExpression.PatternOption.CaseInsensitiveOption)
            if pattern
            else None
        )
        shown = self._passing(self._sorted)
        kept = set(shown)
        # Both lists follow the sort order: the rows going first, from the bottom up, in
        # runs; then the rows coming, from the top down, at their place among the kept.
        row = len(self._shown)
        while row > 0:
            if self._shown[row - 1] in kept:
                row -= 1
                continue
            end = row - 1
            while row > 0 and self._shown[row - 1] not in kept:
                row -= 1
            self.beginRemoveRows(QModelIndex(), row, end)
            del self._shown[row : end + 1], self._rows[row : end + 1]
            self.endRemoveRows()
        row = 0
        while row < len(shown):
            if row < len(self._shown) and self._shown[row] == shown[row]:
                row += 1
                continue
            first = row
            present = self._shown[row] if row < len(self._shown) else None
            while row < len(shown) and shown[row] != present:
                row += 1
            self.beginInsertRows(QModelIndex(), first, row - 1)
            self._shown[first:first] = shown[first:row]
            self._rows[first:first] = [self._source[i] for i in shown[first:row]]
            self.endInsertRows()

    def _passing(self, positions: list[int]) -> list[int]:
        """Of ``positions`` (in ``_source``), those the filter lets through."""
        match = self._filter
        if match is None:
            return list(positions)
        columns = range(len(self._columns))
        texts, text = self._source_texts, self._source_text
        shown = []
        for i in positions:  # a keystroke in the search box: the cache read inline
            for c in columns:
                cell = texts.get((i, c))
                if match.match(text(i, c) if cell is None else cell).hasMatch():
                    shown.append(i)
                    break
        return shown

    def _sorted_positions(self, rows: Sequence[R]) -> list[int]:
        if self._order is None:
            return list(range(len(rows)))
        column, order = self._order
        spec = self._columns[column]
        key = spec.sort_key or spec.text
        keys = [key(r) for r in rows]
        descending = order == Qt.SortOrder.DescendingOrder
        return sorted(range(len(rows)), key=keys.__getitem__, reverse=descending)


class SourceSortProxy(QSortFilterProxyModel):
    """A filtering proxy that leaves sorting to its ``SortedRecordModel``: the view's
    header clicks (``sort``) go down to it, and rows pass through in its order."""

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        source = self.sourceModel()
        if isinstance(source, SortedRecordModel):
            source.sort(column, order)
        else:
            super().sort(column, order)


def fit_columns(view: QTableView, model: RecordTableModel[Any], sample: int) -> None:
    """Size ``view``'s columns to their header and their texts, measured with the view's
    font metrics on the model's first rows (``FIRST_ROWS`` at least) and ``sample`` rows
    spread over the rest, filtered out or not.

    Why by hand: ``resizeColumnsToContents`` asks the item delegate for every measured
    cell's size hint, and each hint asks the model for eight roles through Qt: some
    7 000 Python calls for a 500-person dashboard, most of its render (issue 17). The
    text is all these cells hold, so its advance plus the delegate's margins (and the
    grid line) is the width Qt would find. Stretched and hidden columns are left alone;
    the user may still widen any column."""
    header = view.horizontalHeader()
    metrics = QFontMetricsF(view.font())  # fractional, rounded up as Qt's text layout is
    # QCommonStyle's item text margin on each side, and the grid line, as Qt adds them.
    margin = 2 * (view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1)
    margin += 1 if view.showGrid() else 0
    # And one pixel more: the style elides a text given exactly its rounded-up advance
    # ("Otto Outsider", 87.98 px at 10 pt, is drawn "Otto …" in 88 px and whole in 89;
    # found by the review, held by a test in test_supervisor_page.py).
    margin += 1
    count = model.unfiltered_count()  # every row held, whatever a search box lets through
    # The rows in view, and at least FIRST_ROWS of them: a view not laid out yet (filled
    # before it is first shown) has no height to go by.
    in_view = view.viewport().height() // max(1, view.verticalHeader().defaultSectionSize())
    first = max(FIRST_ROWS, in_view)
    step = max(1, count // max(1, sample))
    rows = sorted({*range(min(count, first + 1)), *range(0, count, step)})
    for column in range(model.columnCount()):
        if header.isSectionHidden(column) or (
            header.sectionResizeMode(column) == QHeaderView.ResizeMode.Stretch
        ):
            continue
        # Each distinct text measured once: a column repeats its teams, statuses, days
        # and counts, and shaping a text is most of a measurement.
        texts = {model.unfiltered_text(r, column) for r in rows}
        widest = max(map(metrics.horizontalAdvance, texts), default=0.0)
        header.resizeSection(
            column, max(header.sectionSizeHint(column), math.ceil(widest) + margin)
        )


def paint_cells_in_cpp(view: QAbstractItemView) -> None:
    """Have the style under the application's draw ``view``'s cells directly.

    Why: the application's style is a ``QProxyStyle`` written in Python
    (``gui/check_indicator.py``), so every primitive Qt paints crosses into Python and
    back (and converts its enums there): two a painted cell, row and item panel, some 850
    crossings for one open of a skill's table, about a tenth of its render (issue 17).
    That style changes only check-box and radio indicators, which a table or list of
    records never draws, so its base style draws these views exactly as it would: it is
    a copy of that base style (Fusion), owned by the view. Its header and scroll bars,
    widgets of their own, keep the application's style."""
    app_style = QApplication.style()
    if not isinstance(app_style, QProxyStyle):
        return  # nothing in Python to skip
    base = app_style.baseStyle()
    style = QStyleFactory.create(base.name()) if base is not None else None
    if style is None:
        return
    style.setParent(view)  # deleted with it
    view.setStyle(style)
