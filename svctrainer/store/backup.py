"""Backups of the SQLite file with SQLite's online backup API.

The backup API copies a consistent snapshot even while another connection writes, which
a plain file copy of a WAL database does not. Backups are kept beside the database with a
rotation (7 daily, 4 weekly); manual and pre-restore copies are never rotated away.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from svctrainer.core.output_files import OutputFile, OutputFileError
from svctrainer.locations import backup_dir_for
from svctrainer.store.damage import record_damage, recorded_damage
from svctrainer.store.errors import DatabaseCorruptError, StorageFullError, StoreError

KEEP_DAILY = 7
KEEP_WEEKLY = 4
KEEP_PRE_MIGRATION = 5
_NAME_RE = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}T\d{6}Z)-(?P<reason>[a-z-]+)\.sqlite3$")


@dataclass(frozen=True, slots=True)
class BackupFile:
    path: Path
    taken_at: datetime
    reason: str  # "daily" | "manual" | "pre-migration" | "pre-restore"
    size: int


def backup_sqlite(
    source: Path, dest: Path, progress: Callable[[int, int], None] | None = None
) -> None:
    """Copy ``source`` to ``dest`` page by page with the online backup API.

    The copy is made in a private (0600) temporary file beside ``dest``, passes
    ``PRAGMA integrity_check`` (a backup of a damaged file is no backup: it fails loudly,
    and the damage is noted beside the source, store/damage.py) and is renamed over
    ``dest`` only then; ``dest`` must be a new name or a regular file (never a FIFO, a
    device or a symbolic link: ``core.output_files``)."""
    damage = recorded_damage(source)
    if damage is not None:
        raise DatabaseCorruptError(f"{source} is damaged ({damage}); it cannot be backed up")
    dest.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    out = OutputFile(dest)
    try:
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=10)
        try:
            dst = sqlite3.connect(out.temp)
            try:
                src.backup(
                    dst,
                    pages=256,
                    progress=(lambda _s, remaining, total: progress(total - remaining, total))
                    if progress
                    else None,
                )
                # The copy takes the live file's WAL mode; a backup is read, never
                # written, and a read-only check of a WAL file leaves a -wal and -shm it
                # cannot remove (stray files named after the temporary one). Opening a
                # restored file puts it back in WAL mode (store/database.py).
                dst.execute("PRAGMA journal_mode=DELETE")
            finally:
                dst.close()
        finally:
            src.close()
        problem = verify_sqlite_file(out.temp)
        if problem != "ok":
            record_damage(source, problem)
            raise DatabaseCorruptError(
                f"{source} is damaged ({problem}); its copy failed the integrity check, so "
                "no backup was made"
            )
        out.put_in_place()
    except sqlite3.DatabaseError as exc:
        text = str(exc).lower()
        if "full" in text:
            raise StorageFullError(f"no space left to back up {source} into {dest.parent}") from exc
        if "malformed" in text or "not a database" in text:
            record_damage(source, str(exc))
            raise DatabaseCorruptError(f"{source} is damaged; it cannot be backed up") from exc
        raise StoreError(f"backup of {source} failed: {exc}") from exc
    except OutputFileError:
        raise
    except OSError as exc:
        raise StoreError(f"backup of {source} into {dest.parent} failed: {exc.strerror}") from exc
    finally:
        out.discard()


def take_backup(db_file: Path, reason: str, now: datetime | None = None) -> Path:
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    dest = backup_dir_for(db_file) / f"{db_file.stem}-{stamp}-{reason}.sqlite3"
    backup_sqlite(db_file, dest)
    return dest


def list_backups(db_file: Path) -> list[BackupFile]:
    """Newest first."""
    folder = backup_dir_for(db_file)
    found: list[BackupFile] = []
    if not folder.is_dir():
        return found
    for path in folder.iterdir():
        match = _NAME_RE.match(path.name)
        if not match or match["stem"] != db_file.stem:
            continue
        taken = datetime.strptime(match["stamp"], "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
        found.append(BackupFile(path, taken, match["reason"], path.stat().st_size))
    found.sort(key=lambda b: b.taken_at, reverse=True)
    return found


def daily_backup_if_due(db_file: Path, now: datetime | None = None) -> Path | None:
    """At most one automatic backup per UTC day, then rotate."""
    now = now or datetime.now(UTC)
    if not db_file.exists() or db_file.stat().st_size == 0:
        return None
    if any(b.reason == "daily" and b.taken_at.date() == now.date() for b in list_backups(db_file)):
        return None
    path = take_backup(db_file, "daily", now)
    rotate(db_file, now)
    return path


def rotate(db_file: Path, now: datetime | None = None) -> list[Path]:
    """Delete daily backups beyond 7 days' newest + 4 weeks' newest, and old pre-migration
    copies beyond the last 5, but never the newest good backup. Returns what was deleted."""
    now = now or datetime.now(UTC)
    backups = list_backups(db_file)
    keep: set[Path] = set()
    daily = [b for b in backups if b.reason == "daily"]
    days_seen: set[object] = set()
    weeks_seen: set[object] = set()
    for b in daily:  # newest first
        day = b.taken_at.date()
        if len(days_seen) < KEEP_DAILY and day not in days_seen:
            days_seen.add(day)
            keep.add(b.path)
            continue
        week = b.taken_at.isocalendar()[:2]
        if (
            len(weeks_seen) < KEEP_WEEKLY
            and week not in weeks_seen
            and now - b.taken_at <= timedelta(weeks=KEEP_WEEKLY + 2)
        ):
            weeks_seen.add(week)
            keep.add(b.path)
    pre = [b for b in backups if b.reason == "pre-migration"]
    keep.update(b.path for b in pre[:KEEP_PRE_MIGRATION])
    # Whatever the rules say, the newest backup that passes its integrity check stays:
    # rotation must never leave a branch with only damaged copies.
    good = next((b.path for b in backups if verify_sqlite_file(b.path) == "ok"), None)
    if good is not None:
        keep.add(good)
    deleted: list[Path] = []
    for b in backups:
        if b.reason in ("daily", "pre-migration") and b.path not in keep:
            b.path.unlink(missing_ok=True)
            deleted.append(b.path)
    return deleted


def verify_sqlite_file(path: Path) -> str:
    """Run ``PRAGMA integrity_check`` read-only; returns "ok" or the first problem."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)
        try:
            rows = conn.execute("PRAGMA integrity_check").fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return str(exc)
    messages = [r[0] for r in rows]
    return "ok" if messages == ["ok"] else "; ".join(messages[:5])
