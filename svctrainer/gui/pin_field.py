"""A masked PIN input that accepts only digits, so a typo in a letter is caught at once."""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QLineEdit, QWidget


class PinField(QLineEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEchoMode(QLineEdit.EchoMode.Password)
        self.setMaxLength(12)
        self.setValidator(QRegularExpressionValidator(QRegularExpression(r"[0-9]{0,12}"), self))
        self.setPlaceholderText(self.tr("4 to 12 digits"))
        self.setInputMethodHints(self.inputMethodHints())
