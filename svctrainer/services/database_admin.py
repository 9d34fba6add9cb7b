"""Backups, restores and health checks, for the admin page and ``svctrainer db``."""

from __future__ import annotations

from pathlib import Path

from svctrainer.core.roles import Permission
from svctrainer.services import audit
from svctrainer.services.access import authorize
from svctrainer.services.actor import Actor
from svctrainer.services.errors import ServiceError
from svctrainer.store.backup import (
    BackupFile,
    backup_sqlite,
    list_backups,
    restore_backup,
    take_backup,
)
from svctrainer.store.database import Database, sqlite_path
from svctrainer.store.migrate import ensure_current

SERVER_BACKUP_NOTE = (
    "backups of a server database are made on the server (pg_dump); "
    "svctrainer backs up only its local SQLite file"
)


class DatabaseAdminService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def _sqlite_path(self) -> Path:
        if self._db.path is None:
            raise ServiceError(SERVER_BACKUP_NOTE)
        return self._db.path

    def _authorize(self, actor: Actor) -> None:
        with self._db.reading() as session:
            authorize(session, actor, Permission.MANAGE_DATABASE)

    def backups(self, actor: Actor) -> list[BackupFile]:
        self._authorize(actor)
        return list_backups(self._sqlite_path())

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

    def restore(self, actor: Actor, backup: Path) -> Path | None:
        """Replace the live database with ``backup``; returns where the old file was kept.

        Connections are closed first and reopen on the restored file at the next call.
        """
        self._authorize(actor)
        path = self._sqlite_path()
        self._db.dispose()
        return _restore_and_audit(self._db, path, backup, actor)


def restore_file(db: Database, backup: Path, actor: Actor) -> Path | None:
    """Restore without reading the current database first: it may be damaged or not a
    database at all. Only the command line (which may open the file anyway) and the
    GUI's start-up recovery dialog call this."""
    path = db.path or sqlite_path(db.url)
    if path is None:
        raise ServiceError(SERVER_BACKUP_NOTE)
    if not actor.is_admin_tool:
        raise ServiceError("only the administration command line restores a damaged database")
    db.dispose()
    return _restore_and_audit(db, path, backup, actor)


def _restore_and_audit(db: Database, path: Path, backup: Path, actor: Actor) -> Path | None:
    aside = restore_backup(backup, path)
    reopened = Database(db.url)
    try:
        ensure_current(reopened)  # an older backup is brought up to this release's schema
        with reopened.writing() as session:
            audit.record(
                session,
                actor,
                "database.restore",
                "file",
                None,
                backup=str(backup),
                previous_kept_at=str(aside) if aside else None,
            )
    finally:
        reopened.dispose()
    return aside
