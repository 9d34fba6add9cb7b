"""A damaged database is read-only.

A file whose pages were cut off or overwritten can still answer some queries, and a write
that happens to touch only sound pages succeeds: svctrainer kept adding people and
importing into files that 'db check' called damaged, and backed such files up as if they
were good. Damage, once found, therefore sticks to the file and stops every write:

- found how: opening the database for the application runs SQLite's ``quick_check``
  (about 16 ms for the 19 MB demo; skipped above ``QUICK_CHECK_MAX_BYTES``, where the
  daily backup's full check of its copy finds it instead); ``db check`` runs the full
  ``integrity_check``; any query that meets a malformed page reports it; a backup checks
  its copy;
- remembered how: a mark beside the file, ``NAME.damaged`` (which file - device and
  inode - and the reason, one line), so the next command knows without checking again,
  whichever process found it. The file itself is never touched. A mark names the file it
  is about, so once a restore has put another file behind the name it no longer applies;
  a ``db check`` that finds the file sound clears it too.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path

QUICK_CHECK_MAX_BYTES = 512 * 1024 * 1024  # ~0.5 s of quick_check on this class of machine


def mark_path(db_file: Path) -> Path:
    return db_file.with_name(db_file.name + ".damaged")


def _identity(db_file: Path) -> str | None:
    try:
        st = os.stat(db_file)
    except OSError:
        return None
    return f"{st.st_dev}:{st.st_ino}"


def recorded_damage(db_file: Path) -> str | None:
    """Why the file now behind ``db_file`` was found damaged, if it was."""
    try:
        text = mark_path(db_file).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    which, _, reason = text.partition(" ")
    if which != _identity(db_file):
        return None  # about a file that has since been replaced (restored)
    return " ".join(reason.split())[:300] or "found damaged earlier"


def record_damage(db_file: Path, reason: str) -> None:
    """Remember the damage beside the file (best effort: read-only storage keeps none)."""
    which = _identity(db_file)
    if which is None:
        return
    with contextlib.suppress(OSError):
        fd = os.open(mark_path(db_file), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(f"{which} {' '.join(reason.split())[:300]}\n")


def clear_damage(db_file: Path) -> None:
    with contextlib.suppress(OSError):
        mark_path(db_file).unlink()


def quick_check(db_file: Path) -> str | None:
    """The first problem SQLite's quick_check finds (read-only), None if none. Files
    larger than ``QUICK_CHECK_MAX_BYTES`` are not read through here."""
    try:
        if db_file.stat().st_size > QUICK_CHECK_MAX_BYTES:
            return None
    except OSError:
        return None
    try:
        conn = sqlite3.connect(f"file:{db_file}?mode=ro", uri=True, timeout=10)
        try:
            rows = [r[0] for r in conn.execute("PRAGMA quick_check(5)").fetchall()]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        text = str(exc)
        if any(word in text.lower() for word in ("malformed", "not a database", "corrupt")):
            return text
        return None  # locked, busy, unreadable storage: the open itself will say so
    return None if rows == ["ok"] else "; ".join(rows[:3])
