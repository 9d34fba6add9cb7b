"""Errors services raise: a stable ``code`` and the ``args`` its message names.

The English message is derived from the two (``template`` filled with ``args``), so the
command line prints it as it is while the GUI can look the code up and word the same
facts in the person's language. Every message is complete and safe to show.

Database failures reach the front ends only as ``DatabaseError`` subclasses:
``services.error_boundary`` turns the store's errors into these at every service call, so
neither the GUI nor the CLI needs to know how the store reports trouble.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import ClassVar


class ServiceError(Exception):
    """A refused or failed service call.

    ``code`` names the case for translation; ``args`` are the values the message
    mentions, in the order ``template`` uses them. Raising ``ServiceError("sentence")``
    (code ``service_error``) remains possible for one-off cases the GUI shows as they are.
    """

    code: ClassVar[str] = "service_error"
    template: ClassVar[str] = "{0}"

    def __str__(self) -> str:
        if not self.args:
            return self.code.replace("_", " ")
        try:
            return self.template.format(*self.args)
        except (IndexError, KeyError, ValueError):  # a subclass raised with other arguments
            return " ".join(str(a) for a in self.args)


class PermissionDeniedError(ServiceError):
    code = "permission_denied"


class NotFoundError(ServiceError):
    code = "not_found"


class InvalidInputError(ServiceError):
    """``field`` lets a form put the message next to the right input."""

    code = "invalid_input"
    template = "{0}: {1}"

    def __init__(self, field: str, message: str) -> None:
        super().__init__(field, message)
        self.field = field
        self.message = message


class ConflictError(ServiceError):
    """E.g. an employee number already in use."""

    code = "conflict"


class AmbiguousEmployeeNumberError(ConflictError):
    """The same employee number belongs to people in several branches (a shared server)
    and the caller did not say which branch it meant: acting on either could change the
    wrong person."""

    code = "employee_number_ambiguous"
    template = "employee number {0} is used in several branches ({1}); say which branch"

    def __init__(self, employee_number: str, branches: Sequence[str]) -> None:
        super().__init__(employee_number, ", ".join(branches))
        self.employee_number = employee_number
        self.branches = tuple(branches)


class BranchRequiredError(ServiceError):
    """The command line acted on a database holding several branches without saying
    which one: acting on the first could change another branch's data."""

    code = "branch_required"
    template = "this database holds several branches ({0}); say which branch"

    def __init__(self, branches: Sequence[str]) -> None:
        super().__init__(", ".join(branches))
        self.branches = tuple(branches)


class SyncBranchUnknownError(NotFoundError):
    """A sync bundle holds results of a branch this database does not have: storing them
    in any other branch would give its people another branch's results."""

    code = "sync_branch_unknown"
    template = (
        "{0}: the bundle holds results of branch '{1}', which is not in this database; "
        "nothing was imported (create the branch with 'svctrainer branch create', or import "
        "the bundle on that branch's server)"
    )

    def __init__(self, bundle: str, branch: str) -> None:
        super().__init__(bundle, branch)
        self.bundle = bundle
        self.branch = branch


class SyncOtherBranchError(PermissionDeniedError):
    """A signed-in administrator imports a bundle of another branch than theirs (or an old
    bundle holding several branches, ``bundle_branch`` then lists them)."""

    code = "sync_other_branch"
    template = (
        "{0}: the bundle holds results of branch '{1}', and you administer branch '{2}'; "
        "nothing was imported"
    )

    def __init__(self, bundle: str, bundle_branch: str, own_branch: str) -> None:
        super().__init__(bundle, bundle_branch, own_branch)
        self.bundle = bundle
        self.bundle_branch = bundle_branch
        self.own_branch = own_branch


@dataclass(frozen=True, slots=True)
class MissingPerson:
    """A person a sync bundle names who has no profile in the branch here;
    ``elsewhere``: the branches here where that employee number is in use."""

    employee_number: str
    name: str
    elsewhere: tuple[str, ...] = ()

    def __str__(self) -> str:
        text = f"{self.employee_number} ({self.name})"
        if self.elsewhere:
            text += f" (that number is someone of branch {', '.join(self.elsewhere)} here)"
        return text


class SyncPeopleMissingError(NotFoundError):
    """People of a sync bundle have no profile in the bundle's branch here: the whole
    bundle is refused (create the profiles first, same branch and employee numbers)."""

    code = "sync_people_missing"
    template = (
        "{0}: nothing was imported: not in branch '{1}' here: {2}. Create these profiles "
        "(same branch and employee number) first"
    )

    def __init__(self, bundle: str, branch: str, people: Sequence[MissingPerson]) -> None:
        shown = "; ".join(str(p) for p in people[:10]) + ("; …" if len(people) > 10 else "")
        super().__init__(bundle, branch, shown)
        self.bundle = bundle
        self.branch = branch
        self.people = tuple(people)


class WorkstationBranchError(PermissionDeniedError):
    """Someone of another branch tried to sign in at a workstation tied to one branch (a
    shared server): most likely the wrong name picked from a list, so refused."""

    code = "workstation_other_branch"
    template = "{0} belongs to branch '{1}'; this workstation signs in people of branch '{2}' only"

    def __init__(self, name: str, person_branch: str, workstation_branch: str) -> None:
        super().__init__(name, person_branch, workstation_branch)
        self.name = name
        self.person_branch = person_branch
        self.workstation_branch = workstation_branch


class RetakeLimitError(ConflictError):
    """A test taken as often as the trainer's retake limit allows within its window:
    ``next_at`` (UTC) is when the oldest of those tries leaves the window."""

    code = "retake_limit_reached"
    template = (
        "you have taken this test {0} times in {1} days, the limit your trainer set; "
        "your next try is from {2:%Y-%m-%d %H:%M} UTC"
    )

    def __init__(self, taken: int, per_days: int, next_at: datetime) -> None:
        super().__init__(taken, per_days, next_at)
        self.taken = taken
        self.per_days = per_days
        self.next_at = next_at


class WrongPinError(ServiceError):
    code = "wrong_pin"
    template = "wrong PIN; {0} attempt(s) left before the profile locks"

    def __init__(self, attempts_left: int) -> None:
        super().__init__(attempts_left)
        self.attempts_left = attempts_left


class ProfileLockedError(ServiceError):
    """``until`` None: locked after 100 wrong PINs in a row, until an admin resets it."""

    code = "profile_locked"
    template = "profile locked after repeated wrong PINs until {0:%Y-%m-%d %H:%M:%S} UTC"

    def __init__(self, until: datetime | None) -> None:
        super().__init__(until)
        self.until = until

    def __str__(self) -> str:
        if self.until is None:
            return "profile locked after 100 wrong PINs in a row; an admin must reset the PIN"
        return super().__str__()


class InactiveProfileError(ServiceError):
    code = "profile_inactive"


class SchemaVersionError(ServiceError):
    """A shared server's schema is not the one this release works with.

    Workstations never migrate a server, so this is for the administrator to fix:
    ``server_is_newer`` tells whether the server needs ``svctrainer db upgrade`` (False)
    or this workstation needs the newer release (True). ``server_revision`` is None for
    a server database that has no svctrainer schema yet.
    """

    code = "schema_version"

    def __init__(
        self,
        message: str,
        *,
        database: str,
        server_revision: str | None,
        supported_revision: str,
        server_is_newer: bool,
    ) -> None:
        super().__init__(message)
        self.database = database
        self.server_revision = server_revision
        self.supported_revision = supported_revision
        self.server_is_newer = server_is_newer


# -- the database ------------------------------------------------------------------------


class DatabaseError(ServiceError):
    """The database could not do what was asked. ``args`` is the store's one-line account
    (which names the file or server); ``path`` is the SQLite file concerned when there is
    one, so a caller can offer its newest good backup."""

    code = "database_error"

    def __init__(self, detail: str, path: Path | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.path = path


class DatabaseBusyError(DatabaseError):
    """Locked by another program for longer than the busy timeout: try again."""

    code = "database_busy"


class DatabaseReadOnlyError(DatabaseError):
    code = "database_read_only"


class StorageFullError(DatabaseError):
    code = "storage_full"


class DatabaseCorruptError(DatabaseError):
    code = "database_corrupt"


class NotADatabaseError(DatabaseError):
    code = "not_a_database"


class DatabaseTooNewError(DatabaseError):
    """Written by a newer svctrainer; opening it with this one could lose data."""

    code = "database_too_new"


class SchemaMismatchError(DatabaseError):
    """Half-migrated, or otherwise not the schema its revision says."""

    code = "schema_mismatch"


class DuplicateRowError(DatabaseError):
    """A unique key refused a row: what was being stored is already there (e.g. the same
    attempt imported twice at once)."""

    code = "duplicate_row"


class DatabaseUnavailableError(DatabaseError):
    """Cannot be reached or opened at all (missing folder, server down, bad URL)."""

    code = "database_unavailable"


DAMAGED = (DatabaseCorruptError, NotADatabaseError, SchemaMismatchError)
"""The failures a backup can mend: offer the newest good one."""


class ContestStateError(ConflictError):
    """A contest asked to take a step its life cycle does not allow (``core.contest.rules``):
    starting a closed contest, closing a draft."""

    code = "contest_state"
    template = "the contest {0!r} is {1}: it cannot be {2}"


class ContestNotLiveError(ConflictError):
    """A contest attempt asked for outside the contest's window (before the start, during
    the countdown, after the time is up or the close)."""

    code = "contest_not_live"
    template = "the contest {0!r} is not running now ({1})"


class ContestTimeShortError(ConflictError):
    """A contest drill started with less time left in the window than the drill lasts: a
    real contest stops every contestant at the close, so a late start would either run
    past it or lose its result when the trainer closes."""

    code = "contest_time_short"
    template = "only {0} s are left in the contest and this drill lasts {1} s"


class ContestTriesUsedError(ConflictError):
    """A contestant who has used every attempt the contest allows on a drill."""

    code = "contest_tries_used"
    template = "you have used your {0} attempt(s) on this contest drill"
