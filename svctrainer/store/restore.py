"""Replacing a SQLite database with a backup without ever being without one.

The old way moved the live file aside and then copied the backup in: a full disk or a
kill during the copy left no database at all (and the next command made an empty one);
a backup that was damaged, from a newer release, or not ours at all replaced the
database before anyone looked at it; and a process still writing kept committing into
the file moved aside, where those results were lost from view without an error.

Now, in this order (``RestoreStep`` names each point; a test kills the process after
every one of them):

1. **validated**: the backup passes ``PRAGMA integrity_check``, is this application's
   database (an ``alembic_version`` this release knows, its tables), and was set up (a
   branch and a person). Nothing has changed yet.
2. **copying / copied**: the backup is copied with SQLite's backup API into
   ``NAME.restoring`` beside the live file (private, 0600), brought to this release's
   schema, given the audit entry of the restore (one transaction with what it records:
   the entry is in the file that becomes the database), set to rollback-journal mode so
   it is one self-contained file, checked again, and fsynced. A full disk stops here
   with the live database untouched. While it exists, ``NAME.restoring`` holds an
   advisory lock (``flock``): writers that open the database meanwhile wait for it.
3. **locked**: the live database's write lock is taken (``BEGIN IMMEDIATE``, held to the
   end): writers in other processes now wait (or fail loudly after the busy timeout),
   and a passive checkpoint must have copied every committed frame of its write-ahead
   log into the file, so the file alone is the whole old database.
4. **kept_aside**: the live file gets a second name, ``NAME-STAMP-replaced.sqlite3``
   (a hard link: no copy, no space, exactly the bytes being replaced).
5. **sidecars_removed**: the old ``-wal`` and ``-shm`` files are removed, so the new file
   can never be read through the old database's log.
6. **swapped**: ``rename(NAME.restoring, NAME)`` — atomic — then the folder is fsynced.
7. **released**: the old database is marked replaced (``PRAGMA user_version``, in the
   still-open transaction, so the mark lives only in the old file's log and the copy kept
   aside stays as it was) and the lock released. Every connection still open on the old
   file sees the mark, or a different file behind the name (``store.database``), the
   moment it next begins a transaction, and reconnects to the restored database instead
   of writing where no one will look.

A kill before step 6 leaves the old database, whole (its log already in the file); after
it, the restored one. Leftovers of an interrupted restore (``NAME.restoring``) are
unlocked, so nothing waits for them, and the next restore clears them.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path

from sqlalchemy.orm import Session

from svctrainer.core.output_files import fsync_folder
from svctrainer.store.damage import clear_damage
from svctrainer.store.database import (
    BUSY_TIMEOUT_S,
    REPLACED_MARK,
    SQLITE_HEADER,
    Database,
    create_private_file,
    resolve_url,
    restoring_path,
)
from svctrainer.store.errors import (
    DatabaseBusyError,
    DatabaseCorruptError,
    DatabaseTooNewError,
    StorageFullError,
    StoreError,
)
from svctrainer.store.migrate import ensure_current
from svctrainer.store.migrations import KNOWN_REVISIONS

log = logging.getLogger(__name__)

# Tables every released schema has; a backup without them is not ours.
CORE_TABLES = frozenset({"branch", "person", "person_role", "team", "attempt", "audit_log"})
CHECKPOINT_TRIES = 50  # x 0.1 s: readers holding an old snapshot get 5 s to finish


class RestoreStep(StrEnum):
    VALIDATED = "validated"
    COPYING = "copying"
    COPIED = "copied"
    LOCKED = "locked"
    KEPT_ASIDE = "kept_aside"
    SIDECARS_REMOVED = "sidecars_removed"
    SWAPPED = "swapped"
    RELEASED = "released"


class BackupRefusedError(StoreError):
    """The backup cannot replace the database; nothing was changed."""


@dataclass(frozen=True, slots=True)
class BackupCheck:
    revision: str
    people: int


Record = Callable[[Session, Path | None], None]
"""Writes the restore's audit entry into the restored database (given where the replaced
file is kept), in the same file that becomes the database."""


def validate_backup(backup: Path) -> BackupCheck:
    """Refuse (BackupRefusedError, or DatabaseTooNewError) anything that is not a whole,
    set-up svctrainer database this release can open."""
    if not backup.is_file():
        raise BackupRefusedError(f"{backup}: no such backup file")
    with backup.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if not header:
        raise BackupRefusedError(f"{backup} is an empty file, not a backup")
    if header != SQLITE_HEADER:
        raise BackupRefusedError(f"{backup} is not an svctrainer database (not a SQLite file)")
    try:
        conn = sqlite3.connect(f"file:{backup}?mode=ro&immutable=1", uri=True)
    except sqlite3.Error as exc:
        raise BackupRefusedError(f"{backup} cannot be opened: {exc}") from None
    try:
        problems = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
        if problems != ["ok"]:
            raise BackupRefusedError(
                f"{backup} failed its integrity check: {'; '.join(problems[:3])}"
            )
        tables = {n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "alembic_version" not in tables or not tables >= CORE_TABLES:
            raise BackupRefusedError(f"{backup} is not an svctrainer database (its tables differ)")
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        if revision is None:
            raise BackupRefusedError(f"{backup} has no schema version: its set-up was cut short")
        if revision[0] not in KNOWN_REVISIONS:
            raise DatabaseTooNewError(
                f"{backup} was written by a newer svctrainer (schema {revision[0]}); restore it "
                "with that version"
            )
        people = conn.execute("SELECT count(*) FROM person").fetchone()[0]
        branches = conn.execute("SELECT count(*) FROM branch").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise BackupRefusedError(f"{backup} failed its integrity check: {exc}") from None
    finally:
        conn.close()
    if not people or not branches:
        raise BackupRefusedError(
            f"{backup} was never set up (no branch or no people): restoring it would leave "
            "an empty database"
        )
    return BackupCheck(revision[0], people)


def restore_database(
    live: Path,
    backup: Path,
    record: Record | None = None,
    *,
    on_step: Callable[[str], None] | None = None,
    now: datetime | None = None,
) -> Path | None:
    """Replace ``live`` with ``backup`` as described above; returns where the replaced
    file is kept (None if there was no live file)."""
    step = on_step or (lambda _name: None)
    live, backup = Path(live), Path(backup)
    now = now or datetime.now(UTC)
    if backup.resolve() == live.resolve():
        raise BackupRefusedError(f"{backup} is the database itself")
    validate_backup(backup)
    step(RestoreStep.VALIDATED)
    new = restoring_path(live)
    with _restoring(new) as guard:
        aside_name = _aside_name(live, now)
        _build(new, backup, live, record=record, step=step, aside=aside_name)
        step(RestoreStep.COPIED)
        with _live_write_lock(live) as old:
            step(RestoreStep.LOCKED)
            aside = _keep_aside(live, aside_name)
            step(RestoreStep.KEPT_ASIDE)
            for suffix in ("-wal", "-shm"):
                Path(f"{live}{suffix}").unlink(missing_ok=True)
            step(RestoreStep.SIDECARS_REMOVED)
            os.replace(new, live)
            guard.renamed = True
            fsync_folder(live.parent)
            clear_damage(live)  # about the file just replaced (and ignored from now anyway)
            step(RestoreStep.SWAPPED)
            old.mark_replaced()
        step(RestoreStep.RELEASED)
    log.info("restored %s from %s; the replaced file is kept at %s", live, backup, aside)
    return aside


def _aside_name(live: Path, now: datetime) -> Path:
    """A name no earlier restore used (two in one second get -2, -3 …)."""
    stamp = now.strftime("%Y%m%dT%H%M%SZ")
    name = live.with_name(f"{live.stem}-{stamp}-replaced{live.suffix}")
    number = 1
    while name.exists():
        number += 1
        name = live.with_name(f"{live.stem}-{stamp}-replaced-{number}{live.suffix}")
    return name


class _Guard:
    def __init__(self) -> None:
        self.renamed = False


@contextlib.contextmanager
def _restoring(new: Path) -> Iterator[_Guard]:
    """``NAME.restoring``, created fresh (a previous interrupted restore's leftovers go),
    locked while it exists, removed unless it became the database."""
    for leftover in (new, Path(f"{new}-journal"), Path(f"{new}-wal"), Path(f"{new}-shm")):
        leftover.unlink(missing_ok=True)
    create_private_file(new)
    fd = os.open(new, os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX)
    guard = _Guard()
    try:
        yield guard
    finally:
        if not guard.renamed:
            for leftover in (new, Path(f"{new}-journal"), Path(f"{new}-wal"), Path(f"{new}-shm")):
                leftover.unlink(missing_ok=True)
        os.close(fd)  # releases the flock


def _build(
    new: Path, backup: Path, live: Path, *, record: Record | None, step: Callable[[str], None],
    aside: Path,
) -> None:  # fmt: skip
    """Copy, migrate, record, make self-contained, check and fsync the new file."""
    try:
        src = sqlite3.connect(f"file:{backup}?mode=ro&immutable=1", uri=True)
        try:
            dst = sqlite3.connect(new)
            try:
                src.backup(dst, pages=256, progress=lambda *_: step(RestoreStep.COPYING))
                dst.execute(f"PRAGMA user_version = {0}")  # never carries a "replaced" mark
                dst.commit()
            finally:
                dst.close()
        finally:
            src.close()
        db = Database(resolve_url(str(new)))
        try:
            ensure_current(db, backup=False)  # an older backup, brought to this schema
            if record is not None:
                with db.writing() as session:
                    record(session, aside if live.exists() else None)
        finally:
            db.dispose()
        conn = sqlite3.connect(new, isolation_level=None)
        try:
            conn.execute("PRAGMA journal_mode=DELETE")  # folds and removes its log
            if conn.execute("PRAGMA integrity_check").fetchone() != ("ok",):
                raise DatabaseCorruptError(f"the restored copy {new} failed its integrity check")
        finally:
            conn.close()
        fd = os.open(new, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    except sqlite3.DatabaseError as exc:
        if "full" in str(exc).lower():
            raise StorageFullError(f"no space left beside {live} to restore into") from exc
        raise StoreError(f"restoring {backup} failed: {exc}") from exc
    except OSError as exc:
        if exc.errno == 28:
            raise StorageFullError(f"no space left beside {live} to restore into") from exc
        raise StoreError(f"restoring {backup} failed: {exc.strerror}") from exc


class _OldDatabase:
    """The live database, write-locked by this connection until the restore is done."""

    def __init__(self, conn: sqlite3.Connection | None) -> None:
        self.conn = conn

    def mark_replaced(self) -> None:
        """Seen by every connection still open on the old file at its next transaction."""
        if self.conn is not None:
            with contextlib.suppress(sqlite3.Error):
                self.conn.execute(f"PRAGMA user_version = {REPLACED_MARK}")
                self.conn.execute("COMMIT")


@contextlib.contextmanager
def _live_write_lock(live: Path) -> Iterator[_OldDatabase]:
    """Hold the live database's write lock, its log folded into the file. A file that is
    damaged or not a database cannot be locked, nor used by anyone: it is replaced as is."""
    if not _is_usable(live):
        yield _OldDatabase(None)
        return
    conn = sqlite3.connect(live, timeout=BUSY_TIMEOUT_S, isolation_level=None)
    try:
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise DatabaseBusyError(
                f"{live} is being written by another program; nothing was restored ({exc})"
            ) from None
        _fold_log(live)
        yield _OldDatabase(conn)
    finally:
        with contextlib.suppress(sqlite3.Error):
            if conn.in_transaction:
                conn.execute("ROLLBACK")
        conn.close()


def _is_usable(live: Path) -> bool:
    if not live.exists() or live.stat().st_size == 0:
        return False
    try:
        with live.open("rb") as handle:
            if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
                return False
        probe = sqlite3.connect(f"file:{live}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S)
        try:
            probe.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            probe.close()
    except (sqlite3.Error, OSError):
        return False
    return True


def _fold_log(live: Path) -> None:
    """Every committed frame of the write-ahead log copied into the file (a passive
    checkpoint needs no lock, so it runs while ours is held), or DatabaseBusyError."""
    wal = Path(f"{live}-wal")
    if not wal.exists():
        return
    conn = sqlite3.connect(live, timeout=BUSY_TIMEOUT_S, isolation_level=None)
    try:
        for _ in range(CHECKPOINT_TRIES):
            _busy, frames, copied = conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
            if frames == copied or frames <= 0:
                return
            time.sleep(0.1)  # a reader still holds an old snapshot
    finally:
        conn.close()
    raise DatabaseBusyError(f"{live} is being read by another program; nothing was restored")


def _keep_aside(live: Path, aside: Path) -> Path | None:
    if not live.exists():
        return None
    try:
        os.link(live, aside)
    except OSError:  # a file system without hard links: copy (under the lock) instead
        import shutil  # noqa: PLC0415

        shutil.copy2(live, aside)
    fsync_folder(live.parent)
    return aside
