"""``SortedRecordModel`` behind a ``SourceSortProxy``: the dashboard table's sorting done
once a row in Python instead of by the proxy (issue 17). It must sort as the proxy did:
by each column's sort key (its text without one), equal keys in the order they came,
new rows in the chosen order, the selection on its record, the name filter working."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QItemSelectionModel, QPoint, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QTableView

from svctrainer.gui.record_table import (
    SORT_ROLE,
    Column,
    RecordTableModel,
    SortedRecordModel,
    SourceSortProxy,
)


@dataclass(frozen=True)
class Person:
    name: str
    gain: float | None


PEOPLE = [
    Person("Tom", 12.0),
    Person("Ann", None),
    Person("Bo", 3.5),
    Person("Cy", 12.0),  # ties Tom: stays after him either way
    Person("Di", -2.0),
    Person("Ed", None),
]


def _columns() -> list[Column[Person]]:
    return [
        Column("Name", lambda p: p.name),
        Column(
            "Gain",
            lambda p: "—" if p.gain is None else f"{p.gain:+.1f}",
            sort_key=lambda p: float("-inf") if p.gain is None else p.gain,
        ),
    ]


def _names(view: QTableView) -> list[str]:
    model = view.model()
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def _view(qtbot, model, proxy) -> QTableView:
    proxy.setSourceModel(model)
    proxy.setFilterKeyColumn(-1)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(proxy)
    view.setSortingEnabled(True)
    return view


def test_every_order_is_the_proxys_own(qtbot):
    """The same rows, sorted by a plain proxy and by the model, in every column and
    direction, before and after new rows come."""
    plain = _view(qtbot, RecordTableModel(_columns()), QSortFilterProxyModel())
    plain.model().setSortRole(SORT_ROLE)
    fast = _view(qtbot, SortedRecordModel(_columns()), SourceSortProxy())
    for view in (plain, fast):
        view.model().sourceModel().set_rows(PEOPLE)
    for column in (0, 1):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            plain.sortByColumn(column, order)
            fast.sortByColumn(column, order)
            assert _names(fast) == _names(plain)
            for view in (plain, fast):
                view.model().sourceModel().set_rows(list(reversed(PEOPLE)))
            assert _names(fast) == _names(plain)
            for view in (plain, fast):
                view.model().sourceModel().set_rows(PEOPLE)
    fast.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    assert _names(fast) == ["Tom", "Cy", "Bo", "Di", "Ann", "Ed"]


def test_a_header_click_sorts_and_the_selection_stays_on_its_record(qtbot):
    model: SortedRecordModel[Person] = SortedRecordModel(_columns())
    view = _view(qtbot, model, SourceSortProxy())
    view.resize(400, 300)
    view.show()
    model.set_rows(PEOPLE)
    view.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    proxy = view.model()
    bo = next(r for r in range(proxy.rowCount()) if proxy.index(r, 0).data() == "Bo")
    view.selectionModel().select(
        proxy.index(bo, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    header = view.horizontalHeader()
    x = header.sectionViewportPosition(1) + header.sectionSize(1) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
    # Ties keep the order of the sort before (as a proxy's stable sort does): the rows
    # came sorted by name, descending (the header's default), then by gain, descending.
    assert _names(view) == ["Ed", "Ann", "Di", "Bo", "Tom", "Cy"]
    assert model.sort_order() == (1, Qt.SortOrder.AscendingOrder)
    [selected] = view.selectionModel().selectedRows()
    assert selected.data() == "Bo"
    assert model.row_at(proxy.mapToSource(selected).row()) == Person("Bo", 3.5)


def test_the_filter_still_finds_names_in_the_models_order(qtbot):
    model: SortedRecordModel[Person] = SortedRecordModel(_columns())
    view = _view(qtbot, model, SourceSortProxy())
    model.set_rows(PEOPLE)
    view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    view.model().setFilterFixedString("d")  # Di, Ed
    assert _names(view) == ["Ed", "Di"]
    view.model().setFilterFixedString("")
    assert _names(view) == sorted((p.name for p in PEOPLE), reverse=True)


def _direct(qtbot, model) -> QTableView:
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.setSortingEnabled(True)
    return view


def test_the_models_own_filter_shows_what_the_proxys_showed(qtbot):
    """The dashboard's table shows its model directly, filtered by the model
    (``set_filter_text``): every text, in every order, after new rows, lets through
    the rows a case-insensitive ``QSortFilterProxyModel`` on every column did, in the
    model's own order (ties as it sorted them, ``test_every_order_is_the_proxys_own``)."""
    plain = _view(qtbot, RecordTableModel(_columns()), QSortFilterProxyModel())
    model: SortedRecordModel[Person] = SortedRecordModel(_columns())
    fast = _direct(qtbot, model)
    texts = ["d", "D", "", "+1", "e", "zz", "—", "t", "O", "+", "2.0", "(", "", "n"]
    for rows in (PEOPLE, [*PEOPLE[3:], Person("Dot", 0.0), Person("tod", None)]):
        plain.model().sourceModel().set_rows(rows)
        model.set_rows(rows)
        for column in (0, 1):
            for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
                model.set_filter_text("")
                fast.sortByColumn(column, order)
                everyone = _names(fast)
                for text in texts:
                    plain.model().setFilterFixedString(text)
                    model.set_filter_text(text)
                    shown = _names(fast)
                    assert sorted(shown) == sorted(_names(plain)), (text, column, order)
                    assert shown == [n for n in everyone if n in shown]
                    assert [model.row_at(r).name for r in range(model.rowCount())] == shown
                    assert [model.text(r, 1) for r in range(model.rowCount())] == [
                        fast.model().index(r, 1).data() for r in range(model.rowCount())
                    ]


def test_the_selection_stays_on_its_record_while_filtering(qtbot):
    model: SortedRecordModel[Person] = SortedRecordModel(_columns())
    view = _direct(qtbot, model)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    model.set_rows(PEOPLE)
    view.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # Ann Bo Cy Di Ed Tom
    view.selectRow(3)  # Di
    model.set_filter_text("d")  # Di, Ed
    [selected] = view.selectionModel().selectedRows()
    assert (selected.row(), model.row_at(selected.row())) == (0, Person("Di", -2.0))
    model.set_filter_text("")
    [selected] = view.selectionModel().selectedRows()
    assert model.row_at(selected.row()) == Person("Di", -2.0)
    assert _names(view) == ["Ann", "Bo", "Cy", "Di", "Ed", "Tom"]
    model.set_filter_text("o")  # Bo, Tom: Di goes, and the selection with it
    assert view.selectionModel().selectedRows() == []
    assert _names(view) == ["Bo", "Tom"]
    view.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    assert _names(view) == ["Tom", "Bo"]
