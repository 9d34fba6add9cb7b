"""Backups, restores and health checks, for the admin page and ``svctrainer db``.

The front ends learn everything about the database from here: where it is (``label``),
whether its backups are ours to make (``is_local``), its health, its backups and the
newest good one. The module-level functions serve the moments when the services cannot
be opened at all — a damaged file at start-up, ``db check`` and ``db restore`` — and so
never read the current file before they must.

``BackupFile`` and ``HealthReport`` are plain frozen records; they are re-exported here so
that front ends name them without reaching into the store.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy.orm import Session

from svctrainer.core.roles import Permission
from svctrainer.services import audit
from svctrainer.services.access import authorize, require_whole_database
from svctrainer.services.actor import Actor
from svctrainer.services.changes import DATABASE, NOTHING_SHOWN, writes
from svctrainer.services.error_boundary import translate_store_errors
from svctrainer.services.errors import ServiceError
from svctrainer.store.backup import (
    BackupFile,
    backup_sqlite,
    list_backups,
    take_backup,
    verify_sqlite_file,
)
from svctrainer.store.backup import (
    daily_backup_if_due as take_daily_backup_if_due,
)
from svctrainer.store.database import Database, resolve_url, sqlite_path
from svctrainer.store.health import HealthReport, check_database
from svctrainer.store.restore import restore_database

__all__ = [
    "SERVER_BACKUP_NOTE",
    "BackupFile",
    "DatabaseAdminService",
    "HealthReport",
    "check_health",
    "newest_good_backup",
    "restore_damaged",
    "restore_file",
]

SERVER_BACKUP_NOTE = (
    "backups of a server database are made on the server (pg_dump); "
    "svctrainer backs up only its local SQLite file"
)


@translate_store_errors
class DatabaseAdminService:
    def __init__(self, db: Database) -> None:
        self._db = db

    @property
    def label(self) -> str:
        """Where the database is: its file, or its server URL with any password hidden."""
        return self._db.label

    @property
    def is_local(self) -> bool:
        """A SQLite file on this computer, whose backups svctrainer makes itself."""
        return self._db.path is not None

    def health(self, actor: Actor) -> HealthReport:
        """``svctrainer db check`` for the admin page: integrity, schema, table sizes."""
        self._authorize(actor)
        return check_database(self._db.url.render_as_string(hide_password=False))

    def daily_backup_if_due(self) -> Path | None:
        """The automatic backup at start-up (at most one a day, then rotation); None when
        one was already taken today or the database is on a server."""
        if self._db.path is None:
            return None
        return take_daily_backup_if_due(self._db.path)

    def _sqlite_path(self) -> Path:
        if self._db.path is None:
            raise ServiceError(SERVER_BACKUP_NOTE)
        return self._db.path

    def _authorize(self, actor: Actor) -> None:
        if actor.is_admin_tool:
            return  # may do everything, and must be able to when the database is damaged
        with self._db.reading() as session:
            authorize(session, actor, Permission.MANAGE_DATABASE)

    def backups(self, actor: Actor) -> list[BackupFile]:
        self._authorize(actor)
        return list_backups(self._sqlite_path())

    @writes(NOTHING_SHOWN)
    def backup_now(self, actor: Actor, dest: Path | None = None) -> Path:
        self._authorize(actor)
        path = self._sqlite_path()
        if dest is None:
            saved = take_backup(path, "manual")
        else:
            backup_sqlite(path, dest)
            saved = dest
        with self._db.writing() as session:
            audit.record(session, actor, "database.backup", "file", None, path=str(saved))
        return saved

    @writes(DATABASE)
    def restore(
        self, actor: Actor, backup: Path, *, on_step: Callable[[str], None] | None = None
    ) -> Path | None:
        """Replace the live database with ``backup`` (validated first; see
        store/restore.py); returns where the replaced file is kept. This process's
        connections are closed first and reopen on the restored file at the next call;
        other processes' do so at their next transaction."""
        self._authorize(actor)
        if not actor.is_admin_tool:
            with self._db.reading() as session:
                caller = authorize(session, actor, Permission.MANAGE_DATABASE)
                require_whole_database(session, caller, "restore a backup")
        path = self._sqlite_path()
        self._db.dispose()
        return _restore_and_audit(path, backup, actor, on_step)


@translate_store_errors
def check_health(url: str) -> HealthReport:
    """``svctrainer db check``: read-only from start to end, so it never makes a damaged
    file worse; the administration command line needs no role."""
    return check_database(url)


@translate_store_errors
def newest_good_backup(database: str | Path) -> Path | None:
    """The newest backup of the SQLite database at ``database`` (a URL or a file) that
    passes SQLite's integrity check; None for a server database or when none does."""
    path = database if isinstance(database, Path) else sqlite_path(resolve_url(database))
    if path is None:
        return None
    for backup in list_backups(path):
        if verify_sqlite_file(backup.path) == "ok":
            return backup.path
    return None


@translate_store_errors
def restore_damaged(
    url: str, backup: Path, actor: Actor, *, on_step: Callable[[str], None] | None = None
) -> Path | None:
    """Put ``backup`` in place of the database at ``url`` without opening the current
    file (it may be damaged or not a database at all); returns where that file was kept.
    For ``svctrainer db restore`` and the GUI's start-up recovery dialog."""
    db = Database.unchecked(resolve_url(url))
    try:
        return restore_file(db, backup, actor, on_step=on_step)
    finally:
        db.dispose()


def restore_file(
    db: Database, backup: Path, actor: Actor, *, on_step: Callable[[str], None] | None = None
) -> Path | None:
    """Restore without reading the current database first: it may be damaged or not a
    database at all. Only the command line (which may open the file anyway) and the
    GUI's start-up recovery dialog call this."""
    path = db.path or sqlite_path(db.url)
    if path is None:
        raise ServiceError(SERVER_BACKUP_NOTE)
    if not actor.is_admin_tool:
        raise ServiceError("only the administration command line restores a damaged database")
    db.dispose()
    return _restore_and_audit(path, backup, actor, on_step)


def _restore_and_audit(
    path: Path, backup: Path, actor: Actor, on_step: Callable[[str], None] | None
) -> Path | None:
    def record(session: Session, aside: Path | None) -> None:
        """In the restored file, before it becomes the database: the restore and its
        entry are committed together or not at all."""
        audit.record(
            session, actor, "database.restore", "file", None, backup=str(backup),
            previous_kept_at=str(aside) if aside else None,
        )  # fmt: skip

    return restore_database(path, backup, record, on_step=on_step)
