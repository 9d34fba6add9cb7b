"""SteadyTabWidget: a layout request that moves nothing repaints none of the pages."""

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from svctrainer.gui.tabs import SteadyTabWidget

pytestmark = pytest.mark.gui


class _Paints(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def _page(qtbot, tabs: QTabWidget) -> tuple[QLabel, QWidget, QLabel, _Paints]:
    page = QWidget()
    layout = QVBoxLayout(page)
    label = QLabel("one line")
    sibling = QWidget()
    layout.addWidget(label)
    layout.addWidget(sibling, 1)
    tabs.addTab(page, "first")
    tabs.addTab(QWidget(), "second")
    tabs.resize(400, 300)
    qtbot.addWidget(tabs)
    tabs.show()
    qtbot.waitExposed(tabs)
    paints = _Paints()
    sibling.installEventFilter(paints)
    qtbot.wait(50)
    return label, sibling, tabs.tabBar(), paints  # type: ignore[return-value]


@pytest.mark.parametrize(("kind", "repaints"), [(QTabWidget, True), (SteadyTabWidget, False)])
def test_a_text_of_the_same_size_repaints_no_other_widget(qtbot, kind, repaints):
    """Qt's own tab widget repaints every page on any layout request from below (the
    reason for the class: a skill table's loads repainted the whole supervisor page)."""
    tabs = kind()
    label, _sibling, _bar, paints = _page(qtbot, tabs)
    paints.count = 0
    label.setText("one more")  # same height: nothing moves
    qtbot.wait(50)
    assert (paints.count > 0) is repaints


def test_what_needs_more_room_is_still_laid_out_and_painted(qtbot):
    tabs = SteadyTabWidget()
    label, sibling, _bar, paints = _page(qtbot, tabs)
    before = sibling.geometry()
    label.setMinimumHeight(label.height() + 60)  # the page's layout moves the sibling
    qtbot.waitUntil(lambda: sibling.geometry() != before, timeout=2_000)
    assert sibling.y() >= before.y() + 60 or sibling.height() <= before.height() - 60
    qtbot.waitUntil(lambda: paints.count > 0, timeout=2_000)


def test_a_new_tab_title_still_lays_the_tab_bar_out(qtbot):
    tabs = SteadyTabWidget()
    _label, _sibling, bar, _paints = _page(qtbot, tabs)
    width = bar.width()
    tabs.setTabText(1, "a much longer title than before")
    qtbot.waitUntil(lambda: bar.width() > width, timeout=2_000)
