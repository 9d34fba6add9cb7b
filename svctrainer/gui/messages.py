"""Turning errors into messages people can act on, translated where we know the case.

Service errors carry a ``code`` and the ``args`` their message names; a case worded here
is shown in the person's language, any other in the service's own (English) words, which
name the file or the field concerned.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale, Qt, QTimeZone
from PySide6.QtWidgets import QMessageBox, QWidget

from svctrainer.core.redaction import hide_passwords
from svctrainer.services.errors import (
    ConflictError,
    DatabaseError,
    InvalidInputError,
    ProfileLockedError,
    ServiceError,
    WrongPinError,
)


def tr(text: str, disambiguation: str | None = None, n: int = -1) -> str:
    return QCoreApplication.translate("messages", text, disambiguation, n)


def _worded_codes() -> dict[str, str]:
    """Service error codes whose message needs none of its arguments."""
    return {
        "profile_inactive": tr("This profile has been deactivated. Ask an admin."),
        "permission_denied": tr("You do not have permission to do that."),
        "database_busy": tr(
            "The database is busy (another program is using it). Try again in a moment."
        ),
        "database_read_only": tr(
            "The database cannot be written: its file or folder is read-only."
        ),
        "storage_full": tr(
            "The disk is full. Free some space and try again; nothing already saved was lost."
        ),
    }


def describe(exc: BaseException) -> str:
    """One or two sentences for a dialog or an inline error label."""
    if isinstance(exc, WrongPinError):
        return tr(
            "Wrong PIN. %n attempt(s) left before the profile locks for a while.",
            None,
            exc.attempts_left,
        )
    if isinstance(exc, ProfileLockedError):
        if exc.until is None:
            return tr(
                "This profile is locked after 100 wrong PINs in a row. "
                "Ask an admin to reset the PIN."
            )
        local = QDateTime.fromSecsSinceEpoch(int(exc.until.timestamp()), QTimeZone.systemTimeZone())
        when = QLocale().toString(local, QLocale.FormatType.ShortFormat)
        return tr(
            "This profile is locked after repeated wrong PINs. "
            "Try again at %1, or ask an admin to reset the PIN."
        ).replace("%1", when)
    if isinstance(exc, ServiceError):
        worded = _worded_codes().get(exc.code)
        if worded is not None:
            return worded
        if isinstance(exc, InvalidInputError | ConflictError | DatabaseError):
            return hide_passwords(str(exc))
    return tr("Something went wrong: %1").replace(
        "%1", hide_passwords(f"{type(exc).__name__}: {exc}")
    )


def show_error(parent: QWidget | None, exc: BaseException, title: str | None = None) -> None:
    box = QMessageBox(
        QMessageBox.Icon.Warning, title or tr("svctrainer"), describe(exc), parent=parent
    )
    box.setTextFormat(Qt.TextFormat.PlainText)  # messages quote names and file contents
    box.exec()


def confirm(parent: QWidget | None, title: str, text: str, action: str) -> bool:
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)  # the text quotes a person's name
    ok = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is ok
