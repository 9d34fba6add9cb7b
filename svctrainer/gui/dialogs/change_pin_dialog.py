"""A signed-in person changes their own PIN (the current one is asked for first)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from svctrainer.gui.context import AppContext
from svctrainer.gui.messages import describe
from svctrainer.gui.pin_field import PinField


class ChangePinDialog(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.setWindowTitle(self.tr("Change my PIN"))
        self.old = PinField()
        self.new = PinField()
        self.again = PinField()
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: palette(bright-text);")
        form = QFormLayout()
        form.addRow(self.tr("&Current PIN"), self.old)
        form.addRow(self.tr("&New PIN"), self.new)
        form.addRow(self.tr("&Repeat new PIN"), self.again)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def _submit(self) -> None:
        if len(self.new.text()) < 4:
            self.error.setText(self.tr("A PIN is 4 to 12 digits."))
            return
        if self.new.text() != self.again.text():
            self.error.setText(self.tr("The two new PINs differ."))
            return
        services, actor = self._context.services, self._context.actor
        old, new = self.old.text(), self.new.text()
        self.buttons.setEnabled(False)
        self.error.setText(self.tr("Saving…"))
        self._context.hub.write(self, services.auth.change_own_pin, actor, old, new).then(
            lambda _r: self.accept()
        ).failing(self._failed).run()

    def _failed(self, exc: Exception) -> None:
        self.buttons.setEnabled(True)
        self.error.setText(describe(exc))
