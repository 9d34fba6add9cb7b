"""Particular screens that used to cut what a teller needs: the drawer-balancing cash
columns on a 1024 px screen, and the catalogue's drill names at 150 % text."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTableView
from screen_walk import open_window

from svctrainer.gui.settings import GuiSettings, Theme
from svctrainer.gui.theme import apply_appearance

pytestmark = [pytest.mark.gui, pytest.mark.shipped_content]


@pytest.fixture
def restore_appearance(qapp) -> Iterator[None]:
    yield
    apply_appearance(qapp, GuiSettings(theme=Theme.LIGHT))


def _teller_at(qtbot, branch, size: tuple[int, int], points: int):
    window = open_window(qtbot, branch, GuiSettings(theme=Theme.LIGHT, font_size=points))
    window.resize(*size)
    qtbot.waitUntil(window.login.list_is_current, timeout=10_000)
    assert window.login.select_profile(branch.teller.employee_number)
    qtbot.keyClicks(window.login.pin, branch.pin)
    qtbot.keyClick(window.login.pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.context is not None, timeout=10_000)
    assert window.go_to("practice")
    page = window.pages["practice"]
    qtbot.waitUntil(lambda: page.tree.topLevelItemCount() > 0)
    qtbot.wait(100)
    return window, page


def _fully_shown(table: QTableView, column: int) -> bool:
    header = table.horizontalHeader()
    start = header.sectionViewportPosition(column)
    return start >= 0 and start + header.sectionSize(column) <= table.viewport().width()


def test_drawer_cash_columns_need_no_sideways_scrolling_at_1024_px(
    qtbot, branch, restore_appearance
):
    window, page = _teller_at(qtbot, branch, (1024, 768), 10)
    assert page.select_content("drawer-balancing-practice.en")
    qtbot.waitUntil(lambda: page._current is not None
                    and page._current[0].content_id == "drawer-balancing-practice.en")  # fmt: skip
    page.practice_button.click()
    qtbot.waitUntil(lambda: page.current_screen is not None, timeout=10_000)
    qtbot.wait(200)
    vouchers = page.current_screen.findChild(QTableView, "voucherTable")
    counts = page.current_screen.findChild(QTableView, "drawerCount")
    for column in range(5):  # number, time, kind, cash in, cash out
        assert _fully_shown(vouchers, column) or column == 2, column
    for column in range(3):  # denomination, count, value
        assert _fully_shown(counts, column), (column, counts.viewport().width())
    model, metrics = counts.model(), counts.fontMetrics()
    for row in range(model.rowCount()):  # "100元" is wider than its heading "面额"
        label = model.data(model.index(row, 0))
        assert metrics.horizontalAdvance(label) < counts.horizontalHeader().sectionSize(0)
    frame = window.page_stack.currentWidget()
    assert page.minimumSizeHint().width() <= frame.viewport().width()
    page.current_screen.request_stop()
    window.background.wait()


def test_catalogue_names_are_whole_at_150_percent_text(qtbot, branch, restore_appearance):
    _window, page = _teller_at(qtbot, branch, (1366, 768), 15)
    tree = page.tree
    metrics = tree.fontMetrics()
    cut = []
    for g in range(tree.topLevelItemCount()):
        group = tree.topLevelItem(g)
        if group.text(0) == "Customer scenarios":
            continue  # sentences, not names: they lose their middle (ElideMiddle)
        for c in range(group.childCount()):
            item = group.child(c)
            rect = tree.visualItemRect(item)
            text_room = tree.viewport().width() - rect.left() - 8
            if metrics.horizontalAdvance(item.text(0)) > text_room:
                cut.append(item.text(0))
    assert not cut, cut
    assert tree.textElideMode() == Qt.TextElideMode.ElideMiddle
    assert QApplication.font().pointSize() == 15
