"""An on-screen keypad or keyboard: lights the key pressed, marks the key expected, and
on the result screen shows a heat map (per-key latency or errors).

Painted in one ``paintEvent`` rather than built from buttons: a keystroke must cost well
under 2 ms, and repainting one small widget is far cheaper than restyling seventeen.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from svctrainer.gui.theme import is_dark

FLASH_MS = 160


@dataclass(frozen=True, slots=True)
class KeyCap:
    key: str  # the engine's key name ("7", ".", "Enter", "a")
    label: str
    x: float  # grid units
    y: float
    w: float = 1.0
    h: float = 1.0


KEYPAD: tuple[KeyCap, ...] = (
    KeyCap("7", "7", 0, 0), KeyCap("8", "8", 1, 0), KeyCap("9", "9", 2, 0),
    KeyCap("Backspace", "⌫", 3, 0),
    KeyCap("4", "4", 0, 1), KeyCap("5", "5", 1, 1), KeyCap("6", "6", 2, 1),
    KeyCap("1", "1", 0, 2), KeyCap("2", "2", 1, 2), KeyCap("3", "3", 2, 2),
    KeyCap("Enter", "⏎", 3, 2, 1, 2),
    KeyCap("0", "0", 0, 3, 2, 1), KeyCap(".", ".", 2, 3),
)  # fmt: skip


def _row(keys: str, y: float, x0: float) -> list[KeyCap]:
    return [KeyCap(k, k.upper(), x0 + i, y) for i, k in enumerate(keys)]


KEYBOARD: tuple[KeyCap, ...] = (
    *_row("1234567890-", 0, 0),
    KeyCap("Backspace", "⌫", 11, 0, 1.5),
    *_row("qwertyuiop", 1, 0.5),
    *_row("asdfghjkl", 2, 0.75),
    KeyCap("Enter", "⏎", 9.75, 2, 1.75),
    *_row("zxcvbnm,./", 3, 1.25),
    KeyCap("Tab", "Tab", 11.25, 3, 1.25),
    KeyCap("Space", "", 3, 4, 6),
)


class KeyboardWidget(QWidget):
    def __init__(self, caps: Sequence[KeyCap], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._caps = list(caps)
        self._cols = max(c.x + c.w for c in caps)
        self._rows = max(c.y + c.h for c in caps)
        self._pressed: str | None = None
        self._pressed_wrong = False
        self._expected: str | None = None
        self._heat: dict[str, float] = {}
        self._fingers: dict[str, QColor] = {}
        self._heat_labels: dict[str, str] = {}
        self._flash = QTimer(self)
        self._flash.setSingleShot(True)
        self._flash.timeout.connect(self._clear_pressed)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def sizeHint(self) -> QSize:
        return QSize(int(self._cols * 52), int(self._rows * 52))

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return int(width * self._rows / self._cols)

    # -- live drill --------------------------------------------------------------------

    def show_press(self, key: str, wrong: bool) -> None:
        self._pressed = key.lower() if len(key) == 1 else key
        self._pressed_wrong = wrong
        self._flash.start(FLASH_MS)
        self.update()

    def set_expected(self, key: str | None) -> None:
        key = key.lower() if key and len(key) == 1 else key
        if key != self._expected:
            self._expected = key
            self.update()

    def _clear_pressed(self) -> None:
        self._pressed = None
        self.update()

    def set_fingers(self, colours: Mapping[str, QColor]) -> None:
        """Mark each key with the colour of the finger that keys it (a band along the
        key's foot, so a heat map stays readable on top)."""
        self._fingers = dict(colours)
        self.update()

    # -- result heat map ---------------------------------------------------------------

    def set_heat(
        self, values: Mapping[str, float], labels: Mapping[str, str] | None = None
    ) -> None:
        """``values`` in 0..1 (0 cool, 1 hot) by key name; ``labels`` small text per key."""
        self._heat = {k.lower() if len(k) == 1 else k: v for k, v in values.items()}
        self._heat_labels = {k.lower() if len(k) == 1 else k: v for k, v in (labels or {}).items()}
        self.update()

    # -- painting ------------------------------------------------------------------------

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        unit = min(self.width() / self._cols, self.height() / self._rows)
        x0 = (self.width() - unit * self._cols) / 2
        y0 = (self.height() - unit * self._rows) / 2
        palette = self.palette()
        dark = is_dark(palette)
        base = palette.color(QPalette.ColorRole.Button)
        text = palette.color(QPalette.ColorRole.ButtonText)
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, unit * 0.28))
        small = QFont(self.font())
        small.setPointSizeF(max(6.0, unit * 0.16))
        for cap in self._caps:
            rect = QRectF(
                x0 + cap.x * unit + 3, y0 + cap.y * unit + 3, cap.w * unit - 6, cap.h * unit - 6
            )
            fill = QColor(base)
            border = palette.color(QPalette.ColorRole.Mid)
            if cap.key in self._heat:
                fill = _heat_colour(self._heat[cap.key], dark)
            if cap.key == self._expected:
                border = palette.color(QPalette.ColorRole.Highlight)
            if cap.key == self._pressed:
                fill = (
                    QColor(0xD9, 0x3F, 0x3F)
                    if self._pressed_wrong
                    else palette.color(QPalette.ColorRole.Highlight)
                )
            painter.setPen(QPen(border, 3 if cap.key == self._expected else 1))
            painter.setBrush(fill)
            painter.drawRoundedRect(rect, 6, 6)
            finger = self._fingers.get(cap.key)
            if finger is not None:
                band = max(4.0, unit * 0.1)
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(finger)
                painter.drawRoundedRect(
                    rect.adjusted(4, rect.height() - band - 4, -4, -4), band / 2, band / 2
                )
            pressed = cap.key == self._pressed
            painter.setPen(QColor(0xFF, 0xFF, 0xFF) if pressed else text)
            painter.setFont(font)
            label_rect = (
                rect.adjusted(0, 0, 0, -rect.height() * 0.25)
                if cap.key in self._heat_labels
                else rect
            )
            painter.drawText(label_rect, Qt.AlignmentFlag.AlignCenter, cap.label)
            if cap.key in self._heat_labels:
                painter.setFont(small)
                painter.drawText(
                    rect.adjusted(0, rect.height() * 0.5, 0, 0),
                    Qt.AlignmentFlag.AlignCenter,
                    self._heat_labels[cap.key],
                )
        painter.end()


def _heat_colour(value: float, dark: bool) -> QColor:
    """Cool blue-grey to hot orange-red, readable in both themes."""
    v = max(0.0, min(1.0, value))
    cool = QColor(0x3A, 0x4A, 0x5C) if dark else QColor(0xDC, 0xE8, 0xF4)
    hot = QColor(0xE0, 0x5A, 0x2B)
    return QColor(
        int(cool.red() + (hot.red() - cool.red()) * v),
        int(cool.green() + (hot.green() - cool.green()) * v),
        int(cool.blue() + (hot.blue() - cool.blue()) * v),
    )
