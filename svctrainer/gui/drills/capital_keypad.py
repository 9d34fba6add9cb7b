"""The capital-amount keypad of the Chinese amounts-in-words drill (大写金额).

The drill measures the rules of writing amounts, not the input method: without a
Chinese input method nobody could type 壹, and with one Space commits 一 rather than 壹.
On this keypad the digit keys 1–9 write 壹…玖 and 0 writes 零, and one letter each (the
initial of its pinyin) writes the unit characters: S 拾, B 佰, Q 仟, W 万, Y 亿, the
decimal point 元 (as on a ten-key pad), J 角, F 分, Z 整. The keypad is drawn on screen
like the ten-key pad and its buttons can be clicked. Each character reaches the engine
exactly as an input-method commit would, so logs, replays and scores do not change. A
system input method still works (its commits go straight through).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QPushButton, QSizePolicy, QWidget

# key text typed -> capital character written
CAPITAL_KEYS: dict[str, str] = {
    "1": "壹", "2": "贰", "3": "叁", "4": "肆", "5": "伍",
    "6": "陆", "7": "柒", "8": "捌", "9": "玖", "0": "零",
    "s": "拾", "b": "佰", "q": "仟", "w": "万", "y": "亿",
    ".": "元", "j": "角", "f": "分", "z": "整",
}  # fmt: skip

# rows as drawn: digits like a ten-key pad, units beside them
LAYOUT: tuple[tuple[str, ...], ...] = (
    ("7", "8", "9", "q", "w", "y"),
    ("4", "5", "6", "b", "j", "f"),
    ("1", "2", "3", "s", ".", "z"),
    ("0",),
)


def capital_for(text: str) -> str | None:
    """The capital character a key's text writes, or None for other keys."""
    return CAPITAL_KEYS.get(text.lower()) if len(text) == 1 else None


class CapitalKeypad(QWidget):
    """The keypad on screen; a click calls ``write(character)``."""

    def __init__(self, write: Callable[[str], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("capitalKeypad")
        self.buttons: dict[str, QPushButton] = {}
        grid = QGridLayout(self)
        grid.setSpacing(6)
        grid.setContentsMargins(0, 0, 0, 0)
        for r, row in enumerate(LAYOUT):
            for c, key in enumerate(row):
                char = CAPITAL_KEYS[key]
                label = "." if key == "." else key.upper()
                button = QPushButton(f"{char}\n{label}")
                button.setObjectName("capitalKey")
                button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys stay with the drill
                button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
                button.setMinimumSize(54, 48)
                font = button.font()
                font.setPointSizeF(font.pointSizeF() * 1.5)
                button.setFont(font)
                button.clicked.connect(lambda _=False, ch=char: write(ch))
                self.buttons[char] = button
                span = 3 if key == "0" else 1
                grid.addWidget(button, r, c, 1, span)
