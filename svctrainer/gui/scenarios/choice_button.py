"""A teller's choice as a button: its key number in a badge, and the text word-wrapped.

Choice texts run to 300 characters, which a plain QPushButton would clip to one line;
this one grows in height with its text (height-for-width through its layout).
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

MIN_HEIGHT = 44


class ChoiceButton(QPushButton):
    def __init__(self, number: int, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("choiceButton")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the screen keeps the keyboard: keys 1-9
        self.number = number
        self.badge = QLabel(str(number) if number <= 9 else "·")
        self.badge.setObjectName("choiceNumber")
        self.badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.badge.setFixedSize(30, 30)
        bold = QFont(self.badge.font())
        bold.setBold(True)
        self.badge.setFont(bold)
        self.badge.setStyleSheet(
            "QLabel#choiceNumber { border-radius: 15px; background: palette(highlight);"
            " color: palette(highlighted-text); }"
        )
        self.label = QLabel(text)
        self.label.setObjectName("choiceText")
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        for child in (self.badge, self.label):
            child.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        box = QHBoxLayout(self)
        box.setContentsMargins(10, 8, 12, 8)
        box.setSpacing(12)
        box.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignTop)
        box.addWidget(self.label, 1)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setAccessibleName(f"{number}. {text}")

    @property
    def text_shown(self) -> str:
        return self.label.text()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        layout = self.layout()
        assert layout is not None  # noqa: S101
        return max(MIN_HEIGHT, layout.heightForWidth(width))

    def sizeHint(self) -> QSize:
        layout = self.layout()
        assert layout is not None  # noqa: S101
        hint = layout.sizeHint()
        return QSize(hint.width(), max(MIN_HEIGHT, hint.height()))

    def minimumSizeHint(self) -> QSize:
        return QSize(120, MIN_HEIGHT)
