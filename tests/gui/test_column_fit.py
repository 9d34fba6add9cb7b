"""``fit_columns``: a large table's columns sized by hand from the font metrics of the
rows shown first and a sample of the rest (issue 17), instead of Qt's per-cell size
hints. The widths must be the ones Qt would find for the rows it measures (and a pixel
more where a text decides, which Qt's own width would elide), no text shown first may
be cut, and the view must not ask the model for every cell to get them."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QHeaderView, QStyle, QTableView

from svctrainer.gui.record_table import (
    FIRST_ROWS,
    SORT_ROLE,
    Column,
    RecordTableModel,
    fit_columns,
)


@dataclass(frozen=True)
class Person:
    name: str
    team: str
    gain: float


def _columns() -> list[Column[Person]]:
    return [
        Column("Name", lambda p: p.name),
        Column("Team", lambda p: p.team, tooltip=lambda p: f"team of {p.name}"),
        Column("Gain", lambda p: f"{p.gain:+.1f} %", sort_key=lambda p: p.gain, align_right=True),
        Column("A long heading over short figures", lambda p: "7", align_right=True),
    ]


def _people(n: int) -> list[Person]:
    return [
        Person(("Wide " * (i % 7 + 1)) + f"{i}", f"T{i % 25}", (i % 40) * 3.3 - 20)
        for i in range(n)
    ]


def _view(qtbot, model: RecordTableModel[Person]) -> QTableView:
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.resize(900, 400)
    view.show()
    return view


def _margin(view: QTableView) -> int:
    focus = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view)
    return 2 * (focus + 1) + (1 if view.showGrid() else 0) + 1


def test_widths_are_the_ones_qt_finds_when_every_row_is_measured(qtbot):
    model: RecordTableModel[Person] = RecordTableModel(_columns())
    view = _view(qtbot, model)
    model.set_rows(_people(12))  # fewer than the sample: every row measured
    fit_columns(view, model, sample=60)
    by_hand = [view.columnWidth(c) for c in range(model.columnCount())]
    view.horizontalHeader().setResizeContentsPrecision(-1)  # Qt measures every row
    view.resizeColumnsToContents()
    header = view.horizontalHeader()
    qt = [view.columnWidth(c) for c in range(model.columnCount())]
    # One pixel more than Qt where a text decides: Qt's own width elides a text whose
    # advance rounds up to exactly the room (test_supervisor_page: "Otto Outsider").
    assert by_hand == [w if w == header.sectionSizeHint(c) else w + 1 for c, w in enumerate(qt)]
    assert by_hand[0] == qt[0] + 1  # the names decide
    assert by_hand[3] == header.sectionSizeHint(3)  # the heading decides


def test_no_text_shown_first_is_cut_and_the_user_may_widen_a_column(qtbot):
    model: RecordTableModel[Person] = RecordTableModel(_columns())
    view = _view(qtbot, model)
    model.set_rows(_people(500))
    fit_columns(view, model, sample=60)
    metrics, margin = view.fontMetrics(), _margin(view)
    shown = view.rowAt(view.viewport().height() - 1) + 1
    assert shown > 5
    for column in range(model.columnCount()):
        for row in range(shown):
            text = model.index(row, column).data()
            assert metrics.horizontalAdvance(text) + margin <= view.columnWidth(column), text
    header = view.horizontalHeader()
    header.resizeSection(0, view.columnWidth(0) + 80)  # the user widens the names
    view.sortByColumn(2, Qt.SortOrder.AscendingOrder)
    assert view.columnWidth(0) == header.sectionSize(0)
    assert header.sectionResizeMode(0) == QHeaderView.ResizeMode.Interactive


def test_a_table_filled_before_it_is_shown_measures_its_first_rows(qtbot):
    """Filled while hidden (no height yet): the first ``FIRST_ROWS`` rows are measured,
    so none of those a screen shows first is cut once it appears."""
    model: RecordTableModel[Person] = RecordTableModel(_columns())
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    people = _people(500)
    people[17] = Person("A name far longer than any other in the branch", "T1", 1.0)
    model.set_rows(people)
    fit_columns(view, model, sample=60)  # row 17 is not among the sample's (every 8th)
    width = view.fontMetrics().horizontalAdvance(people[17].name) + _margin(view)
    assert view.columnWidth(0) >= width


def test_stretched_and_hidden_columns_are_left_alone(qtbot):
    model: RecordTableModel[Person] = RecordTableModel(_columns())
    view = _view(qtbot, model)
    header = view.horizontalHeader()
    header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
    view.setColumnHidden(3, True)
    model.set_rows(_people(30))
    fit_columns(view, model, sample=60)
    assert header.sectionResizeMode(1) == QHeaderView.ResizeMode.Stretch  # takes the rest
    widths = [view.columnWidth(c) for c in range(3)]
    assert sum(widths) == view.viewport().width()
    assert widths[1] > max(view.fontMetrics().horizontalAdvance(f"T{i}") for i in range(25))
    assert view.isColumnHidden(3)


def test_sizing_asks_the_model_for_a_sample_not_every_cell(qtbot):
    """500 rows, a sample of 60: the texts formatted are those of the rows measured,
    each once, and none of it goes through the model's ``data`` (the per-cell size
    hints this replaces asked for eight roles of each measured cell)."""
    formatted: list[str] = []

    def name(p: Person) -> str:
        formatted.append(p.name)
        return p.name

    columns = [Column("Name", name), *_columns()[1:]]
    model: RecordTableModel[Person] = RecordTableModel(columns)
    view = _view(qtbot, model)
    model.set_rows(_people(500))
    asked: list[int] = []
    data = model.data
    model.data = lambda index, role=0: asked.append(role) or data(index, role)  # type: ignore[method-assign]
    fit_columns(view, model, sample=60)
    in_view = view.viewport().height() // view.verticalHeader().defaultSectionSize()
    assert 60 <= len(formatted) <= 60 + max(FIRST_ROWS, in_view) + 1
    assert len(set(formatted)) == len(formatted)
    assert asked == []
    formatted.clear()
    assert model.index(0, 0).data() == _people(1)[0].name  # painted from the same texts
    assert formatted == []


def test_the_roles_a_cell_answers(qtbot):
    model: RecordTableModel[Person] = RecordTableModel(_columns())
    model.set_rows(_people(3))
    cell = model.index(1, 2)
    assert cell.data() == "-16.7 %"
    assert cell.data(SORT_ROLE) == model.row_at(1).gain  # type: ignore[union-attr]
    assert model.index(1, 0).data(SORT_ROLE) == "Wide Wide 1"  # its text, without a key
    right = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    assert cell.data(Qt.ItemDataRole.TextAlignmentRole) == right
    assert model.index(1, 0).data(Qt.ItemDataRole.TextAlignmentRole) is None
    assert model.index(1, 1).data(Qt.ItemDataRole.ToolTipRole) == "team of Wide Wide 1"
    assert model.index(1, 0).data(Qt.ItemDataRole.ToolTipRole) is None
    for role in (Qt.ItemDataRole.FontRole, Qt.ItemDataRole.DecorationRole,
                 Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.CheckStateRole):  # fmt: skip
        assert cell.data(role) is None
    assert model.data(QModelIndex()) is None  # row and column -1: no wrap-around
    assert model.data(model.createIndex(0, -1)) is None
    assert model.data(model.createIndex(3, 0)) is None


def test_a_sorted_and_filtered_table_is_sized_for_the_rows_a_cleared_search_shows_first(qtbot):
    """A self-sorting model with a name typed in its search box: the columns fit every
    row held, and first those the sort puts on top (measured in the sort's order, not
    the order the rows came in, nor only the rows the filter lets through)."""
    from svctrainer.gui.record_table import SortedRecordModel

    model: SortedRecordModel[Person] = SortedRecordModel(_columns())
    view = _view(qtbot, model)
    people = _people(500)
    people[251] = Person("A name far longer than any other in the branch", "T1", 999.0)
    model.set_rows(people)
    model.sort(2, Qt.SortOrder.DescendingOrder)  # the long name on top
    model.set_filter_text("Wide Wide Wide 3")  # it is filtered out
    assert model.rowCount() < 500
    assert all(p.gain != 999.0 for p in model.rows())
    fit_columns(view, model, sample=60)  # 251 is past the first 40 and not a sample's (every 8th)
    width = view.fontMetrics().horizontalAdvance(people[251].name) + _margin(view)
    assert view.columnWidth(0) >= width
