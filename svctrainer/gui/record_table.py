"""A read-only table model over a list of service records, described by columns.

Every table in the app (people, backups, audit log, dashboard) is a list of frozen
records; describing columns as data keeps the models to one tested implementation.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

R = TypeVar("R")
SORT_ROLE = Qt.ItemDataRole.UserRole + 10
_Index = QModelIndex | QPersistentModelIndex


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

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        record = self._rows[index.row()]
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole or (role == SORT_ROLE and not column.sort_key):
            key = (index.row(), index.column())
            text = self._texts.get(key)
            if text is None:
                text = self._texts[key] = column.text(record)
            return text
        if role == SORT_ROLE:
            return column.sort_key(record) if column.sort_key else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip:
            return column.tooltip(record)
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
    it has none), in Python, and keeps that order when new rows come (``set_rows``).

    Why: a ``QSortFilterProxyModel`` sorting on its own asks the model for two keys per
    comparison through Qt, some 9 000 calls for a 500-person dashboard, most of its
    render (issue 17); here each row's key is taken once. Put a ``SourceSortProxy`` in
    front for filtering: it hands the view's sort requests down to this model. Equal
    keys keep their order, as in the proxy's stable sort."""

    def __init__(self, columns: Sequence[Column[R]], parent: Any = None) -> None:
        super().__init__(columns, parent)
        self._order: tuple[int, Qt.SortOrder] | None = None

    def set_rows(self, rows: Sequence[R]) -> None:
        self.beginResetModel()
        self._rows = [rows[i] for i in self._sorted_positions(rows)]
        self._texts.clear()
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self._columns):
            self._order = None  # unsorted: the order the rows came in from now on
            return
        self._order = (column, order)
        self.layoutAboutToBeChanged.emit()
        old = self._rows
        positions = self._sorted_positions(old)
        self._rows = [old[i] for i in positions]
        self._texts.clear()
        moved_to = {was: now for now, was in enumerate(positions)}
        persistent = self.persistentIndexList()  # the selection stays on its record
        self.changePersistentIndexList(
            persistent, [self.index(moved_to[i.row()], i.column()) for i in persistent]
        )
        self.layoutChanged.emit()

    def sort_order(self) -> tuple[int, Qt.SortOrder] | None:
        return self._order

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
