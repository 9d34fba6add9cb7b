"""What the person sees when the database refuses a finished attempt or scenario run.

Drills and scenarios share it: the result is kept in memory, and the person either tries
again or saves it to a file that ``svctrainer attempt import`` brings in later. Closing
the box is not an option, so a result is never dropped by a stray Escape.
"""

from __future__ import annotations

import uuid
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from svctrainer.gui.i18n import translate
from svctrainer.gui.messages import describe


def ask_keep_or_retry(parent: QWidget, exc: BaseException) -> Path | None:
    """Ask; the file to keep the result in, or None when the caller should try again
    (also when the person closes the file dialog without choosing one)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(translate("UnsavedResult", "Your result is not saved yet"))
    box.setText(describe(exc))
    box.setInformativeText(
        translate(
            "UnsavedResult",
            "The result is kept in memory. Try again, or save it to a file; an "
            "administrator brings it in later with 'svctrainer attempt import FILE'.",
        )
    )
    box.addButton(translate("UnsavedResult", "Try again"), QMessageBox.ButtonRole.AcceptRole)
    file_button = box.addButton(
        translate("UnsavedResult", "Save to file…"), QMessageBox.ButtonRole.ActionRole
    )
    box.setEscapeButton(QMessageBox.StandardButton.NoButton)  # Escape must not drop it
    box.exec()
    if box.clickedButton() is not file_button:
        return None
    name, _ = QFileDialog.getSaveFileName(
        parent,
        translate("UnsavedResult", "Save result"),
        f"attempt-{uuid.uuid4().hex[:8]}.json",
        "JSON (*.json)",
    )
    return Path(name) if name else None
