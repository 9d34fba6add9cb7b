"""Automatic sign-out after an idle time, for the shared counter.

A teller called away to a customer leaves the workstation signed in; the next person
would practise under their name. After ``minutes`` without a key, a click or a mouse
move anywhere in the application the window signs out, keeping any attempt in progress
as a draft (its owner decides at their next sign-in, as after a crash).

The input is watched where it enters the application: at its top-level windows
(``QWindow``), which the platform hands every key, click, move, wheel and touch before
Qt passes it on to a widget. The watch was an event filter on the whole application, so
every event of every object (each paint, timer, layout request and queued call) was
handed to Python and back: about 1 700 calls per open of one employee's chart page, and
a fifth of the GUI thread's CPU time there (issue 17: the event loop's gaps), although a
no-op filter cost the same: the price is PySide's wrapping of each event and object.

Text typed through an input method (Chinese in pinyin) never reaches a window as keys:
the input method takes them, and the platform's input context sends the chosen text to
the focused widget itself (``QInputMethodEvent``). So the focus object is watched too,
the one object at a time that can receive it (a field's few events: its blinking
cursor's timer and repaints, not the application's).
"""

from __future__ import annotations

import time
import weakref

import shiboken6
from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QWindow

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
        self._focus: weakref.ref[QObject] | None = None  # the focus object watched
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            # A window a person types into, clicks a menu of or opens (a dialog, a
            # drop-down list) becomes the focus window: every top-level window is
            # watched from then on; those there already, now.
            app.focusWindowChanged.connect(self._watch_windows)
            self._watch_windows()
            app.focusObjectChanged.connect(self._watch_focus)
            self._watch_focus(app.focusObject())

    def _watch_windows(self, *_focused: QWindow | None) -> None:
        """Watch every top-level window (again: Qt keeps one filter per object)."""
        for window in QGuiApplication.topLevelWindows():
            window.installEventFilter(self)

    def _watch_focus(self, focused: QObject | None) -> None:
        """Watch the focus object (an input method's text goes to it, not to a window),
        and stop watching the one before, if it still exists and is no window (a window
        stays watched). Held weakly: a field is not kept alive for the watch's sake."""
        before = self._focus() if self._focus is not None else None
        if (
            before is not None
            and before is not focused
            and not isinstance(before, QWindow)
            and shiboken6.isValid(before)
        ):
            before.removeEventFilter(self)
        self._focus = None
        if focused is not None:
            focused.installEventFilter(self)
            self._focus = weakref.ref(focused)

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
