"""After a crash: offer the teller the attempt they were in the middle of."""

from __future__ import annotations

from PySide6.QtCore import QDateTime, QLocale, QTimeZone
from PySide6.QtWidgets import QMessageBox, QWidget

from svctrainer.gui.drills.figures import mode_name
from svctrainer.gui.i18n import fill
from svctrainer.services.drafts import DraftRecord


class InterruptedAttemptDialog(QMessageBox):
    """``choice`` is "keep" or "discard" after ``exec()``; "later" if closed."""

    def __init__(self, draft: DraftRecord, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choice = "later"
        saved = QDateTime.fromSecsSinceEpoch(
            int(draft.saved_at.timestamp()), QTimeZone.systemTimeZone()
        )
        self.setIcon(QMessageBox.Icon.Question)
        self.setWindowTitle(self.tr("An attempt was interrupted"))
        self.setText(
            fill(
                self.tr("Your %1 attempt at “%2” was interrupted (last saved %3)."),
                mode_name(draft.mode).lower(),
                draft.title,
                QLocale().toString(saved, QLocale.FormatType.ShortFormat),
            )
        )
        self.setInformativeText(
            self.tr(
                "Keep it: it is scored from the %n key(s) saved, as if you had stopped there. "
                "Or discard it.",
                None,
                draft.event_count,
            )
        )
        self.keep_button = self.addButton(
            self.tr("Keep the attempt"), QMessageBox.ButtonRole.AcceptRole
        )
        self.discard_button = self.addButton(
            self.tr("Discard it"), QMessageBox.ButtonRole.DestructiveRole
        )
        self.addButton(self.tr("Decide later"), QMessageBox.ButtonRole.RejectRole)
        self.setDefaultButton(self.keep_button)

    def exec(self) -> int:
        result = super().exec()
        clicked = self.clickedButton()
        if clicked is self.keep_button:
            self.choice = "keep"
        elif clicked is self.discard_button:
            self.choice = "discard"
        return result
