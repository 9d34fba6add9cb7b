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
        super().__init__(f"wrong PIN; {attempts_left} attempt(s) left before a 5-minute lock")


class ProfileLockedError(ServiceError):
    def __init__(self, until: datetime) -> None:
        self.until = until
        super().__init__(f"profile locked after 5 wrong PINs until {until:%H:%M:%S} UTC")


class InactiveProfileError(ServiceError):
    pass
