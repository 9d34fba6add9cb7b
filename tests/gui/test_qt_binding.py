"""The Qt binding must not leak or drop references on the keystroke path.

PySide6 6.12.0 dropped a reference to None on every void method call; on CPython 3.11
the drill screen aborted ("none_dealloc") after some tens of thousands of keystrokes.
This is the test that would have caught it: a day at the counter, compressed.
"""

import sys

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel

CALLS = 5_000


@pytest.mark.gui
def test_void_calls_keep_none_alive(qapp):
    label = QLabel()
    event = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_5, Qt.KeyboardModifier.NoModifier, "5")
    before = sys.getrefcount(None)
    for _ in range(CALLS):
        event.setTimestamp(1)
        event.accept()
        event.ignore()
        label.setText("5")
        label.update()
    # Other threads may hold or release a few references meanwhile; a leak is thousands.
    assert abs(sys.getrefcount(None) - before) < CALLS // 10
