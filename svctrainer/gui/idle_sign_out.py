"""Automatic sign-out after an idle time, for the shared counter.

A teller called away to a customer leaves the workstation signed in; the next person
would practise under their name. After ``minutes`` without a key, a click or a mouse
move anywhere in the application the window signs out, keeping any attempt in progress
as a draft (its owner decides at their next sign-in, as after a crash).
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

DEFAULT_MINUTES = 10
MAX_MINUTES = 240

_INPUT = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.InputMethod,
        QEvent.Type.TouchBegin,
    }
)


class IdleWatch(QObject):
    """Emits ``expired`` once after ``minutes`` without input (0: never)."""

    expired = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.expired)
        self.last_input = time.monotonic()
        """When someone last touched the application (``gui/garbage.py`` waits for a
        quiet moment)."""
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def start(self, minutes: int) -> None:
        if minutes <= 0:
            self.timer.stop()
            return
        self.timer.setInterval(min(minutes, MAX_MINUTES) * 60_000)
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT:
            self.last_input = time.monotonic()
            if self.timer.isActive():
                self.timer.start()  # restarts the countdown
        return False
