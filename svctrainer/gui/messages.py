"""Turning errors into messages people can act on, translated where we know the case.

Service errors carry a ``code`` and the ``args`` their message names; a case worded here
is shown in the person's language, any other in the service's own (English) words, which
name the file or the field concerned.
"""

from __future__ import annotations

from PySide6.QtCore import QDateTime, QLocale, Qt, QTimeZone
from PySide6.QtWidgets import QMessageBox, QWidget

from svctrainer.core.redaction import hide_passwords
from svctrainer.gui.i18n import fill, translate
from svctrainer.services.errors import (
    AmbiguousEmployeeNumberError,
    ConflictError,
    DatabaseError,
    InvalidInputError,
    ProfileLockedError,
    RetakeLimitError,
    ServiceError,
    SyncBranchUnknownError,
    SyncOtherBranchError,
    SyncPeopleMissingError,
    WorkstationBranchError,
    WrongPinError,
)


def _worded_codes() -> dict[str, str]:
    """Service error codes whose message needs none of its arguments."""
    return {
        "profile_inactive": translate(
            "messages", "This profile has been deactivated. Ask an admin."
        ),
        "permission_denied": translate("messages", "You do not have permission to do that."),
        "not_found": translate(
            "messages", "That record no longer exists: someone may have removed it. Refresh."
        ),
        "database_busy": translate(
            "messages", "The database is busy (another program is using it). Try again in a moment."
        ),
        "database_read_only": translate(
            "messages", "The database cannot be written: its file or folder is read-only."
        ),
        "storage_full": translate(
            "messages",
            "The disk is full. Free some space and try again; nothing already saved was lost.",
        ),
        "database_corrupt": translate(
            "messages", "The database file is damaged. An administrator can restore a backup."
        ),
        "not_a_database": translate("messages", "This file is not an svctrainer database."),
        "contest_state": translate(
            "messages",
            "The contest cannot take that step now: it may have been started or closed on "
            "another workstation. The page shows it as it is.",
        ),
        "contest_not_live": translate(
            "messages", "The contest is not running now: wait for the start, or it has ended."
        ),
        "contest_time_short": translate(
            "messages",
            "Too little time is left in the contest to sit this drill in full; it cannot be "
            "started now.",
        ),
        "contest_tries_used": translate(
            "messages", "You have used every attempt this contest allows on this drill."
        ),
        "database_too_new": translate(
            "messages",
            "The database was written by a newer svctrainer; install that release to open it.",
        ),
        "schema_mismatch": translate(
            "messages",
            "The database's structure is not what its version says (an interrupted upgrade?). "
            "An administrator can restore a backup.",
        ),
        "database_unavailable": translate(
            "messages",
            "The database cannot be reached: check that its folder or server is available.",
        ),
    }


def describe(exc: BaseException) -> str:
    """One or two sentences for a dialog or an inline error label."""
    if isinstance(exc, WrongPinError | ProfileLockedError):
        return _pin_refusal(exc)
    if isinstance(exc, RetakeLimitError):
        return _retake_limit(exc)
    if isinstance(exc, AmbiguousEmployeeNumberError):
        return fill(
            translate(
                "messages",
                "Employee number %1 is used in several branches (%2): say which branch.",
            ),
            exc.employee_number,
            translate("messages", ", ").join(exc.branches),
        )
    branch_case = _branch_refusal(exc)
    if branch_case is not None:
        return branch_case
    if isinstance(exc, ServiceError):
        worded = _worded_codes().get(exc.code)
        if worded is not None:
            if isinstance(exc, DatabaseError) and exc.path is not None:
                return fill(translate("messages", "%1\nFile: %2"), worded, str(exc.path))
            return worded
        if isinstance(exc, InvalidInputError | ConflictError | DatabaseError):
            # The service's own sentence: it names the field, the file or the person.
            return hide_passwords(str(exc))
    return fill(
        translate("messages", "Something went wrong: %1"),
        hide_passwords(f"{type(exc).__name__}: {exc}"),
    )


def _branch_refusal(exc: BaseException) -> str | None:
    """A sync bundle or a sign-in refused because of the branch it belongs to."""
    if isinstance(exc, SyncBranchUnknownError):
        return fill(
            translate(
                "messages",
                "%1 holds results of branch %2, which is not in this database. Nothing was "
                "imported.",
            ),
            exc.bundle,
            exc.branch,
        )
    if isinstance(exc, SyncOtherBranchError):
        return fill(
            translate(
                "messages",
                "%1 holds results of branch %2; you administer branch %3. Nothing was "
                "imported: import it on that branch's workstation.",
            ),
            exc.bundle,
            exc.bundle_branch,
            exc.own_branch,
        )
    if isinstance(exc, SyncPeopleMissingError):
        people = translate("messages", ", ").join(
            fill(translate("messages", "%1 (%2)"), p.employee_number, p.name) for p in exc.people
        )
        return fill(
            translate(
                "messages",
                "Nothing was imported from %1: these people have no profile in branch %2: "
                "%3. Add them (same employee numbers) first.",
            ),
            exc.bundle,
            exc.branch,
            people,
        )
    if isinstance(exc, WorkstationBranchError):
        return fill(
            translate(
                "messages",
                "%1 belongs to branch %2. This workstation signs in people of branch %3 "
                "only: choose your own name, or use a workstation of your branch.",
            ),
            exc.name,
            exc.person_branch,
            exc.workstation_branch,
        )
    return None


def _pin_refusal(exc: WrongPinError | ProfileLockedError) -> str:
    """A wrong PIN, or a profile locked for a while or until an admin resets it."""
    if isinstance(exc, WrongPinError):
        left = exc.attempts_left  # lupdate reads only a plain name as translate()'s count
        return translate(
            "messages",
            "Wrong PIN. %n attempt(s) left before the profile locks for a while.",
            None,
            left,
        )
    if isinstance(exc, ProfileLockedError):
        if exc.until is None:
            return translate(
                "messages",
                "This profile is locked after 100 wrong PINs in a row. "
                "Ask an admin to reset the PIN.",
            )
        local = QDateTime.fromSecsSinceEpoch(int(exc.until.timestamp()), QTimeZone.systemTimeZone())
        when = QLocale().toString(local, QLocale.FormatType.ShortFormat)
        return fill(
            translate(
                "messages",
                "This profile is locked after repeated wrong PINs. "
                "Try again at %1, or ask an admin to reset the PIN.",
            ),
            when,
        )
    raise TypeError(exc)  # unreachable: the two kinds above are all there are


def _retake_limit(exc: RetakeLimitError) -> str:
    """How many tries the trainer allows, and when the next one may start."""
    local = QDateTime.fromSecsSinceEpoch(int(exc.next_at.timestamp()), QTimeZone.systemTimeZone())
    when = QLocale().toString(local, QLocale.FormatType.ShortFormat)
    taken = exc.taken  # lupdate reads only a plain name as translate()'s count
    return fill(
        translate(
            "messages",
            "You have taken this test %n time(s) in %1 days, the limit your trainer set. "
            "Your next try is from %2.",
            None,
            taken,
        ),
        str(exc.per_days),
        when,
    )


def show_error(parent: QWidget | None, exc: BaseException, title: str | None = None) -> None:
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        title or translate("messages", "svctrainer"),
        describe(exc),
        parent=parent,
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
