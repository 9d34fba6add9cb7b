"""The practice catalogue's keys: Enter starts what the chosen pack offers (its test,
for a test pack), and no button's Alt key is taken by a menu (Alt+T is Tools)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QPushButton

from svctrainer.core.packs.definition import Mode

pytestmark = [pytest.mark.gui, pytest.mark.shipped_content]


def _enter_on(qtbot, page, content_id):
    assert page.select_content(content_id)
    qtbot.waitUntil(lambda: page._current is not None and page._current[0].content_id == content_id)
    page.tree.setFocus()
    qtbot.keyClick(page.tree, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.current_screen is not None, timeout=10_000)
    return page.current_screen


@pytest.mark.parametrize(
    ("content_id", "mode"),
    [("tenkey-amounts-test.en", Mode.TEST), ("tenkey-amounts-practice.en", Mode.PRACTICE)],
)
def test_enter_starts_the_packs_own_mode(qtbot, practice, content_id, mode):
    screen = _enter_on(qtbot, practice, content_id)
    assert screen.objectName() == "drillScreen"
    assert screen.run.mode is mode
    screen.request_stop()  # a test may ask first; an untouched run may simply end
    qtbot.waitUntil(
        lambda: practice.current_screen is not screen or QApplication.activeModalWidget(),
        timeout=10_000,
    )
    box = QApplication.activeModalWidget()
    if box is not None:
        next(b for b in box.buttons() if b.text() == "Stop").click()
    qtbot.waitUntil(lambda: practice.current_screen is not screen, timeout=10_000)


def test_no_catalogue_button_shares_its_alt_key_with_a_menu(window, practice):
    menus = {
        QKeySequence.mnemonic(action.text()).toString()
        for action in window.menuBar().actions()
        if action.text()
    }
    assert "Alt+T" in menus  # the Tools menu
    buttons = practice.catalogue.findChildren(QPushButton)
    keys = {b.text(): QKeySequence.mnemonic(b.text()).toString() for b in buttons}
    assert keys["Take the t&est"] == "Alt+E"
    assert not {k for k in keys.values() if k} & menus, keys
