"""Knowing when svctrainer is already open on this computer with the same database.

Two windows on one SQLite file are safe (WAL, a busy timeout and IMMEDIATE write
transactions; tests/reliability proves two writers lose nothing), so a second instance
is allowed, and told so, rather than refused. The lock is a QLockFile in the data
folder, one per database, released when the process ends (even by a crash: a stale lock
is detected by its PID).
"""

from __future__ import annotations

import hashlib

from PySide6.QtCore import QLockFile

from svctrainer.locations import data_dir


class InstanceLock:
    def __init__(self, database_label: str) -> None:
        folder = data_dir()
        folder.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256(database_label.encode("utf-8")).hexdigest()[:16]
        self._lock = QLockFile(str(folder / f"open-{digest}.lock"))
        self._lock.setStaleLockTime(0)  # only a dead owner makes a lock stale
        self.first = self._lock.tryLock(0)

    def release(self) -> None:
        if self.first:
            self._lock.unlock()
            self.first = False
