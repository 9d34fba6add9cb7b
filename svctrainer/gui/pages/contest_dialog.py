"""The trainer's "New contest" dialog: a name, the test drills, and the rules everyone
sits under (attempts, window, countdown). The contest is created and announced by one
service call when the dialog is accepted; the dialog only collects the choices."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from svctrainer.core.contest.points import points_of
from svctrainer.core.contest.rules import (
    MAX_ATTEMPTS,
    MAX_COUNTDOWN_S,
    MAX_NAME,
    MAX_WINDOW_MINUTES,
    ContestRules,
)
from svctrainer.gui.i18n import fill
from svctrainer.services.content import ContentRecord

CONTENT_ROLE = Qt.ItemDataRole.UserRole + 1


class NewContestDialog(QDialog):
    """``choices()`` after ``accept``: (name, content ids, rules)."""

    def __init__(self, drills: list[ContentRecord], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("newContestDialog")
        self.setWindowTitle(self.tr("New contest"))
        self.name = QLineEdit()
        self.name.setMaxLength(MAX_NAME)
        self.name.setPlaceholderText(self.tr("e.g. Winter skills cup 2026"))
        self.drills = QListWidget()
        self.drills.setObjectName("contestDrills")
        for record in drills:
            weight = points_of(record.drill_type).weight
            item = QListWidgetItem(fill(self.tr("%1 (weight %2)"), record.title, str(weight)))
            item.setData(CONTENT_ROLE, record.content_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.drills.addItem(item)
        self.attempts = QSpinBox()
        self.attempts.setRange(1, MAX_ATTEMPTS)
        self.attempts.setSpecialValueText(self.tr("one attempt"))
        self.attempts.setSuffix(self.tr(" (best counts)"))
        self.minutes = QSpinBox()
        self.minutes.setRange(1, MAX_WINDOW_MINUTES)
        self.minutes.setValue(30)
        self.minutes.setSuffix(self.tr(" min"))
        self.countdown = QSpinBox()
        self.countdown.setRange(0, MAX_COUNTDOWN_S)
        self.countdown.setValue(60)
        self.countdown.setSuffix(self.tr(" s"))
        self.problem = QLabel()
        self.problem.setObjectName("contestProblem")
        self.problem.setWordWrap(True)

        form = QFormLayout()
        form.addRow(self.tr("&Name:"), self.name)
        form.addRow(self.tr("&Attempts per drill:"), self.attempts)
        form.addRow(self.tr("&Window after the start:"), self.minutes)
        form.addRow(self.tr("&Countdown before it:"), self.countdown)
        self.public_board = QCheckBox(self.tr("Show the live standings to everyone (a show event)"))
        self.public_board.setObjectName("publicBoard")
        self.public_board.setToolTip(
            self.tr(
                "Otherwise contestants see only their own results until the contest is "
                "closed; trainers and supervisors always see the full standings."
            )
        )
        form.addRow("", self.public_board)
        note = QLabel(
            self.tr(
                "Every contestant sits the same form of each drill, in test mode. The contest "
                "is announced at once; you start it for the room when everyone is seated."
            )
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Create and announce"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addLayout(form)
        drills_label = QLabel(self.tr("&Drills (test mode):"))
        drills_label.setBuddy(self.drills)
        box.addWidget(drills_label)
        box.addWidget(self.drills, 1)
        box.addWidget(note)
        box.addWidget(self.problem)
        box.addWidget(buttons)
        self.resize(520, 520)

    def chosen_drills(self) -> list[str]:
        return [
            str(self.drills.item(i).data(CONTENT_ROLE))
            for i in range(self.drills.count())
            if self.drills.item(i).checkState() == Qt.CheckState.Checked
        ]

    def choices(self) -> tuple[str, list[str], ContestRules]:
        rules = ContestRules(
            self.attempts.value(),
            self.minutes.value(),
            self.countdown.value(),
            public_board=self.public_board.isChecked(),
        )
        return self.name.text().strip(), self.chosen_drills(), rules

    def accept(self) -> None:
        if not self.name.text().strip():
            self.problem.setText(self.tr("Give the contest a name."))
            self.name.setFocus()
            return
        if not self.chosen_drills():
            self.problem.setText(self.tr("Choose at least one drill."))
            self.drills.setFocus()
            return
        super().accept()
