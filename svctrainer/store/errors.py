"""Why a database cannot be used, in terms a person can act on.

The CLI prints these as one line and the GUI shows them in a dialog; both say which file
and what to do, and neither ever touches a damaged file.
"""

from __future__ import annotations


class StoreError(Exception):
    """Base class: the message is complete, user-facing, and names the file or server.

    ``path`` is the SQLite file concerned, when there is one, so a caller can look for
    its backups.
    """

    def __init__(self, message: str, path: object | None = None) -> None:
        super().__init__(message)
        self.path = path


class NotADatabaseError(StoreError):
    pass


class DatabaseCorruptError(StoreError):
    pass


class DatabaseTooNewError(StoreError):
    """Written by a newer svctrainer; opening it with this one could lose data."""


class SchemaMismatchError(StoreError):
    """The schema is half-migrated or otherwise not what its revision says."""


class DatabaseBusyError(StoreError):
    """Locked by another program for longer than the busy timeout."""


class DatabaseReadOnlyError(StoreError):
    pass


class DatabaseUnavailableError(StoreError):
    """Cannot be reached or opened at all (missing folder, server down, bad URL)."""


class StorageFullError(StoreError):
    pass


class DuplicateRowError(StoreError):
    """A unique key refused a row: what was being stored is already there (e.g. the same
    attempt imported twice at once)."""
