"""Tables and lists of records painted by the style under the application's Python
proxy style (``record_table.paint_cells_in_cpp``, issue 17): not through Python, and
pixel for pixel as the application's style paints them, selection and alternating rows
included, in both themes."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QListWidget, QProxyStyle, QTableView, QWidget

from svctrainer.gui.record_table import Column, RecordTableModel, paint_cells_in_cpp
from svctrainer.gui.settings import GuiSettings, Theme

pytestmark = pytest.mark.gui


@dataclass(frozen=True)
class Line:
    name: str
    gain: str


LINES = [Line(f"Teller {n:05d}", f"+{n * 7.5:.1f} %") for n in range(30)]


def _columns() -> list[Column[Line]]:
    return [Column("Name", lambda r: r.name), Column("Gain", lambda r: r.gain, align_right=True)]


def _table(qtbot, model: RecordTableModel[Line]) -> QTableView:  # type: ignore[no-untyped-def]
    table = QTableView()
    qtbot.addWidget(table)
    table.setModel(model)
    table.setAlternatingRowColors(True)
    table.resize(320, 300)
    return table


def _list(qtbot) -> QListWidget:  # type: ignore[no-untyped-def]
    items = QListWidget()
    qtbot.addWidget(items)
    items.addItems([f"{line.name}: {line.gain}" for line in LINES])
    items.resize(320, 300)
    return items


def _shown(qtbot, widget: QWidget) -> QImage:  # type: ignore[no-untyped-def]
    """The widget as drawn, alone on screen (the active window: its selection colour)."""
    widget.show()
    widget.activateWindow()
    qtbot.waitExposed(widget)
    qtbot.wait(20)
    try:
        return widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    finally:
        widget.hide()


@pytest.mark.parametrize("theme", [Theme.LIGHT, Theme.DARK])
def test_cells_painted_without_the_proxy_look_the_same(qtbot, qapp, theme):
    from svctrainer.gui.theme import apply_appearance

    palette, font = qapp.palette(), qapp.font()
    apply_appearance(qapp, GuiSettings(theme=theme))  # the app's Python proxy style
    try:
        assert isinstance(qapp.style(), QProxyStyle)
        model: RecordTableModel[Line] = RecordTableModel(_columns())
        model.set_rows(LINES)
        plain, direct = _table(qtbot, model), _table(qtbot, model)
        lists = _list(qtbot), _list(qtbot)
        for view in (direct, lists[1]):
            paint_cells_in_cpp(view)
            assert not isinstance(view.style(), QProxyStyle)  # no Python in its painting
            assert view.style() is not qapp.style()
            assert view.style().name() == qapp.style().baseStyle().name()
        for table in (plain, direct):
            table.selectRow(3)
        for items in lists:
            items.setCurrentRow(5)
        assert _shown(qtbot, direct) == _shown(qtbot, plain)
        assert _shown(qtbot, lists[1]) == _shown(qtbot, lists[0])
    finally:
        qapp.setPalette(palette)
        qapp.setFont(font)
