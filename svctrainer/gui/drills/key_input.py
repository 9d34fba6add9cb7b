"""From Qt key events to the engine's timestamped ``KeyEvent``.

Timing comes from ``QKeyEvent.timestamp()`` (ms, set by the window system from the
moment the key really went down) when the platform provides it, else from
``time.perf_counter_ns()`` at delivery. The choice is made once per run, on the first
key, so one run never mixes two clocks. ``now_ns()`` maps the monotonic clock into
the same domain, so the drill's timer can end a time limit between keystrokes.
Never the wall clock.
"""

from __future__ import annotations

import time

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent, QKeyEvent

from svctrainer.core.durations import NS_PER_MS
from svctrainer.core.keystrokes import (
    BACKSPACE,
    ENTER,
    ESCAPE,
    IME,
    PAGE_DOWN,
    PAGE_UP,
    SPACE,
    TAB,
    KeyEvent,
)

NAMED_KEYS: dict[int, str] = {
    Qt.Key.Key_Return: ENTER,
    Qt.Key.Key_Enter: ENTER,
    Qt.Key.Key_Backspace: BACKSPACE,
    Qt.Key.Key_Tab: TAB,
    Qt.Key.Key_Backtab: TAB,
    Qt.Key.Key_Escape: ESCAPE,
    Qt.Key.Key_PageDown: PAGE_DOWN,
    Qt.Key.Key_PageUp: PAGE_UP,
    Qt.Key.Key_Space: SPACE,
    Qt.Key.Key_Up: "Up",
    Qt.Key.Key_Down: "Down",
    Qt.Key.Key_Left: "Left",
    Qt.Key.Key_Right: "Right",
    Qt.Key.Key_Delete: "Delete",
    Qt.Key.Key_Home: "Home",
    Qt.Key.Key_End: "End",
}
MODIFIER_KEYS = frozenset(
    {
        Qt.Key.Key_Shift,
        Qt.Key.Key_Control,
        Qt.Key.Key_Alt,
        Qt.Key.Key_Meta,
        Qt.Key.Key_AltGr,
        Qt.Key.Key_CapsLock,
        Qt.Key.Key_NumLock,
        Qt.Key.Key_ScrollLock,
        Qt.Key.Key_Super_L,
        Qt.Key.Key_Super_R,
    }
)


class KeyClock:
    """Chooses the run's clock on the first key and converts later events into it."""

    def __init__(self) -> None:
        self.platform: bool | None = None  # None until the first key
        self._anchor_event_ns = 0
        self._anchor_perf_ns = 0

    def event_ns(self, event: QKeyEvent | None) -> int:
        perf = time.perf_counter_ns()
        stamp = event.timestamp() if event is not None else 0
        if self.platform is None:
            self.platform = bool(stamp)
        # Integer maths (the engine refuses float times). Without a platform stamp (or an
        # unstamped synthetic event in a stamped run): the monotonic clock, mapped into
        # the run's domain.
        ns = int(stamp) * NS_PER_MS if self.platform and stamp else self._map(perf)
        self._anchor_event_ns, self._anchor_perf_ns = ns, perf
        return ns

    def now_ns(self) -> int:
        return self._map(time.perf_counter_ns())

    def _map(self, perf: int) -> int:
        if not self.platform or not self._anchor_perf_ns:
            return perf
        return self._anchor_event_ns + (perf - self._anchor_perf_ns)


def to_key_event(event: QKeyEvent, t_ns: int) -> KeyEvent | None:
    """The engine's event for a Qt key press/release; None for keys drills never use
    (modifiers alone, auto-repeat)."""
    if event.isAutoRepeat() or event.key() in MODIFIER_KEYS:
        return None
    press = event.type() == QKeyEvent.Type.KeyPress
    keypad = bool(event.modifiers() & Qt.KeyboardModifier.KeypadModifier)
    if keypad and event.key() in (Qt.Key.Key_Period, Qt.Key.Key_Comma, Qt.Key.Key_Delete):
        # The keypad decimal key is '.' whatever the keyboard locale (or NumLock) says.
        return KeyEvent(t_ns, ".", ".", press)
    named = NAMED_KEYS.get(event.key())
    if named is not None:
        text = " " if named == SPACE else ("\t" if named == TAB else "")
        if named in (ENTER, BACKSPACE, ESCAPE):
            text = ""
        return KeyEvent(t_ns, named, text, press)
    text = event.text()
    if not text or not text.isprintable():
        return None
    return KeyEvent(t_ns, text, text, press)


def ime_commit(event: QInputMethodEvent, t_ns: int) -> KeyEvent | None:
    """An input-method commit (e.g. Chinese characters chosen in the IME) as one event."""
    text = event.commitString()
    if not text:
        return None
    return KeyEvent(t_ns, IME, text, True)
