"""What the person sees when the database refuses a finished attempt or scenario run.

Drills and scenarios share it: the result is kept in memory, and the person either tries
again or saves it to a file that ``svctrainer attempt import`` brings in later. Closing
the box is not an option, so a result is never dropped by a stray Escape.
"""

from __future__ import annotations

import uuid
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from svctrainer.core.saved_attempt import SavedAttempt, saved_attempt_json
from svctrainer.gui.messages import describe, show_error


def tr(text: str) -> str:
    return QCoreApplication.translate("UnsavedResult", text)


def keep_in_a_file(parent: QWidget, exc: BaseException, saved: SavedAttempt) -> bool:
    """Ask; True once the result is safely in a file, False when the caller should retry."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(tr("Your result is not saved yet"))
    box.setText(describe(exc))
    box.setInformativeText(
        tr(
            "The result is kept in memory. Try again, or save it to a file; an "
            "administrator brings it in later with 'svctrainer attempt import FILE'."
        )
    )
    box.addButton(tr("Try again"), QMessageBox.ButtonRole.AcceptRole)
    file_button = box.addButton(tr("Save to file…"), QMessageBox.ButtonRole.ActionRole)
    box.setEscapeButton(None)  # closing the box must not drop the result
    box.exec()
    return box.clickedButton() is file_button and _write(parent, saved)


def _write(parent: QWidget, saved: SavedAttempt) -> bool:
    name, _ = QFileDialog.getSaveFileName(
        parent, tr("Save result"), f"attempt-{uuid.uuid4().hex[:8]}.json", "JSON (*.json)"
    )
    if not name:
        return False
    try:
        Path(name).write_text(saved_attempt_json(saved), encoding="utf-8")
    except OSError as exc:
        show_error(parent, exc)
        return False
    return True
