"""Backups, restores and health checks, for the admin page and ``svctrainer db``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy.orm import Session

from svctrainer.core.roles import Permission
from svctrainer.services import audit
from svctrainer.services.access import authorize
from svctrainer.services.actor import Actor
from svctrainer.services.errors import ServiceError
from svctrainer.store.backup import (
    BackupFile,
    backup_sqlite,
    list_backups,
    take_backup,
)
from svctrainer.store.database import Database, sqlite_path
from svctrainer.store.restore import restore_database

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
        if actor.is_admin_tool:
            return  # may do everything, and must be able to when the database is damaged
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

    def restore(
        self, actor: Actor, backup: Path, *, on_step: Callable[[str], None] | None = None
    ) -> Path | None:
        """Replace the live database with ``backup`` (validated first; see
        store/restore.py); returns where the replaced file is kept. This process's
        connections are closed first and reopen on the restored file at the next call;
        other processes' do so at their next transaction."""
        self._authorize(actor)
        path = self._sqlite_path()
        self._db.dispose()
        return _restore_and_audit(path, backup, actor, on_step)


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
