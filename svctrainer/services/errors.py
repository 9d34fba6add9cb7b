"""Errors services raise; each message is complete and safe to show to the person."""

from __future__ import annotations

from datetime import datetime


class ServiceError(Exception):
    pass


class PermissionDeniedError(ServiceError):
    pass


class NotFoundError(ServiceError):
    pass


class InvalidInputError(ServiceError):
    """``field`` lets a form put the message next to the right input."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        self.message = message
        super().__init__(f"{field}: {message}")


class ConflictError(ServiceError):
    """E.g. an employee number already in use."""


class WrongPinError(ServiceError):
    def __init__(self, attempts_left: int) -> None:
        self.attempts_left = attempts_left
        super().__init__(f"wrong PIN; {attempts_left} attempt(s) left before the profile locks")


class ProfileLockedError(ServiceError):
    """``until`` None: locked after 100 wrong PINs in a row, until an admin resets it."""

    def __init__(self, until: datetime | None) -> None:
        self.until = until
        if until is None:
            super().__init__(
                "profile locked after 100 wrong PINs in a row; an admin must reset the PIN"
            )
        else:
            super().__init__(
                f"profile locked after repeated wrong PINs until {until:%Y-%m-%d %H:%M:%S} UTC"
            )


class InactiveProfileError(ServiceError):
    pass


class SchemaVersionError(ServiceError):
    """A shared server's schema is not the one this release works with.

    Workstations never migrate a server, so this is for the administrator to fix:
    ``server_is_newer`` tells whether the server needs ``svctrainer db upgrade`` (False)
    or this workstation needs the newer release (True). ``server_revision`` is None for
    a server database that has no svctrainer schema yet.
    """

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
