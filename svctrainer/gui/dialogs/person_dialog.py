"""Add or edit a person: name, employee number, team, roles, and a first PIN when adding.

The dialog saves through ``submit`` (one service write, run in the background: adding
hashes a PIN, ~0.5 s of scrypt) and closes only once it is saved; when the service
refuses, the reason shows in the dialog, which stays open with everything typed.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from svctrainer.core.roles import Role
from svctrainer.gui.dialog_size import open_at_width
from svctrainer.gui.i18n import fill, translate
from svctrainer.gui.messages import describe
from svctrainer.gui.pin_field import PinField
from svctrainer.services.records import PersonRecord, TeamRecord

if TYPE_CHECKING:
    from svctrainer.gui.change_hub import Write


def role_label(role: Role) -> str:
    labels = {
        Role.TELLER: translate("roles", "Teller"),
        Role.TRAINER: translate("roles", "Trainer"),
        Role.SUPERVISOR: translate("roles", "Supervisor"),
        Role.ADMIN: translate("roles", "Admin"),
        Role.REGIONAL_SUPERVISOR: translate("roles", "Regional supervisor"),
    }
    return labels[role]


class PersonDialog(QDialog):
    """``submit(dialog)`` returns the write that saves what the dialog holds; ``saved`` is
    the person as stored once it succeeded."""

    def __init__(
        self,
        teams: list[TeamRecord],
        person: PersonRecord | None,
        submit: Callable[[PersonDialog], Write[PersonRecord]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._submit = submit
        self.saved: PersonRecord | None = None
        self._adding = person is None
        self.setWindowTitle(self.tr("Add person") if self._adding else self.tr("Edit person"))
        self.name = QLineEdit(person.name if person else "")
        self.name.setMaxLength(80)
        self.number = QLineEdit(person.employee_number if person else "")
        self.number.setMaxLength(32)
        self.team = QComboBox()
        self.team.addItem(self.tr("(no team)"), None)
        for team in teams:
            self.team.addItem(team.name, str(team.id))
        if person and person.team_id:
            self.team.setCurrentIndex(max(0, self.team.findData(str(person.team_id))))
        self.role_boxes: dict[Role, QCheckBox] = {}
        roles_row = QHBoxLayout()
        for role in Role:
            box = QCheckBox(role_label(role))
            box.setChecked(role in person.roles if person else role is Role.TELLER)
            self.role_boxes[role] = box
            roles_row.addWidget(box)
        self.pin = PinField()
        self.pin_again = PinField()
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: palette(bright-text);")

        form = QFormLayout()
        form.addRow(self.tr("&Name"), self.name)
        form.addRow(self.tr("&Employee number"), self.number)
        form.addRow(self.tr("&Team"), self.team)
        form.addRow(self.tr("Roles"), roles_row)
        if self._adding:
            form.addRow(self.tr("First &PIN"), self.pin)
            form.addRow(self.tr("&Repeat PIN"), self.pin_again)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._validate)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        open_at_width(self, 480)

    def roles(self) -> frozenset[Role]:
        return frozenset(r for r, box in self.role_boxes.items() if box.isChecked())

    def team_id(self) -> uuid.UUID | None:
        data = self.team.currentData()
        return uuid.UUID(data) if data else None

    def _validate(self) -> None:
        if not self.name.text().strip() or not self.number.text().strip():
            self.error.setText(self.tr("Name and employee number are required."))
            return
        if not self.roles():
            self.error.setText(self.tr("Choose at least one role."))
            return
        if self._adding:
            if len(self.pin.text()) < 4:
                self.error.setText(self.tr("A PIN is 4 to 12 digits."))
                return
            if self.pin.text() != self.pin_again.text():
                self.error.setText(self.tr("The two PINs differ."))
                return
        self.buttons.setEnabled(False)
        self.error.setText(self.tr("Saving…"))
        self._submit(self).then(self._saved).failing(self._failed).run()

    def _saved(self, person: PersonRecord) -> None:
        self.saved = person
        self.accept()

    def _failed(self, exc: Exception) -> None:
        self.buttons.setEnabled(True)
        self.error.setText(describe(exc))


class PinResetDialog(QDialog):
    def __init__(self, person: PersonRecord, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Reset PIN"))
        intro = QLabel(
            fill(
                self.tr(
                    "Set a new PIN for %1. This also lifts a lockout and is recorded in the "
                    "audit log."
                ),
                person.name,
            )
        )
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        self.pin = PinField()
        self.pin_again = PinField()
        self.error = QLabel()
        self.error.setStyleSheet("color: palette(bright-text);")
        form = QFormLayout()
        form.addRow(self.tr("&New PIN"), self.pin)
        form.addRow(self.tr("&Repeat PIN"), self.pin_again)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._validate)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _validate(self) -> None:
        if len(self.pin.text()) < 4:
            self.error.setText(self.tr("A PIN is 4 to 12 digits."))
        elif self.pin.text() != self.pin_again.text():
            self.error.setText(self.tr("The two PINs differ."))
        else:
            self.accept()
