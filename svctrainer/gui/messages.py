"""Turning errors into messages people can act on, translated where we know the case."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale, Qt, QTimeZone
from PySide6.QtWidgets import QMessageBox, QWidget

from svctrainer.services.errors import (
    ConflictError,
    InactiveProfileError,
    InvalidInputError,
    PermissionDeniedError,
    ProfileLockedError,
    WrongPinError,
)
from svctrainer.store.errors import (
    DatabaseBusyError,
    DatabaseReadOnlyError,
    StorageFullError,
    StoreError,
)


def tr(text: str, disambiguation: str | None = None, n: int = -1) -> str:
    return QCoreApplication.translate("messages", text, disambiguation, n)


def _simple_messages() -> dict[type[BaseException], str]:
    return {
        InactiveProfileError: tr("This profile has been deactivated. Ask an admin."),
        PermissionDeniedError: tr("You do not have permission to do that."),
        DatabaseBusyError: tr(
            "The database is busy (another program is using it). Try again in a moment."
        ),
        DatabaseReadOnlyError: tr(
            "The database cannot be written: its file or folder is read-only."
        ),
        StorageFullError: tr(
            "The disk is full. Free some space and try again; nothing already saved was lost."
        ),
    }


def describe(exc: BaseException) -> str:
    """One or two sentences for a dialog or an inline error label."""
    if isinstance(exc, WrongPinError):
        return tr(
            "Wrong PIN. %n attempt(s) left before the profile locks for 5 minutes.",
            None,
            exc.attempts_left,
        )
    if isinstance(exc, ProfileLockedError):
        local = QDateTime.fromSecsSinceEpoch(int(exc.until.timestamp()), QTimeZone.systemTimeZone())
        when = QLocale().toString(local.time(), QLocale.FormatType.ShortFormat)
        return tr(
            "This profile is locked after 5 wrong PINs. "
            "Try again at %1, or ask an admin to reset the PIN."
        ).replace("%1", when)
    for kind, message in _simple_messages().items():
        if isinstance(exc, kind):
            return message
    if isinstance(exc, InvalidInputError | ConflictError | StoreError):
        return str(exc)
    return tr("Something went wrong: %1").replace("%1", f"{type(exc).__name__}: {exc}")


def show_error(parent: QWidget | None, exc: BaseException, title: str | None = None) -> None:
    box = QMessageBox(
        QMessageBox.Icon.Warning, title or tr("svctrainer"), describe(exc), parent=parent
    )
    box.setTextFormat(Qt.TextFormat.PlainText)  # messages quote names and file contents
    box.exec()


def confirm(
    parent: QWidget | None, title: str, text: str, action: str, keep: str | None = None
) -> bool:
    """Ask before ``action``; the safe answer (Cancel, or ``keep`` when given, such as
    "Keep going") is the default, so Enter or Esc never does the irreversible thing."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)  # the text quotes a person's name
    ok = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
    if keep is None:
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    else:
        safe = box.addButton(keep, QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(safe)
        box.setEscapeButton(safe)
    box.exec()
    return box.clickedButton() is ok
