"""First start on an empty database: name the branch and create the first admin."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from svctrainer.gui.dialog_size import open_at_width
from svctrainer.gui.pin_field import PinField


class SetupDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Set up svctrainer"))
        self.setModal(True)
        intro = QLabel(
            self.tr(
                "This database is new. Name your branch and create the first administrator, "
                "who can then add trainers, supervisors and tellers."
            )
        )
        intro.setWordWrap(True)
        self.branch = QLineEdit()
        self.branch.setMaxLength(120)
        self.branch.setPlaceholderText(self.tr("e.g. Riverside Branch"))
        self.name = QLineEdit()
        self.name.setMaxLength(80)
        self.number = QLineEdit()
        self.number.setMaxLength(32)
        self.pin = PinField()
        self.pin_again = PinField()
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: palette(bright-text);")

        form = QFormLayout()
        form.addRow(self.tr("&Branch name"), self.branch)
        form.addRow(self.tr("Administrator &name"), self.name)
        form.addRow(self.tr("&Employee number"), self.number)
        form.addRow(self.tr("&PIN"), self.pin)
        form.addRow(self.tr("&Repeat PIN"), self.pin_again)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Create"))
        self.buttons.accepted.connect(self._validate)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        open_at_width(self, 460)

    def values(self) -> dict[str, str]:
        return {
            "branch_name": self.branch.text(),
            "admin_name": self.name.text(),
            "employee_number": self.number.text(),
            "pin": self.pin.text(),
        }

    def _validate(self) -> None:
        if not all(w.text().strip() for w in (self.branch, self.name, self.number)):
            self.error.setText(self.tr("Fill in every field."))
            return
        if len(self.pin.text()) < 4:
            self.error.setText(self.tr("A PIN is 4 to 12 digits."))
            return
        if self.pin.text() != self.pin_again.text():
            self.error.setText(self.tr("The two PINs differ."))
            return
        self.accept()

    def show_error(self, message: str) -> None:
        self.error.setText(message)
