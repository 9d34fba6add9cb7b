"""Typing into a drill screen as a keyboard does: real QKeyEvents, with the platform
timestamps a window system would stamp on them, delivered through Qt's event system; and
opening that screen from the practice page (the ``practice`` fixture) as a person does."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

KEYS = {
    "\n": (Qt.Key.Key_Return, ""),
    "\b": (Qt.Key.Key_Backspace, ""),
    "\t": (Qt.Key.Key_Tab, "\t"),
    " ": (Qt.Key.Key_Space, " "),
    "\x1b": (Qt.Key.Key_Escape, ""),
    "-": (Qt.Key.Key_Minus, "-"),
}


def open_drill(qtbot: Any, page: Any, content_id: str, mode: Any) -> QWidget:
    """Choose ``content_id`` on the practice page and start it in ``mode`` with its button:
    the drill screen, once shown. (Adaptive practice reads the person's history first, on
    the background worker.)"""
    from svctrainer.core.packs.definition import Mode

    assert page.select_content(content_id)
    qtbot.waitUntil(lambda: page._current is not None and page._current[0].content_id == content_id)
    (page.practice_button if mode is Mode.PRACTICE else page.test_button).click()
    qtbot.waitUntil(lambda: page.current_screen is not None, timeout=10_000)
    screen = page.current_screen
    assert screen.objectName() == "drillScreen"
    return screen


class Typist:
    """Presses keys at chosen times (ms on the window system's clock)."""

    def __init__(self, target: QWidget, start_ms: int = 1_000_000) -> None:
        self.target = target
        self.now_ms = start_ms

    def key(self, ch: str, *, keypad: bool = False, hold_ms: int = 40) -> None:
        key, text = KEYS.get(ch, (_qt_key(ch), ch))
        mods = Qt.KeyboardModifier.KeypadModifier if keypad else Qt.KeyboardModifier.NoModifier
        for kind, at in (
            (QEvent.Type.KeyPress, self.now_ms),
            (QEvent.Type.KeyRelease, self.now_ms + hold_ms),
        ):
            event = QKeyEvent(kind, key, mods, text)
            event.setTimestamp(at)
            QApplication.sendEvent(self.target, event)

    def type(self, text: str, gap_ms: int = 200, *, keypad: bool = False) -> None:
        for ch in text:
            self.key(ch, keypad=keypad)
            self.now_ms += gap_ms

    def wait(self, ms: int) -> None:
        self.now_ms += ms


def _qt_key(ch: str) -> Qt.Key:
    if ch.isdigit():
        return Qt.Key(Qt.Key.Key_0 + int(ch))
    if ch == ".":
        return Qt.Key.Key_Period
    if ch.isalpha() and ch.isascii():
        return Qt.Key(Qt.Key.Key_A + ord(ch.lower()) - ord("a"))
    return Qt.Key.Key_unknown
