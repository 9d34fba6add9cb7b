"""Asking why before a change that others will later question (cancelling an assignment,
invalidating a result): the reason goes into the audit log with who did it.

The dialog is also the confirmation: its action button names what will happen, and
Cancel (the default for Escape) changes nothing.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from svctrainer.gui.dialog_size import open_at_width

MAX_REASON = 2000


class ReasonDialog(QDialog):
    def __init__(self, title: str, text: str, action: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        intro = QLabel(text)
        intro.setWordWrap(True)
        self.reason = QLineEdit()
        self.reason.setMaxLength(MAX_REASON)
        self.reason.setPlaceholderText(self.tr("Why? (kept in the audit log)"))
        label = QLabel(self.tr("&Reason"))
        label.setBuddy(self.reason)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.action_button: QPushButton = self.buttons.addButton(
            action, QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.action_button.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.reason.textChanged.connect(lambda t: self.action_button.setEnabled(bool(t.strip())))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(label)
        layout.addWidget(self.reason)
        layout.addWidget(self.buttons)
        open_at_width(self, 460)

    def text(self) -> str:
        return self.reason.text().strip()


def ask_reason(parent: QWidget | None, title: str, text: str, action: str) -> str | None:
    """The reason typed, or None when the person thought better of it."""
    dialog = ReasonDialog(title, text, action, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.text():
        return None
    return dialog.text()
